import CSystem
import Foundation


/// The only code that writes the site. The next version of the site is prepared in a staging
/// folder beside the output, and `commit` swaps the two with one atomic rename, so a failed,
/// interrupted or killed build leaves the previous output complete and unchanged.
///
/// After the swap the previous version stays as the staging folder of the next build
/// (`.public.bantin-staging`): its folders are reused and its files, hard links to the output's
/// where nothing changed, are brought up to date one by one. So a rebuild touches only what
/// changed, and a file whose bytes did not change keeps its inode and modification time, so
/// `rsync -a` or an FTP sync uploads only what changed. Every file in the staging folder is
/// checked against the output before it is trusted, so a staging folder left by a killed build
/// is safe to reuse; deleting it costs only speed.
public final class OutputFolder: Sendable {
    public static let markerName = ".bantin-output"
    static let markerText: StaticString = "Made by Bantin (site build). Bantin replaces this folder on every build.\n"

    /// Whether `folder` holds the marker as Bantin writes it: a regular file with exactly its
    /// text. An empty or other file of that name proves nothing and does not make a folder
    /// Bantin's to empty.
    static func hasMarker(_ folder: String) -> Bool {
        let path = folder + "/" + markerName
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == markerText.utf8CodeUnitCount,
              let bytes = FileBytes.read(path) else { return false }
        return markerText.withUTF8Buffer { $0.elementsEqual(bytes) }
    }

    public struct Counts: Sendable, Equatable {
        public var added = 0, changed = 0, unchanged = 0, removed = 0
        public var written: Int { added + changed + unchanged }
    }

    public let output: URL
    let staging: URL
    private let outputPath: String
    private let stagingPath: String
    private let lockDescriptor: Int32
    /// The output folder, opened once: its files are looked up relative to it (a shorter path
    /// walk for each of tens of thousands of files). -1 if not there.
    private let outputDescriptor: Int32
    private let state = Locked(State())
    /// The files the staging folder held when this build began (the version before last), with
    /// links already removed. Listed against its record while the build loads its sources.
    private let stagedAtStart: Background<StagedTree>
    /// The records of both trees kept by the last build (`TreeRecord`), and where.
    private let storedRecords: Background<TreeRecord.Stored>
    private let treeRecordsPath: String
    /// What the output holds now (the last version, and anything added to it by hand), listed
    /// when asked (`listOutput`): only a build that may write nothing needs it, to tell. Listed
    /// right away when there is no record of the output to count removed files with.
    private let outputWithoutRecord: Background<ListedTree?>
    private let outputListing = Locked<Background<ListedTree>?>(nil)
    /// How many files the output holds now, its marker aside (files added by hand included),
    /// for the report's removed files: counted against its record when asked
    /// (`startCountingOutput`), when the output is not listed.
    private let outputFileCount = Locked<Background<Int>?>(nil)

    struct ListedTree: Sendable {
        var listing: FileTree.Listing
        var record: TreeRecord
    }

    /// What `commit` leaves for the records of the two trees.
    private struct CommittedRecords: Sendable {
        let staged: StagedTree
        let written: [String: FileStamp]
        let changed: Set<String>
        /// Staged folders `commit` removed (emptied).
        let removed: Set<String>
        /// The time just before the swap: a folder changed after it (by hand, in the output) is
        /// not vouched for.
        let swappedAt: Int64
        /// The old output's, when it was listed (it becomes the staging folder).
        let staging: TreeRecord?
    }

    /// A class: every written file looks at it, and a struct would be copied each time.
    private final class StagedTree: Sendable {
        let listing: FileTree.Listing
        let record: TreeRecord
        /// Each staged file's inode, from the listing: tells whether it is the output's file already.
        let inodes: [String: UInt64]
        /// Folders whose links were removed.
        let changed: Set<String>
        /// Every folder the staging folder held (the root aside).
        let folders: Set<String>

        init(listing: FileTree.Listing, record: TreeRecord, inodes: [String: UInt64], changed: Set<String>) {
            self.listing = listing
            self.record = record
            self.inodes = inodes
            self.changed = changed
            self.folders = Set(listing.folders)
        }
    }

    private struct State {
        /// Staging folders this build changed: their record is dropped, they are read next time.
        var changedFolders: Set<String> = []
        /// Every file this build claimed, with the stamp it will have in the output (the swap
        /// keeps inodes and times), `FileStamp.claimed` until it is written.
        var files: [String: FileStamp] = [:]
        var unlocked = false
        /// Set by `commit`: what the records of the trees it left are made from (the staging
        /// folder's record nil when it is the output's as stored). The output's is made after the
        /// swap, beside the saving of the cache (`saveTreeRecords`).
        var committedRecords: CommittedRecords?
        var counts = Counts()
    }

    /// Checks that `output` is safe to replace, takes the build lock and clears leftovers of killed builds.
    public init(output: URL, siteRoot: URL, force: Bool, homeDirectory: URL?) throws(Diagnostic) {
        guard let realOutput = RealPath.resolve(output.standardizedFileURL.path) else {
            throw Diagnostic.error(
                "unsafe-output", "refusing to write the site to \(output.path): a symbolic link on the way points nowhere or to itself",
                hint: "give --output as a path without links, or fix the link", at: nil)
        }
        let output = URL(fileURLWithPath: realOutput)
        let root = URL(fileURLWithPath: RealPath.resolve(siteRoot.standardizedFileURL.path) ?? siteRoot.standardizedFileURL.path)
        try Self.checkSafe(output: output, siteRoot: root, home: homeDirectory.map { URL(fileURLWithPath: RealPath.resolve($0.standardizedFileURL.path) ?? $0.path) }, force: force)
        self.output = output
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw Diagnostic.error("output", "cannot create \(parent.path): \(error.localizedDescription)", at: nil)
        }
        let lockPath = parent.appendingPathComponent(".\(name).bantin-lock").path
        // The lock, the staging folder and the cache are Bantin's own, beside the output: a
        // symbolic link planted under one of their names is removed, never followed.
        for own in [lockPath, parent.appendingPathComponent(".\(name).bantin-cache").path] {
            var info = stat()
            if lstat(own, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK { unlink(own) }
        }
        let fd = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw Diagnostic.error("output", "cannot create the lock file \(lockPath): \(String(cString: strerror(errno)))", at: nil) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw Diagnostic.error("output", "another build is writing \(output.path)", hint: "wait for it to finish", at: nil)
        }
        lockDescriptor = fd
        staging = parent.appendingPathComponent(".\(name).bantin-staging")
        outputPath = output.path
        stagingPath = staging.path
        // Without an atomic exchange, a build killed between its two renames left the previous
        // site only in the "-old" folder: put it back first.
        // Only a real folder: a link planted under that name would become the output.
        let old = stagingPath + "-old"
        var outputInfo = stat(), oldInfo = stat()
        if lstat(outputPath, &outputInfo) != 0, lstat(old, &oldInfo) == 0, (oldInfo.st_mode & S_IFMT) == S_IFDIR {
            rename(old, outputPath)
        }
        // Older builds used one staging folder per process: remove any left by a killed build.
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where entry.hasPrefix(".\(name).bantin-staging-") {
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
        }
        var info = stat()
        if lstat(stagingPath, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR {
            unlink(stagingPath)
        }
        guard Self.makeFolders(stagingPath) else {
            close(fd)
            throw Diagnostic.error("output", "cannot create the staging folder \(stagingPath): \(String(cString: strerror(errno)))", at: nil)
        }
        // Links (left by someone in the output, which became this folder) are removed before
        // anything is written here (`prepare` waits for it), so no write can go through one.
        treeRecordsPath = parent.appendingPathComponent(".\(name).bantin-cache/trees.bin").path
        let records = Background { [treeRecordsPath] in TreeRecord.load(treeRecordsPath) }
        storedRecords = records
        stagedAtStart = Background { [stagingPath] in
            let known = records.value.staging.flatMap { TreeRecord($0) } ?? TreeRecord()
            var (listing, record) = FileTree.listing(under: stagingPath, record: known)
            var changed: Set<String> = []
            // Those that cannot be removed stay listed.
            listing.others = listing.others.filter { other in
                changed.insert(Self.folder(of: other))
                return unlink(stagingPath + "/" + other) != 0
            }
            let inodes = Dictionary(zip(listing.files, listing.inodes), uniquingKeysWith: { first, _ in first })
            return StagedTree(listing: listing, record: record, inodes: inodes, changed: changed)
        }
        outputWithoutRecord = Background { [outputPath] in
            guard records.value.output == nil else { return nil }
            let (listing, record) = FileTree.listing(under: outputPath, record: TreeRecord())
            return ListedTree(listing: listing, record: record)
        }
        outputDescriptor = open(outputPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
    }

    deinit {
        unlock()
    }

    /// Ends this build's hold on the output; then what the folder holds in memory (listings of
    /// tens of thousands of files) may be freed on another thread.
    func unlock() {
        // The listings may still run (a build that stopped early): they must be done, the
        // staging folder's links removed, before another build may take the lock.
        _ = stagedAtStart.value
        _ = outputWithoutRecord.value
        _ = outputFileCount.withLock { $0 }?.value
        _ = outputListing.withLock { $0 }?.value
        let wasLocked = state.withLock { state in
            defer { state.unlocked = true }
            return !state.unlocked
        }
        guard wasLocked else { return }
        close(lockDescriptor)
        if outputDescriptor >= 0 { close(outputDescriptor) }
    }

    static func checkSafe(output: URL, siteRoot: URL, home: URL?, force: Bool) throws(Diagnostic) {
        let path = output.path
        func refuse(_ why: String) -> Diagnostic {
            .error("unsafe-output", "refusing to write the site to \(path): \(why)", hint: "choose an empty folder or the default public/ with --output", at: nil)
        }
        func isSameOrInside(_ a: String, _ b: String) -> Bool { a == b || a.hasPrefix(b.hasSuffix("/") ? b : b + "/") }
        if path == "/" { throw refuse("it is the root of the file system") }
        if let home, path == home.path { throw refuse("it is the home folder") }
        if isSameOrInside(siteRoot.path, path) { throw refuse("it is the site's source folder or contains it") }
        for protected in ["content", "templates"] where isSameOrInside(path, RealPath.resolve(siteRoot.appendingPathComponent(protected).path) ?? siteRoot.appendingPathComponent(protected).path) {
            throw refuse("it is inside the site's \(protected)/ folder")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw refuse("it is a file, not a folder") }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        if !entries.isEmpty, !force, !hasMarker(path) {
            throw Diagnostic.error(
                "unsafe-output",
                entries.contains(markerName)
                    ? "refusing to replace \(path): its \(markerName) file is not the one Bantin writes, so it may not be Bantin's folder"
                    : "refusing to replace \(path): it is not empty and was not made by Bantin",
                hint: "choose another --output, or pass --force to replace it (its current files will be deleted)", at: nil)
        }
    }

    /// A site path is safe if it names a file strictly inside the output folder.
    static func isSafe(_ sitePath: String) -> Bool {
        // Checked on the bytes, one segment at a time: it runs for every file of every build.
        var path = sitePath
        return path.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            var start = 0
            for index in 0...bytes.count {
                let byte = index < bytes.count ? base[index] : UInt8(ascii: "/")
                if byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\\") { return false }
                if byte == UInt8(ascii: "/") {
                    guard isSafeSegment(base + start, count: index - start) else { return false }
                    start = index + 1
                }
            }
            return true
        }
    }

    private static func isSafeSegment(_ segment: UnsafePointer<UInt8>, count: Int) -> Bool {
        switch count {
        case 0: return false
        case 1: return segment[0] != 0x2E
        case 2: return segment[0] != 0x2E || segment[1] != 0x2E
        // The marker's name starts with a dot: other segments are never compared with it.
        default: return segment[0] != 0x2E || count != markerName.utf8.count || !markerName.utf8.elementsEqual(UnsafeBufferPointer(start: segment, count: count))
        }
    }

    @discardableResult
    func write(_ sitePath: String, _ data: Data) throws(Diagnostic) -> FileStamp {
        try data.withUnsafeBytes { bytes in Result { () throws(Diagnostic) in try write(sitePath, bytes: bytes) } }.get()
    }

    @discardableResult
    func write(_ sitePath: String, _ text: String) throws(Diagnostic) -> FileStamp {
        var text = text
        return try text.withUTF8 { bytes in Result { () throws(Diagnostic) in try write(sitePath, bytes: UnsafeRawBufferPointer(bytes)) } }.get()
    }

    private func write(_ sitePath: String, bytes: UnsafeRawBufferPointer) throws(Diagnostic) -> FileStamp {
        let target = try prepare(sitePath)
        let previous = outputPath + "/" + sitePath
        let (change, previousStamp) = compare(previous: previous, sitePath: sitePath, with: bytes)
        if change == .unchanged, let previousStamp, try placeLink(to: previous, inode: previousStamp.inode, at: target, sitePath: sitePath) {
            record(sitePath, previousStamp, .unchanged)
            return previousStamp
        }
        // Nothing staged there yet (the usual case in a first build): the new file is a new inode
        // already, written in place.
        let folder = Self.folder(of: sitePath)
        markChanged(folder)
        // A page's folder the staging folder did not have (all of them in a first build) is made
        // first, rather than after an open that fails for want of it.
        if sitePath.hasSuffix("/index.html"), !stagedAtStart.value.folders.contains(folder) { try makeFolder(of: sitePath) }
        var stamp = Self.writeNewFile(target, bytes)
        if stamp == nil, errno == ENOENT || errno == ENOTDIR {
            try makeFolder(of: sitePath)
            stamp = Self.writeNewFile(target, bytes)
        }
        if stamp == nil, errno == EEXIST {
            // Something is staged there, maybe a hard link to the output's file: never written
            // through, but replaced by a new file.
            let temporary = target + ".bantin-tmp"
            unlink(temporary)
            stamp = Self.writeNewFile(temporary, bytes)
            if stamp == nil || !(rename(temporary, target) == 0 || (Self.clear(target) && rename(temporary, target) == 0)) {
                unlink(temporary)
                stamp = nil
            }
        }
        guard let stamp else {
            throw Diagnostic.error("output", "cannot write \(target): \(String(cString: strerror(errno)))", at: nil)
        }
        record(sitePath, stamp, change == .unchanged ? .changed : change)
        return stamp
    }

    /// Reuses the previous build's file if it is still as that build left it (same stamp):
    /// no reading, no rendering. False if it cannot be reused.
    func keep(_ sitePath: String, previous stamp: FileStamp) throws(Diagnostic) -> Bool {
        guard outputStamp(sitePath) == stamp else { return false }
        let previous = outputPath + "/" + sitePath
        let target = try prepare(sitePath)
        guard try placeLink(to: previous, inode: stamp.inode, at: target, sitePath: sitePath) else {
            _ = state.withLock { $0.files.removeValue(forKey: sitePath) }
            return false
        }
        record(sitePath, stamp, .unchanged)
        return true
    }

    /// Starts listing what the output holds now, on another thread (once).
    func startListingOutput() {
        outputListing.withLock { listing in
            guard listing == nil else { return }
            listing = Background { [outputPath, storedRecords, outputWithoutRecord] in
                if let listed = outputWithoutRecord.value { return listed }
                let known = storedRecords.value.output.flatMap { TreeRecord($0) } ?? TreeRecord()
                let (listing, record) = FileTree.listing(under: outputPath, record: known)
                return ListedTree(listing: listing, record: record)
            }
        }
    }

    /// What the output holds now, listed once.
    func listOutput() -> ListedTree {
        startListingOutput()
        return outputListing.withLock { $0! }.value
    }

    /// The output's listing if it was made, without making it.
    private var outputIfListed: ListedTree? {
        outputWithoutRecord.value ?? outputListing.withLock { $0 }?.value
    }

    /// Whether the output's file is still the previous build's (`stamp`) and the staged file is
    /// that file already: then `claimKept` takes it as it is. Looks, changes nothing.
    func isKept(_ sitePath: String, previous stamp: FileStamp) -> Bool {
        Self.isSafe(sitePath) && outputStamp(sitePath) == stamp && stagedAtStart.value.inodes[sitePath] == stamp.inode
    }

    /// Claims files found `isKept` (which checked their paths), many at once: one lock for
    /// thousands of pages.
    func claimKept(_ files: [(sitePath: String, stamp: FileStamp)]) throws(Diagnostic) {
        let duplicate = state.withLock { state -> String? in
            state.files.reserveCapacity(state.files.count + files.count)
            for file in files {
                if state.files.updateValue(file.stamp, forKey: file.sitePath) != nil { return file.sitePath }
            }
            state.counts.unchanged += files.count
            return nil
        }
        if let duplicate { throw Self.duplicate(duplicate) }
    }

    /// Makes the staged file the output's file itself (same inode); usually it already is.
    private func placeLink(to previous: String, inode previousInode: UInt64, at target: String, sitePath: String) throws(Diagnostic) -> Bool {
        // The staging folder and the output are siblings, so one device: the inode says it all.
        // Nothing but this call changes a claimed path, so the listing's inode is still the file's.
        if stagedAtStart.value.inodes[sitePath] == previousInode { return true }
        let temporary = target + ".bantin-tmp"
        unlink(temporary)
        if link(previous, temporary) != 0 {
            guard errno == ENOENT || errno == ENOTDIR else { return false }
            try makeFolder(of: sitePath)
            guard link(previous, temporary) == 0 else { return false }
        }
        markChanged(Self.folder(of: sitePath))
        guard rename(temporary, target) == 0 || (Self.clear(target) && rename(temporary, target) == 0) else {
            unlink(temporary)
            return false
        }
        return true
    }

    /// Every file of this build, with the stamp it will have in the output.
    var writtenStamps: [String: FileStamp] { state.withLock { $0.files } }

    /// Copies a file (assets, images beside articles) into the output.
    public func copy(from source: URL, to sitePath: String) throws(Diagnostic) {
        guard let data = FileManager.default.contents(atPath: source.path) else {
            throw Diagnostic.error("io", "cannot read \(source.path)", at: nil)
        }
        try write(sitePath, data)
    }

    private enum Change { case added, changed, unchanged }

    /// How the output's file differs from `bytes`, and its stamp.
    private func compare(previous path: String, sitePath: String, with bytes: UnsafeRawBufferPointer) -> (Change, FileStamp?) {
        guard let info = outputStat(sitePath) else { return (.added, nil) }
        let stamp = FileStamp(info)
        guard Int(info.st_size) == bytes.count, let old = FileBytes.read(path) else { return (.changed, stamp) }
        let same = old.withUnsafeBytes { $0.hasSameBytes(as: bytes) }
        return (same ? .unchanged : .changed, stamp)
    }

    /// The stamp of the output's regular file at `sitePath` as it is now; nil if there is none.
    func outputStamp(_ sitePath: String) -> FileStamp? {
        outputStat(sitePath).map(FileStamp.init)
    }

    /// `stat` of the output's regular file at `sitePath`; nil if there is none.
    private func outputStat(_ sitePath: String) -> stat? {
        var info = stat()
        // A link put where a page is is not the page: never followed, never kept.
        guard outputDescriptor >= 0, sitePath.withCString({ fstatat(outputDescriptor, $0, &info, AT_SYMLINK_NOFOLLOW) }) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return info
    }

    /// The folder a site path is in, "" for the root.
    static func folder(of sitePath: String) -> String {
        String(sitePath.parentFolder)
    }

    private func markChanged(_ folder: String) {
        _ = state.withLock { $0.changedFolders.insert(folder) }
    }

    private func record(_ sitePath: String, _ stamp: FileStamp, _ change: Change) {
        state.withLock {
            $0.files[sitePath] = stamp
            switch change {
            case .added: $0.counts.added += 1
            case .changed: $0.counts.changed += 1
            case .unchanged: $0.counts.unchanged += 1
            }
        }
    }

    /// Claims the path: two outputs may not write the same file.
    private func prepare(_ sitePath: String) throws(Diagnostic) -> String {
        _ = stagedAtStart.value
        try checkSafe(sitePath)
        let claimed = state.withLock { $0.files.updateValue(.claimed, forKey: sitePath) == nil }
        guard claimed else { throw Self.duplicate(sitePath) }
        return stagingPath + "/" + sitePath
    }

    private func checkSafe(_ sitePath: String) throws(Diagnostic) {
        guard Self.isSafe(sitePath) else {
            throw Diagnostic.error("unsafe-path", "refusing to write \"\(sitePath)\": it would land outside the output folder", at: nil)
        }
    }

    private static func duplicate(_ sitePath: String) -> Diagnostic {
        .error("duplicate-output", "two pages would be written to \(sitePath)", hint: "an article's permalink may clash with another page; change its slug", at: nil)
    }

    /// Creates the folder of a staged file, when writing it found the folder missing (the staging
    /// folder usually has it from the previous version already).
    private func makeFolder(of sitePath: String) throws(Diagnostic) {
        let folder = sitePath.parentFolder
        state.withLock { state in
            var ancestor = Substring(folder)
            while true {
                state.changedFolders.insert(String(ancestor))
                guard let slash = ancestor.lastSlashIndex() else { break }
                ancestor = ancestor[..<slash]
            }
            state.changedFolders.insert("")
        }
        guard Self.makeFolders(stagingPath + "/" + folder, within: stagingPath) else {
            throw Diagnostic.error("output", "cannot create \(folder) in the output: \(String(cString: strerror(errno)))", at: nil)
        }
    }

    /// Removes whatever is at `path` (a file, or a folder a previous version had there).
    private static func clear(_ path: String) -> Bool {
        (try? FileManager.default.removeItem(atPath: path)) != nil
    }

    /// `mkdir -p` with plain system calls (Foundation's stats every component of every path). Below
    /// `within`, a file standing where a folder is needed (left by a previous version) is removed.
    private static func makeFolders(_ path: String, within root: String? = nil) -> Bool {
        if mkdir(path, 0o755) == 0 { return true }
        if errno == EEXIST {
            var info = stat()
            if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { return true }
            guard let root, path.hasPrefix(root + "/"), unlink(path) == 0 else { return false }
            return mkdir(path, 0o755) == 0
        }
        if errno == ENOTDIR, let root, let slash = path.lastIndex(of: "/"), path.hasPrefix(root + "/") {
            return makeFolders(String(path[..<slash]), within: root) && mkdir(path, 0o755) == 0
        }
        guard errno == ENOENT, let slash = path.lastIndex(of: "/"), slash > path.startIndex else { return false }
        return makeFolders(String(path[..<slash]), within: root) && (mkdir(path, 0o755) == 0 || errno == EEXIST)
    }

    /// Always a new file (a new inode): whatever stood at `path` in the staging folder may be a
    /// hard link to the output's file, which must never be written through. Fails (nil) if
    /// `path` exists; returns the new file's stamp.
    private static func writeNewFile(_ path: String, _ bytes: UnsafeRawBufferPointer) -> FileStamp? {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 { if errno == EINTR { continue } else { return nil } }
            offset += written
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        return FileStamp(info)
    }

    /// Removes what the previous version had and this one does not, then puts the staged site in
    /// place of the output in one step; the previous output becomes the next staging folder.
    public func commit() throws(Diagnostic) -> Counts {
        let (written, counts) = state.withLock { ($0.files, $0.counts) }
        let listedOutput = outputIfListed
        var removed = 0
        if let listedOutput {
            for file in listedOutput.listing.files where file != Self.markerName && written[file] == nil { removed += 1 }
        } else {
            // Files the output had that this build did not write again.
            removed = max(0, startCountingOutput().value - counts.changed - counts.unchanged)
        }
        let staged = stagedAtStart.value
        var changed = staged.changed.union(state.withLock { $0.changedFolders })
        changed.insert("")
        // Hidden files too, and emptied folders: nothing but what this build wrote may reach the
        // output. A folder can only have become empty if a file below it was removed, or if it
        // held no file to begin with: only those are tried, deepest first (`rmdir` leaves a
        // folder that still holds something).
        var emptied: Set<String> = []
        func addWithAncestors(_ folder: String) {
            var folder = folder
            while !folder.isEmpty, emptied.insert(folder).inserted { folder = Self.folder(of: folder) }
        }
        for stale in staged.listing.files where written[stale] == nil {
            unlink(stagingPath + "/" + stale)
            changed.insert(Self.folder(of: stale))
            addWithAncestors(Self.folder(of: stale))
        }
        let record = staged.record
        for index in record.folders.indices.dropFirst() where record.fileStarts[index] == record.fileEnds[index] && record.subtreeEnds[index] == index + 1 {
            addWithAncestors(record.folders[index])
        }
        var removedFolders: Set<String> = []
        for folder in emptied.sorted(by: { $0.utf8.count > $1.utf8.count }) where rmdir(stagingPath + "/" + folder) == 0 {
            changed.insert(folder)
            changed.insert(Self.folder(of: folder))
            removedFolders.insert(folder)
        }
        // What each tree will hold, for the next build: the staged tree as this build left it,
        // the output as it was listed (it becomes the staging folder).
        // The output's record passes on as it was read when the output was not listed: the next
        // build checks every folder of it anyway.
        let records = CommittedRecords(
            staged: staged, written: written, changed: changed, removed: removedFolders, swappedAt: FolderStamp.now, staging: listedOutput?.record)
        state.withLock { $0.committedRecords = records }
        let marker = stagingPath + "/" + Self.markerName
        unlink(marker)
        // The output's own marker, linked, when it is as Bantin writes it: the marker keeps its
        // inode and time from build to build, so a sync does not upload it every time.
        let kept = Self.hasMarker(outputPath) && link(outputPath + "/" + Self.markerName, marker) == 0
        guard kept || Self.markerText.withUTF8Buffer({ Self.writeNewFile(marker, UnsafeRawBufferPointer($0)) }) != nil else {
            throw Diagnostic.error("output", "cannot write in \(stagingPath): \(String(cString: strerror(errno)))", at: nil)
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: outputPath, isDirectory: &isDirectory) {
            if bantin_exchange_paths(stagingPath, outputPath) != 0 {
                // No atomic exchange here (not Linux, or an old kernel): two renames, a moment apart.
                let old = stagingPath + "-old"
                try? FileManager.default.removeItem(atPath: old)
                guard rename(outputPath, old) == 0 else {
                    throw Diagnostic.error("output", "cannot replace \(outputPath): \(String(cString: strerror(errno)))", at: nil)
                }
                guard rename(stagingPath, outputPath) == 0 else {
                    let why = String(cString: strerror(errno))
                    rename(old, outputPath)
                    throw Diagnostic.error("output", "cannot replace \(outputPath): \(why)", at: nil)
                }
                rename(old, stagingPath)
            }
        } else if rename(stagingPath, outputPath) != 0 {
            throw Diagnostic.error("output", "cannot move the site into \(outputPath): \(String(cString: strerror(errno)))", at: nil)
        }
        return state.withLock { state in
            state.counts.removed = removed
            return state.counts
        }
    }

    /// The record of the staged tree as this build left it, now the output. After a few changes, the record it
    /// was listed with less the stamps of the changed folders (read again next time). After many
    /// (a first build, a new template), a record made from the files this build placed, with the
    /// stamps of the folders it changed taken now: otherwise the next build would read every
    /// folder of the site again.
    private func outputRecord(_ committed: CommittedRecords) -> TreeRecord {
        let (staged, written, changed) = (committed.staged, committed.written, committed.changed)
        guard changed.count > 256 || changed.count * 4 > staged.record.folders.count else { return staged.record.forgetting(changed) }
        var untrusted: Set<Substring> = [""]
        for other in staged.listing.others { untrusted.insert(other.parentFolder) }
        var files: [(path: String, inode: UInt64)] = []
        files.reserveCapacity(written.count)
        for (path, stamp) in written {
            // A file claimed but never written: its inode is not known.
            if stamp == .claimed { untrusted.insert(path.parentFolder) }
            files.append((path, stamp.inode))
        }
        // Staged folders still there (one commit could not empty, say) are recorded too; those
        // holding no file of this build are read next time.
        let remaining = staged.listing.folders.filter { !committed.removed.contains($0) }
        var recorded: [String: FolderStamp] = [:]
        for (index, folder) in staged.record.folders.enumerated() where !changed.contains(folder) {
            if let stamp = staged.record.stamps[index] { recorded[folder] = stamp }
        }
        let root = open(outputPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if root >= 0 { close(root) } }
        let now = committed.swappedAt
        return TreeRecord(files: files, folders: remaining) { [untrusted, recorded] folder in
            guard root >= 0, !untrusted.contains(Substring(folder)) else { return nil }
            if let stamp = recorded[folder] { return stamp }
            var info = stat()
            guard folder.withCString({ fstatat(root, $0, &info, AT_SYMLINK_NOFOLLOW) }) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
            let stamp = FolderStamp(info)
            return stamp.isSettled(now: now) ? stamp : nil
        }
    }

    /// Starts counting the output's files on another thread (once), for `commit`; a build that
    /// will write something starts it while it builds its model.
    @discardableResult
    func startCountingOutput() -> Background<Int> {
        outputFileCount.withLock { count in
            if let count { return count }
            let started = Background { [outputPath, storedRecords, outputWithoutRecord] in
                // Without a record, the output is being listed anyway.
                if let listed = outputWithoutRecord.value { return listed.listing.files.filter { $0 != Self.markerName }.count }
                if let block = storedRecords.value.output, let files = TreeRecord.countFiles(under: outputPath, block: block) {
                    var marker = stat()
                    return files - (lstat(outputPath + "/" + Self.markerName, &marker) == 0 ? 1 : 0)
                }
                return FileTree.listing(under: outputPath, record: TreeRecord()).0.files.filter { $0 != Self.markerName }.count
            }
            count = started
            return started
        }
    }

    /// Keeps the records of both trees for the next build's listings: after `commit`, or as they
    /// were listed when the build wrote nothing.
    func saveTreeRecords() {
        let (committed, changed) = state.withLock { ($0.committedRecords, $0.changedFolders) }
        let output: TreeRecord.Block, staging: TreeRecord.Block
        if let committed {
            output = outputRecord(committed).encoded()
            guard let block = committed.staging?.encoded() ?? storedRecords.value.output else { return }
            staging = block
        } else {
            let staged = stagedAtStart.value
            let listed = listOutput()
            // Every folder as recorded, nothing changed: the stored records still hold.
            if listed.listing.foldersRead == 0, staged.listing.foldersRead == 0, staged.changed.isEmpty, changed.isEmpty { return }
            output = listed.record.encoded()
            staging = staged.record.forgetting(staged.changed.union(changed)).encoded()
        }
        mkdir(URL(fileURLWithPath: treeRecordsPath).deletingLastPathComponent().path, 0o755)
        TreeRecord.save(output: output, staging: staging, to: treeRecordsPath)
    }

    /// Leaves the output as it was. The staging folder stays: the next build checks each of its files.
    public func abandon() {}
}

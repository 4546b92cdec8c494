import CSystem
import Foundation

/// What a build did to the output's files.
public struct OutputCounts: Sendable, Equatable {
    public var added = 0, changed = 0, unchanged = 0, removed = 0
    public var written: Int { added + changed + unchanged }
}

/// The next version of the site, written into a staging folder beside the output and swapped
/// with it in one atomic rename (`publish`): a failed, interrupted or killed build leaves the
/// output complete and unchanged. A file whose bytes the output holds already is hard-linked
/// from it rather than written, so it keeps its inode and modification time, and `rsync -a` or
/// an FTP sync uploads only what changed.
final class StagedSite: OutputSink {
    private let output: String
    private let staging: String
    /// The output as it is, opened once: its files are compared and linked relative to it.
    private let outputDescriptor: Int32
    /// The output's regular files and their inodes, listed without following any link: only
    /// those are compared or linked, so a link left in the output never brings in a file from elsewhere.
    private let outputFiles: Background<[String: UInt64]>
    private let madeFolders = Locked<Set<Substring>>([""])
    private let counts = Locked(OutputCounts())

    /// Starts a staging folder for `output` (a real path, checked by `OutputPolicy`, locked).
    init(output: String) throws(Diagnostic) {
        self.output = output
        staging = Self.stagingPath(of: output)
        // What a killed build left: Bantin's own folder, removed (a link there is removed, not followed).
        try? FileManager.default.removeItem(atPath: staging)
        guard mkdir(staging, 0o755) == 0 else {
            throw .error(.output, "cannot create the staging folder \(staging): \(String(cString: strerror(errno)))", at: nil)
        }
        outputDescriptor = open(output, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
        outputFiles = Background { [outputDescriptor, output] in
            guard outputDescriptor >= 0 else { return [:] }
            let listing = FileTree.listing(under: URL(fileURLWithPath: output), includingHidden: true, sorted: false)
            return Dictionary(zip(listing.files, listing.inodes), uniquingKeysWith: { first, _ in first })
        }
    }

    deinit {
        if outputDescriptor >= 0 { close(outputDescriptor) }
    }

    private static func stagingPath(of output: String) -> String {
        let url = URL(fileURLWithPath: output)
        return url.deletingLastPathComponent().path + "/.\(url.lastPathComponent).bantin-staging"
    }

    /// A build killed between the two renames of a swap without atomic exchange left the site
    /// only in the "-old" folder: put back before anything else, even by a build that then fails.
    /// Only a real folder: a link there would become the output.
    static func putBackSiteSetAside(output: URL) {
        guard let output = RealPath.resolve(output.standardizedFileURL.path) else { return }
        let old = stagingPath(of: output) + "-old"
        var outputInfo = stat(), oldInfo = stat()
        guard lstat(output, &outputInfo) != 0, lstat(old, &oldInfo) == 0, (oldInfo.st_mode & S_IFMT) == S_IFDIR,
              let lock = try? OutputLock(output: output) else { return }
        rename(old, output)
        withExtendedLifetime(lock) {}
    }

    func store(_ sitePath: String, _ bytes: UnsafeRawBufferPointer) throws(Diagnostic) {
        let target = staging + "/" + sitePath
        try makeFolder(sitePath.parentFolder)
        let inOutput = outputFiles.value[sitePath]
        if let inode = inOutput, outputHolds(sitePath, inode: inode, bytes), linkat(outputDescriptor, sitePath, AT_FDCWD, target, 0) == 0 {
            counts.withLock { $0.unchanged += 1 }
            return
        }
        guard Self.writeNewFile(target, bytes) else {
            throw .error(.output, "cannot write \(target): \(String(cString: strerror(errno)))", at: nil)
        }
        counts.withLock { inOutput == nil ? ($0.added += 1) : ($0.changed += 1) }
    }

    func storeCopy(_ sitePath: String, of sourceFile: String) throws(Diagnostic) {
        guard let bytes = FileBytes.read(sourceFile) else {
            throw .error(.io, "cannot read \(sourceFile): \(String(cString: strerror(errno)))", at: nil)
        }
        try bytes.withUnsafeBytes { bytes in Result { () throws(Diagnostic) in try store(sitePath, bytes) } }.get()
    }

    /// Puts the staged site in place of the output in one step, then removes the previous version.
    func publish() throws(Diagnostic) -> OutputCounts {
        let marker = staging + "/" + SitePaths.marker
        // The output's marker, linked when it is Bantin's: it keeps its inode and time from build to build.
        let linked = OutputPolicy.hasMarker(output) && link(output + "/" + SitePaths.marker, marker) == 0
        guard linked || OutputPolicy.markerText.withUTF8Buffer({ Self.writeNewFile(marker, UnsafeRawBufferPointer($0)) }) else {
            throw .error(.output, "cannot write in \(staging): \(String(cString: strerror(errno)))", at: nil)
        }
        var result = counts.withLock { $0 }
        result.removed = outputFiles.value.keys.filter { $0 != SitePaths.marker }.count - result.changed - result.unchanged
        var info = stat()
        if lstat(output, &info) != 0 {
            guard rename(staging, output) == 0 else {
                throw .error(.output, "cannot move the site into \(output): \(String(cString: strerror(errno)))", at: nil)
            }
            return result
        }
        if bantin_exchange_paths(staging, output) != 0 {
            // No atomic exchange here (an old kernel, another system): two renames, a moment apart.
            let old = staging + "-old"
            try? FileManager.default.removeItem(atPath: old)
            guard rename(output, old) == 0 else {
                throw .error(.output, "cannot replace \(output): \(String(cString: strerror(errno)))", at: nil)
            }
            guard rename(staging, output) == 0 else {
                let why = String(cString: strerror(errno))
                rename(old, output)
                throw .error(.output, "cannot replace \(output): \(why)", at: nil)
            }
            rename(old, staging)
        }
        try? FileManager.default.removeItem(atPath: staging)
        return result
    }

    /// Removes what was staged: the output stays as it was.
    func discard() {
        try? FileManager.default.removeItem(atPath: staging)
    }

    /// Whether the output's file at `sitePath` (the listed one: same inode) holds exactly `bytes`.
    private func outputHolds(_ sitePath: String, inode: UInt64, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let fd = openat(outputDescriptor, sitePath, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, UInt64(info.st_ino) == inode, Int(info.st_size) == bytes.count else { return false }
        guard let old = FileBytes.read(descriptor: fd, size: bytes.count) else { return false }
        return old.withUnsafeBytes { $0.hasSameBytes(as: bytes) }
    }

    /// `mkdir -p` inside the staging folder, each folder made once.
    private func makeFolder(_ folder: Substring) throws(Diagnostic) {
        guard !madeFolders.withLock({ $0.contains(folder) }) else { return }
        try makeFolder(folder.parentFolder)
        guard mkdir(staging + "/" + folder, 0o755) == 0 || errno == EEXIST else {
            throw .error(.output, "cannot create \(folder) in the output: \(String(cString: strerror(errno)))", at: nil)
        }
        _ = madeFolders.withLock { $0.insert(folder) }
    }

    /// A new file at `path`, which must not exist yet.
    private static func writeNewFile(_ path: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 { if errno == EINTR { continue } else { return false } }
            offset += written
        }
        return true
    }
}

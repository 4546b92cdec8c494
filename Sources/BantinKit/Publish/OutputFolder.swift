import CSystem
import Foundation
import Synchronization

/// The only code that writes the site. Files go to a staging folder beside the output; `commit`
/// swaps it in with one atomic rename, so a failed, interrupted or killed build leaves the previous
/// output complete. A file whose bytes did not change is hard-linked from the previous output,
/// keeping its modification time, so rsync and FTP sync upload only what changed.
public final class OutputFolder: Sendable {
    public static let markerName = ".bantin-output"

    public struct Counts: Sendable, Equatable {
        public var added = 0, changed = 0, unchanged = 0, removed = 0
        public var written: Int { added + changed + unchanged }
    }

    public let output: URL
    let staging: URL
    private let lockDescriptor: Int32
    private let state = Mutex(State())

    private struct State {
        var written: Set<String> = []
        var createdFolders: Set<String> = [""]
        var counts = Counts()
    }

    /// Checks that `output` is safe to replace, takes the build lock and clears leftovers of killed builds.
    public init(output: URL, siteRoot: URL, force: Bool, homeDirectory: URL?) throws(Diagnostic) {
        let output = output.standardizedFileURL.resolvingSymlinksInPath()
        let root = siteRoot.standardizedFileURL.resolvingSymlinksInPath()
        try Self.checkSafe(output: output, siteRoot: root, home: homeDirectory?.standardizedFileURL.resolvingSymlinksInPath(), force: force)
        self.output = output
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw Diagnostic.error("output", "cannot create \(parent.path): \(error.localizedDescription)", at: nil)
        }
        let lockPath = parent.appendingPathComponent(".\(name).bantin-lock").path
        let fd = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Diagnostic.error("output", "cannot create the lock file \(lockPath): \(String(cString: strerror(errno)))", at: nil) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw Diagnostic.error("output", "another build is writing \(output.path)", hint: "wait for it to finish", at: nil)
        }
        lockDescriptor = fd
        let leftoverPrefix = ".\(name).bantin-staging-"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where entry.hasPrefix(leftoverPrefix) {
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
        }
        staging = parent.appendingPathComponent(leftoverPrefix + String(getpid()))
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            close(fd)
            throw Diagnostic.error("output", "cannot create the staging folder \(staging.path): \(error.localizedDescription)", at: nil)
        }
    }

    deinit {
        close(lockDescriptor)
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
        for protected in ["content", "templates"] where isSameOrInside(path, siteRoot.appendingPathComponent(protected).path) {
            throw refuse("it is inside the site's \(protected)/ folder")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw refuse("it is a file, not a folder") }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        if !entries.isEmpty, !entries.contains(markerName), !force {
            throw Diagnostic.error(
                "unsafe-output", "refusing to replace \(path): it is not empty and was not made by Bantin",
                hint: "choose another --output, or pass --force to replace it (its current files will be deleted)", at: nil)
        }
    }

    /// A site path is safe if it names a file strictly inside the output folder.
    static func isSafe(_ sitePath: String) -> Bool {
        guard !sitePath.isEmpty, !sitePath.hasPrefix("/"), !sitePath.hasSuffix("/") else { return false }
        for part in sitePath.split(separator: "/", omittingEmptySubsequences: false) {
            if part.isEmpty || part == "." || part == ".." || part == OutputFolder.markerName[...] { return false }
            if part.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\\" || $0.value == 0x7F }) { return false }
        }
        return true
    }

    public func write(_ sitePath: String, _ data: Data) throws(Diagnostic) {
        let target = try prepare(sitePath)
        let previous = output.appendingPathComponent(sitePath)
        let kind = compare(previous: previous.path, with: data)
        if kind == .unchanged, link(previous.path, target.path) == 0 {
            count(.unchanged)
            return
        }
        guard Self.writeFile(target.path, data) else {
            throw Diagnostic.error("output", "cannot write \(target.path): \(String(cString: strerror(errno)))", at: nil)
        }
        count(kind == .unchanged ? .changed : kind)
    }

    public func write(_ sitePath: String, _ text: String) throws(Diagnostic) {
        try write(sitePath, Data(text.utf8))
    }

    /// Reuses the previous build's file if it is still as that build left it (same stamp): a hard
    /// link, without reading or rendering anything. False if it cannot be reused.
    func keep(_ sitePath: String, previous stamp: FileStamp) throws(Diagnostic) -> Bool {
        let previous = output.appendingPathComponent(sitePath).path
        guard FileStamp(path: previous) == stamp else { return false }
        let target = try prepare(sitePath)
        guard link(previous, target.path) == 0 else {
            _ = state.withLock { $0.written.remove(sitePath) }
            return false
        }
        count(.unchanged)
        return true
    }

    /// The stamp a staged file will have in the output (the swap keeps inodes and times).
    func stagedStamp(_ sitePath: String) -> FileStamp? {
        FileStamp(path: staging.appendingPathComponent(sitePath).path)
    }

    var writtenPaths: Set<String> { state.withLock { $0.written } }

    /// Copies a file (assets, images beside articles) into the output.
    public func copy(from source: URL, to sitePath: String) throws(Diagnostic) {
        guard let data = FileManager.default.contents(atPath: source.path) else {
            throw Diagnostic.error("io", "cannot read \(source.path)", at: nil)
        }
        try write(sitePath, data)
    }

    private enum Change { case added, changed, unchanged }

    private func compare(previous path: String, with data: Data) -> Change {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return .added }
        guard Int(info.st_size) == data.count, let old = FileManager.default.contents(atPath: path) else { return .changed }
        return old == data ? .unchanged : .changed
    }

    private func count(_ change: Change) {
        state.withLock {
            switch change {
            case .added: $0.counts.added += 1
            case .changed: $0.counts.changed += 1
            case .unchanged: $0.counts.unchanged += 1
            }
        }
    }

    /// Claims the path (two outputs may not write the same file) and creates its folder.
    private func prepare(_ sitePath: String) throws(Diagnostic) -> URL {
        guard Self.isSafe(sitePath) else {
            throw Diagnostic.error("unsafe-path", "refusing to write \"\(sitePath)\": it would land outside the output folder", at: nil)
        }
        let folder = sitePath.split(separator: "/").dropLast().joined(separator: "/")
        let (claimed, needsFolder) = state.withLock { s -> (Bool, Bool) in
            let (inserted, _) = s.written.insert(sitePath)
            return (inserted, !s.createdFolders.contains(folder))
        }
        guard claimed else {
            throw Diagnostic.error("duplicate-output", "two pages would be written to \(sitePath)", hint: "an article's permalink may clash with another page; change its slug", at: nil)
        }
        if needsFolder {
            guard Self.makeFolders(staging.path + "/" + folder) else {
                throw Diagnostic.error("output", "cannot create \(folder) in the output: \(String(cString: strerror(errno)))", at: nil)
            }
            _ = state.withLock { $0.createdFolders.insert(folder) }
        }
        return staging.appendingPathComponent(sitePath)
    }

    /// `mkdir -p` with plain system calls: Foundation's version stats every component of every path.
    private static func makeFolders(_ path: String) -> Bool {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return true }
        guard errno == ENOENT, let slash = path.lastIndex(of: "/"), slash > path.startIndex else { return false }
        return makeFolders(String(path[..<slash])) && (mkdir(path, 0o755) == 0 || errno == EEXIST)
    }

    private static func writeFile(_ path: String, _ data: Data) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 { if errno == EINTR { continue } else { return false } }
                offset += written
            }
            return true
        }
    }

    /// Puts the staged site in place of the output in one step and deletes the previous one.
    public func commit() throws(Diagnostic) -> Counts {
        let written = state.withLock { $0.written }
        let previousFiles = FileTree.files(under: output)
        let removed = previousFiles.filter { !written.contains($0) }.count
        FileManager.default.createFile(atPath: staging.appendingPathComponent(Self.markerName).path, contents: Data("Made by Bantin (site build). Bantin replaces this folder on every build.\n".utf8))

        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: output.path, isDirectory: &isDirectory) {
            if bantin_exchange_paths(staging.path, output.path) != 0 {
                let old = staging.deletingLastPathComponent().appendingPathComponent(staging.lastPathComponent + "-old")
                guard rename(output.path, old.path) == 0, rename(staging.path, output.path) == 0 else {
                    throw Diagnostic.error("output", "cannot replace \(output.path): \(String(cString: strerror(errno)))", at: nil)
                }
                try? FileManager.default.removeItem(at: old)
                return finalCounts(removed: removed)
            }
            try? FileManager.default.removeItem(at: staging)
        } else if rename(staging.path, output.path) != 0 {
            throw Diagnostic.error("output", "cannot move the site into \(output.path): \(String(cString: strerror(errno)))", at: nil)
        }
        return finalCounts(removed: removed)
    }

    private func finalCounts(removed: Int) -> Counts {
        var counts = state.withLock { $0.counts }
        counts.removed = removed
        return counts
    }

    /// Drops the staged files; the output is left as it was.
    public func abandon() {
        try? FileManager.default.removeItem(at: staging)
    }
}

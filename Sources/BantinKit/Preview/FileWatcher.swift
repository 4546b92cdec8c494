import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells which files of a site changed, from Linux inotify: `site.yaml` in the site's folder,
/// and everything under `content/` and `templates/` (folders made later are watched as they
/// appear). Changes are handed over in batches: a save by an editor that writes a temporary
/// file, renames it and sets its mode is one batch.
public final class FileWatcher: Sendable {
    private let descriptor: Int32
    private let root: String
    /// Watch descriptor → the folder it watches, from the site's folder ("" for the folder itself).
    private let folders = Locked<[Int32: String]>([:])
    /// Quiet time that ends a batch.
    static let settle: Int32 = 10

    static let mask = UInt32(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_ATTRIB)

    public init(root: URL) throws(Diagnostic) {
        self.root = root.standardizedFileURL.path
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else {
            throw .error(.io, "cannot watch the site's files: \(String(cString: strerror(errno)))", hint: "raise fs.inotify.max_user_instances, or close other programs that watch files", at: nil)
        }
        add("")
        add("content")
        add("templates")
    }

    deinit { close(descriptor) }

    /// Watches `folder` and, but for the site's folder itself, every folder under it. A folder
    /// is watched before it is listed, and listed again until nothing new turns up: one made
    /// meanwhile (a folder being copied in) is then either found or reported by its parent.
    private func add(_ folder: String) {
        watch(folder)
        guard !folder.isEmpty else { return }
        var known: Set<String> = []
        while true {
            let found = FileTree.listing(under: URL(fileURLWithPath: root + "/" + folder)).folders.map { folder + "/" + $0 }.filter { !known.contains($0) }
            guard !found.isEmpty else { return }
            for sub in found.reversed() {
                known.insert(sub)
                watch(sub)
            }
        }
    }

    private func watch(_ folder: String) {
        // As a build lists them: the site's folder, content/ and templates/ may be links
        // (`--source ~/site`, content kept elsewhere); below them, a link is never followed.
        let top = ["", "content", "templates"].contains(folder)
        let path = folder.isEmpty ? root : root + "/" + folder
        let watch = inotify_add_watch(descriptor, path, Self.mask | UInt32(top ? IN_ONLYDIR : IN_ONLYDIR | IN_DONT_FOLLOW))
        if watch >= 0 { folders.withLock { $0[watch] = folder } }
    }

    /// Stops watching `folder` and every folder under it.
    private func remove(_ folder: String) {
        let gone = folders.withLock { folders in
            let gone = folders.filter { $0.value == folder || $0.value.hasPrefix(folder + "/") }.map(\.key)
            for watch in gone { folders[watch] = nil }
            return gone
        }
        for watch in gone { inotify_rm_watch(descriptor, watch) }
    }

    /// Blocks until something changed, then returns the paths (from the site's folder) of what
    /// changed in one batch; or nothing after `idle` milliseconds without a change (-1: never).
    /// Runs on a thread of its own.
    public func next(idle: Int32 = -1) -> Set<String> {
        var changed: Set<String> = []
        var timeout = idle
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, timeout)
            if ready == 0 { return changed }
            if ready < 0 { if errno == EINTR { continue } else { return changed } }
            let count = read(descriptor, &buffer, buffer.count)
            guard count > 0 else { continue }
            changed.formUnion(events(buffer[..<count]))
            timeout = changed.isEmpty ? idle : Self.settle
        }
    }

    /// The paths in a read of events; new folders are watched on the way.
    private func events(_ bytes: ArraySlice<UInt8>) -> [String] {
        var paths: [String] = []
        var offset = bytes.startIndex
        let header = MemoryLayout<inotify_event>.size
        while offset + header <= bytes.endIndex {
            let (watch, mask, length) = bytes.withUnsafeBytes { raw in
                let event = raw.loadUnaligned(fromByteOffset: offset - bytes.startIndex, as: inotify_event.self)
                return (event.wd, event.mask, Int(event.len))
            }
            let nameBytes = bytes[(offset + header)..<min(offset + header + length, bytes.endIndex)]
            let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
            offset += header + length
            if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                // Events were lost: watch every folder there is now and rebuild everything.
                add("content")
                add("templates")
                paths.append("content")
                continue
            }
            guard let folder = folders.withLock({ $0[watch] }) else { continue }
            if mask & UInt32(IN_IGNORED) != 0 {
                folders.withLock { $0[watch] = nil }
                continue
            }
            // Hidden files (an editor's swap files) are never part of a site.
            guard !name.hasPrefix(".") else { continue }
            let path = folder.isEmpty ? name : name.isEmpty ? folder : folder + "/" + name
            if folder.isEmpty, !["site.yaml", "content", "templates"].contains(name) { continue }
            // A folder made or moved in; at the top, content/ or templates/ also as a link.
            if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, mask & UInt32(IN_ISDIR) != 0 || folder.isEmpty, path.hasPrefix("content") || path.hasPrefix("templates") {
                add(path)
            }
            // A folder moved out of the site (or a link to content/ removed) is watched no more;
            // moved within the site, it is watched again under its new name by IN_MOVED_TO.
            let gone = mask & UInt32(IN_MOVED_FROM) != 0 || (folder.isEmpty && mask & UInt32(IN_DELETE) != 0)
            if gone, mask & UInt32(IN_ISDIR) != 0 || folder.isEmpty {
                remove(path)
            }
            paths.append(path)
        }
        return paths
    }
}

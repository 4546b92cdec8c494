import Foundation

/// One build at a time per output folder: an exclusive `flock` on `.NAME.bantin-lock` beside it,
/// released when the process ends, however it ends.
final class OutputLock: Sendable {
    private let descriptor: Int32

    init(output: String) throws(Diagnostic) {
        let url = URL(fileURLWithPath: output)
        let parent = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw .error(.output, "cannot create \(parent): \(error.localizedDescription)", at: nil)
        }
        let path = parent + "/.\(url.lastPathComponent).bantin-lock"
        // Bantin's own name: a symbolic link planted there is removed, never followed.
        var info = stat()
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK { unlink(path) }
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw .error(.output, "cannot create the lock file \(path): \(String(cString: strerror(errno)))", at: nil) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw .error(.output, "another build is writing \(output)", hint: "wait for it to finish", at: nil)
        }
        descriptor = fd
    }

    deinit {
        close(descriptor)
    }
}

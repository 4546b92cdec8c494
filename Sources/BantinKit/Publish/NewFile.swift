import Foundation

/// Writes a file that must not exist yet, making the folders to it: `site new`'s one write into the
/// site's folder. The file is created with `O_EXCL`, so an article written meanwhile (by another
/// editor, or a second `site new`) is never overwritten, and a symbolic link is never followed
/// below the first folder, as a build would not follow it either.
enum NewFile {
    /// Writes `bytes` at `path` (relative to `root`, with `/`); a diagnostic at `path` if it
    /// exists or cannot be written, in which case nothing was written to it.
    static func create(_ bytes: [UInt8], at path: String, in root: URL) -> Diagnostic? {
        let parts = path.split(separator: "/").map(String.init)
        guard let name = parts.last, let first = parts.first, parts.count >= 2 else {
            return .error(.io, "cannot write a file right in the site's folder", at: SourceLocation(file: path))
        }
        func failure(_ what: String, _ error: Int32) -> Diagnostic {
            .error(.io, "cannot write the file: \(what): \(String(cString: strerror(error)))",
                   hint: "check that the folder exists and that you may write in it", at: SourceLocation(file: path))
        }
        var folder = open(root.appendingPathComponent(first).path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { return failure("cannot open \(first)/", errno) }
        defer { close(folder) }
        var shown = first
        for part in parts.dropFirst().dropLast() {
            shown += "/" + part
            if mkdirat(folder, part, 0o777) != 0, errno != EEXIST { return failure("cannot create the folder \(shown)", errno) }
            let next = openat(folder, part, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
            guard next >= 0 else {
                let error = errno
                return error == ELOOP || error == ENOTDIR
                    ? .error(.io, "\(shown) is not a folder (or is a symbolic link, which a build does not follow), so nothing was written",
                             hint: "move it away, or write the article in another folder", at: SourceLocation(file: path))
                    : failure("cannot open \(shown)", error)
            }
            close(folder)
            folder = next
        }
        let file = openat(folder, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard file >= 0 else {
            let error = errno
            return error == EEXIST
                ? .error(.io, "this file already exists, so nothing was written", hint: "open it to go on with that article, or give the new one another title", at: SourceLocation(file: path))
                : failure("cannot create it", error)
        }
        var written = 0
        let error: Int32? = bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let n = write(file, buffer.baseAddress! + written, buffer.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += n
            }
            return fsync(file) == 0 ? nil : errno
        }
        close(file)
        if let error {
            // Half an article left behind would be read by the next build: the new file goes.
            unlinkat(folder, name, 0)
            return failure("cannot write it", error)
        }
        return nil
    }
}

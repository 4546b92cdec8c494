import Foundation

/// Where a path really is, every symbolic link in it resolved, also when its last parts do not
/// exist yet (the output folder of a first build). The output's safety checks look at this
/// path, and the build writes to it: `clink/pub`, with `clink` a link to `content/`, is
/// `content/pub`, whatever the path looks like.
enum RealPath {
    /// nil when a link on the way points nowhere or loops: where a write would land is unknown.
    static func resolve(_ path: String) -> String? {
        var resolved = ""
        var parts = path.split(separator: "/", omittingEmptySubsequences: true)[...]
        var existing = true
        while let part = parts.popFirst() {
            switch part {
            case ".": continue
            // `resolved` holds no link, so its parent is the real one.
            case "..": resolved = String(resolved[..<(resolved.lastIndex(of: "/") ?? resolved.startIndex)])
            default:
                let candidate = resolved + "/" + part
                guard existing else {
                    resolved = candidate
                    continue
                }
                var info = stat()
                if lstat(candidate, &info) != 0 {
                    // Nothing there: nor below it, so the rest is taken as written.
                    existing = false
                    resolved = candidate
                } else if (info.st_mode & S_IFMT) == S_IFLNK {
                    guard let real = realpath(candidate, nil) else { return nil }
                    defer { free(real) }
                    resolved = String(cString: real)
                    if resolved == "/" { resolved = "" }
                } else {
                    resolved = candidate
                }
            }
        }
        return resolved.isEmpty ? "/" : resolved
    }
}

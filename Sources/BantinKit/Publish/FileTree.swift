import Foundation

/// Lists what is below a folder, relative paths with `/`, sorted so every run sees the same
/// order. Symbolic links are never followed (a link in the output or staging folder must not let
/// a build read or delete anything elsewhere). Uses readdir directly: it runs on every build over
/// tens of thousands of files.
enum FileTree {
    struct Listing {
        var files: [String] = []
        /// Folders, deepest first.
        var folders: [String] = []
        /// Symbolic links, pipes, sockets: never part of a site.
        var others: [String] = []
    }

    /// Regular files; hidden ones (`.git`, `.DS_Store`) only if asked.
    static func files(under folder: URL, includingHidden: Bool = false) -> [String] {
        listing(under: folder, includingHidden: includingHidden).files
    }

    /// `sorted: false` leaves files in the file system's order, for callers that only look things up.
    static func listing(under folder: URL, includingHidden: Bool = false, sorted: Bool = true) -> Listing {
        var listing = Listing()
        walk(folder.standardizedFileURL.path, prefix: "", hidden: includingHidden, into: &listing)
        if sorted { listing.files.sort() }
        // A folder's path is longer than its parent's: longest first puts children first.
        listing.folders.sort { $0.utf8.count > $1.utf8.count }
        return listing
    }

    private static func walk(_ path: String, prefix: String, hidden: Bool, into listing: inout Listing) {
        guard let directory = opendir(path) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." || (!hidden && name.hasPrefix(".")) { continue }
            var type = entry.pointee.d_type
            if type == UInt8(DT_UNKNOWN) {
                var info = stat()
                guard lstat(path + "/" + name, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: type = UInt8(DT_DIR)
                case S_IFREG: type = UInt8(DT_REG)
                default: type = UInt8(DT_LNK)
                }
            }
            switch type {
            case UInt8(DT_DIR):
                listing.folders.append(prefix + name)
                walk(path + "/" + name, prefix: prefix + name + "/", hidden: hidden, into: &listing)
            case UInt8(DT_REG):
                listing.files.append(prefix + name)
            default:
                listing.others.append(prefix + name)
            }
        }
    }
}

import Foundation

/// Lists what is below a folder, relative paths with `/`, sorted so every run sees the same
/// order. Symbolic links are never followed (a link in the output or staging folder must not let
/// a build read or delete anything elsewhere). Uses readdir on folders opened relative to their
/// parent: it runs on every build over tens of thousands of folders.
enum FileTree {
    struct Listing {
        var files: [String] = []
        /// The inode number of each of `files` (`d_ino` from the listing itself, no `stat`).
        var inodes: [UInt64] = []
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
        let root = open(folder.standardizedFileURL.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if root >= 0 { walk(root, prefix: "", hidden: includingHidden, into: &listing) }
        if sorted {
            let order = listing.files.indices.sorted { listing.files[$0] < listing.files[$1] }
            listing.files = order.map { listing.files[$0] }
            listing.inodes = order.map { listing.inodes[$0] }
        }
        // A folder's path is longer than its parent's: longest first puts children first.
        listing.folders.sort { $0.utf8.count > $1.utf8.count }
        return listing
    }

    /// Lists the folder open at `descriptor` (and closes it).
    private static func walk(_ descriptor: Int32, prefix: String, hidden: Bool, into listing: inout Listing) {
        guard let directory = fdopendir(descriptor) else {
            close(descriptor)
            return
        }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let (skip, name) = withUnsafeBytes(of: entry.pointee.d_name) { raw -> (Bool, String) in
                let bytes = UnsafeRawBufferPointer(rebasing: raw.prefix { $0 != 0 })
                let isDot = bytes.first == UInt8(ascii: ".")
                if isDot, bytes.count == 1 || (bytes.count == 2 && bytes[1] == UInt8(ascii: ".")) || !hidden { return (true, "") }
                return (false, String(decoding: bytes, as: UTF8.self))
            }
            if skip { continue }
            var type = entry.pointee.d_type
            if type == UInt8(DT_UNKNOWN) {
                var info = stat()
                guard fstatat(dirfd(directory), name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: type = UInt8(DT_DIR)
                case S_IFREG: type = UInt8(DT_REG)
                default: type = UInt8(DT_LNK)
                }
            }
            switch type {
            case UInt8(DT_DIR):
                let path = prefix + name
                listing.folders.append(path)
                // O_NOFOLLOW: a folder replaced by a link since it was listed is not entered.
                let child = openat(dirfd(directory), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                if child >= 0 { walk(child, prefix: path + "/", hidden: hidden, into: &listing) }
            case UInt8(DT_REG):
                listing.files.append(prefix + name)
                listing.inodes.append(UInt64(entry.pointee.d_ino))
            default:
                listing.others.append(prefix + name)
            }
        }
    }
}

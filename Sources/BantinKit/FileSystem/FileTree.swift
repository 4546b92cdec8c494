import Foundation

/// Lists what is below a folder, relative paths with `/`, sorted so every run sees the same
/// order. Symbolic links are never followed (a link in the output or staging folder must not let
/// a build read or delete anything elsewhere). Uses readdir on folders opened relative to the
/// listed root: it runs on every build over tens of thousands of folders.
enum FileTree {
    struct Listing {
        var files: [String] = []
        /// The inode number of each of `files` (`d_ino` from the listing itself, no `stat`).
        var inodes: [UInt64] = []
        /// Folders, deepest first.
        var folders: [String] = []
        /// Symbolic links, pipes, sockets: never part of a site.
        var others: [String] = []
        /// Folders that could not be read (the root as ""), with the system's error number:
        /// what they hold is not in `files`, which a caller must not take for "nothing".
        var unreadable: [(path: String, error: Int32)] = []
    }

    /// Regular files; hidden ones (`.git`, `.DS_Store`) only if asked.
    static func files(under folder: URL, includingHidden: Bool = false) -> [String] {
        listing(under: folder, includingHidden: includingHidden).files
    }

    /// `sorted: false` leaves files in the file system's order, for callers that only look things up.
    static func listing(under folder: URL, includingHidden: Bool = false, sorted: Bool = true) -> Listing {
        var listing = Listing()
        let root = open(folder.standardizedFileURL.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard root >= 0 else {
            listing.unreadable.append(("", errno))
            return listing
        }
        defer { close(root) }
        func walk(_ path: String) {
            guard let read = folderEntries(root, path, hidden: includingHidden) else {
                listing.unreadable.append((path, errno))
                return
            }
            let prefix = path.isEmpty ? "" : path + "/"
            for name in read.files { listing.files.append(prefix + name) }
            listing.inodes.append(contentsOf: read.inodes)
            for name in read.others { listing.others.append(prefix + name) }
            for name in read.folders {
                listing.folders.append(prefix + name)
                walk(prefix + name)
            }
        }
        walk("")
        if sorted {
            let order = listing.files.indices.sorted { utf8Precedes(listing.files[$0], listing.files[$1]) }
            listing.files = order.map { listing.files[$0] }
            listing.inodes = order.map { listing.inodes[$0] }
        }
        // A folder's path is longer than its parent's: longest first puts children first.
        listing.folders.sort { $0.utf8.count > $1.utf8.count }
        return listing
    }

    /// One folder's entries (hidden ones unless told otherwise).
    /// `O_NOFOLLOW`: a folder replaced by a link since its parent was listed is not entered.
    static func folderEntries(_ root: Int32, _ path: String, hidden: Bool = true) -> (files: [String], inodes: [UInt64], folders: [String], others: [String])? {
        let descriptor = openat(root, path.isEmpty ? "." : path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        guard let directory = fdopendir(descriptor) else {
            close(descriptor)
            return nil
        }
        defer { closedir(directory) }
        var files: [String] = [], inodes: [UInt64] = [], folders: [String] = [], others: [String] = []
        // readdir tells an error from the end of the folder only by errno.
        errno = 0
        while let entry = readdir(directory) {
            defer { errno = 0 }
            guard let (name, type) = Self.entry(entry, in: directory, hidden: hidden) else { continue }
            switch type {
            case UInt8(DT_DIR): folders.append(name)
            case UInt8(DT_REG):
                files.append(name)
                inodes.append(inode(of: entry))
            default: others.append(name)
            }
        }
        guard errno == 0 else { return nil }
        return (files, inodes, folders, others)
    }

    private static func inode(of entry: UnsafeMutablePointer<dirent>) -> UInt64 {
        UInt64(UnsafeRawPointer(entry).loadUnaligned(fromByteOffset: MemoryLayout<dirent>.offset(of: \dirent.d_ino)!, as: UInt.self))
    }

    /// An entry's name and type (`DT_DIR`, `DT_REG`, or anything else), nil for `.`, `..` and
    /// hidden names unless asked for. Fields are read where they are: a record from `readdir` is
    /// only as long as its name, and copying a whole `dirent` can read past the end of the buffer.
    private static func entry(_ entry: UnsafeMutablePointer<dirent>, in directory: OpaquePointer, hidden: Bool) -> (String, UInt8)? {
        let namePointer = UnsafeRawPointer(entry) + MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        let bytes = UnsafeRawBufferPointer(start: namePointer, count: strlen(namePointer.assumingMemoryBound(to: CChar.self)))
        let isDot = bytes.first == UInt8(ascii: ".")
        if isDot, bytes.count == 1 || (bytes.count == 2 && bytes[1] == UInt8(ascii: ".")) || !hidden { return nil }
        let name = String(decoding: bytes, as: UTF8.self)
        var type = UnsafeRawPointer(entry).load(fromByteOffset: MemoryLayout<dirent>.offset(of: \dirent.d_type)!, as: UInt8.self)
        if type == UInt8(DT_UNKNOWN) {
            var info = stat()
            guard fstatat(dirfd(directory), name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: type = UInt8(DT_DIR)
            case S_IFREG: type = UInt8(DT_REG)
            default: type = UInt8(DT_LNK)
            }
        }
        return (name, type)
    }

    /// Byte order of the UTF-8 (the order of code points): the same as `<` for NFC text, which
    /// compares through Unicode normalisation, at a fraction of the cost.
    static func utf8Precedes(_ a: String, _ b: String) -> Bool {
        let compared = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in
                guard !x.isEmpty, !y.isEmpty else { return x.count < y.count }
                let common = memcmp(x.baseAddress!, y.baseAddress!, min(x.count, y.count))
                return common != 0 ? common < 0 : x.count < y.count
            }
        }
        return (compared ?? nil) ?? a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}

extension String {
    /// Where the last "/" is (see `Substring.lastSlashIndex`).
    func lastSlashIndex() -> Index? {
        self[...].lastSlashIndex()
    }

    /// The folder a path under a tree's root is in ("" for the root).
    var parentFolder: Substring { self[...].parentFolder }
}

extension Substring {
    /// Where the last "/" is, found on the contiguous UTF-8 bytes (the generic search steps
    /// through the view one validated index at a time).
    func lastSlashIndex() -> Index? {
        guard let found = utf8.withContiguousStorageIfAvailable({ $0.lastIndex(of: UInt8(ascii: "/")) }) else {
            return utf8.lastIndex(of: UInt8(ascii: "/"))
        }
        return found.map { utf8.index(startIndex, offsetBy: $0) }
    }

    /// The folder a path under a tree's root is in ("" for the root).
    var parentFolder: Substring { lastSlashIndex().map { self[..<$0] } ?? "" }
}

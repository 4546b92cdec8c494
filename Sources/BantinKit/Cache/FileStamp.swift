import Foundation

/// What `stat` says of a file: if it is the same as last build, the file is taken as unchanged
/// (the rule rsync and make use).
struct FileStamp: Sendable, Hashable {
    let size: Int64
    let modifiedNanoseconds: Int64
    let inode: UInt64

    /// A file claimed by a build and not yet written.
    static let claimed = FileStamp(size: -1, modifiedNanoseconds: 0, inode: 0)

    init(size: Int64, modifiedNanoseconds: Int64, inode: UInt64) {
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
        self.inode = inode
    }

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        self.init(info)
    }

    init(_ info: stat) {
        size = Int64(info.st_size)
        modifiedNanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        inode = UInt64(info.st_ino)
    }
}

import Foundation

/// What each folder of a tree (the output or the staging folder) held when a build last listed
/// it, with the folder's stamp. Creating, removing or renaming an entry changes its folder's
/// modification and change times, so a folder whose stamp is the same still has the entries
/// recorded and need not be read again: a rebuild stats each folder instead of reading it (five
/// system calls and the file system's directory code per folder, for tens of thousands of them).
///
/// A hint only: every folder is stat-ed, from the root down, and one that differs is read. A
/// folder changed within the clock's granularity of its listing may keep its stamp (git's
/// "racily clean" case), so such a folder is recorded without a stamp and read again next time;
/// so is every folder a build changes (`forgetting`), and any holding links or other oddities.
///
/// Flat arrays in depth-first order (no allocation per folder): folder `i`'s subtree is
/// `i + 1 ..< subtreeEnds[i]`, its own files `fileStarts[i] ..< fileEnds[i]`.
struct TreeRecord: Sendable {
    /// Paths under the tree's root; the root itself ("") first.
    var folders: [String] = []
    /// nil: to be read again.
    var stamps: [FolderStamp?] = []
    var subtreeEnds: [Int] = []
    var fileStarts: [Int] = []
    var fileEnds: [Int] = []
    /// Paths of the files, each folder's together.
    var files: [String] = []
    /// Inode number of each of `files`.
    var inodes: [UInt64] = []

    /// The record less the stamps of `changed` folders, which will be read again.
    func forgetting(_ changed: Set<String>) -> TreeRecord {
        guard !changed.isEmpty else { return self }
        var record = self
        for (index, folder) in folders.enumerated() where changed.contains(folder) {
            record.stamps[index] = nil
        }
        return record
    }

    init() {}

    /// The record of a tree known file by file (what a build left in the staging folder): each
    /// file's path and inode, each folder's stamp from `stamp` (nil: to be read next time),
    /// asked for every folder at once, in parallel. `folders` may name more folders: those with
    /// no file below them are recorded without a stamp.
    init(files: [(path: String, inode: UInt64)], folders more: [String] = [], stamp: @Sendable (String) -> FolderStamp?) {
        // Substrings of the files' paths: no string made per file or folder.
        var byFolder: [Substring: [Int]] = [:]
        byFolder.reserveCapacity(files.count)
        for (index, file) in files.enumerated() {
            byFolder[file.path.parentFolder, default: []].append(index)
        }
        // Each folder's subfolders, ancestors of folders with files included.
        var children: [Substring: [Substring]] = [:]
        children.reserveCapacity(byFolder.count)
        var linked: Set<Substring> = [""]
        linked.reserveCapacity(byFolder.count)
        func link(_ folder: Substring) {
            var folder = folder
            while linked.insert(folder).inserted {
                let parent = folder.parentFolder
                children[parent, default: []].append(folder)
                folder = parent
            }
        }
        for folder in byFolder.keys { link(folder) }
        let withFiles = linked
        for folder in more { link(Substring(folder)) }
        // Depth first from the root: a folder, then everything below it.
        var pending: [Substring] = [""]
        while let folder = pending.popLast() {
            folders.append(String(folder))
            fileStarts.append(self.files.count)
            for file in byFolder[folder] ?? [] {
                self.files.append(files[file].path)
                inodes.append(files[file].inode)
            }
            fileEnds.append(self.files.count)
            pending.append(contentsOf: children[folder] ?? [])
        }
        // A subtree ends where the next folder outside it starts: walk back from the end.
        subtreeEnds = [Int](repeating: folders.count, count: folders.count)
        var open: [Int] = []
        for index in folders.indices {
            let folder = folders[index]
            // Compared as bytes: String.hasPrefix compares characters, and a name may end in one
            // that joins with what follows.
            while let last = open.last, !(folders[last].isEmpty || folder.utf8.starts(with: folders[last].utf8) && folder.utf8.dropFirst(folders[last].utf8.count).first == UInt8(ascii: "/")) {
                subtreeEnds[last] = index
                open.removeLast()
            }
            open.append(index)
        }
        stamps = parallelMap(folders) { withFiles.contains(Substring($0)) ? stamp($0) : nil }
    }

    /// The recorded subfolders of folder `index`.
    func children(of index: Int) -> [Int] {
        var children: [Int] = []
        var child = index + 1
        while child < subtreeEnds[index] {
            children.append(child)
            child = subtreeEnds[child]
        }
        return children
    }
}

struct FolderStamp: Sendable, Equatable {
    let inode: UInt64
    let modifiedNanoseconds: Int64
    let changedNanoseconds: Int64

    /// Whether a change made to the folder from `now` on is sure to show in its stamp: its last
    /// change is older than the file system's time granularity. That is one clock tick (4–10 ms)
    /// where times have nanoseconds (ext4, XFS, Btrfs, tmpfs), 100 ms allowed; two seconds where
    /// they are whole seconds (FAT, ext3), or `settlingTime` when given.
    func isSettled(now: Int64, settlingTime: Int64? = nil) -> Bool {
        let wholeSeconds = modifiedNanoseconds % 1_000_000_000 == 0 && changedNanoseconds % 1_000_000_000 == 0
        let settledBefore = now - (settlingTime ?? (wholeSeconds ? 2_000_000_000 : 100_000_000))
        return modifiedNanoseconds < settledBefore && changedNanoseconds < settledBefore
    }

    /// The current time as file systems stamp it, in nanoseconds.
    static var now: Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    init(_ info: stat) {
        inode = UInt64(info.st_ino)
        modifiedNanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changedNanoseconds = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
    }

    init(inode: UInt64, modifiedNanoseconds: Int64, changedNanoseconds: Int64) {
        self.inode = inode
        self.modifiedNanoseconds = modifiedNanoseconds
        self.changedNanoseconds = changedNanoseconds
    }
}

extension TreeRecord {
    /// A record as `trees.bin` keeps it, encoded: the output's record passes from one build to
    /// the next (where the output has become the staging folder) without being decoded.
    struct Block: Sendable {
        /// Part of the file's bytes when read, not a copy.
        let bytes: ArraySlice<UInt8>
    }

    /// Both trees' records as read from `trees.bin`; nil where there is none.
    struct Stored: Sendable {
        var output: Block?
        var staging: Block?
    }

    func encoded() -> Block {
        var writer = ArchiveWriter()
        writer.treeRecord(self)
        return Block(bytes: writer.bytes[...])
    }

    /// nil if the block is damaged.
    init?(_ block: Block) {
        var reader = ArchiveReader(block.bytes)
        guard let record = try? reader.treeRecord(), reader.atEnd else { return nil }
        self = record
    }

    /// How many regular files are under `root`, checked against a record without decoding it:
    /// a folder whose stamp is the recorded one counts its recorded files, any other is read
    /// (with what is below it). nil if the block is damaged.
    static func countFiles(under root: String, block: Block) -> Int? {
        // The folders' names, stamps, subtrees and file counts, as positions in the block.
        var names: [Range<Int>] = [], stamps: [FolderStamp?] = [], subtreeEnds: [Int] = [], fileCounts: [Int] = []
        var reader = ArchiveReader(block.bytes)
        do throws(ArchiveReader.Malformed) {
            let count = try reader.varint(below: 1 << 31)
            for index in 0..<count {
                if index == 0 {
                    guard try reader.compactString().isEmpty else { throw ArchiveReader.Malformed() }
                    names.append(0..<0)
                } else {
                    let range = try reader.compactNameRange()
                    // Relative to the block: it is read through a buffer that starts there.
                    names.append((range.lowerBound - block.bytes.startIndex)..<(range.upperBound - block.bytes.startIndex))
                }
                stamps.append(try reader.optional { (r: inout ArchiveReader) throws(ArchiveReader.Malformed) in
                    FolderStamp(inode: try r.uint(), modifiedNanoseconds: try r.int(), changedNanoseconds: try r.int())
                })
                let end = index + (try reader.varint(below: count - index + 1))
                guard end > index, index > 0 || end == count else { throw ArchiveReader.Malformed() }
                subtreeEnds.append(end)
                let files = try reader.varint(below: 1 << 31)
                for _ in 0..<files {
                    _ = try reader.compactNameRange()
                    _ = try reader.uint()
                }
                fileCounts.append(files)
            }
            guard reader.atEnd, count > 0 else { return nil }
        } catch {
            return nil
        }
        let rootDescriptor = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootDescriptor >= 0 else { return 0 }
        defer { close(rootDescriptor) }
        // The path of the folder being looked at, NUL-terminated, written in place as the walk
        // goes down: no String, no array growth, per folder.
        let capacity = Int(PATH_MAX)
        let path = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
        defer { path.deallocate() }
        return block.bytes.withUnsafeBufferPointer { bytes in
            func count(_ recorded: Int?, length: Int) -> Int {
                var info = stat()
                // The root is ".": only its children overwrite that.
                guard fstatat(rootDescriptor, path, &info, AT_SYMLINK_NOFOLLOW) == 0,
                      (info.st_mode & S_IFMT) == S_IFDIR else { return 0 }
                if let recorded, let stamp = stamps[recorded], stamp == FolderStamp(info) {
                    var total = fileCounts[recorded]
                    var child = recorded + 1
                    while child < subtreeEnds[recorded] {
                        total += descend(UnsafeBufferPointer(rebasing: bytes[names[child]]), recorded: child, from: length)
                        child = subtreeEnds[child]
                    }
                    return total
                }
                let folder = String(decoding: UnsafeRawBufferPointer(start: path, count: length), as: UTF8.self)
                guard let read = FileTree.folderEntries(rootDescriptor, folder) else { return 0 }
                var recordedChildren: [String: Int] = [:]
                if let recorded {
                    var child = recorded + 1
                    while child < subtreeEnds[recorded] {
                        recordedChildren[String(decoding: UnsafeBufferPointer(rebasing: bytes[names[child]]), as: UTF8.self)] = child
                        child = subtreeEnds[child]
                    }
                }
                var total = read.files.count
                for name in read.folders {
                    let child = recordedChildren[name]
                    var name = name
                    total += name.withUTF8 { descend($0, recorded: child, from: length) }
                }
                return total
            }
            func descend(_ name: UnsafeBufferPointer<UInt8>, recorded: Int?, from length: Int) -> Int {
                var end = length
                guard end + name.count + 2 <= capacity else { return 0 }
                if end > 0 {
                    path[end] = CChar(bitPattern: UInt8(ascii: "/"))
                    end += 1
                }
                UnsafeMutableRawPointer(path + end).copyMemory(from: name.baseAddress!, byteCount: name.count)
                end += name.count
                path[end] = 0
                return count(recorded, length: end)
            }
            path[0] = CChar(bitPattern: UInt8(ascii: "."))
            path[1] = 0
            return count(0, length: 0)
        }
    }

    private static let version: UInt64 = 2

    /// Nothing when the file is missing or damaged (then every folder is read).
    static func load(_ path: String) -> Stored {
        guard let bytes = FileBytes.read(path), bytes.count >= 16 else { return Stored() }
        var checksum = ContentHash()
        bytes.withUnsafeBytes { checksum.add(UnsafeRawBufferPointer(rebasing: $0[..<(bytes.count - 8)])) }
        var trailer = ArchiveReader(bytes[(bytes.count - 8)...])
        guard (try? trailer.uint()) == checksum.value else { return Stored() }
        var reader = ArchiveReader(bytes[..<(bytes.count - 8)])
        do throws(ArchiveReader.Malformed) {
            guard try reader.uint() == version else { return Stored() }
            let output = Block(bytes: try reader.block())
            let staging = Block(bytes: try reader.block())
            return reader.atEnd ? Stored(output: output, staging: staging) : Stored()
        } catch {
            return Stored()
        }
    }

    /// Written to a temporary file and renamed over: never half a record.
    static func save(output: Block, staging: Block, to path: String) {
        BuildCache.replace(URL(fileURLWithPath: path)) { writer in
            writer.uint(version)
            for block in [output, staging] {
                writer.int(block.bytes.count)
                block.bytes.withUnsafeBytes { writer.raw($0) }
            }
            writer.flush()
            writer.uint(writer.checksum.value)
        }
    }
}

private extension ArchiveWriter {
    /// Folder paths and file names are written relative to their folder.
    mutating func treeRecord(_ record: TreeRecord) {
        varint(UInt64(record.folders.count))
        for index in record.folders.indices {
            let path = record.folders[index]
            let nameStart = path.lastSlashIndex().map { path.utf8.distance(from: path.startIndex, to: $0) + 1 } ?? 0
            compactString(path, droppingFirst: nameStart)
            optional(record.stamps[index]) { w, stamp in
                w.uint(stamp.inode)
                w.int(stamp.modifiedNanoseconds)
                w.int(stamp.changedNanoseconds)
            }
            varint(UInt64(record.subtreeEnds[index] - index))
            varint(UInt64(record.fileEnds[index] - record.fileStarts[index]))
            let prefix = path.isEmpty ? 0 : path.utf8.count + 1
            for file in record.fileStarts[index]..<record.fileEnds[index] {
                compactString(record.files[file], droppingFirst: prefix)
                uint(record.inodes[file])
            }
        }
    }
}

private extension ArchiveReader {
    mutating func treeRecord() throws(Malformed) -> TreeRecord {
        var record = TreeRecord()
        // Each folder takes several bytes: a count beyond what is left is a damaged record.
        let count = try varint(below: remaining + 1)
        record.folders.reserveCapacity(count)
        // The folder each folder is in, to rebuild paths: the innermost whose subtree still runs.
        var open: [Int] = []
        for index in 0..<count {
            while let last = open.last, record.subtreeEnds[last] <= index { open.removeLast() }
            let path: String
            if let parent = open.last {
                path = try compactName(in: record.folders[parent])
            } else {
                guard index == 0, try compactString().isEmpty else { throw Malformed() }
                path = ""
            }
            record.folders.append(path)
            record.stamps.append(try optional { (r: inout ArchiveReader) throws(Malformed) in
                FolderStamp(inode: try r.uint(), modifiedNanoseconds: try r.int(), changedNanoseconds: try r.int())
            })
            let end = index + (try varint(below: count - index + 1))
            guard end > index, open.last.map({ end <= record.subtreeEnds[$0] }) ?? (end == count) else { throw Malformed() }
            record.subtreeEnds.append(end)
            let files = try varint(below: 1 << 31)
            record.fileStarts.append(record.files.count)
            for _ in 0..<files {
                record.files.append(try compactName(in: path))
                record.inodes.append(try uint())
            }
            record.fileEnds.append(record.files.count)
            open.append(index)
        }
        return record
    }
}

import Foundation

/// `articles.bin`: each article's rendered digest from the last build, read in place from the
/// memory-mapped file only when a page needs it. A rebuild after a small edit appends the few
/// digests it rendered and a new index, instead of writing tens of megabytes again.
///
/// Layout (integers are 64-bit little-endian):
///
///     formatVersion, globalKey
///     blobs (path, summary, summaryHTML, cardHTML?, feedItem?, warnings), and the indexes of
///         earlier builds, which only the last one no longer points into
///     index: records sorted by path hash: pathHash, renderKey, page size, page mtime (ns),
///         page inode, blob offset, blob length, flags (1: has a feed item, 2: has warnings),
///         blob checksum
///     count, offset of the index, checksum of the header and the index
///
/// When the file is opened, the index's checksum and every record's bounds are checked; a blob is
/// checked against its own checksum when it is read (`isIntact`): a damaged one makes the build
/// start again without the cache. Once the file is more than twice what its index points to, it
/// is written anew (damaged blobs left out).
final class DigestArchive: @unchecked Sendable {
    private static let headerSize = 16
    private static let trailerSize = 24
    private static let recordSize = 72
    static let hasFeedItem: UInt64 = 1
    static let hasWarnings: UInt64 = 2

    /// Read-only mapping, never changed while this object lives (appends go past its end; a file
    /// written anew replaces it by rename).
    private let base: UnsafeRawPointer
    let size: Int
    private let records: UnsafeRawPointer
    let count: Int
    let globalKey: UInt64
    /// The file's inode, so that appending can tell the file is still the one mapped.
    let inode: UInt64

    struct Record {
        let renderKey: UInt64
        let page: FileStamp
        let flags: UInt64
        fileprivate let offset: Int
        fileprivate let length: Int
        fileprivate let checksum: UInt64
    }

    /// nil when the file is missing, from another format or build settings, or its index is damaged.
    init?(file: String, globalKey: UInt64) {
        let fd = open(file, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size >= Self.headerSize + Self.trailerSize,
              let mapping = mmap(nil, Int(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0), mapping != MAP_FAILED
        else { return nil }
        base = UnsafeRawPointer(mapping)
        size = Int(info.st_size)
        inode = UInt64(info.st_ino)
        self.globalKey = globalKey
        let trailer = base + size - Self.trailerSize
        let count = Int(truncatingIfNeeded: Self.word(trailer, 0))
        let recordsOffset = Int(truncatingIfNeeded: Self.word(trailer, 1))
        self.count = count
        records = base + max(0, min(recordsOffset, size))
        guard Self.word(base, 0) == BuildCache.formatVersion, Self.word(base, 1) == globalKey,
              count >= 0, count <= size / Self.recordSize, recordsOffset >= Self.headerSize,
              recordsOffset == size - Self.trailerSize - count * Self.recordSize,
              Self.word(trailer, 2) == Self.indexChecksum(header: UnsafeRawBufferPointer(start: base, count: Self.headerSize),
                                                          records: UnsafeRawBufferPointer(start: records, count: count * Self.recordSize)),
              isWellFormed(blobsEnd: recordsOffset)
        else { return nil }
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: base), size)
    }

    private static func indexChecksum(header: UnsafeRawBufferPointer, records: UnsafeRawBufferPointer) -> UInt64 {
        var checksum = ContentHash()
        checksum.add(header)
        checksum.add(records)
        return checksum.value
    }

    private static func word(_ pointer: UnsafeRawPointer, _ index: Int) -> UInt64 {
        UInt64(littleEndian: pointer.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
    }

    private func hash(at index: Int) -> UInt64 {
        Self.word(records + index * Self.recordSize, 0)
    }

    func record(at index: Int) -> Record {
        let r = records + index * Self.recordSize
        return Record(
            renderKey: Self.word(r, 1),
            page: FileStamp(size: Int64(bitPattern: Self.word(r, 2)), modifiedNanoseconds: Int64(bitPattern: Self.word(r, 3)), inode: Self.word(r, 4)),
            flags: Self.word(r, 7), offset: Int(truncatingIfNeeded: Self.word(r, 5)), length: Int(truncatingIfNeeded: Self.word(r, 6)),
            checksum: Self.word(r, 8))
    }

    func blob(_ record: Record) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + record.offset, count: record.length)
    }

    /// Whether the record's blob is as it was written (checked before it is used again).
    func isIntact(_ record: Record) -> Bool {
        var checksum = ContentHash()
        checksum.add(blob(record))
        return checksum.value == record.checksum
    }

    /// The record of the article at `path`, if the last build had it.
    func find(_ path: String) -> Record? {
        let key = Self.pathHash(path)
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if hash(at: middle) < key { low = middle + 1 } else { high = middle }
        }
        var index = low
        while index < count, hash(at: index) == key {
            let record = record(at: index)
            if Self.blobPath(blob(record)).hasBytes(of: path) { return record }
            index += 1
        }
        return nil
    }

    static func pathHash(_ path: String) -> UInt64 {
        var hash = StableHash()
        hash.add(path)
        return hash.value
    }

    /// The path a blob starts with; empty if its length does not fit (a damaged blob).
    private static func blobPath(_ blob: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        let length = word(blob.baseAddress!, 0)
        guard length <= UInt64(blob.count - 8) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(rebasing: blob[8..<(8 + Int(length))])
    }

    /// A blob's checksum is checked here, when it is used, not for every article of every build:
    /// most blobs of a rebuild are never read.
    func digest(_ record: Record) throws(ArchiveReader.Malformed) -> ArticleDigest {
        guard isIntact(record) else { throw ArchiveReader.Malformed() }
        var reader = ArchiveReader(Array(blob(record)))
        _ = try reader.string()
        return try reader.digest()
    }

    func warnings(_ record: Record) throws(ArchiveReader.Malformed) -> [Diagnostic] {
        guard record.flags & Self.hasWarnings != 0 else { return [] }
        guard isIntact(record) else { throw ArchiveReader.Malformed() }
        var reader = ArchiveReader(Array(blob(record)))
        _ = try reader.string()
        _ = try reader.digest()
        return try reader.array { (r: inout ArchiveReader) throws(ArchiveReader.Malformed) in try r.diagnostic() }
    }

    /// Sorted hashes and blobs inside the file, before the index.
    private func isWellFormed(blobsEnd: Int) -> Bool {
        var previousHash: UInt64 = 0
        for index in 0..<count {
            let hash = hash(at: index)
            let record = record(at: index)
            guard hash >= previousHash, record.offset >= Self.headerSize, record.length >= 8,
                  record.offset <= blobsEnd - record.length
            else { return false }
            previousHash = hash
        }
        return true
    }
}

/// One article's line in the next `articles.bin`: its digest either rendered by this build or the
/// last build's bytes, copied as they are.
struct DigestEntry: Sendable {
    enum Digest: Sendable {
        case rendered(ArticleDigest, warnings: [Diagnostic])
        case cached(DigestArchive.Record, withFeedItem: Bool)
    }

    let path: String
    let renderKey: UInt64
    let page: FileStamp
    let digest: Digest
}

extension DigestArchive.Record: @unchecked Sendable {}

/// The digests of this build's articles, in the order of `site.articles`.
struct DigestTable: Sendable {
    let entries: [DigestEntry]
    let archive: DigestArchive?

    static let empty = DigestTable(entries: [], archive: nil)

    /// Thrown when a digest kept from the last build turns out damaged on disk: the build starts
    /// again without its cache (`SiteBuilder`).
    static let damaged = Diagnostic.error("damaged-cache", "the build cache is damaged", hint: "delete the hidden .…bantin-cache folder beside the output", at: nil)

    func digest(_ index: Int) throws(Diagnostic) -> ArticleDigest {
        switch entries[index].digest {
        case .rendered(let digest, _):
            return digest
        case .cached(let record, let withFeedItem):
            guard let archive, let digest = try? archive.digest(record) else { throw Self.damaged }
            return withFeedItem ? digest : digest.withoutFeedItem
        }
    }
}

extension DigestArchive {
    /// Writes `articles.bin` for `entries`: appended to `previous`'s file (new blobs, then a new
    /// index) while that file stays at most twice what it holds, written anew otherwise (cached
    /// blobs copied byte for byte). A build killed while appending leaves a file whose index does
    /// not check out, which the next build ignores.
    static func save(_ entries: [DigestEntry], previous: DigestArchive?, globalKey: UInt64, to path: String) {
        // Which digests stay where they are, and how many are new (their size estimated from the
        // others': they are encoded and written one by one, never all held in memory).
        var reusedBytes = 0, reusedCount = 0, newCount = 0
        for entry in entries {
            if case .cached(let record, let withFeedItem) = entry.digest, previous != nil, withFeedItem || record.flags & hasFeedItem == 0 {
                reusedBytes += record.length
                reusedCount += 1
            } else {
                newCount += 1
            }
        }
        let estimatedNewBytes = newCount * (reusedCount > 0 ? reusedBytes / reusedCount : 2048)
        let indexBytes = entries.count * recordSize + trailerSize

        // Appended to while the file stays at most twice what it holds, and is still the one mapped.
        var appendTo: (archive: DigestArchive, fd: Int32)?
        if let previous, previous.globalKey == globalKey,
           previous.size + estimatedNewBytes + indexBytes <= 2 * (headerSize + reusedBytes + estimatedNewBytes + indexBytes) {
            let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW)
            var info = stat()
            if fd >= 0, fstat(fd, &info) == 0, Int(info.st_size) == previous.size, UInt64(info.st_ino) == previous.inode {
                appendTo = (previous, fd)
            } else if fd >= 0 {
                close(fd)
            }
        }
        let temporary = path + ".\(getpid())"
        let fd = appendTo?.fd ?? open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { return }
        var writer = ArchiveWriter(file: fd)
        // Positions in the file: past the last build's bytes when appending.
        let base = appendTo?.archive.size ?? 0
        var header = ArchiveWriter()
        header.uint(BuildCache.formatVersion)
        header.uint(globalKey)
        if appendTo == nil { header.bytes.withUnsafeBytes { writer.raw($0) } }

        var placed: [(hash: UInt64, renderKey: UInt64, page: FileStamp, offset: Int, length: Int, flags: UInt64, checksum: UInt64)] = []
        placed.reserveCapacity(entries.count)
        for entry in entries {
            var flags: UInt64 = 0
            var blob = ArchiveWriter()
            switch entry.digest {
            case .rendered(let digest, let warnings):
                blob.digestBlob(entry.path, digest, warnings)
                if digest.feedItem != nil { flags |= hasFeedItem }
                if !warnings.isEmpty { flags |= hasWarnings }
            case .cached(let record, let withFeedItem):
                guard let previous else { continue }
                if withFeedItem || record.flags & hasFeedItem == 0 {
                    // Where it is when appending; copied when the file is written anew.
                    var offset = record.offset
                    if appendTo == nil {
                        // A damaged blob is left behind: its article is rendered again next time.
                        guard previous.isIntact(record) else { continue }
                        offset = base + writer.position
                        writer.raw(previous.blob(record))
                    }
                    placed.append((pathHash(entry.path), entry.renderKey, entry.page, offset, record.length, record.flags, record.checksum))
                    continue
                }
                // Out of the main feed since the last build: its blob is written again without the item.
                guard let digest = try? previous.digest(record), let warnings = try? previous.warnings(record) else { continue }
                blob.digestBlob(entry.path, digest.withoutFeedItem, warnings)
                flags = record.flags & ~hasFeedItem
            }
            var checksum = ContentHash()
            blob.bytes.withUnsafeBytes { checksum.add($0) }
            placed.append((pathHash(entry.path), entry.renderKey, entry.page, base + writer.position, blob.bytes.count, flags, checksum.value))
            blob.bytes.withUnsafeBytes { writer.raw($0) }
        }
        let indexAt = base + writer.position
        var index = ArchiveWriter()
        // Sorted as (hash, position) pairs: moving the records themselves cost as much as the rest.
        for (_, position) in placed.indices.map({ (placed[$0].hash, $0) }).sorted(by: { $0.0 < $1.0 }) {
            let record = placed[position]
            index.uint(record.hash)
            index.uint(record.renderKey)
            index.int(record.page.size)
            index.int(record.page.modifiedNanoseconds)
            index.uint(record.page.inode)
            index.int(record.offset)
            index.int(record.length)
            index.uint(record.flags)
            index.uint(record.checksum)
        }
        index.bytes.withUnsafeBytes { writer.raw($0) }
        writer.int(placed.count)
        writer.int(indexAt)
        let checksum = header.bytes.withUnsafeBytes { h in index.bytes.withUnsafeBytes { indexChecksum(header: h, records: $0) } }
        writer.uint(checksum)
        writer.flush()
        if appendTo != nil {
            // A failed append is taken back: the file is the last build's again.
            if writer.failed { ftruncate(fd, off_t(base)) }
            close(fd)
        } else {
            close(fd)
            if writer.failed || rename(temporary, path) != 0 { unlink(temporary) }
        }
    }
}

extension ArchiveWriter {
    fileprivate mutating func digestBlob(_ path: String, _ digest: ArticleDigest, _ warnings: [Diagnostic]) {
        string(path)
        self.digest(digest)
        array(warnings) { $0.diagnostic($1) }
    }

    mutating func digest(_ digest: ArticleDigest) {
        string(digest.summary)
        string(digest.summaryHTML)
        optional(digest.cardHTML) { $0.string($1) }
        optional(digest.feedItem) { $0.string($1) }
    }
}

extension ArchiveReader {
    mutating func digest() throws(Malformed) -> ArticleDigest {
        ArticleDigest(
            summary: try string(), summaryHTML: try string(),
            cardHTML: try optional { (r: inout ArchiveReader) throws(Malformed) in try r.string() },
            feedItem: try optional { (r: inout ArchiveReader) throws(Malformed) in try r.string() })
    }
}

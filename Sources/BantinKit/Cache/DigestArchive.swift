import Foundation

/// `articles.bin`: each article's rendered digest from the last build, read in place from the
/// memory-mapped file only when a page needs it. A rebuild after a small edit so reads a few
/// digests instead of decoding tens of megabytes, and writes the unchanged ones back as raw bytes.
///
/// Layout (integers are 64-bit little-endian), written in one pass:
///
///     formatVersion, globalKey
///     blobs: path, summary, summaryHTML, cardHTML?, feedItem?, warnings
///     records, sorted by path hash: pathHash, renderKey, page size, page mtime (ns),
///         page inode, blob offset, blob length, flags (1: has a feed item, 2: has warnings)
///     count, offset of the records, checksum of every byte before it
///
/// The checksum and every record's bounds are checked when the file is opened, so a damaged file
/// is not used.
final class DigestArchive: @unchecked Sendable {
    private static let headerSize = 16
    private static let trailerSize = 24
    private static let recordSize = 64
    static let hasFeedItem: UInt64 = 1
    static let hasWarnings: UInt64 = 2

    /// Read-only mapping, never changed while this object lives (the next file replaces it by rename).
    private let base: UnsafeRawPointer
    private let size: Int
    private let records: UnsafeRawPointer
    let count: Int

    struct Record {
        let renderKey: UInt64
        let page: FileStamp
        let flags: UInt64
        fileprivate let offset: Int
        fileprivate let length: Int
    }

    /// nil when the file is missing, from another format or build settings, or damaged.
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
        let trailer = base + size - Self.trailerSize
        let count = Int(truncatingIfNeeded: Self.word(trailer, 0))
        let recordsOffset = Int(truncatingIfNeeded: Self.word(trailer, 1))
        self.count = count
        records = base + max(0, min(recordsOffset, size))
        var checksum = ContentHash()
        checksum.add(UnsafeRawBufferPointer(start: base, count: size - 8))
        guard Self.word(base, 0) == BuildCache.formatVersion, Self.word(base, 1) == globalKey, Self.word(trailer, 2) == checksum.value,
              count >= 0, count <= size / Self.recordSize, recordsOffset >= Self.headerSize,
              recordsOffset == size - Self.trailerSize - count * Self.recordSize, isWellFormed(blobsEnd: recordsOffset)
        else { return nil }
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: base), size)
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
            flags: Self.word(r, 7), offset: Int(truncatingIfNeeded: Self.word(r, 5)), length: Int(truncatingIfNeeded: Self.word(r, 6)))
    }

    func blob(_ record: Record) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + record.offset, count: record.length)
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
            if Self.blobPath(blob(record)).elementsEqual(path.utf8) { return record }
            index += 1
        }
        return nil
    }

    static func pathHash(_ path: String) -> UInt64 {
        var hash = StableHash()
        hash.add(path)
        return hash.value
    }

    private static func blobPath(_ blob: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        let length = Int(truncatingIfNeeded: word(blob.baseAddress!, 0))
        return UnsafeRawBufferPointer(rebasing: blob[8..<(8 + length)])
    }

    func digest(_ record: Record) throws(ArchiveReader.Malformed) -> ArticleDigest {
        var reader = ArchiveReader(Array(blob(record)))
        _ = try reader.string()
        return try reader.digest()
    }

    func warnings(_ record: Record) throws(ArchiveReader.Malformed) -> [Diagnostic] {
        guard record.flags & Self.hasWarnings != 0 else { return [] }
        var reader = ArchiveReader(Array(blob(record)))
        _ = try reader.string()
        _ = try reader.digest()
        return try reader.array { (r: inout ArchiveReader) throws(ArchiveReader.Malformed) in try r.diagnostic() }
    }

    /// Sorted hashes and blobs inside the file (their bytes are covered by the checksum).
    private func isWellFormed(blobsEnd: Int) -> Bool {
        var previousHash: UInt64 = 0
        for index in 0..<count {
            let hash = hash(at: index)
            let record = record(at: index)
            guard hash >= previousHash, record.offset >= Self.headerSize, record.length >= 8,
                  record.offset <= blobsEnd - record.length,
                  Self.word(base + record.offset, 0) <= UInt64(record.length - 8)
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

    func digest(_ index: Int) throws(Diagnostic) -> ArticleDigest {
        switch entries[index].digest {
        case .rendered(let digest, _):
            return digest
        case .cached(let record, let withFeedItem):
            guard let archive, let digest = try? archive.digest(record) else {
                throw Diagnostic.error("cache", "the build cache cannot be read", hint: "delete the build cache (the hidden .…bantin-cache folder beside the output) and build again", at: nil)
            }
            return withFeedItem ? digest : digest.withoutFeedItem
        }
    }
}

extension ArchiveWriter {
    /// `articles.bin` for `entries`; cached blobs are copied from `archive` byte for byte.
    mutating func writeDigests(_ entries: [DigestEntry], archive: DigestArchive?, globalKey: UInt64) {
        uint(BuildCache.formatVersion)
        uint(globalKey)
        var records: [(hash: UInt64, renderKey: UInt64, page: FileStamp, offset: Int, length: Int, flags: UInt64)] = []
        records.reserveCapacity(entries.count)
        for entry in entries {
            let start = position
            var flags: UInt64 = 0
            switch entry.digest {
            case .rendered(let digest, let warnings):
                digestBlob(entry.path, digest, warnings)
                if digest.feedItem != nil { flags |= DigestArchive.hasFeedItem }
                if !warnings.isEmpty { flags |= DigestArchive.hasWarnings }
            case .cached(let record, let withFeedItem):
                guard let archive else { continue }
                if withFeedItem || record.flags & DigestArchive.hasFeedItem == 0 {
                    raw(archive.blob(record))
                    flags = record.flags
                } else if let digest = try? archive.digest(record), let warnings = try? archive.warnings(record) {
                    // Out of the main feed since the last build: its blob is written again without the item.
                    digestBlob(entry.path, digest.withoutFeedItem, warnings)
                    flags = record.flags & ~DigestArchive.hasFeedItem
                } else {
                    continue
                }
            }
            records.append((DigestArchive.pathHash(entry.path), entry.renderKey, entry.page, start, position - start, flags))
        }
        let recordsOffset = position
        for record in records.sorted(by: { $0.hash < $1.hash }) {
            uint(record.hash)
            uint(record.renderKey)
            int(record.page.size)
            int(record.page.modifiedNanoseconds)
            uint(record.page.inode)
            int(record.offset)
            int(record.length)
            uint(record.flags)
        }
        int(records.count)
        int(recordsOffset)
        flush()
        uint(checksum.value)
    }

    private mutating func digestBlob(_ path: String, _ digest: ArticleDigest, _ warnings: [Diagnostic]) {
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

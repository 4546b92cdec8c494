import Foundation

/// A compact binary encoding for the build cache: little-endian integers and length-prefixed
/// UTF-8, read back far faster than JSON (the cache of a 10,000-article site is read on every build).
struct ArchiveWriter {
    private(set) var bytes: [UInt8] = []
    /// With a file, bytes go out in chunks, so the cache of a large site is never whole in memory.
    private let fd: Int32?
    private(set) var failed = false
    /// Bytes already written to the file, and their checksum.
    private var flushed = 0
    private(set) var checksum = ContentHash()
    /// Where the next byte goes, from the start.
    var position: Int { flushed + bytes.count }

    init(file fd: Int32? = nil) {
        self.fd = fd
        bytes.reserveCapacity(1 << 20)
    }

    /// Writes what is buffered to the file.
    mutating func flush() {
        guard let fd, !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { checksum.add($0) }
        let ok = bytes.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue } else { return false } }
                offset += n
            }
            return true
        }
        if !ok { failed = true }
        flushed += bytes.count
        bytes.removeAll(keepingCapacity: true)
    }

    private mutating func flushIfLarge() {
        if fd != nil, bytes.count >= 1 << 20 { flush() }
    }

    mutating func int(_ value: Int64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func int(_ value: Int) { int(Int64(value)) }
    mutating func uint(_ value: UInt64) { int(Int64(bitPattern: value)) }
    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        int(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
        flushIfLarge()
    }

    mutating func raw(_ buffer: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: buffer)
        flushIfLarge()
    }

    mutating func optional<T>(_ value: T?, _ write: (inout ArchiveWriter, T) -> Void) {
        bool(value != nil)
        if let value { write(&self, value) }
    }

    mutating func array<T>(_ values: [T], _ write: (inout ArchiveWriter, T) -> Void) {
        int(values.count)
        for value in values { write(&self, value) }
    }
}

struct ArchiveReader {
    struct Malformed: Error {}

    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { offset == bytes.count }

    mutating func int() throws(Malformed) -> Int64 {
        guard offset + 8 <= bytes.count else { throw Malformed() }
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
        offset += 8
        return Int64(bitPattern: value)
    }

    mutating func count() throws(Malformed) -> Int {
        let value = try int()
        guard value >= 0, value <= bytes.count - offset + 8 else { throw Malformed() }
        return Int(value)
    }

    mutating func uint() throws(Malformed) -> UInt64 { UInt64(bitPattern: try int()) }

    mutating func bool() throws(Malformed) -> Bool {
        guard offset < bytes.count else { throw Malformed() }
        offset += 1
        return bytes[offset - 1] != 0
    }

    mutating func string() throws(Malformed) -> String {
        let length = try count()
        guard offset + length <= bytes.count else { throw Malformed() }
        defer { offset += length }
        return String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
    }

    /// `candidate` itself when the bytes are its text, sparing a decoding and a copy.
    mutating func string(reusing candidate: String) throws(Malformed) -> String {
        let length = try count()
        guard offset + length <= bytes.count else { throw Malformed() }
        defer { offset += length }
        var candidate = candidate
        let same = length > 0 && length == candidate.utf8.count && candidate.withUTF8 { text in
            bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + offset, text.baseAddress!, length) == 0 }
        }
        if same { return candidate }
        return String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
    }

    /// A length-prefixed block of bytes, to be read by a reader of its own.
    mutating func block() throws(Malformed) -> [UInt8] {
        let length = try count()
        guard offset + length <= bytes.count else { throw Malformed() }
        defer { offset += length }
        return Array(bytes[offset..<(offset + length)])
    }

    mutating func optional<T>(_ read: (inout ArchiveReader) throws(Malformed) -> T) throws(Malformed) -> T? {
        try bool() ? try read(&self) : nil
    }

    mutating func array<T>(_ read: (inout ArchiveReader) throws(Malformed) -> T) throws(Malformed) -> [T] {
        let n = try count()
        var values: [T] = []
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(try read(&self)) }
        return values
    }
}

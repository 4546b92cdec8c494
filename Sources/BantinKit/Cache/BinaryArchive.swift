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
        // Through a typed buffer: appending a raw buffer goes byte by byte.
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0.assumingMemoryBound(to: UInt8.self)) }
    }

    mutating func int(_ value: Int) { int(Int64(value)) }
    mutating func uint(_ value: UInt64) { int(Int64(bitPattern: value)) }
    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        int(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
        flushIfLarge()
    }

    /// LEB128: one byte for numbers below 128 (lengths, counts and indices, mostly).
    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// A text with a `varint` length.
    mutating func compactString(_ value: String) {
        varint(UInt64(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
        flushIfLarge()
    }

    /// `compactString` of `value` without its first `count` bytes (a path's folder part).
    mutating func compactString(_ value: String, droppingFirst count: Int) {
        var value = value
        value.withUTF8 { utf8 in
            varint(UInt64(utf8.count - count))
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[count...]))
        }
        flushIfLarge()
    }

    mutating func raw(_ buffer: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: buffer.assumingMemoryBound(to: UInt8.self))
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

    /// A slice: blocks read from a file share its storage. `offset` indexes it as the slice does.
    private let bytes: ArraySlice<UInt8>
    private var offset: Int

    init(_ bytes: [UInt8]) { self.init(bytes[...]) }

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        offset = bytes.startIndex
    }

    var atEnd: Bool { offset == bytes.endIndex }

    /// Bytes not read yet: a bound for counts of things each at least a byte long.
    var remaining: Int { bytes.endIndex - offset }

    mutating func int() throws(Malformed) -> Int64 {
        guard offset + 8 <= bytes.endIndex else { throw Malformed() }
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
        offset += 8
        return Int64(bitPattern: value)
    }

    mutating func count() throws(Malformed) -> Int {
        let value = try int()
        guard value >= 0, value <= bytes.endIndex - offset + 8 else { throw Malformed() }
        return Int(value)
    }

    mutating func uint() throws(Malformed) -> UInt64 { UInt64(bitPattern: try int()) }

    mutating func bool() throws(Malformed) -> Bool {
        guard offset < bytes.endIndex else { throw Malformed() }
        offset += 1
        return bytes[offset - 1] != 0
    }

    mutating func string() throws(Malformed) -> String {
        let length = try count()
        guard offset + length <= bytes.endIndex else { throw Malformed() }
        defer { offset += length }
        return String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
    }

    mutating func varint() throws(Malformed) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.endIndex, shift < 64 else { throw Malformed() }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// A `varint` that counts something in the rest of the bytes, or indexes below `limit`.
    mutating func varint(below limit: Int) throws(Malformed) -> Int {
        let value = try varint()
        guard value < UInt64(limit) else { throw Malformed() }
        return Int(value)
    }

    mutating func compactString() throws(Malformed) -> String {
        let length = try varint(below: bytes.endIndex - offset + 1)
        defer { offset += length }
        return String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
    }

    /// Where the bytes of a `compactString` that must be one plain name are (not empty, `.` or
    /// `..`, no `/` or NUL), without making a String of them.
    mutating func compactNameRange() throws(Malformed) -> Range<Int> {
        let length = try varint(below: bytes.endIndex - offset + 1)
        let range = offset..<(offset + length)
        let start = bytes.startIndex
        let plain = bytes.withUnsafeBufferPointer { all in
            let name = UnsafeBufferPointer(rebasing: all[(range.lowerBound - start)..<(range.upperBound - start)])
            var plain = length > 0 && !(length <= 2 && name.allSatisfy { $0 == 0x2E })
            for byte in name where byte == UInt8(ascii: "/") || byte == 0 { plain = false }
            return plain
        }
        guard plain else { throw Malformed() }
        offset += length
        return range
    }

    /// A `compactNameRange` as `folder/name` (just `name` if `folder` is empty), made in one allocation.
    mutating func compactName(in folder: String) throws(Malformed) -> String {
        let range = try compactNameRange()
        let start = bytes.startIndex
        return bytes.withUnsafeBufferPointer { all in
            let name = UnsafeBufferPointer(rebasing: all[(range.lowerBound - start)..<(range.upperBound - start)])
            guard !folder.isEmpty else { return String(decoding: name, as: UTF8.self) }
            var folder = folder
            return folder.withUTF8 { prefix in
                String(unsafeUninitializedCapacity: prefix.count + 1 + name.count) { buffer in
                    _ = UnsafeMutableBufferPointer(rebasing: buffer[..<prefix.count]).initialize(from: prefix)
                    buffer[prefix.count] = UInt8(ascii: "/")
                    _ = UnsafeMutableBufferPointer(rebasing: buffer[(prefix.count + 1)...]).initialize(from: name)
                    return prefix.count + 1 + name.count
                }
            }
        }
    }

    /// `candidate` itself when the bytes are its text, sparing a decoding and a copy.
    mutating func string(reusing candidate: String) throws(Malformed) -> String {
        let length = try count()
        guard offset + length <= bytes.endIndex else { throw Malformed() }
        defer { offset += length }
        let same = length > 0 && bytes[offset..<(offset + length)].withUnsafeBytes { $0.hasBytes(of: candidate) }
        if same { return candidate }
        return String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
    }

    /// A length-prefixed block of bytes, to be read by a reader of its own (not copied).
    mutating func block() throws(Malformed) -> ArraySlice<UInt8> {
        let length = try count()
        guard offset + length <= bytes.endIndex else { throw Malformed() }
        defer { offset += length }
        return bytes[offset..<(offset + length)]
    }

    mutating func optional<T>(_ read: (inout ArchiveReader) throws(Malformed) -> T) throws(Malformed) -> T? {
        try bool() ? try read(&self) : nil
    }

    mutating func array<T>(_ read: (inout ArchiveReader) throws(Malformed) -> T) throws(Malformed) -> [T] {
        let n = try count()
        guard n > 0 else { return [] }
        var values: [T] = []
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(try read(&self)) }
        return values
    }
}

import Foundation

/// A hash that is the same in every run (Swift's `Hasher` is seeded per process), for cache
/// keys kept between builds: `ContentHash` over the values added, each text with its length.
struct StableHash: Sendable {
    private var content = ContentHash()

    init() {}

    var value: UInt64 { content.value }

    mutating func add(bytes: UnsafeRawBufferPointer) {
        content.add(bytes)
    }

    mutating func add(bytes: Data) {
        bytes.withUnsafeBytes { add(bytes: $0) }
    }

    mutating func add(_ text: String) {
        add(UInt64(text.utf8.count))
        var text = text
        text.withUTF8 { add(bytes: UnsafeRawBufferPointer($0)) }
        // Padded to a whole word (the length above keeps that unambiguous), so what follows is
        // taken a word at a time again.
        content.finishWord()
    }

    mutating func add(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { add(bytes: $0) }
    }

    mutating func add(_ number: Int) { add(UInt64(bitPattern: Int64(number))) }

    static func of(_ text: String) -> UInt64 {
        var hash = StableHash()
        hash.add(text)
        return hash.value
    }
}

/// A 64-bit hash of a byte stream taken eight bytes at a time, the same in every run: for file
/// contents and checksums, where FNV-1a's byte-at-a-time loop costs several times more on the
/// megabytes of a site. Each word is mixed in by a bijection, so changing any one word of the
/// input always changes the result.
struct ContentHash: Sendable {
    private var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var pending: UInt64 = 0
    private var pendingCount: UInt64 = 0
    private var length: UInt64 = 0

    init() {}

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        length &+= UInt64(bytes.count)
        var i = 0
        while pendingCount != 0, i < bytes.count {
            take(base.load(fromByteOffset: i, as: UInt8.self))
            i += 1
        }
        while i + 8 <= bytes.count {
            mix(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            i += 8
        }
        while i < bytes.count {
            take(base.load(fromByteOffset: i, as: UInt8.self))
            i += 1
        }
    }

    mutating func add(_ data: Data) {
        data.withUnsafeBytes { add($0) }
    }

    /// Mixes in the bytes of an incomplete word, if any.
    mutating func finishWord() {
        guard pendingCount > 0 else { return }
        mix(pending ^ (pendingCount << 59))
        pending = 0
        pendingCount = 0
    }

    private mutating func take(_ byte: UInt8) {
        pending |= UInt64(byte) << (8 * pendingCount)
        pendingCount += 1
        if pendingCount == 8 {
            mix(pending)
            pending = 0
            pendingCount = 0
        }
    }

    private mutating func mix(_ word: UInt64) {
        state = (state ^ word) &* 0xFF51_AFD7_ED55_8CCD
        state ^= state >> 32
    }

    var value: UInt64 {
        var copy = self
        if copy.pendingCount > 0 { copy.mix(copy.pending ^ (copy.pendingCount << 59)) }
        copy.mix(copy.length)
        return copy.state
    }
}

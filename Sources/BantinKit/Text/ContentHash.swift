import Foundation

/// A 64-bit hash of a byte stream taken eight bytes at a time, the same in every run: it names
/// fingerprinted assets (`logo.1a2b3c4d.png`), so a new file gets a new name and an unchanged one
/// keeps its name. Each word is mixed in by a bijection, so changing any one word of the
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

/// An image's size in pixels, read from the first bytes of a PNG, GIF, JPEG or WebP file: the
/// article page gives its picture a width and height, so the text does not jump when it loads.
public struct ImageSize: Sendable, Hashable {
    public let width: Int
    public let height: Int

    /// How many bytes of a file `read` may need (a JPEG's size comes after its metadata).
    static let prefixLength = 256 * 1024

    static func read(_ bytes: [UInt8]) -> ImageSize? {
        func be16(_ i: Int) -> Int { Int(bytes[i]) << 8 | Int(bytes[i + 1]) }
        func le16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
        func le24(_ i: Int) -> Int { le16(i) | Int(bytes[i + 2]) << 16 }
        func be32(_ i: Int) -> Int { be16(i) << 16 | be16(i + 2) }
        func starts(_ text: String, at offset: Int = 0) -> Bool {
            bytes.count >= offset + text.utf8.count && bytes[offset..<(offset + text.utf8.count)].elementsEqual(text.utf8)
        }
        var size: ImageSize?
        if bytes.count >= 24, bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), starts("IHDR", at: 12) {
            size = ImageSize(width: be32(16), height: be32(20))
        } else if bytes.count >= 10, starts("GIF87a") || starts("GIF89a") {
            size = ImageSize(width: le16(6), height: le16(8))
        } else if bytes.count >= 30, starts("RIFF"), starts("WEBP", at: 8) {
            if starts("VP8 ", at: 12) {
                size = ImageSize(width: le16(26) & 0x3FFF, height: le16(28) & 0x3FFF)
            } else if starts("VP8L", at: 12), bytes.count >= 25 {
                let bits = Int(bytes[21]) | Int(bytes[22]) << 8 | Int(bytes[23]) << 16 | Int(bytes[24]) << 24
                size = ImageSize(width: (bits & 0x3FFF) + 1, height: ((bits >> 14) & 0x3FFF) + 1)
            } else if starts("VP8X", at: 12) {
                size = ImageSize(width: le24(24) + 1, height: le24(27) + 1)
            }
        } else if bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 {
            // Segments up to a start of frame (SOF0–SOF15 but DHT, JPG and DAC), which holds the size.
            var i = 2
            while i + 9 < bytes.count, bytes[i] == 0xFF {
                let marker = bytes[i + 1]
                if marker == 0xFF { i += 1; continue }
                if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                    size = ImageSize(width: be16(i + 7), height: be16(i + 5))
                    break
                }
                if marker == 0xD8 || (0xD0...0xD7).contains(marker) { i += 2; continue }
                i += 2 + be16(i + 2)
            }
        }
        guard let size, size.width > 0, size.height > 0 else { return nil }
        return size
    }
}

import Foundation
import Testing
@testable import BantinKit

/// The article's picture: its size read from the file's first bytes, its alt text and caption,
/// and a warning when it has no alt text.
@Suite struct ImageSizeTests {
    static func png(_ width: UInt32, _ height: UInt32) -> [UInt8] {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
            + withUnsafeBytes(of: width.bigEndian, Array.init) + withUnsafeBytes(of: height.bigEndian, Array.init) + [8, 2, 0, 0, 0]
    }

    @Test func sizesOfEachFormat() {
        #expect(ImageSize.read(Self.png(320, 180)) == ImageSize(width: 320, height: 180))
        #expect(ImageSize.read(Array("GIF89a".utf8) + [0x40, 0x01, 0xB4, 0x00, 0, 0]) == ImageSize(width: 320, height: 180))
        // A JPEG with an APP0 segment before its frame (SOF0: height then width).
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
            + [0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0xB4, 0x01, 0x40, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]
        #expect(ImageSize.read(jpeg) == ImageSize(width: 320, height: 180))
        let vp8x = Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBPVP8X".utf8) + [10, 0, 0, 0, 0, 0, 0, 0] + [0x3F, 0x01, 0x00, 0xB3, 0x00, 0x00]
        #expect(ImageSize.read(vp8x) == ImageSize(width: 320, height: 180))
    }

    @Test("not an image, or cut short: no size", arguments: [[UInt8](), Array("png".utf8), [0xFF, 0xD8, 0xFF, 0xE0, 0x00], Array(png(0, 10))])
    func noSize(bytes: [UInt8]) {
        #expect(ImageSize.read(bytes) == nil)
    }

    @Test func theArticlePageShowsThePictureWithItsSizeAltAndCaption() throws {
        let site = try TestSite([
            "content/2024/02/lu/index.md": article("title: Lũ\ndate: \"21/02/2024\"\nimage: anh.png\nimage_alt: \"Nhà bị ngập <nước>\"\nimage_caption: Ảnh & chú thích"),
            "content/2024/02/mua/index.md": article("title: Mưa\ndate: \"22/02/2024\"\nimage: anh.png"),
        ])
        defer { site.cleanUp() }
        try Data(Self.png(320, 180)).write(to: site.root.appendingPathComponent("content/2024/02/lu/anh.png"))
        try Data(Self.png(64, 48)).write(to: site.root.appendingPathComponent("content/2024/02/mua/anh.png"))
        let report = try site.build()
        #expect(report.warnings.map(\.code) == [.missingAlt])
        #expect(report.warnings.first?.location == SourceLocation(file: "content/2024/02/mua/index.md", line: 4, column: 8))
        let page = try site.read("2024/02/lu/index.html")
        #expect(page.contains("<img src=\"/bantin/2024/02/lu/anh.png\" alt=\"Nhà bị ngập &lt;nước&gt;\" width=\"320\" height=\"180\">"))
        #expect(page.contains("<figcaption>Ảnh &amp; chú thích</figcaption>"))
        #expect(try site.read("2024/02/mua/index.html").contains("alt=\"\" width=\"64\" height=\"48\">"))
    }
}

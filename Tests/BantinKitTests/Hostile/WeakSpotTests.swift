import Foundation
import Testing
@testable import BantinKit

/// Smaller holes: control characters printed raw, addresses dropped without a word, a marker
/// anyone can make, UTF-16 taken for TCVN3, a marker rewritten on every build.
@Suite struct WeakSpotTests {
    @Test func controlCharactersFromContentArePrintedEscaped() {
        let d = Diagnostic.error(.io, "bad \u{1B}[2J title\u{07}\r", hint: "h\u{9B}", at: SourceLocation(file: "content/a\u{1B}.md"))
        let text = d.formatted()
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x0D || $0.value == 0x9B })
        #expect(text.contains("content/a\\u{1B}.md") && text.contains("bad \\u{1B}[2J title\\u{7}\\u{D}") && text.contains("h\\u{9B}"))
        #expect(Diagnostic.printable("Hùng Lợi\n\tx") == "Hùng Lợi\n\tx")
    }

    @Test func addressesRemovedFromThePageAreWarnedAbout() throws {
        let site = try TestSite([
            "content/a.md": article("title: Bài A\ndate: 21/02/2024\nimage: \"javascript:alert(1)\"",
                                    body: "[a](javascript:alert(1)) [b](VBScript:x) [c](data:text/html,x) ![d](data:image/png;base64,AA) [e](https://x.vn)"),
        ])
        defer { site.cleanUp() }
        let report = try site.build()
        let unsafe = report.warnings.filter { $0.code == .unsafeLink }
        #expect(unsafe.count == 4)
        #expect(unsafe.map(\.message).filter { $0.contains("'javascript:'") }.count == 1)
        #expect(unsafe.contains { $0.message.contains("not a web address") && $0.location?.line == 4 })
        #expect(SiteChecker.check(site.options()).diagnostics.filter { $0.code == .unsafeLink }.count == 4)
        try site.write("site.yaml", TestSite.defaultConfig + "\nmarkdown:\n  unsafe: true\n")
        #expect(try site.build().warnings.filter { $0.code == .unsafeLink }.count == 1)
    }

    /// As libcmark's `_scan_dangerous_url`: schemes in any ASCII case, nothing else taken for them.
    @Test func schemesAreFoundInAnyCase() {
        #expect(ArticleBodyRenderer.removedScheme("JavaScript:alert(1)") == "javascript:")
        #expect(ArticleBodyRenderer.removedScheme("VBSCRIPT:x") == "vbscript:")
        #expect(ArticleBodyRenderer.removedScheme("Data:Image/PNG;base64,AA") == nil)
        #expect(ArticleBodyRenderer.removedScheme("DATA:text/html,x") == "data:")
        #expect(ArticleBodyRenderer.removedScheme("javascrip") == nil)
        #expect(ArticleBodyRenderer.removedScheme("jávascript:x") == nil)
        #expect(ArticleBodyRenderer.removedScheme("https://x.vn/javascript:") == nil)
        #expect(ArticleBodyRenderer.isOnWritersComputer("FILE:///C:/anh.jpg") && ArticleBodyRenderer.isOnWritersComputer("c:\\anh.jpg"))
        #expect(!ArticleBodyRenderer.isOnWritersComputer("fil") && !ArticleBodyRenderer.isOnWritersComputer("anh-file:1.jpg"))
    }

    @Test func anEmptyOrForeignMarkerDoesNotMakeAFolderBantins() throws {
        let site = try TestSite(["content/a.md": article("title: Bài A\ndate: 21/02/2024")])
        defer { site.cleanUp() }
        for marker in ["", "Made by me\n", OutputPolicy.markerText.description + " "] {
            try site.write("public/\(SitePaths.marker)", marker)
            try site.write("public/precious.doc", "keep")
            let errors = site.failingBuild()
            #expect(errors.map(\.code) == [.unsafeOutput])
            #expect(errors.first?.message.contains("not the one Bantin writes") == true)
            #expect(site.exists("precious.doc"))
        }
        try site.build { $0.force = true }
        #expect(!site.exists("precious.doc"))
        try site.build()
    }

    @Test func theMarkerKeepsItsInodeAndTimeWhenUnchanged() throws {
        let site = try TestSite(["content/a.md": article("title: Bài A\ndate: 21/02/2024")])
        defer { site.cleanUp() }
        try site.build()
        func stamp() -> [Int] {
            var info = stat()
            guard lstat(site.output.appendingPathComponent(SitePaths.marker).path, &info) == 0 else { return [] }
            return [Int(info.st_ino), info.st_mtim.tv_sec, info.st_mtim.tv_nsec]
        }
        let first = stamp()
        try site.write("content/b.md", article("title: Bài B\ndate: 21/02/2024"))
        try site.build()
        #expect(stamp() == first)
        try site.write("content/c.md", article("title: Bài C\ndate: 21/02/2024"))
        try site.build()
        #expect(stamp() == first)
        #expect(OutputPolicy.hasMarker(site.output.path))
    }

    @Test(arguments: [
        ([0xFF, 0xFE, 0x2D, 0x00], "little-endian"), ([0xFE, 0xFF, 0x00, 0x2D], "big-endian"),
        ([0x2D, 0x00, 0x2D, 0x00], "little-endian"), ([0x00, 0x2D, 0x00, 0x2D], "big-endian"),
    ] as [([UInt8], String)])
    func utf16IsSaidToBeUTF16(start: [UInt8], order: String) throws {
        let site = try TestSite(["content/a.md": article("title: Bài A\ndate: 21/02/2024")])
        defer { site.cleanUp() }
        let text = article("title: Bài B\ndate: 21/02/2024")
        let units = Array(text.utf16)
        var bytes = start
        for unit in units.dropFirst(start.starts(with: [0xFF]) || start.starts(with: [0xFE]) ? 1 : 2) {
            bytes += order == "little-endian" ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
        try Data(bytes).write(to: site.root.appendingPathComponent("content/b.md"))
        let errors = site.failingBuild()
        #expect(errors.map(\.code) == [.invalidUTF8])
        #expect(errors.first?.message == "the file is UTF-16 text (\(order)), not UTF-8")
        #expect(errors.first?.hint?.contains("TCVN3") == false && errors.first?.hint?.contains("UTF-8") == true)
    }

    @Test func utf8IsNotTakenForUTF16() {
        #expect(SourceText.utf16ByteOrder(Data("---\n".utf8)) == nil)
        #expect(SourceText.utf16ByteOrder(Data("\u{FEFF}---".utf8)) == nil)
        #expect(SourceText.utf16ByteOrder(Data([0x2D])) == nil)
    }
}

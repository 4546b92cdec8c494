import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import BantinKit

/// `dia-phuong/communes.opml`: well-formed XML listing exactly the commune feeds written.
@Suite struct CommuneFeedListTests {
    /// The `rss` outlines' feed addresses, and the group outlines' texts, in order.
    final class Outlines: NSObject, XMLParserDelegate {
        var feeds: [String] = []
        var groups: [String] = []
        var texts: [String] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            guard name == "outline" else { return }
            if attributes["type"] == "rss", let url = attributes["xmlUrl"] {
                feeds.append(url)
                texts.append(attributes["text"] ?? "")
            } else if let text = attributes["text"] {
                groups.append(text)
            }
        }
    }

    static func outlines(_ xml: String) throws -> Outlines {
        let parser = XMLParser(data: Data(xml.utf8))
        let outlines = Outlines()
        parser.delegate = outlines
        #expect(parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
        return outlines
    }

    @Test("the sample site's OPML lists every commune feed written, today's units first, and is linked from the commune index")
    func sampleSite() throws {
        let (root, _) = try SampleSiteAddressesTests.buildSample(now: SampleSiteAddressesTests.late2026)
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("public")
        let opml = output.appendingPathComponent("dia-phuong/communes.opml")
        let outlines = try Self.outlines(try String(contentsOf: opml, encoding: .utf8))
        let written = FileTree.files(under: output.appendingPathComponent("dia-phuong")).filter { $0.hasSuffix("/rss.xml") }
        #expect(outlines.feeds.count == Set(outlines.feeds).count)
        #expect(Set(outlines.feeds) == Set(written.map { "https://congan.tuyenquang.gov.vn/bantin/dia-phuong/" + $0 }))
        #expect(outlines.groups.first == "Xã, phường, thị trấn từ ngày 01/07/2025")
        #expect(outlines.groups.contains("Đơn vị hành chính trước đây"))
        #expect(outlines.groups.contains("huyện Yên Sơn"))
        #expect(outlines.texts.contains("xã Hùng Lợi"))
        #expect(outlines.texts.contains("xã Hùng Lợi (huyện Yên Sơn)"))
        // Today's units come before every former one.
        let firstFormer = try #require(outlines.texts.firstIndex { $0.contains("(huyện") })
        #expect(outlines.texts[firstFormer...].allSatisfy { $0.contains("(") })

        let index = try String(contentsOf: output.appendingPathComponent("dia-phuong/index.html"), encoding: .utf8)
        #expect(index.contains(#"<link rel="alternate" type="text/x-opml" title="RSS của từng xã, phường, thị trấn (OPML)" href="/bantin/dia-phuong/communes.opml">"#))
        #expect(index.contains(#"<a href="/bantin/dia-phuong/communes.opml" type="text/x-opml">"#))

        let xmllint = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first { FileManager.default.isExecutableFile(atPath: $0) }
        if let xmllint {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: xmllint)
            process.arguments = ["--noout", opml.path]
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
    }

    @Test("names are escaped and only units with articles are listed")
    func escapedAndOnlyFeedsThatExist() throws {
        let site = try TestSite([
            "site.yaml": "title: \"Tin <A> & \\\"B\\\"\"\nbaseURL: \"https://example.gov.vn/bantin/\"\n",
            "content/2024/01/a.md": article("title: A\ndate: \"2024-01-05\"\ncommunes: [Hùng Lợi, Phan Thiết]"),
        ])
        defer { site.cleanUp() }
        try site.build()
        let xml = try site.read("dia-phuong/communes.opml")
        #expect(xml.contains("<title>Tin &lt;A&gt; &amp; &quot;B&quot; – tin bài theo xã, phường, thị trấn</title>"))
        let outlines = try Self.outlines(xml)
        #expect(outlines.feeds == [
            "https://example.gov.vn/bantin/dia-phuong/tuyen-quang/phan-thiet/rss.xml",
            "https://example.gov.vn/bantin/dia-phuong/yen-son/hung-loi/rss.xml",
        ])
        #expect(outlines.groups == ["Xã, phường, thị trấn", "thành phố Tuyên Quang", "huyện Yên Sơn"])
        #expect(site.exists("dia-phuong/yen-son/hung-loi/rss.xml") && site.exists("dia-phuong/tuyen-quang/phan-thiet/rss.xml"))
    }
}

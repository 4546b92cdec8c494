import Foundation
import Testing
@testable import BantinKit

/// `{{#site.once}}…{{/site.once}}`: a section rendered with only `site`, once per build with
/// root-relative links, and for each page with relative ones.
@Suite struct OnceSectionTests {
    private let marked = "{{#site.once}}<p class=\"once\">[{{title}}|{{site.title}}|{{site.homeURL}}|{{#site}}{{communesURL}}{{/site}}|{{#site.params.publisher}}{{.}}{{/site.params.publisher}}]</p>{{/site.once}}"

    private func onceLine(_ html: String) -> String? {
        html.components(separatedBy: "\n").first { $0.contains("class=\"once\"") }
    }

    @Test func aOnceSectionSeesOnlySiteAndIsTheSameOnEveryPage() throws {
        let site = try TestSite(fixture: "golden-site")
        defer { site.cleanUp() }
        let baseof = try String(contentsOf: site.root.appendingPathComponent("templates/baseof.mustache"), encoding: .utf8)
        try site.write("templates/baseof.mustache", baseof.replacingOccurrences(of: "<body>", with: "<body>\n" + marked))
        try site.build()
        // The page's own title is not there: only `site` is.
        let expected = "<p class=\"once\">[|Bản tin Công an huyện &amp; thành phố|/bantin/|/bantin/dia-phuong/|Công an tỉnh Tuyên Quang]</p>"
        let pages = site.outputTree().keys.filter { $0.hasSuffix(".html") }
        #expect(pages.count > 5)
        for page in pages {
            #expect(try onceLine(site.read(page)) == expected, "\(page)")
        }
    }

    @Test func withRelativeLinksEachPageGetsItsOwnLinks() throws {
        let site = try TestSite(fixture: "golden-site")
        defer { site.cleanUp() }
        let baseof = try String(contentsOf: site.root.appendingPathComponent("templates/baseof.mustache"), encoding: .utf8)
        try site.write("templates/baseof.mustache", baseof.replacingOccurrences(of: "<body>", with: "<body>\n" + marked))
        try site.build { $0.relativeLinks = true }
        #expect(try onceLine(site.read("index.html")) == "<p class=\"once\">[|Bản tin Công an huyện &amp; thành phố|index.html|dia-phuong/index.html|Công an tỉnh Tuyên Quang]</p>")
        let article = try #require(site.outputTree().keys.first { $0.hasPrefix("2024/") && $0.hasSuffix("/index.html") && $0.split(separator: "/").count == 4 })
        #expect(try onceLine(site.read(article)) == "<p class=\"once\">[|Bản tin Công an huyện &amp; thành phố|../../../index.html|../../../dia-phuong/index.html|Công an tỉnh Tuyên Quang]</p>")
    }
}

import Foundation
import Testing
@testable import BantinKit

/// `tim-kiem/`: the search page, its index (a script the page loads, also from disk), and the
/// search box in every page's header.
@Suite struct SearchPageTests {
    /// The index's entries, read back as JSON.
    static func entries(_ site: TestSite) throws -> [[String]] {
        let script = try site.read(SitePaths.searchIndex)
        let prefix = "window.BANTIN_TIM_KIEM = "
        #expect(script.hasPrefix(prefix) && script.hasSuffix(";\n"))
        let json = script.dropFirst(prefix.count).dropLast(2)
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String]])
    }

    @Test func theIndexHoldsEveryArticleNewestFirstWithWhatIsSearched() throws {
        let site = try TestSite([
            "content/2024/02/a.md": article("title: \"Tuần tra </script><script>alert(1)</script>\"\ndate: \"21/02/2024\"\ncommunes: [Đông Thọ]\nauthors: [Thu Hà]\nsummary: Tóm tắt."),
            "content/2024/03/b.md": article("title: Bài B\ndate: \"01/03/2024\""),
        ])
        defer { site.cleanUp() }
        try site.build()
        let script = try site.read(SitePaths.searchIndex)
        #expect(!script.contains("</script>"), "a title cannot end the page's script")
        let entries = try Self.entries(site)
        #expect(entries.map { $0[1] } == ["Bài B", "Tuần tra </script><script>alert(1)</script>"])
        #expect(Array(entries[1].dropFirst(2)) == ["21/02/2024", "Tóm tắt.", "xã Đông Thọ", "", "Thu Hà"])
        #expect(entries[1][0].hasPrefix("/bantin/2024/02/tuan-tra-") && site.exists(String(entries[1][0].dropFirst("/bantin/".count)) + "index.html"))
        let page = try site.read("tim-kiem/index.html")
        #expect(page.contains("<h1 class=\"page-title\">Tìm kiếm</h1>"))
        #expect(page.contains("<script src=\"/bantin/tim-kiem/chi-muc.js\"></script>"))
        // Every page has the search box, which sends its query to the search page.
        for path in ["index.html", "2024/03/bai-b/index.html", "404.html"] {
            #expect(try site.read(path).contains("<form class=\"site-search\" role=\"search\" action=\"/bantin/tim-kiem/\">"), "\(path)")
        }
    }

    /// A former unit's name finds the articles of the unit it went into.
    @Test func formerUnitsAreSearchedToo() throws {
        let site = try TestSite(fixture: "golden-eras-site")
        defer { site.cleanUp() }
        try site.build { $0.now = GoldenSiteTests.sites[1].now }
        let camera = try #require(try Self.entries(site).first { $0[1].hasPrefix("Camera an ninh") })
        #expect(camera[4].contains("xã Hùng Lợi"))
        #expect(camera[5].contains("xã Trung Minh"), "Trung Minh went into Hùng Lợi in 2025: \(camera[5])")
    }
}

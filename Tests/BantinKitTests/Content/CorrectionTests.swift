import Foundation
import Testing
@testable import BantinKit

/// `corrections:`: a notice on the article, its feed items, and the article's `updated` and
/// `dateModified`; every mistake in writing one is located.
@Suite struct CorrectionTests {
    static let corrected = article("""
        title: Hội nghị
        date: "08:00, 21/02/2023"
        corrections:
          - date: "10:30, 23/02/2023"
            text: "Bài viết ghi nhầm tên xã Trung Minh thành <Trung Minh> & đã sửa."
          - date: "09:00, 22/02/2023"
            text: Sửa giờ họp.
        """, body: "Nội dung.")

    @Test func correctionsAreReadOldestFirst() throws {
        let (source, diagnostics) = ArticleParser.parse(Data(Self.corrected.utf8), path: "content/a.md", timeZone: ArticleParserTests.zone)
        #expect(diagnostics == [])
        let corrections = try #require(source?.frontMatter.corrections)
        #expect(corrections.map(\.text) == ["Sửa giờ họp.", "Bài viết ghi nhầm tên xã Trung Minh thành <Trung Minh> & đã sửa."])
        #expect(corrections.map { $0.date.vietnameseDate } == ["22/02/2023", "23/02/2023"])
    }

    @Test("each mistake in a correction is an error at its place", arguments: [
        ("corrections: Sửa giờ họp.", DiagnosticCode.wrongType, 4),
        ("corrections:\n  - Sửa giờ họp.", .wrongType, 5),
        ("corrections:\n  - text: Sửa giờ họp.", .missingDate, 5),
        ("corrections:\n  - date: \"31/02/2023\"\n    text: Sửa.", .badDate, 5),
        ("corrections:\n  - date: \"22/02/2023\"", .wrongType, 5),
    ])
    func mistakes(lines: String, code: DiagnosticCode, line: Int) {
        let text = article("title: Hội nghị\ndate: \"21/02/2023\"\n" + lines)
        let (_, diagnostics) = ArticleParser.parse(Data(text.utf8), path: "content/a.md", timeZone: ArticleParserTests.zone)
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.code) == [code], "\(diagnostics.map { $0.formatted() })")
        #expect(errors.first?.location?.line == line)
    }

    @Test func aKeyOtherThanDateAndTextIsWarnedAbout() {
        let text = article("title: Hội nghị\ndate: \"21/02/2023\"\ncorrections:\n  - date: \"22/02/2023\"\n    text: Sửa.\n    txet: Sửa.")
        let (_, diagnostics) = ArticleParser.parse(Data(text.utf8), path: "content/a.md", timeZone: ArticleParserTests.zone)
        #expect(diagnostics.map(\.code) == [.unknownKey])
    }

    @Test func theArticlePageFeedAndDataShowTheCorrections() throws {
        let site = try TestSite(["content/2023/02/hoi-nghi.md": Self.corrected])
        defer { site.cleanUp() }
        try site.build()
        let page = try site.read("2023/02/hoi-nghi/index.html")
        #expect(page.contains("<aside class=\"corrections\" aria-label=\"Đính chính\">"))
        #expect(page.contains("<time datetime=\"2023-02-23T10:30:00+07:00\">"))
        #expect(page.contains("thành &lt;Trung Minh&gt; &amp; đã sửa."))
        // The latest correction is the update: shown, and the JSON-LD's dateModified.
        #expect(page.contains("Cập nhật: <time datetime=\"2023-02-23T10:30:00+07:00\">"))
        #expect(page.contains("\"dateModified\":\"2023-02-23T10:30:00+07:00\""))
        #expect(page.contains("<meta property=\"article:modified_time\" content=\"2023-02-23T10:30:00+07:00\">"))
        let feed = try site.read("rss.xml")
        #expect(feed.contains("&lt;p&gt;&lt;strong&gt;Đính chính&lt;/strong&gt; ("))
        #expect(feed.contains("thành &amp;lt;Trung Minh&amp;gt; &amp;amp; đã sửa."))
        let sitemap = try site.read("sitemap.xml")
        #expect(sitemap.contains("<lastmod>2023-02-23</lastmod>") || sitemap.contains("2023-02-23T10:30:00+07:00"))
    }
}

import Foundation
import Testing
@testable import BantinKit

/// "Tin liên quan" at the end of an article: up to five, those about one of its communes first,
/// then those with one of its tags, each group newest first; never the article itself, never twice.
@Suite struct RelatedArticlesTests {
    static func site() throws -> TestSite {
        func bai(_ day: Int, _ communes: String, tags: String = "[]") -> String {
            article("title: Bài \(day)\ndate: \"\(day)/03/2024\"\ncommunes: \(communes)\ntags: \(tags)")
        }
        return try TestSite([
            "content/a.md": bai(10, "[Hùng Lợi, Đông Thọ]", tags: "[giao thông]"),
            "content/b.md": bai(11, "[Hùng Lợi]"),
            "content/c.md": bai(12, "[Đông Thọ, Hùng Lợi]"),
            "content/d.md": bai(13, "[Phan Thiết]", tags: "[giao thông]"),
            "content/e.md": bai(14, "[Tân Thành]"),
            "content/f.md": bai(15, "[Đông Thọ]"),
            "content/g.md": bai(16, "[Phan Thiết]", tags: "[giao thông, an ninh]"),
            "content/h.md": bai(17, "[Hùng Lợi]"),
            "content/i.md": bai(18, "[Hùng Lợi]"),
        ])
    }

    @Test func communesFirstThenTagsEachNewestFirst() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        let model = try #require(site.model())
        let settings = SiteLoader.settings(site.options())
        let context = RenderContext(LoadedSite(site: model, templates: try #require(settings.templates), assets: settings.assets, sourceRoot: site.root))
        func titles(_ title: String) throws -> [String] {
            let index = try #require(model.articles.firstIndex { $0.title == title })
            return context.related(index).map { model.articles[$0].title }
        }
        // Bài 10: Hùng Lợi and Đông Thọ (18, 17, 15, 12, 11, newest first), then "giao thông" (16, 13).
        #expect(try titles("Bài 10") == ["Bài 18", "Bài 17", "Bài 15", "Bài 12", "Bài 11"])
        #expect(try titles("Bài 13") == ["Bài 16", "Bài 10"])
        #expect(try titles("Bài 14") == [])
        #expect(try titles("Bài 12") == ["Bài 18", "Bài 17", "Bài 15", "Bài 11", "Bài 10"])
    }

    @Test func thePageLinksThemAndAnArticleWithoutAnyHasNoSection() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        try site.build()
        let page = try site.read("2024/03/bai-13/index.html")
        #expect(page.contains("<section class=\"related\" aria-label=\"Tin liên quan\">"))
        #expect(page.contains("<li><a href=\"/bantin/2024/03/bai-16/\">Bài 16</a> <time datetime=\"2024-03-16T00:00:00+07:00\">16/03/2024</time></li>"))
        #expect(try !site.read("2024/03/bai-14/index.html").contains("class=\"related\""))
    }
}

import Foundation
import Testing
@testable import BantinKit

/// Every author (`tac-gia/<slug>/`) and every tag (`tu-khoa/<slug>/`) has pages listing its
/// articles newest first, paginated, with its own feed; both have an index.
@Suite struct TaxonomyPagesTests {
    /// Five articles by Nguyễn Văn Đông, tagged `an ninh` (two a page); one also by `Lê Thị B`
    /// with tags that collide, an empty slug and markup.
    private static let files: [String: String] = {
        var files = ["site.yaml": TestSite.defaultConfig + "\npaginate: 2\n"]
        for day in [3, 9, 14, 21, 27] {
            files["content/2024/02/tin-\(day).md"] = article("title: Tin ngày \(day)\ndate: \"\(day)/02/2024\"\nauthors: [Nguyễn Văn Đông]\ntags: [an ninh]")
        }
        files["content/2024/03/tin-khac.md"] = article("title: Tin khác\ndate: \"05/03/2024\"\nauthors: [Lê Thị B, Nguyễn Văn Đông]\ntags: [An Ninh, \"???\", \"<b>&\", Đông Thọ]")
        files["content/2024/03/khong-tac-gia.md"] = article("title: Không tác giả\ndate: \"06/03/2024\"")
        return files
    }()

    private static func cards(_ html: String) -> [String] {
        html.components(separatedBy: "<h2 class=\"card-title\"><a href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    @Test func anAuthorListsItsArticlesNewestFirstPaginatedWithItsFeed() throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        let report = try site.build()
        let first = try site.read("tac-gia/nguyen-van-dong/index.html")
        let second = try site.read("tac-gia/nguyen-van-dong/trang/2/index.html")
        let third = try site.read("tac-gia/nguyen-van-dong/trang/3/index.html")
        #expect(!site.exists("tac-gia/nguyen-van-dong/trang/4/index.html"))
        let listed = [first, second, third].flatMap(Self.cards)
        #expect(listed == ["/bantin/2024/03/tin-khac/"] + [27, 21, 14, 9, 3].map { "/bantin/2024/02/tin-ngay-\($0)/" })
        #expect(first.contains("<h1 class=\"page-title\">Tác giả: Nguyễn Văn Đông</h1>"))
        #expect(first.contains("<title>Tác giả: Nguyễn Văn Đông – Bản tin thử</title>"))
        #expect(first.contains("<link rel=\"next\" href=\"/bantin/tac-gia/nguyen-van-dong/trang/2/\">") && !first.contains("rel=\"prev\""))
        #expect(second.contains("<link rel=\"prev\" href=\"/bantin/tac-gia/nguyen-van-dong/\">"))
        #expect(second.contains("<link rel=\"next\" href=\"/bantin/tac-gia/nguyen-van-dong/trang/3/\">"))
        #expect(third.contains("<link rel=\"prev\" href=\"/bantin/tac-gia/nguyen-van-dong/trang/2/\">") && !third.contains("rel=\"next\""))
        #expect(first.contains("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Bản tin thử – Tác giả: Nguyễn Văn Đông\" href=\"/bantin/tac-gia/nguyen-van-dong/rss.xml\">"))
        let feed = try site.read("tac-gia/nguyen-van-dong/rss.xml")
        #expect(feed.components(separatedBy: "<item>").count == 7)
        #expect(!feed.contains("<content:encoded>"), "summaries only, as a commune's feed")
        #expect(Self.cards(try site.read("tac-gia/le-thi-b/index.html")) == ["/bantin/2024/03/tin-khac/"])
        // Articles 7, home 4, archives 2024 + 02 (3) + 03 (1), authors 3 + 1, tags 3 + 1 + 1 + 1, two indexes, communes, 404, search.
        #expect(report.pages == 7 + 4 + 5 + 4 + 6 + 2 + 3)
    }

    @Test func slugsOfCollidingNamesAreDistinctAndAnEmptySlugHasNoPage() throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        try site.build()
        // "An Ninh" < "an ninh" by their text: the first keeps the slug.
        #expect(Self.cards(try site.read("tu-khoa/an-ninh/index.html")) == ["/bantin/2024/03/tin-khac/"])
        #expect(Self.cards(try site.read("tu-khoa/an-ninh-2/index.html")).count == 2)
        #expect(site.exists("tu-khoa/dong-tho/index.html") && site.exists("tu-khoa/b/index.html"))
        let index = try site.read("tu-khoa/index.html")
        #expect(!index.contains("???") && !index.contains("href=\"/bantin/tu-khoa//\""))
        let article = try site.read("2024/03/tin-khac/index.html")
        #expect(article.contains("<span class=\"tag\">???</span>"), "shown, without a link")
        #expect(article.contains("<a class=\"tag\" href=\"/bantin/tu-khoa/an-ninh/\">An Ninh</a>"))
        #expect(article.contains("<a href=\"/bantin/tac-gia/le-thi-b/\" rel=\"author\">Lê Thị B</a>, <a href=\"/bantin/tac-gia/nguyen-van-dong/\" rel=\"author\">Nguyễn Văn Đông</a>"))
    }

    /// The slugs of the tags of articles with these tags, as `name=slug`, in the index's order.
    private static func slugs(_ tagLists: [[String]]) -> [String] {
        let articles = tagLists.enumerated().map { index, tags in
            Article(sourcePath: "content/\(index).md", title: "Bài \(index)", date: BulletinDate(Date(timeIntervalSince1970: 1_700_000_000), in: .current),
                    updated: nil, authors: [], communeIDs: [], summary: nil, slug: "bai-\(index)", permalink: "bai-\(index)/", draft: false, tags: tags,
                    image: nil, imageLocation: nil, corrections: [], params: [], markdown: Locked(Data()), bodyLine: 1)
        }
        return Taxonomy(.tag, articles: articles).terms.map { "\($0.name)=\($0.slug)" }
    }

    @Test func slugsAreDecidedByTheNamesAloneNeverByTheArticles() {
        #expect(Self.slugs([]).isEmpty)
        #expect(Self.slugs([["an ninh"], ["An Ninh", "Án ninh"]]) == Self.slugs([["Án ninh", "An Ninh"], ["an ninh"]]))
        // The first by its text keeps the slug; the others take the first free number.
        #expect(Set(Self.slugs([["An ninh 2", "an ninh", "An Ninh"]])) == ["An Ninh=an-ninh", "An ninh 2=an-ninh-2", "an ninh=an-ninh-3"])
        #expect(Self.slugs([["!!!", "—"]]).isEmpty, "no page for a name without a letter or digit")
        // A very long name still makes a file name.
        let long = String(repeating: "Tuyên Quang ", count: 40)
        let slug = try! #require(Self.slugs([[long]]).first?.split(separator: "=").last)
        #expect(slug.count <= Taxonomy.maximumSlugLength && slug.hasPrefix("tuyen-quang-") && !slug.hasSuffix("-"))
        // The same name twice in one article counts once.
        #expect(Self.slugs([["Đông Thọ", "Đông Thọ"]]) == ["Đông Thọ=dong-tho"])
    }

    @Test func theIndexesListEveryNameInVietnameseOrderWithCounts() throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        try site.build()
        let authors = try site.read("tac-gia/index.html")
        let le = try #require(authors.range(of: "<li><a href=\"/bantin/tac-gia/le-thi-b/\">Lê Thị B</a> <span class=\"count\">1 bài</span></li>"))
        let nguyen = try #require(authors.range(of: "<li><a href=\"/bantin/tac-gia/nguyen-van-dong/\">Nguyễn Văn Đông</a> <span class=\"count\">6 bài</span></li>"))
        #expect(le.lowerBound < nguyen.lowerBound)
        let tags = try site.read("tu-khoa/index.html")
        let names = tags.components(separatedBy: "<li><a href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(Set(names) == ["/bantin/tu-khoa/b/", "/bantin/tu-khoa/an-ninh/", "/bantin/tu-khoa/an-ninh-2/", "/bantin/tu-khoa/dong-tho/"])
        #expect(names.last == "/bantin/tu-khoa/dong-tho/", "đ after d… after a")
        #expect(tags.contains("&lt;b&gt;&amp;</a>") && !tags.contains("<b>&"))
    }

    @Test func aTagWithMarkupIsEscapedInHTMLAndXML() throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        try site.build()
        let page = try site.read("tu-khoa/b/index.html")
        #expect(page.contains("<h1 class=\"page-title\">Từ khóa: &lt;b&gt;&amp;</h1>"))
        #expect(!page.contains("<b>&"))
        let feed = try site.read("tu-khoa/b/rss.xml")
        #expect(feed.contains("Từ khóa: &lt;b&gt;&amp;"))
        #expect(!feed.contains("<b>&"))
        let article = try site.read("2024/03/tin-khac/index.html")
        #expect(article.contains("<a class=\"tag\" href=\"/bantin/tu-khoa/b/\">&lt;b&gt;&amp;</a>"))
    }

    @Test func noArticleOrFileMayTakeTheirFolders() {
        #expect(SiteModelBuilder.reservedNames.isSuperset(of: ["tac-gia", "tu-khoa"]))
    }

    @Test func withinAScopeOnlyThePagesShowingTheEditedArticlesAreWritten() throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        let options = site.options()
        let settings = SiteLoader.settings(options)
        let model = try #require(SiteLoader.model(settings, SiteLoader.content(options, settings), options).0)
        let loaded = LoadedSite(site: model, templates: try #require(settings.templates), assets: settings.assets, sourceRoot: options.sourceRoot)
        var context = RenderContext(loaded)
        context.digests = try ArticlePages().write(context, indices: Array(model.articles.indices), to: nil).map(\.digest)
        func written(_ scope: ListScope?) throws -> [String] {
            var scoped = context
            scoped.scope = scope
            let output = MemoryOutput()
            try TaxonomyPages().write(scoped, to: OutputWriter(output))
            return output.files.keys.sorted()
        }
        // 2 indexes; authors 3 + 1 pages, 2 feeds; tags 3 + 1 + 1 + 1 pages, 4 feeds (an ninh: 5 articles).
        #expect(try written(nil).count == 2 + 6 + 10)
        let ninth = try #require(model.articles.firstIndex { $0.permalink == "2024/02/tin-ngay-9/" })
        // The page showing it (the author's third, the tag's second), and the first with the feed.
        #expect(try written(ListScope(articles: [ninth], communes: [])) == [
            "tac-gia/nguyen-van-dong/index.html", "tac-gia/nguyen-van-dong/rss.xml", "tac-gia/nguyen-van-dong/trang/3/index.html",
            "tu-khoa/an-ninh-2/index.html", "tu-khoa/an-ninh-2/rss.xml", "tu-khoa/an-ninh-2/trang/2/index.html",
        ])
        let untagged = try #require(model.articles.firstIndex { $0.permalink == "2024/03/khong-tac-gia/" })
        #expect(try written(ListScope(articles: [untagged], communes: [0])) == [])
        #expect(try written(ListScope(articles: [], communes: [], terms: ["tu-khoa/b/"])) == ["tu-khoa/b/index.html", "tu-khoa/b/rss.xml", "tu-khoa/index.html"])
    }
}

import Foundation
import Testing
@testable import BantinKit

/// Every folder of an article's address answers with a page: a year lists its months with their
/// counts, a month its articles newest first, `paginate` a page.
@Suite struct ArchivePagesTests {
    /// Articles in February 2024 (five), March 2024 (one) and December 2023 (one), two a page.
    private static let files: [String: String] = {
        var files = ["site.yaml": TestSite.defaultConfig + "\npaginate: 2\n"]
        for day in [3, 9, 14, 21, 27] {
            files["content/2024/02/tin-\(day).md"] = article("title: Tin ngày \(day) tháng hai\ndate: \"\(day)/02/2024\"")
        }
        files["content/2024/03/tin-thang-ba.md"] = article("title: Tin tháng ba\ndate: \"05/03/2024\"")
        files["content/2023/12/tin-cuoi-nam.md"] = article("title: Tin cuối năm\ndate: \"30/12/2023\"")
        return files
    }()

    private static func cards(_ html: String) -> [String] {
        html.components(separatedBy: "<h2 class=\"card-title\"><a href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    @Test(arguments: GoldenSiteTests.sites.map(\.name))
    func everyFolderOfEveryAddressOfTheGoldenSitesHasAPage(_ name: String) throws {
        let site = try TestSite(fixture: name)
        defer { site.cleanUp() }
        let now = try #require(GoldenSiteTests.sites.first { $0.name == name }?.now)
        try site.build { $0.now = now }
        let options = site.options(now: now)
        let settings = SiteLoader.settings(options)
        let model = try #require(SiteLoader.model(settings, SiteLoader.content(options, settings), options).0)
        #expect(!model.articles.isEmpty)
        var folders = 0
        for article in model.articles {
            var folder = Substring(article.permalink).dropLast()
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                #expect(site.exists("\(folder)/index.html"), "/\(folder)/ of /\(article.permalink)")
                folders += 1
            }
            #expect(site.exists("index.html"))
        }
        #expect(folders >= 2 * model.articles.count)
    }

    @Test func aMonthListsItsArticlesNewestFirstAndPaginates() throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        let report = try site.build()
        let first = try site.read("2024/02/index.html")
        #expect(first.contains("<title>Tháng 2/2024 – Bản tin thử</title>"))
        #expect(first.contains("<h1 class=\"page-title\">Tháng 2/2024</h1>"))
        #expect(first.contains("<p class=\"lead\">5 bài viết</p>"))
        #expect(first.contains("<link rel=\"canonical\" href=\"https://example.gov.vn/bantin/2024/02/\">"))
        #expect(first.contains("<a href=\"/bantin/2024/\">Năm 2024</a>"), "a way up to the year")
        let second = try site.read("2024/02/trang/2/index.html")
        let third = try site.read("2024/02/trang/3/index.html")
        #expect(!site.exists("2024/02/trang/4/index.html"))
        let listed = [first, second, third].flatMap(Self.cards)
        #expect(listed == [27, 21, 14, 9, 3].map { "/bantin/2024/02/tin-ngay-\($0)-thang-hai/" })
        #expect(Self.cards(first).count == 2 && Self.cards(third).count == 1)
        // Dates in the site's Vietnamese format.
        #expect(first.contains(">Thứ Ba, 27/02/2024</time>"))
        #expect(second.contains("<h1 class=\"page-title\">Tháng 2/2024 – trang 2</h1>"))
        #expect(second.contains("<title>Tháng 2/2024 – Trang 2 – Bản tin thử</title>"))
        // The pager, in the page and in its head.
        #expect(first.contains("<link rel=\"next\" href=\"/bantin/2024/02/trang/2/\">"))
        #expect(!first.contains("rel=\"prev\""))
        #expect(first.contains("<a rel=\"next\" href=\"/bantin/2024/02/trang/2/\">"))
        #expect(first.contains("<span>Trang 1/3</span>"))
        #expect(second.contains("<link rel=\"prev\" href=\"/bantin/2024/02/\">"))
        #expect(second.contains("<link rel=\"next\" href=\"/bantin/2024/02/trang/3/\">"))
        #expect(second.contains("<a rel=\"prev\" href=\"/bantin/2024/02/\">"))
        #expect(third.contains("<link rel=\"prev\" href=\"/bantin/2024/02/trang/2/\">"))
        #expect(!third.contains("rel=\"next\""))
        // A month of one article has no pager.
        let march = try site.read("2024/03/index.html")
        #expect(Self.cards(march) == ["/bantin/2024/03/tin-thang-ba/"])
        #expect(!march.contains("class=\"pager\"") && !march.contains("rel=\"next\""))
        // Pages: 7 articles, 4 home pages, 2024 (1) + 02 (3) + 03 (1), 2023 (1) + 12 (1), the
        // author and tag indexes, the commune index, 404 and search.
        #expect(report.pages == 7 + 4 + 5 + 2 + 2 + 3)
    }

    @Test func aYearListsItsMonthsNewestFirstWithTheirCounts() throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        try site.build()
        let year = try site.read("2024/index.html")
        #expect(year.contains("<title>Năm 2024 – Bản tin thử</title>"))
        #expect(year.contains("<h1 class=\"page-title\">Năm 2024</h1>"))
        #expect(year.contains("<p class=\"lead\">6 bài viết</p>"))
        let march = try #require(year.range(of: "<li><a href=\"/bantin/2024/03/\">Tháng 3/2024</a> · 1 bài, mới nhất ngày 05/03/2024</li>"))
        let february = try #require(year.range(of: "<li><a href=\"/bantin/2024/02/\">Tháng 2/2024</a> · 5 bài, mới nhất ngày 27/02/2024</li>"))
        #expect(march.lowerBound < february.lowerBound, "newest month first")
        #expect(!year.contains("Tháng 12/2023"))
        #expect(!year.contains("class=\"card\""))
        let before = try site.read("2023/index.html")
        #expect(before.contains("<a href=\"/bantin/2023/12/\">Tháng 12/2023</a> · 1 bài"))
        #expect(!site.exists("2025/index.html") && !site.exists("2024/01/index.html"))
    }

    @Test func relativeLinksPointUpAndAcross() throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        try site.build { $0.relativeLinks = true }
        let year = try site.read("2024/index.html")
        #expect(year.contains("<a href=\"../2024/02/index.html\">Tháng 2/2024</a>"))
        #expect(year.contains("<p class=\"breadcrumb\"><a href=\"../index.html\">Trang chủ</a></p>"))
        let second = try site.read("2024/02/trang/2/index.html")
        #expect(second.contains("<link rel=\"prev\" href=\"../../../../2024/02/index.html\">"))
        #expect(second.contains("<a href=\"../../../../2024/index.html\">Năm 2024</a>"))
    }

    /// Other address patterns: a year without months lists its articles; a day, a section and a
    /// fixed word have pages too.
    @Test(arguments: [
        ("/:year/:slug/", ["2024/": "Năm 2024"]),
        ("/tin/:section/:year/:month/:day/:slug/", [
            "tin/": "Chuyên mục tin", "tin/an-ninh/": "Chuyên mục an-ninh", "tin/an-ninh/2024/": "Năm 2024",
            "tin/an-ninh/2024/02/": "Tháng 2/2024", "tin/an-ninh/2024/02/21/": "Ngày 21/02/2024",
        ]),
        ("/:month/:year/:slug/", ["02/": "Tháng 2", "02/2024/": "Năm 2024"]),
    ])
    func everyPatternHasItsFolders(pattern: String, headings: [String: String]) throws {
        let site = try TestSite([
            "site.yaml": TestSite.defaultConfig + "\npermalinks: \"\(pattern)\"\n",
            "content/an-ninh/a.md": article("title: Bài A\ndate: \"21/02/2024\""),
            "content/an-ninh/b.md": article("title: Bài B\ndate: \"21/02/2024 08:00\""),
        ])
        defer { site.cleanUp() }
        try site.build()
        let model = try #require(site.model())
        #expect(Set(model.archives.map(\.path)) == Set(headings.keys))
        for (folder, heading) in headings {
            let html = try site.read(folder + "index.html")
            #expect(html.contains("<h1 class=\"page-title\">\(heading)</h1>"), "\(folder)")
            let archive = try #require(model.archives.first { $0.path == folder })
            if archive.listsArticles {
                #expect(Self.cards(html).count == 2, "\(folder): its articles, linked")
            } else {
                #expect(html.contains("Tháng 2/2024</a> · 2 bài"), "\(folder): its months, linked")
            }
        }
    }

    /// Content files cannot be `.html` (`file-type`), but a file landing on an archive's page or
    /// folder is a clash as one on any page of the site is.
    @Test func aFileOnAnArchivePageIsAPathClash() throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        let model = try #require(site.model())
        let found = SiteModelBuilder.pathClashes([
            "content/2024/02/index.html": "2024/02/index.html",
            "content/2024/index.html": "2024/index.html",
            "content/2024/02/trang/3/index.html": "2024/02/trang/3/index.html",
            "content/2024/02/trang": "2024/02/trang",
            "content/2024/02/anh.jpg": "2024/02/anh.jpg",
            "content/2024/03/trang/2/index.html": "2024/03/trang/2/index.html",
        ], articles: model.articles, archives: model.archives, paginate: model.config.paginate)
        #expect(found.map(\.code) == Array(repeating: .pathClash, count: 4))
        #expect(found.compactMap(\.location?.file) == ["content/2024/02/index.html", "content/2024/02/trang", "content/2024/02/trang/3/index.html", "content/2024/index.html"])
        #expect(found.first?.message.contains("the archive page /2024/02/") == true)
        // A site's own page stays the site's: no archive on top of `content/2024/02/`'s files.
        let built = try TestSite(Self.files.merging(["content/2024/02/bien-ban.pdf": "pdf"]) { a, _ in a })
        defer { built.cleanUp() }
        try built.build()
        #expect(built.exists("2024/02/bien-ban.pdf") && built.exists("2024/02/index.html"))
    }

    @Test func anArticleNamedLikeTheNextPagesIsAPathClash() throws {
        let site = try TestSite([
            "content/2024/02/a.md": article("title: Bài A\ndate: 21/02/2024\nslug: trang"),
        ])
        defer { site.cleanUp() }
        let found = site.failingBuild()
        #expect(found.map(\.code) == [.pathClash])
        #expect(found.first?.message.contains("/2024/02/trang/") == true)
    }

    /// `site serve` after an edit that keeps the articles and their order: only the month pages
    /// that show an edited article, and their years.
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
            try ArchivePages().write(scoped, to: OutputWriter(output))
            return output.files.keys.sorted()
        }
        #expect(try written(nil).count == 7)
        let ninth = try #require(model.articles.firstIndex { $0.permalink == "2024/02/tin-ngay-9-thang-hai/" })
        #expect(try written(ListScope(articles: [ninth], communes: [])) == ["2024/02/trang/2/index.html", "2024/index.html"])
        let last = try #require(model.articles.firstIndex { $0.permalink == "2023/12/tin-cuoi-nam/" })
        #expect(try written(ListScope(articles: [last, ninth], communes: [])) == [
            "2023/12/index.html", "2023/index.html", "2024/02/trang/2/index.html", "2024/index.html",
        ])
        #expect(try written(ListScope(articles: [], communes: [0])) == [])
    }

    @Test func aPreviewEditKeepsTheArchivesExact() throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        let preview = PreviewSite(site.options(now: PreviewSiteTests.now))
        let path = "content/2024/02/tin-14.md"
        try site.write(path, article("title: Tin ngày 14 tháng hai\ndate: \"14/02/2024\"\nsummary: Tóm tắt đã sửa"))
        #expect(preview.update(changed: [path], now: PreviewSiteTests.now) != .everything)
        try PreviewSiteTests.expectSameAsFreshBuild(preview, site, after: "a summary edited")
        guard case .bytes(let html)? = preview.snapshot.file("2024/02/trang/2/index.html") else {
            Issue.record("no second page of February")
            return
        }
        #expect(String(decoding: html, as: UTF8.self).contains("đã sửa"))
        try site.remove("content/2024/03/tin-thang-ba.md")
        preview.update(changed: ["content/2024/03/tin-thang-ba.md"], now: PreviewSiteTests.now)
        try PreviewSiteTests.expectSameAsFreshBuild(preview, site, after: "March's only article removed")
        #expect(preview.snapshot.file("2024/03/index.html") == nil)
    }
}

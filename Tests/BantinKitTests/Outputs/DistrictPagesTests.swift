import Foundation
import Testing
@testable import BantinKit

/// The folder of a district's communes answers too: its units with their counts, then every
/// article they list, each once, newest first, `paginate` a page.
@Suite struct DistrictPagesTests {
    /// Two a page. Yên Sơn: five articles (one naming two of its communes, one also naming
    /// Phan Thiết of Tuyên Quang), three pages; Hàm Yên one; Sơn Dương none.
    static let files: [String: String] = [
        "site.yaml": TestSite.defaultConfig + "\npaginate: 2\n",
        "content/2024/03/a1.md": article("title: Tin một\ndate: \"01/03/2024\"\ncommunes: [Hùng Lợi]"),
        "content/2024/03/a2.md": article("title: Tin hai\ndate: \"02/03/2024\"\ncommunes: [Trung Minh, Hùng Lợi]"),
        "content/2024/03/a3.md": article("title: Tin ba\ndate: \"03/03/2024\"\ncommunes: [Đông Thọ]"),
        "content/2024/03/a4.md": article("title: Tin bốn\ndate: \"04/03/2024\"\ncommunes: [Hùng Lợi, Phan Thiết]"),
        "content/2024/03/a5.md": article("title: Tin năm\ndate: \"05/03/2024\"\ncommunes: [Trung Minh]"),
        "content/2024/03/a6.md": article("title: Tin sáu\ndate: \"06/03/2024\"\ncommunes: [Tân Thành]"),
    ]

    /// The addresses of a page's cards, in order.
    static func cards(_ html: String) -> [String] {
        html.components(separatedBy: "<h2 class=\"card-title\"><a href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    @Test func aDistrictHasAPageWhenOneOfItsCommunesHasOne() throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        let report = try site.build()
        let model = try #require(site.model())
        for district in model.gazetteer.districts {
            let communePages = model.gazetteer.communes.filter { $0.districtID == district.id && site.exists(SitePaths.file(SitePaths.commune($0))) }
            #expect(site.exists(SitePaths.file(SitePaths.district(district))) == !communePages.isEmpty, "\(district.label)")
        }
        #expect(site.exists("dia-phuong/yen-son/index.html") && site.exists("dia-phuong/ham-yen/index.html"))
        #expect(!site.exists("dia-phuong/son-duong/index.html"))
        // 6 articles, 3 home pages, 2024 and its March (3), the author and tag indexes, 6 commune
        // pages (Hùng Lợi has 2), 5 district pages, the commune index, 404 and search.
        #expect(report.pages == 6 + 3 + 4 + 2 + 6 + 5 + 3)
    }

    @Test func aDistrictListsItsCommunesThenEachOfItsArticlesOnceNewestFirst() throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        try site.build()
        let first = try site.read("dia-phuong/yen-son/index.html")
        #expect(first.contains("<title>Huyện Yên Sơn – Bản tin thử</title>"))
        #expect(first.contains("<meta name=\"description\" content=\"Tin bài về huyện Yên Sơn, tỉnh Tuyên Quang\">"))
        #expect(first.contains("<h1 class=\"page-title\">Huyện Yên Sơn</h1>"))
        #expect(first.contains("<p class=\"lead\">Tỉnh Tuyên Quang · 5 bài viết</p>"))
        #expect(first.contains("<p class=\"breadcrumb\"><a href=\"/bantin/dia-phuong/\">Xã, phường, thị trấn</a></p>"))
        // Its units in Vietnamese order (đ after d, before h), linked, with their counts.
        let units = ["<a href=\"/bantin/dia-phuong/yen-son/dong-tho/\">xã Đông Thọ</a> <span class=\"count\">1 bài</span>",
                     "<a href=\"/bantin/dia-phuong/yen-son/hung-loi/\">xã Hùng Lợi</a> <span class=\"count\">3 bài</span>",
                     "<a href=\"/bantin/dia-phuong/yen-son/trung-minh/\">xã Trung Minh</a> <span class=\"count\">2 bài</span>"]
        let positions = try units.map { try #require(first.range(of: $0)).lowerBound }
        #expect(positions == positions.sorted())
        #expect(!first.contains("class=\"era-note\""), "a district of a map still in force")
        let pages = try ["dia-phuong/yen-son/index.html", "dia-phuong/yen-son/trang/2/index.html", "dia-phuong/yen-son/trang/3/index.html"].map(site.read)
        #expect(pages.flatMap(Self.cards) == ["nam", "bon", "ba", "hai", "mot"].map { "/bantin/2024/03/tin-\($0)/" })
        #expect(!pages[1].contains("commune-list"), "its units on the first page only")
        let other = try site.read("dia-phuong/tuyen-quang/index.html")
        #expect(Self.cards(other) == ["/bantin/2024/03/tin-bon/"])
        #expect(other.contains("<span class=\"no-articles\">phường An Tường</span> <span class=\"count\">chưa có bài</span>"))
        // A CollectionPage about the district, in its province.
        #expect(first.contains(#""@type":"CollectionPage","name":"Huyện Yên Sơn","url":"https://example.gov.vn/bantin/dia-phuong/yen-son/""#))
        #expect(first.contains(#""about":{"@type":"AdministrativeArea","name":"huyện Yên Sơn","containedInPlace":{"@type":"AdministrativeArea","name":"tỉnh Tuyên Quang"}}"#))
    }

    @Test func aDistrictPaginatesWithPrevAndNext() throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        try site.build()
        let first = try site.read("dia-phuong/yen-son/index.html")
        let second = try site.read("dia-phuong/yen-son/trang/2/index.html")
        let third = try site.read("dia-phuong/yen-son/trang/3/index.html")
        #expect(!site.exists("dia-phuong/yen-son/trang/4/index.html"))
        #expect(first.contains("<link rel=\"next\" href=\"/bantin/dia-phuong/yen-son/trang/2/\">") && !first.contains("rel=\"prev\""))
        #expect(first.contains("<a rel=\"next\" href=\"/bantin/dia-phuong/yen-son/trang/2/\">"))
        #expect(first.contains("<span>Trang 1/3</span>"))
        #expect(second.contains("<link rel=\"prev\" href=\"/bantin/dia-phuong/yen-son/\">"))
        #expect(second.contains("<link rel=\"next\" href=\"/bantin/dia-phuong/yen-son/trang/3/\">"))
        #expect(second.contains("<a rel=\"prev\" href=\"/bantin/dia-phuong/yen-son/\">"))
        #expect(second.contains("<title>Huyện Yên Sơn – Trang 2 – Bản tin thử</title>"))
        #expect(second.contains("<h1 class=\"page-title\">Huyện Yên Sơn – trang 2</h1>"))
        #expect(second.contains("<link rel=\"canonical\" href=\"https://example.gov.vn/bantin/dia-phuong/yen-son/trang/2/\">"))
        #expect(third.contains("<link rel=\"prev\" href=\"/bantin/dia-phuong/yen-son/trang/2/\">") && !third.contains("rel=\"next\""))
        let single = try site.read("dia-phuong/ham-yen/index.html")
        #expect(!single.contains("class=\"pager\"") && !single.contains("rel=\"next\""))
    }

    @Test func theCommuneIndexAndACommunesBreadcrumbLinkItsDistrict() throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        try site.build()
        let index = try site.read("dia-phuong/index.html")
        #expect(index.contains("<h2><a href=\"/bantin/dia-phuong/yen-son/\">huyện Yên Sơn</a></h2>"))
        #expect(index.contains("<h2>huyện Sơn Dương</h2>"), "no page, no link")
        let commune = try site.read("dia-phuong/yen-son/hung-loi/index.html")
        #expect(commune.contains("<p class=\"breadcrumb\"><a href=\"/bantin/dia-phuong/\">Xã, phường, thị trấn</a> › <a href=\"/bantin/dia-phuong/yen-son/\">huyện Yên Sơn</a></p>"))
    }

    @Test func relativeLinksWorkFromADistrictsFolder() throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        try site.build { $0.relativeLinks = true }
        let first = try site.read("dia-phuong/yen-son/index.html")
        #expect(first.contains("<p class=\"breadcrumb\"><a href=\"../../dia-phuong/index.html\">Xã, phường, thị trấn</a></p>"))
        #expect(first.contains("<a href=\"../../dia-phuong/yen-son/hung-loi/index.html\">xã Hùng Lợi</a>"))
        #expect(first.contains("<a rel=\"next\" href=\"../../dia-phuong/yen-son/trang/2/index.html\">"))
        #expect(Self.cards(first) == ["../../2024/03/tin-nam/index.html", "../../2024/03/tin-bon/index.html"])
        let second = try site.read("dia-phuong/yen-son/trang/2/index.html")
        #expect(second.contains("<link rel=\"prev\" href=\"../../../../dia-phuong/yen-son/index.html\">"))
        let index = try site.read("dia-phuong/index.html")
        #expect(index.contains("<a href=\"../dia-phuong/yen-son/index.html\">huyện Yên Sơn</a>"))
        let commune = try site.read("dia-phuong/yen-son/hung-loi/index.html")
        #expect(commune.contains("<a href=\"../../../dia-phuong/yen-son/index.html\">huyện Yên Sơn</a>"))
    }

    @Test func namesAreEscapedOnADistrictsPage() throws {
        let site = try TestSite([
            "content/communes.yaml": """
            province: Tuyên Quang
            districts:
              - name: 'Yên <b>Sơn</b> & "Cũ"'
                kind: huyện
                code: "073"
                communes:
                  - { name: 'Hùng <i>Lợi</i>', kind: xã, code: "02440" }
            """,
            "content/2024/03/a.md": article("title: Tin\ndate: \"01/03/2024\"\ncommunes: ['Hùng <i>Lợi</i>']"),
        ])
        defer { site.cleanUp() }
        try site.build()
        let model = try #require(site.model())
        let district = try #require(model.gazetteer.districts.first)
        let page = try site.read(SitePaths.file(SitePaths.district(district)))
        #expect(!page.contains("<b>") && !page.contains("<i>"))
        #expect(page.contains("<h1 class=\"page-title\">Huyện Yên &lt;b&gt;Sơn&lt;/b&gt; &amp; &quot;Cũ&quot;</h1>"))
        #expect(page.contains("<title>Huyện Yên &lt;b&gt;Sơn&lt;/b&gt; &amp; &quot;Cũ&quot; – "))
        #expect(page.contains(">xã Hùng &lt;i&gt;Lợi&lt;/i&gt;</a>"))
        #expect(page.contains(#""name":"huyện Yên \u003cb\u003eSơn\u003c/b\u003e \u0026 \"Cũ\"""#), "JSON-LD cannot end its element")
        for other in [try site.read("dia-phuong/index.html"), try site.read(SitePaths.file(SitePaths.commune(model.gazetteer.communes[0])))] {
            #expect(!other.contains("<b>"))
            #expect(other.contains(">huyện Yên &lt;b&gt;Sơn&lt;/b&gt; &amp; &quot;Cũ&quot;</a>"))
        }
    }

    /// A district of an earlier map says when it ended; one still in force does not.
    @Test func aFormerDistrictSaysWhenItEnded() throws {
        let site = try TestSite(fixture: "golden-eras-site")
        defer { site.cleanUp() }
        try site.build { $0.now = PreviewSiteTests.now }
        let yenSon = try site.read("dia-phuong/yen-son/index.html")
        #expect(yenSon.contains("<p class=\"era-note\">Từ ngày 01/07/2025, không còn cấp huyện: các đơn vị của huyện Yên Sơn được sắp xếp vào các xã, phường mới.</p>"))
        #expect(yenSon.contains("→ <a href=\"/bantin/dia-phuong/xa-hung-loi/\">xã Hùng Lợi</a>"))
        // Old Hà Giang's units have no articles of their own: no page, no link.
        #expect(!site.exists("dia-phuong/ha-giang/index.html"))
        #expect(try site.read("dia-phuong/index.html").contains("<h4>thành phố Hà Giang</h4>"))
    }

    /// The sample site: every folder below the commune index has a page, before and after the 2025 map.
    @Test(arguments: [SampleSiteAddressesTests.mid2025, SampleSiteAddressesTests.late2026])
    func everyFolderOfTheSampleCommuneIndexAnswers(now: Date) throws {
        let (root, _) = try SampleSiteAddressesTests.buildSample(now: now)
        defer { try? FileManager.default.removeItem(at: root) }
        let index = root.appendingPathComponent("public/dia-phuong")
        let folders = try FileManager.default.subpathsOfDirectory(atPath: index.path).filter { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: index.appendingPathComponent(path).path, isDirectory: &isFolder) && isFolder.boolValue
        }
        #expect(folders.contains("yen-son") && folders.contains("yen-son/hung-loi"))
        let missing = folders.filter { !FileManager.default.fileExists(atPath: index.appendingPathComponent($0 + "/index.html").path) }
        #expect(missing.isEmpty, "folders without a page: \(missing)")
    }

    /// `site serve`: within a scope, only the pages that show an edited article, the first page
    /// when one of its units is shown otherwise, every page of a district whose articles changed.
    @Test func withinAScopeOnlyThePagesShowingWhatChangedAreWritten() throws {
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
            try DistrictPages().write(scoped, to: OutputWriter(output))
            return output.files.keys.sorted()
        }
        #expect(try written(nil).count == 5)
        let oldest = try #require(model.articles.firstIndex { $0.permalink == "2024/03/tin-mot/" })
        #expect(try written(ListScope(articles: [oldest], communes: [])) == ["dia-phuong/yen-son/trang/3/index.html"])
        let anTuong = try #require(model.gazetteer.communes.first { $0.name == "An Tường" })
        #expect(try written(ListScope(articles: [], communes: [anTuong.id])) == ["dia-phuong/tuyen-quang/index.html"])
        let yenSon = try #require(model.gazetteer.districts.first { $0.name == "Yên Sơn" })
        #expect(try written(ListScope(articles: [], communes: [], districts: [yenSon.id])) == [
            "dia-phuong/yen-son/index.html", "dia-phuong/yen-son/trang/2/index.html", "dia-phuong/yen-son/trang/3/index.html",
        ])
    }

    /// Articles moving between districts in `site serve`: pages come and go as in a fresh build.
    @Test func aPreviewEditKeepsTheDistrictPagesExact() throws {
        let site = try TestSite(Self.files)
        defer { site.cleanUp() }
        let preview = PreviewSite(site.options(now: PreviewSiteTests.now))
        let path = "content/2024/03/a5.md"
        func edit(_ communes: String, _ step: String) throws {
            try site.write(path, article("title: Tin năm\ndate: \"05/03/2024\"\ncommunes: [\(communes)]"))
            #expect(preview.update(changed: [path], now: PreviewSiteTests.now) != .everything, "\(step)")
            try PreviewSiteTests.expectSameAsFreshBuild(preview, site, after: step)
        }
        try edit("Tân Thanh", "Yên Sơn loses its third page; Sơn Dương gets a page")
        #expect(preview.snapshot.file("dia-phuong/yen-son/trang/3/index.html") == nil)
        #expect(preview.snapshot.file("dia-phuong/son-duong/index.html") != nil)
        try edit("Trung Minh", "back: Sơn Dương's page goes")
        #expect(preview.snapshot.file("dia-phuong/son-duong/index.html") == nil)
        try edit("Trung Minh, Đông Thọ", "two communes of one district: the article is listed once")
    }
}

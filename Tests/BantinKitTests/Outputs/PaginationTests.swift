import Foundation
import Testing
@testable import BantinKit

@Suite struct PaginationTests {
    /// A copy of a fixture site (whose site.yaml says `paginate: 2`) with another page size.
    static func site(_ fixture: String, paginate: Int) throws -> TestSite {
        let site = try TestSite(fixture: fixture)
        do {
            let yaml = try String(contentsOf: site.root.appendingPathComponent("site.yaml"), encoding: .utf8)
            try site.write("site.yaml", yaml.replacingOccurrences(of: "paginate: 2", with: "paginate: \(paginate)"))
        } catch {
            site.cleanUp()
            throw error
        }
        return site
    }

    /// With `paginate: 1`, every commune with articles has one page an article: its folder, then
    /// `trang/2/`…, linked both ways, each page with its own address and title.
    @Test func communePagesArePaginatedLikeTheHomePages() throws {
        let site = try Self.site("golden-site", paginate: 1)
        defer { site.cleanUp() }
        // Đông Thọ gets three articles: a first, a middle and a last page.
        for day in ["02", "03"] {
            try site.write("content/2024/04/dong-tho-\(day).md", "---\ntitle: Tin Đông Thọ ngày \(day)\ndate: \"2024-04-\(day)\"\ncommunes: [Đông Thọ]\n---\nNội dung.\n")
        }
        let report = try site.build()
        let model = try #require(site.model())
        var communePages = 0, paginated = 0
        for commune in model.gazetteer.communes {
            let count = model.listedCount(of: commune.id)
            let place = model.gazetteer.place(of: commune).map { ", \($0)" } ?? ""
            let first = SitePaths.commune(commune)
            #expect(!site.exists(first + "trang/\(count + 1)/index.html"))
            guard count > 0 else { continue }
            communePages += count
            if count == 1 {
                #expect(!(try site.read(first + "index.html")).contains("class=\"pager\""))
                continue
            }
            paginated += 1
            for number in 1...count {
                let page = SitePaths.communePage(commune, number)
                let html = try site.read(page + "index.html")
                #expect(html.components(separatedBy: "<article class=\"card\">").count == 2, "\(page): one card a page")
                #expect(html.contains("<span>Trang \(number)/\(count)</span>"))
                #expect(html.contains(number == 1 ? "\(commune.label.capitalizedFirst)</h1>" : "\(commune.label.capitalizedFirst) – trang \(number)</h1>"), "\(page)")
                #expect(html.contains("<link rel=\"canonical\" href=\"https://example.gov.vn/bantin/\(page)\">"))
                #expect(html.contains(number == 1 ? "<title>\(commune.label.capitalizedFirst)\(place) – " : " – Trang \(number) – "))
                if number > 1 {
                    let previous = number == 2 ? first : first + "trang/\(number - 1)/"
                    #expect(html.contains("<a rel=\"prev\" href=\"/bantin/\(previous)\">"), "\(page)")
                }
                #expect(html.contains("rel=\"next\"") == (number < count), "\(page)")
            }
        }
        #expect(paginated > 0, "a commune with more than one article")
        let homePages = model.articles.count
        let archivePages = model.archives.reduce(0) { $0 + $1.pageCount(paginate: 1) }
        let termPages = [Taxonomy(.author, articles: model.articles), Taxonomy(.tag, articles: model.articles)]
            .reduce(2) { $0 + $1.terms.reduce(0) { $0 + $1.pageCount(paginate: 1) } }
        let districtPages = model.articlesByDistrict.reduce(0) { $0 + $1.count }
        // And the commune index, the 404 page and the search page.
        #expect(report.pages == model.articles.count + homePages + archivePages + termPages + communePages + districtPages + 3)
        // Only a commune's first page is in the sitemap, as only the first home page is.
        let sitemap = try site.read("sitemap.xml")
        #expect(!sitemap.contains("/trang/"))
    }

    /// The sitemap lists the first page of every list (communes, districts, authors, tags,
    /// archive folders) and every article, and nothing that is not a page. The search page is
    /// left out: without a query it has no content of its own.
    @Test func theSitemapListsEveryFirstPageAndOnlyPages() throws {
        let site = try Self.site("golden-eras-site", paginate: 1)
        defer { site.cleanUp() }
        _ = try site.build()
        let sitemap = try site.read("sitemap.xml")
        let base = "https://example.gov.vn/bantin/"
        let listed = sitemap.split(separator: "<loc>").dropFirst().map { String($0.prefix { $0 != "<" }.dropFirst(base.count)) }
        #expect(listed.count == Set(listed).count, "no address twice")
        let pages = Set(site.outputTree().keys.filter { $0.hasSuffix("index.html") && !$0.contains("trang/") && $0 != "tim-kiem/index.html" }
            .map { String($0.dropLast("index.html".count)) })
        #expect(pages.contains("tac-gia/") && pages.contains(where: { $0.hasPrefix("tac-gia/") && $0.count > 8 }))
        #expect(Set(listed) == pages, "missing: \(pages.subtracting(listed).sorted()); not pages: \(Set(listed).subtracting(pages).sorted())")
    }

    /// Everything on one page: the home page and the commune pages show no pager.
    @Test func aSiteOnOnePageHasNoPager() throws {
        let site = try Self.site("golden-site", paginate: 50)
        defer { site.cleanUp() }
        _ = try site.build()
        #expect(!site.exists("trang/2/index.html"))
        #expect(!(try site.read("index.html")).contains("class=\"pager\""))
        #expect(!(try site.read("dia-phuong/yen-son/dong-tho/index.html")).contains("class=\"pager\""))
    }
}

import Foundation
import Testing
@testable import BantinKit

/// A sitemap lists 50,000 addresses at most (sitemaps.org): a larger site's `sitemap.xml` is an
/// index of parts, `sitemap-1.xml`, `sitemap-2.xml`…, which together list every address once.
@Suite struct SitemapTests {
    private func files(_ sitemap: Sitemap) throws -> [String: String] {
        let site = try TestSite(fixture: "golden-eras-site")
        defer { site.cleanUp() }
        let options = site.options()
        let settings = SiteLoader.settings(options)
        let model = try #require(SiteLoader.model(settings, SiteLoader.content(options, settings), options).0)
        var context = RenderContext(LoadedSite(site: model, templates: try #require(settings.templates), assets: settings.assets, sourceRoot: options.sourceRoot))
        context.digests = try ArticlePages().write(context, indices: Array(model.articles.indices), to: nil).map(\.digest)
        let output = MemoryOutput()
        try sitemap.write(context, to: OutputWriter(output))
        return output.files.mapValues { file in
            guard case .bytes(let data) = file else { return "" }
            return String(decoding: data, as: UTF8.self)
        }
    }

    private func urls(_ xml: String?) -> [String] {
        (xml ?? "").components(separatedBy: "\n").filter { $0.hasPrefix("<url>") }
    }

    @Test func aLargeSitemapIsSplitIntoPartsListedByAnIndex() throws {
        let whole = try files(Sitemap())
        #expect(whole.keys.sorted() == ["sitemap.xml"])
        let all = urls(whole["sitemap.xml"])
        #expect(all.count > 7)

        let split = try files(Sitemap(addressesPerFile: 3))
        let parts = (1...(all.count + 2) / 3).map(SitePaths.sitemapPart)
        #expect(split.keys.sorted() == (["sitemap.xml"] + parts).sorted())
        let index = try #require(split["sitemap.xml"])
        #expect(index.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"))
        #expect(index.components(separatedBy: "\n").filter { $0.hasPrefix("<sitemap>") }
            == parts.map { "<sitemap><loc>https://example.gov.vn/bantin/\($0)</loc></sitemap>" })
        for part in parts {
            let xml = try #require(split[part])
            #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset ") && xml.hasSuffix("</urlset>\n"))
            #expect((1...3).contains(urls(xml).count))
        }
        #expect(parts.flatMap { urls(split[$0]) } == all)
    }

    @Test func partsNamesAreTheSites() {
        #expect(SitePaths.isSitemapPart("sitemap-1.xml") && SitePaths.isSitemapPart("sitemap-204.xml"))
        #expect(!SitePaths.isSitemapPart("sitemap-.xml") && !SitePaths.isSitemapPart("sitemap-a.xml") && !SitePaths.isSitemapPart("sitemap.xml"))
        #expect(SiteModelBuilder.isReserved("sitemap-3.xml") && !SiteModelBuilder.isReserved("sitemap-cu.xml"))
    }
}

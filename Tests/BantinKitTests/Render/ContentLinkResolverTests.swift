import Testing
@testable import BantinKit

@Suite("ContentLinkResolver")
struct ContentLinkResolverTests {
    @Test("a scheme is a letter, then letters, digits, + - or ., then a colon")
    func schemes() {
        for url in ["https://a.vn", "mailto:toa-soan@baotuyenquang.vn", "tel:+842073822", "svn+ssh://x", "HTTP://A", "c:/x", "x-y.z:1"] {
            #expect(ContentLinkResolver.hasScheme(url), "\(url)")
        }
        for url in ["", ":x", "1http://a", "../2023/bai.md", "bai.md", "a/b:c", "đường:1", "#muc-1", "?q=1:2"] {
            #expect(!ContentLinkResolver.hasScheme(url), "\(url)")
        }
    }

    @Test("article files become permalinks; queries, fragments and percent-escapes are kept apart")
    func resolution() throws {
        let site = try TestSite(fixture: "golden-site")
        defer { site.cleanUp() }
        let loaded = try #require(site.model())
        let resolver = ContentLinkResolver(site: loaded, links: LinkBuilder(base: loaded.config.baseURL, relative: false))
        let from = "content/2024/03/giao-thong.md"
        let hoiNghi = try #require(loaded.permalink(ofSource: "content/2024/01/hoi-nghi.md"))
        #expect(resolver.resolve("../01/hoi-nghi.md", fromSource: from) == .site(hoiNghi, suffix: ""))
        #expect(resolver.resolve("../01/hoi-nghi.md?a=1#muc-2", fromSource: from) == .site(hoiNghi, suffix: "?a=1#muc-2"))
        #expect(resolver.resolve("../01/h%6Fi-nghi.md", fromSource: from) == .site(hoiNghi, suffix: ""))
        #expect(resolver.resolve("/gioi-thieu/", fromSource: from) == .site("gioi-thieu/", suffix: ""))
        #expect(resolver.resolve("https://tuyenquang.gov.vn", fromSource: from) == .external)
        #expect(resolver.resolve("#muc-1", fromSource: from) == .external)
        #expect(resolver.resolve("//cdn.example/a.png", fromSource: from) == .external)
        #expect(resolver.resolve("", fromSource: from) == .external)
        #expect(resolver.resolve("khong-co.md", fromSource: from) == .missing("content/2024/03/khong-co.md"))
        #expect(resolver.resolve("../../../../ra-ngoai.md", fromSource: from) == .missing("../../../../ra-ngoai.md"))
    }
}

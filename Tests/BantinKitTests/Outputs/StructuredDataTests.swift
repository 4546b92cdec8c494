import Foundation
import Testing
@testable import BantinKit

/// Open Graph, the Twitter card and the JSON-LD of pages: parsed back as JSON, absolute under the
/// base path, escaped for the `<script>` element, with each article's communes of its date.
@Suite struct StructuredDataTests {
    /// The text of the page's one JSON-LD block (and how many there are).
    static func jsonLD(_ html: String) throws -> (json: [String: Any], blocks: Int, text: String) {
        let opening = #"<script type="application/ld+json">"#
        let blocks = html.components(separatedBy: opening).count - 1
        let start = try #require(html.range(of: opening))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let text = String(html[start.upperBound..<end.lowerBound])
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return (try #require(object as? [String: Any]), blocks, text)
    }

    static func graphNode(_ json: [String: Any], type: String) throws -> [String: Any] {
        let graph = try #require(json["@graph"] as? [[String: Any]])
        return try #require(graph.first { $0["@type"] as? String == type })
    }

    /// The `content` of `<meta property|name="key">`, every one in the page's order.
    static func meta(_ html: String, _ key: String) -> [String] {
        html.components(separatedBy: "\n").compactMap { line in
            guard line.hasPrefix("<meta property=\"\(key)\" content=\"") || line.hasPrefix("<meta name=\"\(key)\" content=\"") else { return nil }
            return line.components(separatedBy: "content=\"")[1].components(separatedBy: "\">")[0]
        }
    }

    /// `2023-02-21T14:23:00+07:00`.
    static func isVietnamISO8601(_ text: String) -> Bool {
        text.wholeMatch(of: #/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00/#) != nil
    }

    @Test("every article page of the sample site has one JSON-LD block with the NewsArticle fields")
    func sampleSiteArticles() throws {
        let (root, report) = try SampleSiteAddressesTests.buildSample(now: SampleSiteAddressesTests.late2026)
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("public")
        let pages = FileTree.files(under: output).filter { $0.wholeMatch(of: #/\d{4}/\d{2}/[^/]+/index\.html/#) != nil }
        #expect(pages.count == report.articles)
        for path in pages {
            let html = try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
            let (json, blocks, _) = try Self.jsonLD(html)
            #expect(blocks == 1, "\(path)")
            #expect(json["@context"] as? String == "https://schema.org")
            let news = try Self.graphNode(json, type: "NewsArticle")
            let url = "https://congan.tuyenquang.gov.vn/bantin/" + path.dropLast("index.html".count)
            let headline = try #require(news["headline"] as? String)
            #expect(html.contains("<h1>\(Escape.html(headline))</h1>"), "\(path)")
            #expect((news["description"] as? String)?.isEmpty == false, "\(path)")
            let published = try #require(news["datePublished"] as? String)
            let modified = try #require(news["dateModified"] as? String)
            #expect(Self.isVietnamISO8601(published), "\(path): \(published)")
            #expect(Self.isVietnamISO8601(modified), "\(path): \(modified)")
            #expect(modified >= published)
            #expect(Self.meta(html, "article:published_time") == [published])
            #expect(Self.meta(html, "article:modified_time") == [modified])
            let authors = try #require(news["author"] as? [[String: Any]])
            #expect(!authors.isEmpty && authors.allSatisfy { $0["@type"] as? String == "Person" && $0["name"] is String }, "\(path)")
            let publisher = try #require(news["publisher"] as? [String: Any])
            #expect(publisher["@type"] as? String == "Organization")
            #expect(publisher["name"] as? String == "Công an tỉnh Tuyên Quang")
            #expect((news["mainEntityOfPage"] as? [String: Any])?["@id"] as? String == url)
            #expect(news["inLanguage"] as? String == "vi")
            let places = try #require(news["contentLocation"] as? [[String: Any]])
            #expect(places.allSatisfy { $0["@type"] as? String == "Place" && $0["containedInPlace"] is [String: Any] }, "\(path)")
            let breadcrumb = try Self.graphNode(json, type: "BreadcrumbList")
            let items = try #require(breadcrumb["itemListElement"] as? [[String: Any]])
            #expect(items.map { $0["item"] as? String } == ["https://congan.tuyenquang.gov.vn/bantin/", url])
            #expect(Self.meta(html, "og:url") == [url])
            #expect(Self.meta(html, "og:type") == ["article"])
            #expect(Self.meta(html, "og:locale") == ["vi_VN"])
        }
    }

    @Test("contentLocation is the unit of the article's date: a 2023 unit in its district, a 2026 unit in the province")
    func placesOfTheirDate() throws {
        let (root, _) = try SampleSiteAddressesTests.buildSample(now: SampleSiteAddressesTests.late2026)
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("public")
        /// The places of the one article of the month in `folder` whose communes include xã Hùng Lợi.
        func hungLoi(_ folder: String) throws -> [String: Any] {
            let pages = FileTree.files(under: output.appendingPathComponent(folder)).filter { $0.split(separator: "/").count == 2 }
            for page in pages {
                let html = try String(contentsOf: output.appendingPathComponent(folder + page), encoding: .utf8)
                let places = try Self.graphNode(Self.jsonLD(html).json, type: "NewsArticle")["contentLocation"] as? [[String: Any]] ?? []
                if let place = places.first(where: { $0["name"] as? String == "xã Hùng Lợi" }) { return place }
            }
            Issue.record("no article of \(folder) about xã Hùng Lợi")
            return [:]
        }
        let district = try #require(try hungLoi("2023/02/")["containedInPlace"] as? [String: Any])
        #expect(district["@type"] as? String == "AdministrativeArea")
        #expect(district["name"] as? String == "huyện Yên Sơn")
        #expect((district["containedInPlace"] as? [String: Any])?["name"] as? String == "tỉnh Tuyên Quang")

        let province = try #require(try hungLoi("2026/03/")["containedInPlace"] as? [String: Any])
        #expect(province["@type"] as? String == "AdministrativeArea")
        #expect(province["name"] as? String == "tỉnh Tuyên Quang")
        #expect(province["containedInPlace"] == nil)
    }

    @Test("a title with </script> and quotes stays inside the JSON-LD block and parses back equal")
    func hostileTitle() throws {
        let title = #"</script><script>alert(1)</script> "Trích" & <!-- \ ’"#
        let summary = #"Tóm tắt </SCRIPT > "x" \u003c"#
        let site = try TestSite([
            "content/2024/01/a.md": article("""
            title: '\(title)'
            date: "2024-01-05"
            slug: a
            summary: '\(summary)'
            authors: ["</script>"]
            tags: ["<b>"]
            communes: [Hùng Lợi]
            """),
        ])
        defer { site.cleanUp() }
        try site.build()
        let html = try site.read("2024/01/a/index.html")
        #expect(!html.contains("<script>alert"))
        // A browser ends the element at `</script` followed by a space, `/` or `>`, in any case.
        #expect(html.lowercased().components(separatedBy: "</script").count == 2)
        let (json, _, text) = try Self.jsonLD(html)
        for markup in ["<", ">", "&"] { #expect(!text.contains(markup)) }
        let news = try Self.graphNode(json, type: "NewsArticle")
        #expect(news["headline"] as? String == title)
        #expect(news["description"] as? String == summary)
        #expect((news["author"] as? [[String: Any]])?.first?["name"] as? String == "</script>")
        #expect(news["keywords"] as? [String] == ["<b>"])
        #expect(Self.meta(html, "og:title") == [Escape.html(title)])
    }

    @Test("og:url and og:image are absolute under the base path, with or without relative links")
    func absoluteUnderSubPath() throws {
        let site = try TestSite([
            "content/2024/01/a.md": article("title: A\ndate: \"2024-01-05\"\nimage: anh-1.png\ntags: [x, y]"),
            "content/2024/01/anh-1.png": "png",
            "content/2024/01/b.md": article("title: B\ndate: \"2024-01-06\"\nimage: //cdn.example.vn/b.jpg"),
            "content/2024/01/c.md": article("title: C\ndate: \"2024-01-07\"\nupdated: \"2024-02-01 08:00\""),
        ])
        defer { site.cleanUp() }
        for relative in [false, true] {
            try site.build { $0.relativeLinks = relative }
            let a = try site.read("2024/01/a/index.html")
            #expect(Self.meta(a, "og:url") == ["https://example.gov.vn/bantin/2024/01/a/"])
            #expect(Self.meta(a, "og:image") == ["https://example.gov.vn/bantin/2024/01/anh-1.png"])
            #expect(Self.meta(a, "twitter:card") == ["summary_large_image"])
            #expect(Self.meta(a, "article:tag") == ["x", "y"])
            let news = try Self.graphNode(Self.jsonLD(a).json, type: "NewsArticle")
            #expect(news["image"] as? [String] == ["https://example.gov.vn/bantin/2024/01/anh-1.png"])
            #expect(news["datePublished"] as? String == "2024-01-05T00:00:00+07:00")
            #expect(news["dateModified"] as? String == "2024-01-05T00:00:00+07:00")
            // No author written: the publisher, here the site's title, is the author.
            #expect((news["author"] as? [String: Any])?["name"] as? String == "Bản tin thử")

            let b = try site.read("2024/01/b/index.html")
            #expect(Self.meta(b, "og:image") == ["https://cdn.example.vn/b.jpg"])

            let c = try site.read("2024/01/c/index.html")
            #expect(Self.meta(c, "og:image").isEmpty)
            #expect(Self.meta(c, "twitter:card") == ["summary"])
            let newsC = try Self.graphNode(Self.jsonLD(c).json, type: "NewsArticle")
            #expect(newsC["image"] == nil)
            #expect(newsC["dateModified"] as? String == "2024-02-01T08:00:00+07:00")
        }
    }

    @Test("the publisher's name and logo come from site.yaml's params")
    func publisherAndLogo() throws {
        let site = try TestSite([
            "site.yaml": TestSite.defaultConfig + "\nparams:\n  publisher: \"Công an tỉnh\"\n  logo: assets/logo.png\n",
            "content/2024/01/a.md": article("title: A\ndate: \"2024-01-05\"\nauthors: [Thu Hà]\ncommunes: [Hùng Lợi]"),
        ])
        defer { site.cleanUp() }
        try site.build()
        let news = try Self.graphNode(Self.jsonLD(try site.read("2024/01/a/index.html")).json, type: "NewsArticle")
        let publisher = try #require(news["publisher"] as? [String: Any])
        #expect(publisher["name"] as? String == "Công an tỉnh")
        #expect((publisher["logo"] as? [String: Any])?["url"] as? String == "https://example.gov.vn/bantin/assets/logo.png")
        let home = try Self.jsonLD(try site.read("index.html")).json
        #expect(home["@type"] as? String == "WebSite")
        #expect(home["url"] as? String == "https://example.gov.vn/bantin/")
        #expect((home["publisher"] as? [String: Any])?["name"] as? String == "Công an tỉnh")
        for page in ["dia-phuong/index.html", "dia-phuong/yen-son/hung-loi/index.html"] {
            let json = try Self.jsonLD(try site.read(page)).json
            #expect(json["@type"] as? String == "CollectionPage")
            #expect((json["isPartOf"] as? [String: Any])?["@type"] as? String == "WebSite")
        }
    }

    @Test("script JSON escapes what could end or change a <script> element, and parses back")
    func scriptJSONEscaping() throws {
        let text = "</script><!-- a & b > c \" \\ \n\t\u{01} \u{2028} Đông Thọ"
        let encoded = ScriptJSON.object([("k", .string(text)), ("n", .int(2)), ("a", .array([.string("x")]))]).encoded
        for forbidden in ["<", ">", "&", "\u{2028}", "\n"] { #expect(!encoded.contains(forbidden)) }
        #expect(encoded.contains("Đông Thọ"))
        let back = try #require(try JSONSerialization.jsonObject(with: Data(encoded.utf8)) as? [String: Any])
        #expect(back["k"] as? String == text)
        #expect(back["n"] as? Int == 2)
        #expect(back["a"] as? [String] == ["x"])
        let prepared = ScriptJSON.array([.string(text)]).prepared
        #expect(ScriptJSON.object([("p", prepared)]).encoded == ScriptJSON.object([("p", .array([.string(text)]))]).encoded)
    }
}

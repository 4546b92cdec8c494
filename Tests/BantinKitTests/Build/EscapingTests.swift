import Foundation
import Testing
@testable import BantinKit

/// Hostile front matter must come out escaped for each context it lands in.
@Suite struct EscapingTests {
    static let hostileTitle = #"<script>alert(1)</script> & "x""#

    @Test func hostileFrontMatterIsEscapedInEveryOutput() throws {
        let site = try TestSite([
            "content/2024/01/a.md": article("""
            title: '\(Self.hostileTitle)'
            date: "2024-01-05"
            authors: ["<img src=x onerror=alert(2)>"]
            communes: [Hùng Lợi]
            summary: "</p><script>alert(3)</script>"
            tags: ["<b>tag</b>"]
            """),
        ])
        defer { site.cleanUp() }
        try site.build()

        let page = try site.read("2024/01/script-alert-1-script-x/index.html")
        let pages = [page, try site.read("index.html"), try site.read("dia-phuong/yen-son/hung-loi/index.html")]
        for html in pages {
            #expect(!html.contains("<script>alert"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"))
        }
        #expect(!page.contains("<img src=x"))
        #expect(page.contains("&lt;img src=x onerror=alert(2)&gt;"))
        #expect(!page.contains("<b>tag</b>"))
        // Inside an attribute the summary cannot break out of the quotes.
        #expect(page.contains(#"<meta name="description" content="&lt;/p&gt;&lt;script&gt;alert(3)&lt;/script&gt;">"#))

        for xml in [try site.read("rss.xml"), try site.read("dia-phuong/yen-son/hung-loi/rss.xml")] {
            #expect(!xml.contains("<script>"))
            #expect(xml.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</title>"))
            #expect(xml.contains("<dc:creator>&lt;img src=x onerror=alert(2)&gt;</dc:creator>"))
        }
    }

    @Test func rawHTMLInMarkdownIsStrippedUnlessTheSiteTrustsIt() throws {
        let body = "Trước\n\n<iframe src=\"https://evil.example\"></iframe>\n\n[bấm](javascript:alert(1))"
        let site = try TestSite(["content/2024/01/a.md": article("title: A\ndate: \"2024-01-05\"", body: body)])
        defer { site.cleanUp() }
        try site.build()
        let safe = try site.read("2024/01/a/index.html")
        #expect(!safe.contains("<iframe"))
        #expect(!safe.contains("javascript:"))

        try site.write("site.yaml", TestSite.defaultConfig + "\nmarkdown:\n  unsafe: true\n")
        try site.build()
        #expect(try site.read("2024/01/a/index.html").contains("<iframe src=\"https://evil.example\"></iframe>"))
    }
}

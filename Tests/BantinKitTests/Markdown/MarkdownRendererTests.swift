import Foundation
import Testing
@testable import BantinKit

@Suite("MarkdownRenderer")
struct MarkdownRendererTests {
    static let safe = MarkdownRenderer(unsafe: false)
    static let unsafe = MarkdownRenderer(unsafe: true)

    @Test("basic Markdown renders to HTML")
    func basic() {
        let out = Self.safe.render("# Hội nghị\n\nĐoạn *một* và **hai**.\n\n- Hùng Lợi\n- Đông Thọ\n")
        #expect(out.html == "<h1>Hội nghị</h1>\n<p>Đoạn <em>một</em> và <strong>hai</strong>.</p>\n<ul>\n<li>Hùng Lợi</li>\n<li>Đông Thọ</li>\n</ul>\n")
    }

    @Test("smart punctuation: curly quotes, dashes, ellipsis")
    func smartPunctuation() {
        let out = Self.safe.render("\"Xin chào\" -- đó là 'ngày hội' của bà con... Hết---thật.\n")
        #expect(out.html == "<p>\u{201C}Xin chào\u{201D} \u{2013} đó là \u{2018}ngày hội\u{2019} của bà con\u{2026} Hết\u{2014}thật.</p>\n")
        #expect(out.firstParagraph == "\u{201C}Xin chào\u{201D} \u{2013} đó là \u{2018}ngày hội\u{2019} của bà con\u{2026} Hết\u{2014}thật.")
    }

    @Test("text is HTML-escaped")
    func escaping() {
        #expect(Self.safe.render("Tôm & cua < 5 \"kg\"\n").html == "<p>Tôm &amp; cua &lt; 5 \u{201C}kg\u{201D}</p>\n")
    }

    @Test("raw HTML is omitted in safe mode")
    func rawHTMLOmitted() {
        let md = "Chữ <b>đậm</b> ở đây.\n\n<div class=\"x\">khối</div>\n\n<script>alert(1)</script>\n"
        let html = Self.safe.render(md).html
        #expect(html == "<p>Chữ <!-- raw HTML omitted -->đậm<!-- raw HTML omitted --> ở đây.</p>\n<!-- raw HTML omitted -->\n<!-- raw HTML omitted -->\n")
        #expect(!html.contains("<script"))
        #expect(!html.contains("<div"))
    }

    @Test("raw HTML is kept in unsafe mode")
    func rawHTMLKept() {
        let md = "Chữ <b>đậm</b> ở đây.\n\n<div class=\"x\">khối</div>\n"
        #expect(Self.unsafe.render(md).html == "<p>Chữ <b>đậm</b> ở đây.</p>\n<div class=\"x\">khối</div>\n")
    }

    @Test("dangerous link schemes are dropped in safe mode, kept in unsafe mode")
    func dangerousLinks() {
        let md = "[bấm](javascript:alert(1)) [b](JAVASCRIPT:x) [c](vbscript:x) [d](data:text/html,x) [e](https://tuyenquang.gov.vn/)\n"
        let safeHTML = Self.safe.render(md).html
        #expect(safeHTML == "<p><a href=\"\">bấm</a> <a href=\"\">b</a> <a href=\"\">c</a> <a href=\"\">d</a> <a href=\"https://tuyenquang.gov.vn/\">e</a></p>\n")
        let unsafeHTML = Self.unsafe.render(md).html
        #expect(unsafeHTML.contains("href=\"javascript:alert(1)\""))
    }

    @Test("a rewrite that returns javascript: is still dropped in safe mode")
    func rewriteToJavascript() {
        let html = Self.safe.render("[x](a.md)\n") { _ in "javascript:alert(1)" }.html
        #expect(html == "<p><a href=\"\">x</a></p>\n")
    }

    // MARK: Rewriting destinations

    @Test("rewrite replaces link and image destinations; nil keeps them")
    func rewrite() {
        let md = "Xem [bài trước](../01/hop-bao.md) và ![Ảnh](anh.jpg \"Chú thích\") hoặc [ngoài](https://example.vn/a?b=1).\n"
        let out = Self.safe.render(md) { d in
            switch d.url {
            case "../01/hop-bao.md": return "/bantin/2023/01/hop-bao/"
            case "anh.jpg": return "/bantin/2023/02/hoi-nghi/anh.jpg"
            default: return nil
            }
        }
        #expect(out.html == "<p>Xem <a href=\"/bantin/2023/01/hop-bao/\">bài trước</a> và <img src=\"/bantin/2023/02/hoi-nghi/anh.jpg\" alt=\"Ảnh\" title=\"Chú thích\" /> hoặc <a href=\"https://example.vn/a?b=1\">ngoài</a>.</p>\n")
    }

    @Test("rewrite sees every destination, with kind, line and column (1-based)")
    func destinations() {
        let md = """
        Dong mot

        See [a](a.md) then ![b](b.jpg).

        > Quote here [c](c.md)

        - item ![d](d.png)

        Reference [E][e].

        [e]: e.md
        """
        var seen: [String] = []
        _ = Self.safe.render(md) { d in
            seen.append("\(d.url) \(d.isImage ? "img" : "link") \(d.line):\(d.column)")
            return nil
        }
        #expect(seen == ["a.md link 3:5", "b.jpg img 3:20", "c.md link 5:14", "d.png img 7:8", "e.md link 9:11"])
    }

    @Test("columns are UTF-8 byte columns, which the caller (RenderContext) converts")
    func byteColumns() {
        var seen: [Int] = []
        _ = Self.safe.render("Xem [bài](a.md) và ![ảnh](b.jpg) nhé.\n") { d in
            seen.append(d.column)
            return nil
        }
        // "Xem [bài](a.md) và " is 19 characters but 21 bytes: the image starts at byte column 22.
        #expect(seen == [5, 22])
    }

    @Test("returning the same URL or nil leaves the document unchanged")
    func identityRewrite() {
        let md = "[a](x.md) ![b](y.png)\n"
        let plain = Self.safe.render(md).html
        #expect(Self.safe.render(md) { $0.url }.html == plain)
        #expect(Self.safe.render(md) { _ in nil }.html == plain)
        #expect(plain == "<p><a href=\"x.md\">a</a> <img src=\"y.png\" alt=\"b\" /></p>\n")
    }

    @Test("rewritten URLs with Vietnamese letters or spaces are percent-encoded in href")
    func rewrittenURLEncoded() {
        let html = Self.safe.render("[a](x.md)\n") { _ in "/ảnh đẹp/" }.html
        #expect(html == "<p><a href=\"/%E1%BA%A3nh%20%C4%91%E1%BA%B9p/\">a</a></p>\n")
    }

    // MARK: First paragraph

    @Test("first paragraph: plain text of the first top-level paragraph, without image alt text")
    func firstParagraph() {
        let md = """
        # Tiêu đề không tính

        ![Ảnh hội nghị](anh.jpg) Sáng 21/2, *Công an* tỉnh tổ chức `hội nghị`
        tổng kết [công tác](a.md) năm 2023.

        Đoạn hai.
        """
        #expect(Self.safe.render(md).firstParagraph == "Sáng 21/2, Công an tỉnh tổ chức hội nghị tổng kết công tác năm 2023.")
    }

    @Test("first paragraph skips block quotes and lists, and keeps hard breaks as spaces")
    func firstParagraphSkipsNested() {
        let md = "> Trích dẫn\n\n- mục\n\nĐoạn thật,  \nxuống dòng\\\nnữa.\n\nSau.\n"
        #expect(Self.safe.render(md).firstParagraph == "Đoạn thật, xuống dòng nữa.")
    }

    @Test("an image in the middle of the first paragraph leaves one space, not two")
    func firstParagraphImageInTheMiddle() {
        #expect(Self.safe.render("Lũ quét tại xã cùng ![ảnh](a.jpg) — bà con di dời.\n").firstParagraph == "Lũ quét tại xã cùng — bà con di dời.")
    }

    @Test("image inside a link: the alt text is left out, the link text kept")
    func firstParagraphImageInLink() {
        #expect(Self.safe.render("[![logo](l.png) Trang chủ](/)\n").firstParagraph == "Trang chủ")
    }

    @Test("raw HTML is not part of the first paragraph text")
    func firstParagraphRawHTML() {
        #expect(Self.unsafe.render("Chữ <b>đậm</b> đây.\n").firstParagraph == "Chữ đậm đây.")
    }

    @Test("no paragraph, no text")
    func noParagraph() {
        #expect(Self.safe.render("").html == "")
        #expect(Self.safe.render("").firstParagraph == "")
        #expect(Self.safe.render("## Chỉ có tiêu đề\n\n---\n").firstParagraph == "")
        #expect(Self.safe.render("![chỉ ảnh](a.jpg)\n").firstParagraph == "")
    }

    // MARK: Concurrency

    @Test("rendering concurrently gives the same output as rendering one at a time")
    func concurrent() {
        let docs: [String] = (0..<400).map { i in
            """
            # Bản tin số \(i)

            ![Ảnh \(i)](anh-\(i).jpg) Ngày \(i % 28 + 1)/02/2023, "Công an" xã thứ \(i) -- *tuần tra*... [chi tiết](bai-\(i).md)
            <span>\(i)</span>

            \((0..<(i % 7)).map { "- mục \($0) của bản tin \(i)" }.joined(separator: "\n"))

            > Trích dẫn \(i)
            """
        }
        let renderer = MarkdownRenderer(unsafe: false)
        let rewrite: @Sendable (MarkdownRenderer.Destination) -> String? = { d in d.isImage ? nil : "/bantin/\(d.url).html" }
        let expected = docs.map { renderer.render($0, rewrite: rewrite) }
        let results = Locked<[Int: (String, String)]>([:])
        DispatchQueue.concurrentPerform(iterations: docs.count) { i in
            let out = renderer.render(docs[i], rewrite: rewrite)
            results.withLock { $0[i] = (out.html, out.firstParagraph) }
        }
        let got = results.withLock { $0 }
        #expect(got.count == docs.count)
        var mismatches = 0
        for i in docs.indices where got[i]?.0 != expected[i].html || got[i]?.1 != expected[i].firstParagraph {
            mismatches += 1
        }
        #expect(mismatches == 0)
        // The outputs differ per document, so a mix-up between threads would be seen.
        #expect(Set(expected.map(\.html)).count == docs.count)
        #expect(expected[7].html.contains("href=\"/bantin/bai-7.md.html\""))
        #expect(expected[7].firstParagraph.hasPrefix("Ngày 8/02/2023, \u{201C}Công an\u{201D} xã thứ 7 \u{2013} tuần tra\u{2026} chi tiết"))
    }

    @Test("a document larger than the arena's first block renders whole, and the next one after it")
    func documentLargerThanOneArenaBlock() {
        // ~3 MB: libcmark's buffers outgrow the first 1 MB block and move to larger ones.
        let paragraph = "Xã Hùng Lợi, Trung Minh (huyện Yên Sơn) nhận **hàng cứu trợ** và [bản tin](/tin/a.html).\n\n"
        let count = 30_000
        let big = Self.safe.render(String(repeating: paragraph, count: count))
        #expect(big.html.components(separatedBy: "<p>").count - 1 == count)
        #expect(big.html.components(separatedBy: "<strong>hàng cứu trợ</strong>").count - 1 == count)
        #expect(big.html.hasSuffix("<a href=\"/tin/a.html\">bản tin</a>.</p>\n"))
        let small = Self.safe.render("# Tin\n\nMột *đoạn*.\n")
        #expect(small.html == "<h1>Tin</h1>\n<p>Một <em>đoạn</em>.</p>\n")
        #expect(small.firstParagraph == "Một đoạn.")
    }
}

import Testing
@testable import BantinKit

@Suite("Escape")
struct EscapeTests {
    @Test("html escapes the five special characters and nothing else")
    func html() {
        #expect(Escape.html(#"<a href="x">Tôm & Cua's</a>"#) == "&lt;a href=&quot;x&quot;&gt;Tôm &amp; Cua&#39;s&lt;/a&gt;")
        #expect(Escape.html("Công an tỉnh Tuyên Quang") == "Công an tỉnh Tuyên Quang")
        #expect(Escape.html("") == "")
        #expect(Escape.html("a\nb\tc") == "a\nb\tc")
    }

    @Test("html escapes an ampersand that already starts an entity (text is text)")
    func htmlDoubleEscapes() {
        #expect(Escape.html("&amp; &#39;") == "&amp;amp; &amp;#39;")
    }

    @Test("html keeps combining marks attached to the letter they follow")
    func htmlKeepsNFD() {
        let nfd = "\"Tha\u{0300}nh\""
        let escaped = Escape.html(nfd)
        #expect(Array(escaped.unicodeScalars) == Array("&quot;Tha\u{0300}nh&quot;".unicodeScalars))
    }

    @Test("xml drops the control characters XML 1.0 forbids and keeps tab, LF and CR")
    func xml() {
        #expect(Escape.xml("Bản\u{0}tin\u{1}\u{8}\u{B}\u{C}\u{1F} số 1") == "Bảntin số 1")
        #expect(Escape.xml("a\tb\nc\rd") == "a\tb\nc\rd")
        #expect(Escape.xml("x\u{FFFE}y\u{FFFF}z") == "xyz")
        #expect(Escape.xml("An ninh & <trật tự>\u{7}") == "An ninh &amp; &lt;trật tự&gt;")
        #expect(Escape.xml("Lưỡng Vượng") == "Lưỡng Vượng")
    }

    @Test("urlPath keeps unreserved characters and '/', and percent-encodes UTF-8 bytes of the rest")
    func urlPath() {
        #expect(Escape.urlPath("dia-phuong/ham-yen/tan-thanh/") == "dia-phuong/ham-yen/tan-thanh/")
        #expect(Escape.urlPath("A-z_0.9~") == "A-z_0.9~")
        #expect(Escape.urlPath("ảnh đẹp.jpg") == "%E1%BA%A3nh%20%C4%91%E1%BA%B9p.jpg")
        #expect(Escape.urlPath("a?b#c&d=e") == "a%3Fb%23c%26d%3De")
        #expect(Escape.urlPath("a b") == "a%20b")
        #expect(Escape.urlPath("dòng\nmới") == "d%C3%B2ng%0Am%E1%BB%9Bi")
        #expect(Escape.urlPath("") == "")
    }

    @Test("urlPath encodes every '%': its input is a decoded path (file names like 'giam-50%.jpg')")
    func urlPathLonePercent() {
        // Site paths reach urlPath decoded (ContentLinkResolver removes percent-encoding), so a
        // literal '%' in a copied file's name must become %25 or the href is not a valid URL.
        #expect(Escape.urlPath("2024/01/giam-50%.jpg") == "2024/01/giam-50%25.jpg")
        #expect(Escape.urlPath("bao-cao 100%.pdf") == "bao-cao%20100%25.pdf")
        #expect(Escape.urlPath("a%2Gb") == "a%252Gb")
        // What looks like an escape is a literal part of the decoded name.
        #expect(Escape.urlPath("a%2Fb") == "a%252Fb")
    }

    @Test func hrefEncodesWhatAURLCannotHoldAndKeepsWhatItCan() {
        #expect(Escape.href("https://example.com/a b.png?x=\"1\"&y=<2>") == "https://example.com/a%20b.png?x=%221%22&y=%3C2%3E")
        #expect(Escape.href("https://vi.wikipedia.org/wiki/Tuyên_Quang") == "https://vi.wikipedia.org/wiki/Tuy%C3%AAn_Quang")
        // Already encoded: left as it is.
        #expect(Escape.href("https://example.com/Tuy%C3%AAn%20Quang.jpg#top") == "https://example.com/Tuy%C3%AAn%20Quang.jpg#top")
    }
}

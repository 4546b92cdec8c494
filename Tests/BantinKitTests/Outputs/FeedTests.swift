import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import BantinKit

/// The RSS feed read back with an XML parser, as a feed reader would.
@Suite struct FeedTests {
    struct Item {
        var fields: [String: String] = [:]
        var categories: [String] = []
        var creators: [String] = []
    }

    final class FeedReader: NSObject, XMLParserDelegate {
        var items: [Item] = []
        var channel: [String: String] = [:]
        var selfLink: String?
        private var current: Item?
        private var text = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            text = ""
            if name == "item" { current = Item() }
            if name == "atom:link", attributes["rel"] == "self" { selfLink = attributes["href"] }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "item", let item = current {
                items.append(item)
                current = nil
            } else if current != nil {
                switch name {
                case "category": current!.categories.append(text)
                case "dc:creator": current!.creators.append(text)
                default: current!.fields[name] = text
                }
            } else {
                channel[name] = text
            }
        }
    }

    func readFeed(_ xml: String) throws -> FeedReader {
        let parser = XMLParser(data: Data(xml.utf8))
        let reader = FeedReader()
        parser.delegate = reader
        #expect(parser.parse(), "feed is not well-formed XML: \(String(describing: parser.parserError))")
        return reader
    }

    @Test func feedItemsAreNewestFirstWithVietnamOffsetAbsoluteLinksAndCategories() throws {
        let site = try TestSite(fixture: "golden-site")
        defer { site.cleanUp() }
        try site.build()
        let feed = try readFeed(try site.read("rss.xml"))

        #expect(feed.channel["title"] == "Bản tin Công an huyện & thành phố")
        #expect(feed.channel["language"] == "vi")
        #expect(feed.selfLink == "https://example.gov.vn/bantin/rss.xml")
        // feed.limit is 3 in the fixture; the draft and the future article are left out.
        #expect(feed.items.map { $0.fields["title"] } == [
            "Ra quân bảo đảm trật tự an toàn giao thông",
            "Lũ quét tại xã Đông Thọ",
            "<script>alert(1)</script> & \"x\" Hội nghị an ninh",
        ])
        #expect(feed.items.map { $0.fields["pubDate"] } == [
            "Fri, 01 Mar 2024 06:15:00 +0700",
            "Sat, 10 Feb 2024 18:50:00 +0700",
            "Sun, 21 Jan 2024 14:23:00 +0700",
        ])
        #expect(feed.channel["lastBuildDate"] == "Fri, 01 Mar 2024 06:15:00 +0700")
        for item in feed.items {
            #expect(item.fields["link"]?.hasPrefix("https://example.gov.vn/bantin/20") == true)
            #expect(item.fields["guid"] == item.fields["link"])
        }
        #expect(feed.items[0].categories == ["xã Tân Thành (huyện Hàm Yên)", "xã Tân Thanh (huyện Sơn Dương)", "phường Phan Thiết (thành phố Tuyên Quang)"])
        #expect(feed.items[1].creators == ["Thu Hà"])
        #expect(feed.items[2].creators == ["Minh Anh", "Hoàng <b>Long</b>"])
        #expect(feed.items[1].fields["description"] == "Lũ quét làm ngập 12 ngôi nhà; Công an xã giúp dân di dời tài sản.")

        // Relative links and images in bodies are absolute in the feed.
        let flood = try #require(feed.items[1].fields["content:encoded"])
        #expect(flood.contains("src=\"https://example.gov.vn/bantin/2024/02/lu-quet-tai-xa-dong-tho/anh.png\""))
        #expect(flood.contains("href=\"https://example.gov.vn/bantin/dia-phuong/\""))
        let meeting = try #require(feed.items[2].fields["content:encoded"])
        #expect(meeting.contains("href=\"https://example.gov.vn/bantin/2024/02/lu-quet-tai-xa-dong-tho/\""))
        #expect(!meeting.contains("<script>"))
    }

    /// A `<description>` is read as HTML: a plain-text summary must stay text, not become markup.
    @Test func plainTextSummaryIsEscapedForHTMLInsideTheXML() throws {
        let site = try TestSite([
            "site.yaml": TestSite.defaultConfig.replacingOccurrences(of: "Trang thử nghiệm", with: "Tin <b>đậm</b> & mới"),
            "content/a.md": article("title: Bài A\ndate: 21/02/2024\ncommunes: [Hùng Lợi]", body: "Mã `<x>` và &amp; cùng *nhấn mạnh*."),
        ])
        defer { site.cleanUp() }
        try site.build()
        let xml = try site.read("rss.xml")
        #expect(xml.contains("<description>Tin &lt;b&gt;đậm&lt;/b&gt; &amp; mới</description>"))
        let feed = try readFeed(xml)
        // What a reader gets once the XML is parsed is HTML that shows the summary's text.
        #expect(feed.items.first?.fields["description"] == "Mã &lt;x&gt; và &amp; cùng nhấn mạnh.")
        let communeFeed = try readFeed(try site.read("dia-phuong/yen-son/hung-loi/rss.xml"))
        #expect(communeFeed.channel["description"] == "Tin bài về xã Hùng Lợi, huyện Yên Sơn")
        #expect(communeFeed.items.first?.fields["description"] == "Mã &lt;x&gt; và &amp; cùng nhấn mạnh.")
    }

    @Test func everyCommuneWithArticlesHasItsOwnFeed() throws {
        let site = try TestSite(fixture: "golden-site")
        defer { site.cleanUp() }
        try site.build()
        let feed = try readFeed(try site.read("dia-phuong/ham-yen/tan-thanh/rss.xml"))
        #expect(feed.items.map { $0.fields["title"] } == ["Ra quân bảo đảm trật tự an toàn giao thông"])
        #expect(feed.selfLink == "https://example.gov.vn/bantin/dia-phuong/ham-yen/tan-thanh/rss.xml")
    }
}

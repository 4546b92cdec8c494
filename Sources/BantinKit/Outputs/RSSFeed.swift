import Foundation

/// `rss.xml`: RSS 2.0 with the latest `feed.limit` articles, full bodies with absolute links.
/// Each commune's feed is made the same way, with summaries only; full items are built once per article.
struct RSSFeed: SiteOutput {
    func write(_ context: RenderContext, to output: OutputWriter) throws(Diagnostic) {
        let articles = Array(context.site.articles.indices.prefix(context.site.config.feedLimit))
        try output.write(SitePaths.feed, Self.xml(context, articles: articles, path: SitePaths.feed, title: context.site.config.title, link: ""))
    }

    /// A feed of `articles` (indices, newest first), published at `path`, about the page at `link`
    /// (described by `description`, else the site's); `full` feeds carry each article's body.
    static func xml(_ context: RenderContext, articles: [Int], path: String, title: String, link: String, description: String? = nil, full: Bool = true) -> String {
        let site = context.site
        let x = Escape.xml
        let description = description ?? (site.config.description.isEmpty ? site.config.title : site.config.description)
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel>
        <title>\(x(title))</title>
        <link>\(x(context.links.absolute(link)))</link>
        <description>\(x(description))</description>
        <language>\(x(site.config.language))</language>
        <generator>Bantin</generator>

        """
        if let newest = articles.first {
            out += "<lastBuildDate>\(site.articles[newest].date.rfc822)</lastBuildDate>\n"
        }
        out += "<atom:link href=\"\(x(context.links.absolute(path)))\" rel=\"self\" type=\"application/rss+xml\"/>\n"
        for index in articles {
            let digest = context.digests[index]
            out += full ? digest.feedItem ?? "" : digest.summaryItem ?? item(context, article: site.articles[index], summaryHTML: digest.summaryHTML, bodyHTML: nil)
        }
        out += "</channel>\n</rss>\n"
        return out
    }

    /// One `<item>`; with `bodyHTML` (absolute links) it carries the full article as `content:encoded`.
    /// An item's `<description>` is HTML to feed readers: the plain-text summary goes in escaped as
    /// HTML (`summaryHTML`), then as XML. Titles, categories and authors are plain text, escaped
    /// once, as is the channel's description ("a phrase or sentence").
    static func item(_ context: RenderContext, article: Article, summaryHTML: String, bodyHTML: String?) -> String {
        let x = Escape.xml
        let site = context.site
        let url = x(context.links.absolute(article.permalink))
        // Appended piece by piece into one buffer: interpolating each line made a string per line.
        var out = ""
        out.reserveCapacity(400 + summaryHTML.utf8.count + (bodyHTML?.utf8.count ?? 0) * 11 / 10)
        out += "<item>\n<title>"; out += x(article.title)
        out += "</title>\n<link>"; out += url
        out += "</link>\n<guid isPermaLink=\"true\">"; out += url
        out += "</guid>\n<pubDate>"; out += article.date.rfc822
        // Corrections come first, in the summary and the body: a reader who saw the article must see them.
        let notices = correctionsHTML(article)
        out += "</pubDate>\n<description>"; out += x(notices + summaryHTML); out += "</description>\n"
        if let bodyHTML { out += "<content:encoded>"; out += x(notices + bodyHTML); out += "</content:encoded>\n" }
        for id in article.communeIDs {
            let commune = site.gazetteer.communes[id]
            out += "<category>"; out += x(commune.label)
            if let place = site.gazetteer.place(of: commune) { out += " ("; out += x(place); out += ")" }
            out += "</category>\n"
        }
        for author in article.authors {
            out += "<dc:creator>"; out += x(author); out += "</dc:creator>\n"
        }
        out += "</item>\n"
        return out
    }

    /// "Đính chính (date): text" for each correction, newest first, as HTML.
    static func correctionsHTML(_ article: Article) -> String {
        article.corrections.reversed().map { correction in
            "<p><strong>Đính chính</strong> (\(correction.date.vietnameseLong)): \(Escape.html(correction.text))</p>"
        }.joined()
    }

    /// The body with absolute links: from the page's HTML when its links are root-relative
    /// (one pass over the text), else by rendering the Markdown again.
    static func absoluteBody(_ context: RenderContext, article: Article, pageBodyHTML: String) -> String {
        if context.links.relative {
            return context.bodies.render(article, page: nil, absolute: true).0.html
        }
        return absolutize(pageBodyHTML, base: context.links.base)
    }

    /// Prefixes the origin to `href="/…"` and `src="/…"` under the base path (not to `//host/…`).
    static func absolutize(_ html: String, base: SiteURL) -> String {
        let bytes = Array(html.utf8)
        let needle = Array("=\"\(base.path)".utf8)
        let origin = Array(base.origin.utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + 512)
        var i = 0
        var copied = 0
        while i + needle.count <= bytes.count {
            guard bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) else { i += 1; continue }
            let before = bytes[..<i]
            let isURLAttribute = before.suffix(4).elementsEqual("href".utf8) || before.suffix(3).elementsEqual("src".utf8)
            let protocolRelative = base.path == "/" && i + needle.count < bytes.count && bytes[i + needle.count] == UInt8(ascii: "/")
            if isURLAttribute && !protocolRelative {
                out.append(contentsOf: bytes[copied..<(i + 2)])
                out.append(contentsOf: origin)
                copied = i + 2
            }
            i += needle.count
        }
        out.append(contentsOf: bytes[copied...])
        return String(decoding: out, as: UTF8.self)
    }
}

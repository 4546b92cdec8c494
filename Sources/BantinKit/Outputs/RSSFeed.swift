/// `rss.xml`: RSS 2.0 with the latest `feed.limit` articles, full bodies with absolute links.
struct RSSFeed: SiteOutput {
    func write(_ context: RenderContext, to folder: OutputFolder) throws(Diagnostic) {
        let articles = Array(context.site.articles.indices.prefix(context.site.config.feedLimit))
        try folder.write(SitePaths.feed, Self.xml(context, articles: articles, path: SitePaths.feed, title: context.site.config.title, link: ""))
    }

    /// A feed of `articles` (indices, newest first), published at `path`, about the page at `link`.
    static func xml(_ context: RenderContext, articles: [Int], path: String, title: String, link: String) -> String {
        let site = context.site
        let x = Escape.xml
        let description = site.config.description.isEmpty ? site.config.title : site.config.description
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
            let article = site.articles[index]
            let url = context.links.absolute(article.permalink)
            let body = context.bodies.render(article, page: nil, absolute: true).0
            out += "<item>\n<title>\(x(article.title))</title>\n<link>\(x(url))</link>\n<guid isPermaLink=\"true\">\(x(url))</guid>\n"
            out += "<pubDate>\(article.date.rfc822)</pubDate>\n"
            out += "<description>\(x(context.summaries[index]))</description>\n"
            out += "<content:encoded>\(x(body.html))</content:encoded>\n"
            for id in article.communeIDs {
                let commune = site.gazetteer.communes[id]
                out += "<category>\(x("\(commune.label) (\(site.gazetteer.district(of: commune).label))"))</category>\n"
            }
            for author in article.authors {
                out += "<dc:creator>\(x(author))</dc:creator>\n"
            }
            out += "</item>\n"
        }
        out += "</channel>\n</rss>\n"
        return out
    }
}

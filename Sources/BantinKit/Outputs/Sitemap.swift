/// `sitemap.xml` with every page's absolute URL; articles carry `lastmod` from `updated` or `date`.
struct Sitemap: SiteOutput {
    func write(_ context: RenderContext, to output: OutputWriter) throws(Diagnostic) {
        try output.write(SitePaths.sitemap, xml(context))
    }

    private func xml(_ context: RenderContext) -> String {
        let site = context.site
        let x = Escape.xml
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        func url(_ path: String, lastmod: BulletinDate?) {
            out += "<url><loc>\(x(context.links.absolute(path)))</loc>"
            if let lastmod { out += "<lastmod>\(lastmod.iso8601)</lastmod>" }
            out += "</url>\n"
        }
        url("", lastmod: site.articles.first?.date)
        url(SitePaths.communeIndex, lastmod: nil)
        for commune in site.gazetteer.communes {
            guard let newest = site.listedByCommune[commune.id].first else { continue }
            url(SitePaths.commune(commune), lastmod: site.articles[newest].date)
        }
        for article in site.articles {
            url(article.permalink, lastmod: max(article.updated ?? article.date, article.date))
        }
        out += "</urlset>\n"
        return out
    }
}

/// `robots.txt`, pointing crawlers to the sitemap.
struct RobotsFile: SiteOutput {
    func write(_ context: RenderContext, to output: OutputWriter) throws(Diagnostic) {
        try output.write("robots.txt", "User-agent: *\nAllow: /\n\nSitemap: \(context.links.absolute(SitePaths.sitemap))\n")
    }
}

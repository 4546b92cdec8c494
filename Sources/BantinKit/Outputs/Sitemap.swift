/// `sitemap.xml` with every page's absolute URL; articles carry `lastmod` from `updated` or `date`.
struct Sitemap: SiteOutput {
    func write(_ context: RenderContext, to output: OutputWriter) throws(Diagnostic) {
        try output.write(SitePaths.sitemap, xml(context))
    }

    /// A page's `<url>` line.
    static func entry(_ context: RenderContext, _ path: String, lastmod: BulletinDate?) -> String {
        "<url><loc>\(Escape.xml(context.links.absolute(path)))</loc>" + (lastmod.map { "<lastmod>\($0.iso8601)</lastmod>" } ?? "") + "</url>\n"
    }

    /// An article's `<url>` line: `lastmod` is when it last changed.
    static func entry(_ context: RenderContext, article: Article) -> String {
        entry(context, article.permalink, lastmod: max(article.updated ?? article.date, article.date))
    }

    private func xml(_ context: RenderContext) -> String {
        let site = context.site
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        func url(_ path: String, lastmod: BulletinDate?) { out += Self.entry(context, path, lastmod: lastmod) }
        // The date of a list's newest article (lists are newest first).
        func newest(_ list: [Int]) -> BulletinDate? { list.first.map { site.articles[$0].date } }
        url("", lastmod: site.articles.first?.date)
        url(SitePaths.communeIndex, lastmod: nil)
        for commune in site.gazetteer.communes where !site.listedByCommune[commune.id].isEmpty {
            url(SitePaths.commune(commune), lastmod: newest(site.listedByCommune[commune.id]))
        }
        // Every other first page of a list (its later pages are reached from it).
        for district in site.gazetteer.districts where !site.articlesByDistrict[district.id].isEmpty {
            url(SitePaths.district(district), lastmod: newest(site.articlesByDistrict[district.id]))
        }
        for taxonomy in [context.taxonomies.authors, context.taxonomies.tags] {
            url(taxonomy.folder, lastmod: nil)
            for term in taxonomy.terms { url(SitePaths.termPage(taxonomy, term, 1), lastmod: newest(term.articles)) }
        }
        for archive in site.archives { url(archive.path, lastmod: newest(archive.articles)) }
        // Each article's line was made with its page: most of the file, and `site serve` writes
        // it again after most front-matter edits.
        for index in context.digests.indices { out += context.digests[index].sitemapEntry }
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

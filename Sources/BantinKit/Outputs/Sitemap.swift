/// `sitemap.xml` with every page's absolute URL; articles carry `lastmod` from `updated` or `date`.
/// A sitemap holds 50,000 addresses at most (sitemaps.org): a larger site's are split into
/// `sitemap-1.xml`, `sitemap-2.xml`…, and `sitemap.xml` is the index of those parts.
struct Sitemap: SiteOutput {
    var addressesPerFile = 50_000

    func write(_ context: RenderContext, to output: OutputWriter) throws(Diagnostic) {
        let entries = Self.entries(context)
        guard entries.count > addressesPerFile else {
            try output.write(SitePaths.sitemap, Self.urlset(entries[...]))
            return
        }
        var index = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for (number, start) in stride(from: 0, to: entries.count, by: addressesPerFile).enumerated() {
            let part = SitePaths.sitemapPart(number + 1)
            try output.write(part, Self.urlset(entries[start..<min(start + addressesPerFile, entries.count)]))
            index += "<sitemap><loc>\(Escape.xml(context.links.absolute(part)))</loc></sitemap>\n"
        }
        index += "</sitemapindex>\n"
        try output.write(SitePaths.sitemap, index)
    }

    /// A page's `<url>` line.
    static func entry(_ context: RenderContext, _ path: String, lastmod: BulletinDate?) -> String {
        "<url><loc>\(Escape.xml(context.links.absolute(path)))</loc>" + (lastmod.map { "<lastmod>\($0.iso8601)</lastmod>" } ?? "") + "</url>\n"
    }

    /// An article's `<url>` line: `lastmod` is when it last changed.
    static func entry(_ context: RenderContext, article: Article) -> String {
        entry(context, article.permalink, lastmod: max(article.updated ?? article.date, article.date))
    }

    private static func urlset(_ entries: ArraySlice<String>) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        out.reserveCapacity(entries.reduce(out.utf8.count + 16) { $0 + $1.utf8.count })
        for entry in entries { out += entry }
        out += "</urlset>\n"
        return out
    }

    /// Every `<url>` line: the first page of each list, then each article.
    private static func entries(_ context: RenderContext) -> [String] {
        let site = context.site
        var entries: [String] = []
        entries.reserveCapacity(site.articles.count + site.gazetteer.communes.count + site.archives.count + 64)
        func url(_ path: String, lastmod: BulletinDate?) { entries.append(entry(context, path, lastmod: lastmod)) }
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
        for index in context.digests.indices { entries.append(context.digests[index].sitemapEntry) }
        return entries
    }
}

/// `robots.txt`, pointing crawlers to the sitemap.
struct RobotsFile: SiteOutput {
    func write(_ context: RenderContext, to output: OutputWriter) throws(Diagnostic) {
        try output.write("robots.txt", "User-agent: *\nAllow: /\n\nSitemap: \(context.links.absolute(SitePaths.sitemap))\n")
    }
}

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
        url("", lastmod: site.articles.first?.date)
        url(SitePaths.communeIndex, lastmod: nil)
        for commune in site.gazetteer.communes {
            guard let newest = site.listedByCommune[commune.id].first else { continue }
            url(SitePaths.commune(commune), lastmod: site.articles[newest].date)
        }
        // Every other first page of a list (its later pages are reached from it), dated by its
        // newest article.
        for district in site.gazetteer.districts {
            guard let newest = site.articlesByDistrict[district.id].first else { continue }
            url(SitePaths.district(district), lastmod: site.articles[newest].date)
        }
        for taxonomy in [context.taxonomies.authors, context.taxonomies.tags] {
            url(taxonomy.folder, lastmod: nil)
            for term in taxonomy.terms {
                url(SitePaths.termPage(taxonomy, term, 1), lastmod: term.articles.first.map { site.articles[$0].date })
            }
        }
        for archive in site.archives {
            url(archive.path, lastmod: archive.articles.first.map { site.articles[$0].date })
        }
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

/// One page per commune that has articles, newest first, with its own RSS feed.
struct CommunePages: SiteOutput {
    func write(_ context: RenderContext, to folder: OutputFolder) throws(Diagnostic) {
        let gazetteer = context.site.gazetteer
        let communes = gazetteer.communes.filter { !context.site.articlesByCommune[$0.id].isEmpty }
        let failures = parallelMap(communes) { commune -> Diagnostic? in
            let district = gazetteer.district(of: commune)
            let page = SitePaths.commune(commune, district)
            let articles = context.site.articlesByCommune[commune.id]
            let view = context.communeView(commune, page: page)
            let content = FieldsView(fields: [
                "commune": view,
                "articles": articles.map { context.listItem($0, page: page) },
            ])
            let title = "\(commune.label.capitalizedFirst), \(district.label)"
            let feed = FeedLinkView(title: "\(context.site.config.title) – \(commune.label)", url: context.links.href(SitePaths.communeFeed(commune, district), from: page))
            let html = context.templates.render("commune", context.page(page, title: title, canonical: page, description: "Tin bài về \(commune.label), \(district.label)", extraFeeds: [feed], content: content))
            do throws(Diagnostic) {
                try folder.write(SitePaths.file(page), html)
                let xml = RSSFeed.xml(
                    context, articles: Array(articles.prefix(context.site.config.feedLimit)), path: SitePaths.communeFeed(commune, district),
                    title: "\(context.site.config.title) – \(commune.label), \(district.label)", link: page, full: false)
                try folder.write(SitePaths.communeFeed(commune, district), xml)
            } catch {
                return error
            }
            return nil
        }
        if let failure = failures.compactMap({ $0 }).first { throw failure }
    }
}

extension String {
    /// `xã Hùng Lợi` → `Xã Hùng Lợi`, for titles.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

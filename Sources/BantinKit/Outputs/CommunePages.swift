/// One page per commune that has articles, newest first, with its own RSS feed.
struct CommunePages: SiteOutput {
    func write(_ context: RenderContext, to folder: OutputFolder) throws(Diagnostic) {
        let gazetteer = context.site.gazetteer
        let communes = gazetteer.communes.filter { !context.site.articlesByCommune[$0.id].isEmpty }
        let failures = parallelMap(communes) { commune -> Diagnostic? in
            let district = gazetteer.district(of: commune)
            let page = SitePaths.commune(commune, district)
            let articles = context.site.articlesByCommune[commune.id]
            func html() throws(Diagnostic) -> String {
                let items = try context.listItems(articles, page: page)
                let content = FieldsView(fields: [
                    "commune": context.communeView(commune, page: page),
                    "articles": items.articles,
                    "cardsHTML": items.cardsHTML,
                ])
                let title = "\(commune.label.capitalizedFirst), \(district.label)"
                let feed = FeedLinkView(title: "\(context.site.config.title) – \(commune.label)", url: context.links.href(SitePaths.communeFeed(commune, district), from: page))
                return context.templates.render("commune", context.page(page, title: title, canonical: page, description: "Tin bài về \(commune.label), \(district.label)", extraFeeds: [feed], content: content))
            }
            let key = PageMemo.key(context.globalKey, ["commune", "\(commune.id)"], articles: articles.map { context.renderKeys[$0] })
            do throws(Diagnostic) {
                try context.memo.write(SitePaths.file(page), key: key, to: folder) { () throws(Diagnostic) in try html() }
                let inFeed = Array(articles.prefix(context.site.config.feedLimit))
                let feedKey = PageMemo.key(context.globalKey, ["commune-feed", "\(commune.id)"], articles: inFeed.map { context.renderKeys[$0] })
                try context.memo.write(SitePaths.communeFeed(commune, district), key: feedKey, to: folder) { () throws(Diagnostic) in
                    try RSSFeed.xml(context, articles: inFeed, path: SitePaths.communeFeed(commune, district),
                                title: "\(context.site.config.title) – \(commune.label), \(district.label)", link: page, full: false)
                }
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

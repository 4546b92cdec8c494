/// Each commune that has articles: its pages, newest first, `paginate` articles a page (as the
/// home pages: `trang/2/`, `trang/3/`… below the commune's folder), and its own RSS feed.
struct CommunePages: SiteOutput {
    func write(_ context: RenderContext, to folder: OutputFolder) throws(Diagnostic) {
        let gazetteer = context.site.gazetteer
        let perPage = context.site.config.paginate
        // One task a page: a commune with thousands of articles is spread over both cores too.
        let pages = gazetteer.communes.flatMap { commune in
            let count = context.site.articlesByCommune[commune.id].count
            return (0..<((count + perPage - 1) / perPage)).map { (commune: commune, number: $0 + 1) }
        }
        let failures = parallelMap(pages) { page -> Diagnostic? in
            do throws(Diagnostic) {
                try write(page.commune, number: page.number, context, to: folder)
                return nil
            } catch {
                return error
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw failure }
    }

    private func write(_ commune: Commune, number: Int, _ context: RenderContext, to folder: OutputFolder) throws(Diagnostic) {
        let gazetteer = context.site.gazetteer
        let perPage = context.site.config.paginate
        let district = gazetteer.district(of: commune)
        let articles = context.site.articlesByCommune[commune.id]
        let total = (articles.count + perPage - 1) / perPage
        let onPage = articles[((number - 1) * perPage)..<min(articles.count, number * perPage)]
        let page = SitePaths.communePage(commune, district, number)
        let description = "Tin bài về \(commune.label), \(district.label)"
        func html() throws(Diagnostic) -> String {
            let items = try context.listItems(onPage, page: page)
            let pager = context.pager(number, of: total, page: page) { SitePaths.communePage(commune, district, $0) }
            let content = FieldsView(fields: [
                "commune": context.communeView(commune, page: page),
                "articles": items.articles,
                "cardsHTML": items.cardsHTML,
                "pager": pager,
                "isFirstPage": number == 1,
            ])
            let title = "\(commune.label.capitalizedFirst), \(district.label)" + (number > 1 ? " – Trang \(number)" : "")
            let feed = FeedLinkView(title: "\(context.site.config.title) – \(commune.label)", url: context.links.href(SitePaths.communeFeed(commune, district), from: page))
            return context.templates.render("commune", context.page(page, title: title, canonical: page, description: description, extraFeeds: [feed], content: content))
        }
        // The article count is on every page (in the commune's heading).
        let key = PageMemo.key(context.globalKey, ["commune", "\(commune.id)", "\(number)", "\(total)", "\(articles.count)"], articles: onPage.map { context.renderKeys[$0] })
        try context.memo.write(SitePaths.file(page), key: key, to: folder) { () throws(Diagnostic) in try html() }
        guard number == 1 else { return }
        let inFeed = Array(articles.prefix(context.site.config.feedLimit))
        let feedKey = PageMemo.key(context.globalKey, ["commune-feed", "\(commune.id)"], articles: inFeed.map { context.renderKeys[$0] })
        try context.memo.write(SitePaths.communeFeed(commune, district), key: feedKey, to: folder) { () throws(Diagnostic) in
            try RSSFeed.xml(context, articles: inFeed, path: SitePaths.communeFeed(commune, district),
                        title: "\(context.site.config.title) – \(commune.label), \(district.label)", link: SitePaths.commune(commune, district),
                        description: description, full: false)
        }
    }
}

extension String {
    /// `xã Hùng Lợi` → `Xã Hùng Lợi`, for titles.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

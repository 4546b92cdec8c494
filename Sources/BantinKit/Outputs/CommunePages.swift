/// Each commune that has articles: its pages, newest first, `paginate` articles a page (as the
/// home pages: `trang/2/`, `trang/3/`… below the commune's folder), and its own RSS feed. A unit
/// lists its own articles and, apart, those of the units it was formed from; a former unit's page
/// says what it became.
struct CommunePages: SiteOutput {
    func write(_ context: RenderContext, to folder: OutputFolder) throws(Diagnostic) {
        let gazetteer = context.site.gazetteer
        let perPage = context.site.config.paginate
        // One task a page: a commune with thousands of articles is spread over both cores too.
        let pages = gazetteer.communes.flatMap { commune in
            let count = context.site.listedCount(of: commune.id)
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
        let site = context.site
        let perPage = site.config.paginate
        let place = site.gazetteer.place(of: commune)
        let articles = site.listedByCommune[commune.id]
        let total = (articles.count + perPage - 1) / perPage
        let onPage = articles[((number - 1) * perPage)..<min(articles.count, number * perPage)]
        let page = SitePaths.communePage(commune, number)
        let description = "Tin bài về \(commune.label)" + (place.map { ", \($0)" } ?? "")
        func html() throws(Diagnostic) -> String {
            let former = onPage.map { site.formerArticle($0, of: commune.id) }
            let items = try context.listItems(zip(onPage, former).filter { $0.1 == nil }.map(\.0), page: page)
            // The former units' articles on this page, under the unit each is about, in order of their newest.
            var groups: [(unit: Int, part: Bool, articles: [Int])] = []
            for entry in former {
                guard let entry else { continue }
                if let at = groups.firstIndex(where: { $0.unit == entry.formerID }) { groups[at].articles.append(entry.index) } else { groups.append((entry.formerID, entry.part, [entry.index])) }
            }
            let formerGroups = try groups.map { group throws(Diagnostic) -> FieldsView in
                let unit = context.communeView(site.gazetteer.communes[group.unit], page: page)
                unit.part = group.part
                let items = try context.listItems(group.articles, page: page)
                return FieldsView(fields: ["commune": unit, "articles": items.articles, "cardsHTML": items.cardsHTML])
            }
            let pager = context.pager(number, of: total, page: page) { SitePaths.communePage(commune, $0) }
            let content = FieldsView(fields: [
                "commune": context.communeView(commune, page: page),
                "articles": items.articles,
                "cardsHTML": items.cardsHTML,
                "formerGroups": formerGroups.isEmpty ? nil : formerGroups,
                "hasFormerArticles": !formerGroups.isEmpty,
                "pager": pager,
                "isFirstPage": number == 1,
            ])
            let title = commune.label.capitalizedFirst + (place.map { ", \($0)" } ?? "") + (number > 1 ? " – Trang \(number)" : "")
            let feed = FeedLinkView(title: "\(site.config.title) – \(commune.label)", url: context.links.href(SitePaths.communeFeed(commune), from: page))
            return context.templates.render("commune", context.page(page, title: title, canonical: page, description: description, extraFeeds: [feed], content: content))
        }
        // The article count is on every page (in the commune's heading); successors' counts in the
        // links to them.
        var parts = ["commune", "\(commune.id)", "\(number)", "\(total)", "\(articles.count)"]
        for id in (commune.successors + site.gazetteer.predecessors[commune.id]).map(\.id) { parts.append("\(site.listedCount(of: id))") }
        let key = PageMemo.key(context.globalKey, parts, articles: onPage.map { context.renderKeys[$0] })
        try context.memo.write(SitePaths.file(page), key: key, to: folder) { () throws(Diagnostic) in try html() }
        guard number == 1 else { return }
        let inFeed = Array(articles.prefix(site.config.feedLimit))
        let feedKey = PageMemo.key(context.globalKey, ["commune-feed", "\(commune.id)"], articles: inFeed.map { context.renderKeys[$0] })
        try context.memo.write(SitePaths.communeFeed(commune), key: feedKey, to: folder) { () throws(Diagnostic) in
            try RSSFeed.xml(context, articles: inFeed, path: SitePaths.communeFeed(commune),
                        title: "\(site.config.title) – \(commune.label)" + (place.map { ", \($0)" } ?? ""), link: SitePaths.commune(commune),
                        description: description, full: false)
        }
    }
}

extension String {
    /// `xã Hùng Lợi` → `Xã Hùng Lợi`, for titles.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

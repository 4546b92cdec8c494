/// Each commune that has articles: its pages, newest first, `paginate` articles a page (as the
/// home pages: `trang/2/`, `trang/3/`… below the commune's folder), and its own RSS feed. A unit's
/// first page also shows, apart, the newest articles of each unit it was formed from, with a link
/// to all of them on that unit's page (repeating the whole archive on today's units' pages took a
/// 10,000-article build from 1.9 to 2.7 s); a former unit's page says what it became.
struct CommunePages: SiteOutput {
    func write(_ context: RenderContext, to output: OutputWriter) throws(Diagnostic) {
        let gazetteer = context.site.gazetteer
        // One task a page: a commune with thousands of articles is spread over both cores too.
        let communes = context.scope.map { scope in
            gazetteer.communes.filter { scope.communes.contains($0.id) || context.site.listedByCommune[$0.id].contains(where: scope.articles.contains) }
        } ?? gazetteer.communes
        let pages = communes.flatMap { commune in
            return (0..<Self.pageCount(commune.id, context.site)).map { (commune: commune, number: $0 + 1) }
        }
        try parallelForEach(pages) { page throws(Diagnostic) in
            try write(page.commune, number: page.number, context, to: output)
        }
    }

    private func write(_ commune: Commune, number: Int, _ context: RenderContext, to output: OutputWriter) throws(Diagnostic) {
        let site = context.site
        let perPage = site.config.paginate
        let place = site.gazetteer.place(of: commune)
        let articles = site.articlesByCommune[commune.id]
        let total = Self.pageCount(commune.id, site)
        let onPage = articles.page(number, paginate: perPage)
        // The former units' newest articles, under the first former unit each names; the link to
        // all of them says how many that unit's page lists.
        var groups: [(unit: Int, part: Bool, articles: [Int], count: Int)] = []
        if number == 1 {
            for entry in site.formerArticlesByCommune[commune.id] {
                if let at = groups.firstIndex(where: { $0.unit == entry.formerID }) {
                    if groups[at].articles.count < Self.formerPreview { groups[at].articles.append(entry.index) }
                } else {
                    groups.append((entry.formerID, entry.part, [entry.index], site.listedCount(of: entry.formerID)))
                }
            }
        }
        let page = SitePaths.communePage(commune, number)
        let description = "Tin bài về \(commune.label)" + (place.map { ", \($0)" } ?? "")
        let items = context.listItems(onPage, page: page)
        let formerGroups = groups.map { group -> FieldsView in
            let unit = context.communeView(site.gazetteer.communes[group.unit], page: page)
            unit.part = group.part
            let items = context.listItems(group.articles, page: page)
            return FieldsView(fields: ["commune": unit, "articles": items.articles, "cardsHTML": items.cardsHTML,
                                       "count": group.count, "hasMore": group.count > group.articles.count])
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
            "jsonLDHTML": TemplateText(context.structuredData.collectionPage(page, name: commune.label.capitalizedFirst, about: context.structuredData.places[commune.id])),
        ])
        let title = commune.label.capitalizedFirst + (place.map { ", \($0)" } ?? "") + (number > 1 ? " – Trang \(number)" : "")
        let feed = FeedLinkView(title: "\(site.config.title) – \(commune.label)", url: context.links.href(SitePaths.communeFeed(commune), from: page))
        try output.write(SitePaths.file(page), context.templates.render(.commune, context.page(page, title: title, canonical: page, description: description, extraFeeds: [feed], content: content)))
        guard number == 1 else { return }
        let inFeed = Array(site.listedByCommune[commune.id].prefix(site.config.feedLimit))
        try output.write(SitePaths.communeFeed(commune), RSSFeed.xml(
            context, articles: inFeed, path: SitePaths.communeFeed(commune),
            title: "\(site.config.title) – \(commune.label)" + (place.map { ", \($0)" } ?? ""), link: SitePaths.commune(commune),
            description: description, full: false))
    }
}

extension CommunePages {
    /// Articles of each former unit shown on a unit's first page.
    static let formerPreview = 5

    /// Pages of a unit's own articles; one for a unit with only its former units' articles.
    static func pageCount(_ id: Int, _ site: Site) -> Int {
        guard site.listedCount(of: id) > 0 else { return 0 }
        return site.articlesByCommune[id].pageCount(paginate: site.config.paginate)
    }
}

extension String {
    /// `xã Hùng Lợi` → `Xã Hùng Lợi`, for titles.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

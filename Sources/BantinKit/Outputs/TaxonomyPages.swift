/// The pages of every author (`tac-gia/<slug>/`) and every tag (`tu-khoa/<slug>/`): its articles
/// newest first, `paginate` a page (`trang/2/`…), with its own RSS feed (summaries, as a
/// commune's); and the index of each (`tac-gia/`, `tu-khoa/`): every name, in Vietnamese
/// alphabetical order, with its count (see `Taxonomy` for slugs).
struct TaxonomyPages: SiteOutput {
    func write(_ context: RenderContext, to output: OutputWriter) throws(Diagnostic) {
        let perPage = context.site.config.paginate
        var pages: [(taxonomy: Taxonomy, term: Int?, number: Int)] = []
        for taxonomy in [context.taxonomies.authors, context.taxonomies.tags] {
            // Within a scope (site serve): the names that list an edited article, or whose list
            // changed, and the index when a list changed (its counts).
            let changed = context.scope?.terms.filter { $0.hasPrefix(taxonomy.folder) }
            if changed == nil || !changed!.isEmpty { pages.append((taxonomy, nil, 1)) }
            for (index, term) in taxonomy.terms.enumerated() {
                guard let scope = context.scope, !scope.terms.contains(SitePaths.termPage(taxonomy, term, 1)) else {
                    pages += (1...term.pageCount(paginate: perPage)).map { (taxonomy, index, $0) }
                    continue
                }
                // Its list is the same: only the pages showing an edited article, and the first,
                // which writes the feed, when one is in the feed.
                let positions = term.articles.indices.filter { scope.articles.contains(term.articles[$0]) }
                var numbers = Set(positions.map { $0 / perPage + 1 })
                if positions.contains(where: { $0 < context.site.config.feedLimit }) { numbers.insert(1) }
                pages += numbers.sorted().map { (taxonomy, index, $0) }
            }
        }
        try parallelForEach(pages) { page throws(Diagnostic) in
            if let term = page.term {
                try write(page.taxonomy, page.taxonomy.terms[term], number: page.number, context, to: output)
            } else {
                try writeIndex(page.taxonomy, context, to: output)
            }
        }
    }

    private func write(_ taxonomy: Taxonomy, _ term: TaxonomyTerm, number: Int, _ context: RenderContext, to output: OutputWriter) throws(Diagnostic) {
        let site = context.site
        let perPage = site.config.paginate
        let page = SitePaths.termPage(taxonomy, term, number)
        let total = term.pageCount(paginate: perPage)
        let onPage = term.articles.page(number, paginate: perPage)
        let items = context.listItems(onPage, page: page)
        let heading = "\(taxonomy.label): \(term.name)"
        let content = FieldsView(fields: [
            "name": TemplateText(term.name),
            "kind": taxonomy.kind == .author ? "author" : "tag",
            "kindLabel": taxonomy.label,
            "heading": TemplateText(heading),
            "articleCount": term.articles.count,
            "articles": items.articles,
            "cardsHTML": items.cardsHTML,
            "pager": context.pager(number, of: total, page: page) { SitePaths.termPage(taxonomy, term, $0) },
            "isFirstPage": number == 1,
            "indexURL": TemplateText(context.links.href(taxonomy.folder, from: page)),
            "feedURL": TemplateText(context.links.href(SitePaths.termFeed(taxonomy, term), from: page)),
            "jsonLDHTML": TemplateText(context.structuredData.collectionPage(page, name: heading, about: nil)),
        ])
        let title = heading + (number > 1 ? " – Trang \(number)" : "")
        let description = (taxonomy.kind == .author ? "Tin bài của tác giả \(term.name)" : "Tin bài với từ khóa \(term.name)") + " – \(site.config.title)"
        let feedTitle = "\(site.config.title) – \(heading)"
        let feed = FeedLinkView(title: feedTitle, url: context.links.href(SitePaths.termFeed(taxonomy, term), from: page))
        try output.write(SitePaths.file(page), context.templates.render(.taxonomy, context.page(page, title: title, canonical: page, description: description, extraFeeds: [feed], content: content)))
        guard number == 1 else { return }
        try output.write(SitePaths.termFeed(taxonomy, term), RSSFeed.xml(
            context, articles: Array(term.articles.prefix(site.config.feedLimit)), path: SitePaths.termFeed(taxonomy, term),
            title: feedTitle, link: page, description: description, full: false))
    }

    private func writeIndex(_ taxonomy: Taxonomy, _ context: RenderContext, to output: OutputWriter) throws(Diagnostic) {
        let page = taxonomy.folder
        let heading = taxonomy.kind == .author ? "Tác giả" : "Từ khóa"
        let terms = taxonomy.terms.map { term in
            FieldsView(fields: [
                "name": TemplateText(term.name), "slug": term.slug, "count": term.articles.count,
                "url": TemplateText(context.links.href(SitePaths.termPage(taxonomy, term, 1), from: page)),
            ])
        }
        let content = FieldsView(fields: [
            "kind": taxonomy.kind == .author ? "author" : "tag",
            "heading": heading,
            "terms": terms.isEmpty ? nil : terms,
            "termCount": terms.count,
            "hasTerms": !terms.isEmpty,
            "jsonLDHTML": TemplateText(context.structuredData.collectionPage(page, name: heading, about: nil)),
        ])
        let description = (taxonomy.kind == .author ? "Các tác giả" : "Các từ khóa") + " – \(context.site.config.title)"
        try output.write(SitePaths.file(page), context.templates.render(.taxonomyIndex, context.page(page, title: heading, canonical: page, description: description, content: content)))
    }
}

extension Taxonomy {
    /// `Tác giả`, `Từ khóa`.
    var label: String { kind == .author ? "Tác giả" : "Từ khóa" }
}

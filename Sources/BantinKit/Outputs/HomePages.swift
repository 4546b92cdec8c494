/// The home page with the latest articles, continued on `trang/2/`, `trang/3/`…
struct HomePages: SiteOutput {
    func write(_ context: RenderContext, to output: OutputWriter) throws(Diagnostic) {
        let perPage = context.site.config.paginate
        let total = context.site.articles.pageCount(paginate: perPage)
        let numbers = context.scope.map { Set($0.articles.map { $0 / perPage + 1 }).sorted() } ?? Array(1...total)
        try parallelForEach(numbers) { number throws(Diagnostic) in
            let page = SitePaths.homePage(number)
            let range = context.site.articles.indices.page(number, paginate: perPage)
            let items = context.listItems(range, page: page)
            let content = FieldsView(fields: [
                "articles": items.articles,
                "cardsHTML": items.cardsHTML,
                "pager": context.pager(number, of: total, page: page, path: SitePaths.homePage),
                "isFirstPage": number == 1,
                "jsonLDHTML": TemplateText(context.structuredData.home()),
            ])
            let title = number == 1 ? context.site.config.title : "\(context.site.config.title) – Trang \(number)"
            try output.write(SitePaths.file(page), context.templates.render(.home, context.page(page, title: title, canonical: page, description: context.site.config.description, content: content)))
        }
    }
}

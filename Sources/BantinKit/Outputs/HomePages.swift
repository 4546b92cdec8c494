/// The home page with the latest articles, continued on `trang/2/`, `trang/3/`…
struct HomePages: SiteOutput {
    func write(_ context: RenderContext, to folder: OutputFolder) throws(Diagnostic) {
        let perPage = context.site.config.paginate
        let total = max(1, (context.site.articles.count + perPage - 1) / perPage)
        for number in 1...total {
            let page = SitePaths.homePage(number)
            let range = ((number - 1) * perPage)..<min(context.site.articles.count, number * perPage)
            let pager = PagerView(
                current: number, total: total,
                previousURL: number > 1 ? context.links.href(SitePaths.homePage(number - 1), from: page) : nil,
                nextURL: number < total ? context.links.href(SitePaths.homePage(number + 1), from: page) : nil)
            let content = FieldsView(fields: [
                "articles": range.map { context.listItem($0, page: page) },
                "pager": pager,
                "isFirstPage": number == 1,
            ])
            let title = number == 1 ? context.site.config.title : "\(context.site.config.title) – Trang \(number)"
            let html = context.templates.render("home", context.page(page, title: title, canonical: page, description: context.site.config.description, content: content))
            try folder.write(SitePaths.file(page), html)
        }
    }
}

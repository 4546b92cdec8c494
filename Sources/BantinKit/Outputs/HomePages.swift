/// The home page with the latest articles, continued on `trang/2/`, `trang/3/`…
struct HomePages: SiteOutput {
    func write(_ context: RenderContext, to folder: OutputFolder) throws(Diagnostic) {
        let perPage = context.site.config.paginate
        let total = max(1, (context.site.articles.count + perPage - 1) / perPage)
        let failures = parallelMap(Array(1...total)) { number -> Diagnostic? in
            let page = SitePaths.homePage(number)
            let range = ((number - 1) * perPage)..<min(context.site.articles.count, number * perPage)
            let key = PageMemo.key(context.globalKey, ["home", "\(number)", "\(total)"], articles: range.map { context.renderKeys[$0] })
            do throws(Diagnostic) {
                try context.memo.write(SitePaths.file(page), key: key, to: folder) { () throws(Diagnostic) in
                    let pager = context.pager(number, of: total, page: page, path: SitePaths.homePage)
                    let items = try context.listItems(range, page: page)
                    let content = FieldsView(fields: [
                        "articles": items.articles,
                        "cardsHTML": items.cardsHTML,
                        "pager": pager,
                        "isFirstPage": number == 1,
                        "jsonLDHTML": TemplateText(context.structuredData.home()),
                    ])
                    let title = number == 1 ? context.site.config.title : "\(context.site.config.title) – Trang \(number)"
                    return context.templates.render("home", context.page(page, title: title, canonical: page, description: context.site.config.description, content: content))
                }
            } catch {
                return error
            }
            return nil
        }
        if let failure = failures.compactMap({ $0 }).first { throw failure }
    }
}

/// `404.html`, for hosts that serve it for unknown addresses; its links are root-relative,
/// since it is shown at any address.
struct NotFoundPage: SiteOutput {
    func write(_ context: RenderContext, to folder: OutputFolder) throws(Diagnostic) {
        let latest = try context.listItems(context.site.articles.indices.prefix(5), page: nil)
        let content = FieldsView(fields: ["articles": latest.articles, "cardsHTML": latest.cardsHTML, "hasArticles": !latest.articles.isEmpty])
        let html = context.templates.render("404", context.page(nil, title: "Không tìm thấy trang", canonical: nil, content: content))
        try folder.write("404.html", html)
    }
}

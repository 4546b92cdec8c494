/// `404.html`, for hosts that serve it for unknown addresses; its links are root-relative,
/// since it is shown at any address.
struct NotFoundPage: SiteOutput {
    func write(_ context: RenderContext, to output: OutputWriter) throws(Diagnostic) {
        let latest = context.listItems(context.site.articles.indices.prefix(5), page: nil)
        let content = FieldsView(fields: ["articles": latest.articles, "cardsHTML": latest.cardsHTML, "hasArticles": latest.cardsHTML != nil])
        let html = context.templates.render(.notFound, context.page(nil, title: "Không tìm thấy trang", canonical: nil, content: content))
        try output.write("404.html", html)
    }
}

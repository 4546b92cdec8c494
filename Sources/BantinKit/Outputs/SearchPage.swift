import Foundation

/// `tim-kiem/`: a page that searches the articles in the browser, with no server and no other
/// service, and `tim-kiem/chi-muc.js`, the index it searches: for each article, newest first,
/// its address, title, date, summary, communes, the units they were formed from (a former
/// unit's name finds today's articles) and authors. The theme's script does the rest.
struct SearchPage: SiteOutput {
    func write(_ context: RenderContext, to output: OutputWriter) throws(Diagnostic) {
        // Each article's entry was made with its page (`ArticleDigest.searchEntry`): `site serve`
        // writes the index again after most front-matter edits, with few other lists beside it.
        var index = Array("window.BANTIN_TIM_KIEM = [".utf8)
        // By index: a digest taken out whole is retained field by field.
        let digests = context.digests
        index.reserveCapacity(digests.indices.reduce(64) { $0 + digests[$1].searchEntry.count + 1 })
        for number in digests.indices {
            if number > 0 { index.append(UInt8(ascii: ",")) }
            index += digests[number].searchEntry
        }
        index += "];\n".utf8
        try output.write(SitePaths.searchIndex, Data(index))
        let content = FieldsView(fields: ["indexURL": TemplateText(context.links.href(SitePaths.searchIndex, from: SitePaths.search))])
        let html = context.templates.render(.search, context.page(SitePaths.search, title: "Tìm kiếm", canonical: SitePaths.search, content: content))
        try output.write(SitePaths.file(SitePaths.search), html)
    }
}

extension SearchPage {
    /// An article's entry in the index: `[url, title, date, summary, communes, former units, authors]`.
    static func entry(_ context: RenderContext, article: Article, summary: String) -> [UInt8] {
        let gazetteer = context.site.gazetteer
        let communes = article.communeIDs.map { gazetteer.communes[$0].label }
        let former = Set(article.communeIDs.flatMap { id in gazetteer.predecessors[id].map { gazetteer.communes[$0.id].label } }).subtracting(communes)
        return ScriptJSON.array([
            .string(context.links.href(article.permalink, from: SitePaths.search)), .string(article.title),
            .string(article.date.vietnameseDate), .string(summary),
            .string(communes.joined(separator: ", ")), .string(former.sorted().joined(separator: ", ")),
            .string(article.authors.joined(separator: ", ")),
        ]).utf8
    }
}

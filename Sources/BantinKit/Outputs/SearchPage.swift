import Foundation

/// `tim-kiem/`: a page that searches the articles in the browser, with no server and no other
/// service, and `tim-kiem/chi-muc.js`, the index it searches: for each article, newest first,
/// its address, title, date, summary, communes, the units they were formed from (a former
/// unit's name finds today's articles) and authors. The theme's script does the rest.
struct SearchPage: SiteOutput {
    func write(_ context: RenderContext, to output: OutputWriter) throws(Diagnostic) {
        let site = context.site
        let gazetteer = site.gazetteer
        // Each entry encoded on its own, in parallel: `site serve` writes the index again after
        // most front-matter edits, while few other lists are written beside it.
        let entries = parallelMap(Array(site.articles.indices)) { index -> ScriptJSON in
            let article = site.articles[index]
            let communes = article.communeIDs.map { gazetteer.communes[$0].label }
            let former = Set(article.communeIDs.flatMap { id in gazetteer.predecessors[id].map { gazetteer.communes[$0.id].label } }).subtracting(communes)
            return .array([
                .string(context.links.href(article.permalink, from: SitePaths.search)), .string(article.title),
                .string(article.date.vietnameseDate), .string(context.digests[index].summary),
                .string(communes.joined(separator: ", ")), .string(former.sorted().joined(separator: ", ")),
                .string(article.authors.joined(separator: ", ")),
            ]).prepared
        }
        try output.write(SitePaths.searchIndex, Data("window.BANTIN_TIM_KIEM = ".utf8 + ScriptJSON.array(entries).utf8 + ";\n".utf8))
        let content = FieldsView(fields: ["indexURL": TemplateText(context.links.href(SitePaths.searchIndex, from: SitePaths.search))])
        let html = context.templates.render(.search, context.page(SitePaths.search, title: "Tìm kiếm", canonical: SitePaths.search, content: content))
        try output.write(SitePaths.file(SitePaths.search), html)
    }
}

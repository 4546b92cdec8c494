/// The links articles' `communesHTML`, `communeLinksHTML`, `authorsHTML` and `tagsHTML` are made
/// of, each made once a build: with root-relative links they read the same on every page, and
/// making them again for every card and article page was 2 % of a build.
final class SharedLinks: Sendable {
    /// By commune id; nil for a unit without a page (an article then links its own page).
    let communeItems: [String?]
    let communeLinks: [String?]
    /// By name.
    let authors: [String: String]
    let tags: [String: String]

    init(communes: CommuneDirectory, taxonomies: (authors: Taxonomy, tags: Taxonomy), links: LinkBuilder) {
        let views = communes.gazetteer.communes.indices.map { CommuneView(id: $0, directory: communes, links: links, page: nil) }
        let hrefs = views.map { ($0.child(named: "url") as? TemplateText)?.text }
        communeItems = zip(views, hrefs).map { view, href in href.map { ArticleView.communeItemHTML(view, href: $0) } }
        communeLinks = zip(views, hrefs).map { view, href in href.map { ArticleView.communeLinkHTML(view, href: $0) } }
        func byName(_ taxonomy: Taxonomy, _ html: (String, String?) -> String) -> [String: String] {
            Dictionary(uniqueKeysWithValues: taxonomy.terms.map { ($0.name, html($0.name, links.href(SitePaths.termPage(taxonomy, $0, 1), from: nil))) })
        }
        authors = byName(taxonomies.authors, ArticleView.authorHTML)
        tags = byName(taxonomies.tags, ArticleView.tagHTML)
    }
}

import Foundation
import Mustache

/// What every output needs to render: the model, the theme, link rules, and article summaries
/// (known only once the article pages rendered their Markdown).
struct RenderContext: Sendable {
    let site: Site
    let templates: TemplateSet
    let links: LinkBuilder
    let bodies: ArticleBodyRenderer
    /// The site's folder as a path ending in `/`, to which content files' paths are appended.
    let sourceFolder: String
    let assets: AssetManifest
    /// Views hold no state that changes while a page renders, so this one is shared by every page.
    nonisolated(unsafe) let siteParams: Any?
    /// What list pages and feeds need of each article, in the order of `site.articles`: filled
    /// once the article pages are rendered.
    var digests: [ArticleDigest] = []
    /// `site serve`: only what changed since the pages were last written, so the lists write
    /// only the pages that show it; nil in a build (everything).
    var scope: ListScope?
    /// `{{#site.once}}…{{/site.once}}` sections: parsed once each, and rendered once each when
    /// links are root-relative (their HTML is then the same on every page).
    let onceSections = OnceSections()
    let communes: CommuneDirectory
    let structuredData: StructuredData
    /// Pictures' sizes by site path.
    let imageSizes: [String: ImageSize]
    /// Every author and every tag with their pages.
    let taxonomies: (authors: Taxonomy, tags: Taxonomy)
    /// Each article's item in other articles' `relatedHTML`, made the first time it is asked for
    /// and kept: it was made five times a build (2 %), and `site serve` renders only what an edit
    /// changed. Not kept with relative links, where an item depends on the page.
    let relatedItems: Locked<[String?]>
    /// Whether each article is in a commune's, author's or tag's feed (a third of them, in a
    /// 10,000-article site): only these get their summary `<item>` made with their page.
    let inListFeeds: [Bool]
    /// Each commune's, author's and tag's link in articles' `…HTML` keys; nil with relative links.
    let sharedLinks: SharedLinks?

    /// `taxonomies`: those of the site before an edit that changed no name nor order (site serve).
    init(_ loaded: LoadedSite, taxonomies: (authors: Taxonomy, tags: Taxonomy)? = nil) {
        let site = loaded.site
        self.site = site
        self.templates = loaded.templates
        self.bodies = ArticleBodyRenderer(site: site)
        self.links = bodies.links
        self.sourceFolder = loaded.sourceRoot.path.hasSuffix("/") ? loaded.sourceRoot.path : loaded.sourceRoot.path + "/"
        self.assets = loaded.assets
        self.siteParams = TemplateValueView.wrap(site.config.params)
        self.communes = CommuneDirectory(site)
        self.structuredData = StructuredData(site: site, links: links, assets: assets)
        self.imageSizes = loaded.imageSizes
        self.taxonomies = taxonomies ?? (Taxonomy(.author, articles: site.articles), Taxonomy(.tag, articles: site.articles))
        self.relatedItems = Locked([String?](repeating: nil, count: links.relative ? 0 : site.articles.count))
        var inListFeeds = [Bool](repeating: false, count: site.articles.count)
        for list in site.listedByCommune + self.taxonomies.authors.terms.map(\.articles) + self.taxonomies.tags.terms.map(\.articles) {
            for index in list.prefix(site.config.feedLimit) { inListFeeds[index] = true }
        }
        self.inListFeeds = inListFeeds
        self.sharedLinks = links.relative ? nil : SharedLinks(communes: communes, taxonomies: self.taxonomies, links: links)
    }

    /// The item of the article at `index` in the `relatedHTML` of the page in `page`.
    func relatedItem(_ index: Int, page: String?) -> String {
        guard !links.relative else { return Self.relatedItem(site.articles[index], links: links, page: page) }
        if let item = relatedItems.withLock({ $0[index] }) { return item }
        let item = Self.relatedItem(site.articles[index], links: links, page: nil)
        relatedItems.withLock { $0[index] = item }
        return item
    }

    private static func relatedItem(_ article: Article, links: LinkBuilder, page: String?) -> String {
        "<li><a href=\"\(Escape.html(links.href(article.permalink, from: page)))\">\(Escape.html(article.title))</a> <time datetime=\"\(article.date.iso8601)\">\(article.date.vietnameseDate)</time></li>"
    }

    /// Up to `limit` other articles to read after the one at `index`: those about one of its
    /// communes, newest first, then those with one of its tags, newest first.
    func related(_ index: Int, limit: Int = 5) -> [Int] {
        let article = site.articles[index]
        var found: [Int] = []
        // Merges lists of indices, each ascending (newest first), until `limit` are found.
        func take(_ lists: [[Int]]) {
            var cursors = [Int](repeating: 0, count: lists.count)
            while found.count < limit {
                var newest: (index: Int, list: Int)?
                for (k, list) in lists.enumerated() {
                    while cursors[k] < list.count, list[cursors[k]] == index || found.contains(list[cursors[k]]) { cursors[k] += 1 }
                    if cursors[k] < list.count, list[cursors[k]] < newest?.index ?? .max { newest = (list[cursors[k]], k) }
                }
                guard let newest else { return }
                found.append(newest.index)
                cursors[newest.list] += 1
            }
        }
        take(article.communeIDs.map { site.articlesByCommune[$0] })
        take(article.tags.compactMap { taxonomies.tags.term(named: $0)?.articles })
        return found
    }

    func siteView(page: String?) -> SiteView {
        SiteView(config: site.config, province: site.gazetteer.province, links: links, page: page, assets: assets, params: siteParams) { [templates, onceSections, links] text, site in
            onceSections.html(text, reuse: !links.relative) { template in
                templates.render(template, ViewRef(FieldsView(fields: ["site": ViewRef(site)])))
            }
        }
    }

    /// Wraps a page's own view with what every page has.
    func page(_ folder: String?, title: String, canonical: String?, description: String? = nil, extraFeeds: [FeedLinkView] = [], content: any MustacheParent) -> PageView {
        let mainFeed = FeedLinkView(title: site.config.title, url: links.href(SitePaths.feed, from: folder))
        return PageView(site: siteView(page: folder), title: title, canonicalURL: canonical.map(links.absolute), description: description, feeds: [mainFeed] + extraFeeds, content: content)
    }

    func communeViews(_ article: Article, page: String?) -> [CommuneView] {
        article.communeIDs.map { CommuneView(id: $0, directory: communes, links: links, page: page) }
    }

    func communeView(_ commune: Commune, page: String?) -> CommuneView {
        CommuneView(id: commune.id, directory: communes, links: links, page: page)
    }

    func districtView(_ district: District?, communes units: [Commune], page: String?) -> DistrictView {
        DistrictView(district: district, communes: units.map { communeView($0, page: page) }, directory: communes, links: links, page: page)
    }

    /// The pager of page `number` of `total` (their addresses from `path`); nil when there is
    /// only one page.
    func pager(_ number: Int, of total: Int, page: String, path: (Int) -> String) -> PagerView? {
        guard total > 1 else { return nil }
        return PagerView(
            current: number, total: total,
            previousURL: number > 1 ? links.href(path(number - 1), from: page) : nil,
            nextURL: number < total ? links.href(path(number + 1), from: page) : nil)
    }

    /// The articles of a list on the page in `page`: their cards joined (`cardsHTML`: one look-up
    /// for a whole list where `{{#articles}}{{{cardHTML}}}{{/articles}}` is one an article), and
    /// their views (`articles`), made only if a template asks when the cards were made already.
    func listItems(_ indices: some Sequence<Int>, page: String?) -> (articles: Any, cardsHTML: TemplateText?) {
        let indices = Array(indices)
        guard !indices.isEmpty else { return ([ViewRef](), nil) }
        guard !links.relative else {
            // Cards depend on the page: rendered here, from the views.
            let views = indices.map { listItem($0, page: page) }
            return (views.map(ViewRef.init), TemplateText(views.map { $0.cardHTML ?? "" }.joined(separator: "\n")))
        }
        return (Deferred { indices.map { ViewRef(listItem($0, page: page)) } }, TemplateText(indices.map { digests[$0].cardHTML ?? "" }.joined(separator: "\n")))
    }

    /// An article for a list on the page in `page`.
    private func listItem(_ index: Int, page: String?) -> ArticleView {
        let article = site.articles[index]
        let digest = digests[index]
        let view = ArticleView(
            article: article, summary: digest.summary, summaryHTML: digest.summaryHTML, bodyHTML: nil,
            imageURL: bodies.imageURL(article, page: page), communes: communeViews(article, page: page), links: links, page: page)
        view.taxonomies = taxonomies
        view.sharedLinks = sharedLinks
        view.cardHTML = digest.cardHTML ?? templates.render(.articleCard, view)
        return view
    }
}

/// What changed since the lists were last written, in a site whose articles are in the same
/// order as then.
struct ListScope: Sendable {
    /// Indices into `site.articles` of the articles shown otherwise (card, summary, fields).
    let articles: Set<Int>
    /// Communes whose pages change: other articles, another count, and the units whose views
    /// show those.
    let communes: Set<Int>
    /// Districts whose list of articles changed: all their pages are written again.
    var districts: Set<Int> = []
    /// Author and tag pages (their first page's site path) whose list of articles changed.
    var terms: Set<String> = []
}

/// The sections a theme marks `{{#site.once}}…{{/site.once}}`, by their text.
final class OnceSections: Sendable {
    private let templates = Locked<[String: MustacheTemplate?]>([:])
    /// By the text's length, then the text: the text is the same string every time (the
    /// section's, from the parsed template), so comparing is instant where hashing ~500 bytes
    /// twice a page was not.
    private let rendered = Locked<[Int: [(text: String, html: String)]]>([:])

    /// The section's HTML: rendered by `render` (with only `site` to look keys up in), or as it
    /// was the first time when `reuse`. Two threads may both render a section the first time;
    /// they render the same HTML.
    func html(_ text: String, reuse: Bool, render: (MustacheTemplate) -> String) -> String {
        let length = text.utf8.count
        if reuse, let html = rendered.withLock({ $0[length]?.first { $0.text == text }?.html }) { return html }
        let parsed = templates.withLock { $0[text] } ?? {
            let template = try? MustacheTemplate(string: FastHTMLContentType.pragma + text)
            templates.withLock { $0[text] = .some(template) }
            return template
        }()
        guard let template = parsed else { return "" }
        let html = render(template)
        if reuse { rendered.withLock { $0[length, default: []].append((text, html)) } }
        return html
    }
}

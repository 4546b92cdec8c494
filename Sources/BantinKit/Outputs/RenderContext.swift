import Foundation
import Mustache

/// What every output needs to render: the model, the theme, link rules, and article summaries
/// (known only once the article pages rendered their Markdown).
struct RenderContext: Sendable {
    let site: Site
    let templates: TemplateSet
    let links: LinkBuilder
    let markdown: MarkdownRenderer
    let contentLinks: ContentLinkResolver
    let sourceRoot: URL
    var summaries: [String] = []

    init(site: Site, templates: TemplateSet, sourceRoot: URL) {
        self.site = site
        self.templates = templates
        self.links = LinkBuilder(base: site.config.baseURL, relative: site.config.relativeLinks)
        self.markdown = MarkdownRenderer(unsafe: site.config.markdownUnsafe)
        self.contentLinks = ContentLinkResolver(site: site, links: links)
        self.sourceRoot = sourceRoot
    }

    func siteView(page: String?) -> SiteView {
        SiteView(config: site.config, province: site.gazetteer.province, links: links, page: page)
    }

    /// Wraps a page's own view with what every page has.
    func page(_ folder: String?, title: String, canonical: String, description: String? = nil, extraFeeds: [FeedLinkView] = [], content: any MustacheParent) -> PageView {
        let mainFeed = FeedLinkView(title: site.config.title, url: links.href(SitePaths.feed, from: folder))
        return PageView(site: siteView(page: folder), title: title, canonicalURL: links.absolute(canonical), description: description, feeds: [mainFeed] + extraFeeds, content: content)
    }

    func communeViews(_ article: Article, page: String?) -> [CommuneView] {
        article.communeIDs.map { communeView(site.gazetteer.communes[$0], page: page) }
    }

    func communeView(_ commune: Commune, page: String?) -> CommuneView {
        CommuneView(commune: commune, district: site.gazetteer.district(of: commune), articleCount: site.articlesByCommune[commune.id].count, links: links, page: page)
    }

    /// An article for a list on the page in `folder`.
    func listItem(_ index: Int, page: String?) -> ArticleView {
        let article = site.articles[index]
        return ArticleView(article: article, summary: summaries[index], bodyHTML: nil, imageURL: imageURL(article, page: page), communes: communeViews(article, page: page), links: links, page: page)
    }

    func imageURL(_ article: Article, page: String?) -> String? {
        guard let image = article.image else { return nil }
        switch contentLinks.resolve(image, fromSource: article.sourcePath) {
        case .external: return image
        case .site(let path, let suffix): return links.href(path, from: page) + suffix
        case .missing: return nil
        }
    }

    /// Renders an article's Markdown with its links made into `href`s for the page in `page`
    /// (or absolute, for feeds); problems with links are returned as warnings.
    func renderBody(_ article: Article, page: String?, absolute: Bool) -> (MarkdownRenderer.Output, [Diagnostic]) {
        var warnings: [Diagnostic] = []
        let output = markdown.render(article.body) { destination in
            switch contentLinks.resolve(destination.url, fromSource: article.sourcePath) {
            case .external:
                return nil
            case .site(let path, let suffix):
                return (absolute ? links.absolute(path) : links.href(path, from: page)) + suffix
            case .missing(let target):
                let column = Self.scalarColumn(article.body, line: destination.line, byteColumn: destination.column)
                let location = SourceLocation(file: article.sourcePath, line: article.bodyLine + destination.line - 1, column: column)
                warnings.append(destination.isImage
                    ? .warning("missing-image", "image \"\(destination.url)\" does not exist", hint: "put the file next to the article (or under content/) and check the name; looked for \(target)", at: location)
                    : .warning("broken-link", "link to \"\(destination.url)\" points to no article or file", hint: "check the file name; links to other articles are written as the path of their .md file, e.g. ../02/hoi-nghi.md", at: location))
                return nil
            }
        }
        return (output, warnings)
    }

    /// cmark counts columns in bytes; editors (and Yams) count characters.
    static func scalarColumn(_ text: String, line: Int, byteColumn: Int) -> Int {
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), maxSplits: line, omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return byteColumn }
        let prefix = lines[line - 1].prefix(max(0, byteColumn - 1))
        return String(decoding: prefix, as: UTF8.self).unicodeScalars.count + 1
    }
}

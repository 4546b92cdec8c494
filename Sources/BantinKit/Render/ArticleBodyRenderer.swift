import Foundation

/// Renders articles' Markdown with their links resolved (other articles' files → permalinks,
/// content files → their copies), reporting links and images that point to nothing.
struct ArticleBodyRenderer: Sendable {
    let links: LinkBuilder
    let markdown: MarkdownRenderer
    let contentLinks: ContentLinkResolver

    init(site: Site) {
        links = LinkBuilder(base: site.config.baseURL, relative: site.config.relativeLinks)
        markdown = MarkdownRenderer(unsafe: site.config.markdownUnsafe)
        contentLinks = ContentLinkResolver(site: site, links: links)
    }

    func imageURL(_ article: Article, page: String?) -> String? {
        guard let image = article.image else { return nil }
        switch contentLinks.resolve(image, fromSource: article.sourcePath) {
        // Only web addresses: a `javascript:` or `data:` image could run in a theme's href.
        case .external: return image.lowercased().hasPrefix("https://") || image.lowercased().hasPrefix("http://") || image.hasPrefix("//") ? Escape.href(image) : nil
        case .site(let path, let suffix): return links.href(path, from: page) + Escape.href(suffix)
        case .missing, .unpublished: return nil
        }
    }

    /// The front matter's `image` names a file that does not exist.
    func missingImageWarning(_ article: Article) -> Diagnostic? {
        guard let image = article.image else { return nil }
        let target: String
        switch contentLinks.resolve(image, fromSource: article.sourcePath) {
        case .missing(let missing), .unpublished(let missing): target = missing
        case .external, .site: return nil
        }
        return .warning("missing-image", "image \"\(image)\" does not exist", hint: "put the file next to the article and check the name; looked for \(target)", at: article.imageLocation)
    }

    /// Renders an article's Markdown with its links made into `href`s for the page in `page`
    /// (or absolute, for feeds); problems with links are returned as warnings.
    func render(_ article: Article, body: Data, page: String?, absolute: Bool) -> (MarkdownRenderer.Output, [Diagnostic]) {
        var warnings: [Diagnostic] = []
        let output = markdown.render(utf8: body) { destination in
            switch contentLinks.resolve(destination.url, fromSource: article.sourcePath) {
            case .external:
                return nil
            case .site(let path, let suffix):
                return (absolute ? links.absolute(path) : links.href(path, from: page)) + suffix
            case .unpublished(let target) where !destination.isImage:
                let column = Self.scalarColumn(body, line: destination.line, byteColumn: destination.column)
                let location = SourceLocation(file: article.sourcePath, line: article.bodyLine + destination.line - 1, column: column)
                warnings.append(.warning(
                    "broken-link", "link to \"\(destination.url)\" points to an article that is not published (\(target): a draft, dated in the future, or with errors)",
                    hint: "publish that article first, or take the link out", at: location))
                return nil
            case .missing(let target), .unpublished(let target):
                let column = Self.scalarColumn(body, line: destination.line, byteColumn: destination.column)
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
    static func scalarColumn(_ text: Data, line: Int, byteColumn: Int) -> Int {
        let lines = text.split(separator: UInt8(ascii: "\n"), maxSplits: line, omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return byteColumn }
        let prefix = lines[line - 1].prefix(max(0, byteColumn - 1))
        return String(decoding: prefix, as: UTF8.self).unicodeScalars.count + 1
    }
}

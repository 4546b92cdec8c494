import Foundation

/// Renders articles' Markdown with their links resolved (other articles' files → permalinks,
/// content files → their copies), reporting links and images that point to nothing.
struct ArticleBodyRenderer: Sendable {
    let links: LinkBuilder
    let markdown: MarkdownRenderer
    let contentLinks: ContentLinkResolver
    /// `markdown.unsafe`: libcmark then keeps every address as written.
    let keepsUnsafeLinks: Bool

    init(site: Site) {
        keepsUnsafeLinks = site.config.markdownUnsafe
        links = LinkBuilder(base: site.config.baseURL, relative: site.config.relativeLinks)
        markdown = MarkdownRenderer(unsafe: site.config.markdownUnsafe)
        contentLinks = ContentLinkResolver(site: site, links: links)
    }

    func imageURL(_ article: Article, page: String?) -> String? {
        guard let image = article.image else { return nil }
        switch contentLinks.resolve(image, fromSource: article.sourcePath) {
        // Only web addresses: a `javascript:` or `data:` image could run in a theme's href.
        case .external: return image.hasASCIIPrefixIgnoringCase("https://") || image.hasASCIIPrefixIgnoringCase("http://") || image.hasPrefix("//") ? Escape.href(image) : nil
        case .site(let path, let suffix): return links.href(path, from: page) + Escape.href(suffix)
        case .missing: return nil
        }
    }

    /// The size of the image, when it is a picture under `content/` whose size could be read.
    func imageSize(_ article: Article, in sizes: [String: ImageSize]) -> ImageSize? {
        guard let image = article.image, case .site(let path, _) = contentLinks.resolve(image, fromSource: article.sourcePath) else { return nil }
        return sizes[path]
    }

    /// The image's absolute address (for `og:image` and JSON-LD), resolved as `imageURL` resolves it.
    func absoluteImageURL(_ article: Article) -> String? {
        guard let image = article.image else { return nil }
        switch contentLinks.resolve(image, fromSource: article.sourcePath) {
        case .external:
            // A protocol-relative `//host/…` gets the site's own scheme.
            guard let url = imageURL(article, page: nil) else { return nil }
            return url.hasPrefix("//") ? String(links.base.origin.prefix { $0 != ":" }) + ":" + url : url
        case .site(let path, let suffix): return links.absolute(path) + Escape.href(suffix)
        case .missing: return nil
        }
    }

    /// The front matter's `image` names a file that does not exist, or one on the writer's computer.
    func missingImageWarning(_ article: Article) -> Diagnostic? {
        guard let image = article.image else { return nil }
        if Self.isOnWritersComputer(image) { return Self.onWritersComputer(image, code: .missingImage, at: article.imageLocation) }
        let resolved = contentLinks.resolve(image, fromSource: article.sourcePath)
        if case .external = resolved, imageURL(article, page: nil) == nil {
            return .warning(
                .unsafeLink, "the image \"\(image)\" is not a web address (http:// or https://), so no picture is shown",
                hint: "give a file beside the article (anh-1.jpg) or an address starting with https://", at: article.imageLocation)
        }
        guard case .missing(let target) = resolved else { return nil }
        return .warning(.missingImage, "image \"\(image)\" does not exist", hint: "put the file next to the article and check the name; looked for \(target)", at: article.imageLocation)
    }

    /// Renders an article's Markdown with its links made into `href`s for the page in `page`
    /// (or absolute, for feeds); problems with links are returned as warnings.
    func render(_ article: Article, page: String?, absolute: Bool) -> (MarkdownRenderer.Output, [Diagnostic]) {
        var warnings: [Diagnostic] = []
        let body = article.bodyUTF8
        let output = markdown.render(utf8: body) { destination in
            func location() -> SourceLocation {
                let column = Self.scalarColumn(body, line: destination.line, byteColumn: destination.column)
                return SourceLocation(file: article.sourcePath, line: article.bodyLine + destination.line - 1, column: column)
            }
            switch contentLinks.resolve(destination.url, fromSource: article.sourcePath) {
            case .external:
                if Self.isOnWritersComputer(destination.url) {
                    warnings.append(Self.onWritersComputer(destination.url, code: destination.isImage ? .missingImage : .brokenLink, at: location()))
                } else if !keepsUnsafeLinks, let scheme = Self.removedScheme(destination.url) {
                    warnings.append(.warning(
                        .unsafeLink, "this \(destination.isImage ? "image" : "link")'s address starts with '\(scheme)', so it is removed from the page",
                        hint: "such addresses can run code in a reader's browser; link to an https:// address or a file under content/ instead", at: location()))
                }
                return nil
            case .site(let path, let suffix):
                return (absolute ? links.absolute(path) : links.href(path, from: page)) + suffix
            case .missing(let target):
                let location = location()
                warnings.append(destination.isImage
                    ? .warning(.missingImage, "image \"\(destination.url)\" does not exist", hint: "put the file next to the article (or under content/) and check the name; looked for \(target)", at: location)
                    : .warning(.brokenLink, "link to \"\(destination.url)\" points to no published article or file",
                               hint: "check the file name (a link to another article is the path of its .md file, e.g. ../02/hoi-nghi.md); a link to a draft or to an article dated in the future works once that article is published", at: location))
                return nil
            }
        }
        warnings += spacedAddresses(in: body, article: article)
        return (output, warnings)
    }

    /// The scheme libcmark takes out of an address unless `markdown.unsafe` (its
    /// `_scan_dangerous_url`): `javascript:`, `vbscript:`, and `data:` except for an image in
    /// PNG, GIF, JPEG or WebP. (`file:` is a file on the writer's computer, warned about as such.)
    static func removedScheme(_ url: String) -> String? {
        for scheme in ["javascript:", "vbscript:"] where url.hasASCIIPrefixIgnoringCase(scheme) { return scheme }
        guard url.hasASCIIPrefixIgnoringCase("data:") else { return nil }
        return ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains(where: url.hasASCIIPrefixIgnoringCase) ? nil : "data:"
    }

    /// A file name with an extension (`anh 1.jpg`) or a web address: not a remark in brackets
    /// such as `(Nguồn: Báo Tuyên Quang, 21/02)`.
    static func looksLikeAddress(_ text: String) -> Bool {
        let lowered = text.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || lowered.hasPrefix("./") || lowered.hasPrefix("../") || lowered.hasPrefix("/") { return true }
        guard let dot = text.lastIndex(of: "."), text.index(after: dot) < text.endIndex else { return false }
        let ext = text[text.index(after: dot)...]
        return (1...5).contains(ext.count) && ext.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    /// Whether the end of `before` is inside code: a fenced block (an odd number of fence lines
    /// before), an indented line, or a code span (an odd number of backticks on its line).
    static func isInCode(_ before: UnsafeBufferPointer<UInt8>) -> Bool {
        let text = String(decoding: before, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let fences = lines.dropLast().filter { let t = $0.drop { $0 == " " }; return t.hasPrefix("```") || t.hasPrefix("~~~") }.count
        guard let last = lines.last else { return false }
        return fences % 2 == 1 || last.hasPrefix("    ") || last.hasPrefix("\t") || last.filter({ $0 == "`" }).count % 2 == 1
    }

    static func onWritersComputer(_ url: String, code: DiagnosticCode, at location: SourceLocation?) -> Diagnostic {
        .warning(code, "\"\(url)\" is a file on the writer's computer, which readers cannot open",
                 hint: "put the file beside the article (or under content/) and write its name, e.g. anh-1.jpg", at: location)
    }

    /// `C:\Users\…\anh.jpg` or `file:///…`: a path pasted from the writer's own machine.
    static func isOnWritersComputer(_ url: String) -> Bool {
        // Its first three bytes, without an array: this runs for every link of every article.
        var bytes = url.utf8.makeIterator()
        if let drive = bytes.next(), let colon = bytes.next(), let slash = bytes.next(), (0x41...0x5A).contains(drive & 0xDF),
           colon == UInt8(ascii: ":"), slash == UInt8(ascii: "\\") || slash == UInt8(ascii: "/") { return true }
        return url.hasASCIIPrefixIgnoringCase("file:")
    }

    /// `![Ảnh](anh 1.jpg)`: an address with a space is not one to CommonMark, and the whole is
    /// shown as text. Found in the Markdown: `](`, then up to `)` on the same line, a space in what
    /// looks like a file or address, not followed by a quoted title.
    func spacedAddresses(in body: Data, article: Article) -> [Diagnostic] {
        var found: [Diagnostic] = []
        body.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
            let count = raw.count
            var i = 0
            // Every ']' found with memchr: this runs over every article a build renders.
            while i + 1 < count, let hit = memchr(base + i, Int32(UInt8(ascii: "]")), count - i - 1) {
                let bracket = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                i = bracket + 1
                guard base[i] == UInt8(ascii: "(") else { continue }
                let start = i + 1
                var end = start
                while end < count, base[end] != UInt8(ascii: ")"), base[end] != 0x0A { end += 1 }
                guard end < count, base[end] == UInt8(ascii: ")"), start < end, base[start] != UInt8(ascii: "<") else { continue }
                let inside = UnsafeBufferPointer(start: base + start, count: end - start)
                i = end
                guard let space = inside.firstIndex(of: 0x20), space > 0,
                      !"\"'(".utf8.contains(inside[(space + 1)...].first { $0 != 0x20 } ?? 0x22) else { continue }
                let address = String(decoding: inside, as: UTF8.self)
                let before = UnsafeBufferPointer(start: base, count: start)
                guard Self.looksLikeAddress(address), !Self.isInCode(before) else { continue }
                let line = 1 + before.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                let lineStart = (before.lastIndex(of: 0x0A) ?? -1) + 1
                found.append(.warning(
                    .brokenLink, "the address \"\(address)\" has a space, so this is shown as text, not as a link or image",
                    hint: "write it in angle brackets, (<\(address)>), or rename the file without spaces",
                    at: SourceLocation(file: article.sourcePath, line: article.bodyLine + line - 1,
                                       column: Self.scalarColumn(body, line: line, byteColumn: start - lineStart + 1))))
            }
        }
        return found
    }

    /// cmark counts columns in bytes; editors (and Yams) count characters.
    static func scalarColumn(_ text: Data, line: Int, byteColumn: Int) -> Int {
        let lines = text.split(separator: UInt8(ascii: "\n"), maxSplits: line, omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return byteColumn }
        let prefix = lines[line - 1].prefix(max(0, byteColumn - 1))
        return String(decoding: prefix, as: UTF8.self).unicodeScalars.count + 1
    }
}

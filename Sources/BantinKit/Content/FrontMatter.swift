import Foundation

/// A value read from a file, with where it was written.
public struct Located<Value: Sendable>: Sendable {
    public let value: Value
    public let location: SourceLocation
}

/// An article's front matter, decoded and typed; locations kept for later checks.
public struct FrontMatter: Sendable {
    /// nil only in sources that have errors (kept so that their other fields are still checked).
    public var title: Located<String>?
    public var date: Located<BulletinDate>?
    public var updated: BulletinDate?
    public var authors: [String] = []
    public var communes: [Located<String>] = []
    public var summary: String?
    public var slug: Located<String>?
    public var draft = false
    public var tags: [String] = []
    public var image: Located<String>?
    /// What the picture shows, for readers who cannot see it; and a caption under it.
    public var imageAlt: String?
    public var imageCaption: String?
    /// Notices of what was corrected after publication, oldest first.
    public var corrections: [Correction] = []
    public var params: [TemplateValue.Pair] = []
    /// `Slug.make` of the title, made while the file is read, on the thread that parses it.
    public var titleSlug: String?

    static let knownKeys = ["title", "date", "updated", "authors", "communes", "summary", "slug", "draft", "tags", "image", "image_alt", "image_caption", "corrections"]
}

/// A correction published with an article: when, and what was wrong ("Đính chính").
public struct Correction: Sendable, Hashable {
    public let date: BulletinDate
    public let text: String
}

/// One article file, split and decoded: the output of the Content stage. A class, like `Article`.
public final class ArticleSource: Sendable {
    /// Path relative to the site root, e.g. `content/2023/02/hoi-nghi.md`.
    public let path: String
    public let frontMatter: FrontMatter
    /// The Markdown as the file's UTF-8 bytes, already checked: libcmark reads bytes, and
    /// decoding every body into a `String` was 2 % of a build. Empty once let go of.
    public var bodyUTF8: Data { markdown.withLock { $0 ?? Data() } }
    /// Shared with the article made from this file: `site build` lets go of it once the article's
    /// page is rendered (held to the end, every article's text made the peak memory grow with
    /// the archive: 735 MB at 50,000 articles, 514 MB without).
    let markdown: Locked<Data?>
    /// The Markdown as text, decoded when asked (the checks that read the words).
    public var body: String { String(decoding: bodyUTF8, as: UTF8.self) }
    /// The file line the body starts on, so body problems can be reported at their line.
    public let bodyLine: Int
    /// False when the file has errors: it is still checked further (communes…) but never published.
    public let isValid: Bool

    init(path: String, frontMatter: FrontMatter, bodyUTF8: Data, bodyLine: Int, isValid: Bool) {
        self.path = path
        self.frontMatter = frontMatter
        self.markdown = Locked(bodyUTF8)
        self.bodyLine = bodyLine
        self.isValid = isValid
    }
}

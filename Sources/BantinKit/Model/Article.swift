import Foundation

/// A published (or, with `--drafts`, draft) article: validated, resolved against the gazetteer, with its address.
/// A class: immutable, and passed around (sorted, listed, captured) far more than it is made.
public final class Article: Sendable {
    public let sourcePath: String
    public let title: String
    public let date: BulletinDate
    public let updated: BulletinDate?
    public let authors: [String]
    /// Ids into `Gazetteer.communes`, in the order the editor listed them (mentions appended).
    public let communeIDs: [Int]
    /// From front matter; else the first paragraph is used once the body is rendered.
    public let summary: String?
    public let slug: String
    /// Site path of the page's folder, e.g. `2023/02/hoi-nghi/` (no leading `/`).
    public let permalink: String
    public let draft: Bool
    public let tags: [String]
    /// The image as written (a URL, or a path the Markdown link rules resolve).
    public let image: String?
    public let imageLocation: SourceLocation?
    public let imageAlt: String?
    public let imageCaption: String?
    /// Oldest first; the latest is also `updated` when that is later.
    public let corrections: [Correction]
    public let params: [TemplateValue.Pair]
    /// The Markdown, as UTF-8 bytes; empty once let go of (see `ArticleSource.markdown`).
    public var bodyUTF8: Data { markdown.withLock { $0 ?? Data() } }
    public let bodyLine: Int
    private let markdown: Locked<Data?>

    init(sourcePath: String, title: String, date: BulletinDate, updated: BulletinDate?, authors: [String], communeIDs: [Int], summary: String?, slug: String, permalink: String, draft: Bool, tags: [String], image: String?, imageLocation: SourceLocation?, imageAlt: String? = nil, imageCaption: String? = nil, corrections: [Correction], params: [TemplateValue.Pair], markdown: Locked<Data?>, bodyLine: Int) {
        self.sourcePath = sourcePath
        self.title = title
        self.date = date
        self.updated = updated
        self.authors = authors
        self.communeIDs = communeIDs
        self.summary = summary
        self.slug = slug
        self.permalink = permalink
        self.draft = draft
        self.tags = tags
        self.image = image
        self.imageLocation = imageLocation
        self.imageAlt = imageAlt
        self.imageCaption = imageCaption
        self.corrections = corrections
        self.params = params
        self.markdown = markdown
        self.bodyLine = bodyLine
    }

    /// Lets go of the Markdown: only `site build` does, once the article's page is rendered.
    func releaseBody() { markdown.withLock { $0 = nil } }

    /// Everything lists, feeds and other pages show of the article is the same: only the body
    /// (and where things are in the file) may differ; and its communes, with `communesAside`.
    func sameOutsideTheBody(as other: Article, communesAside: Bool = false) -> Bool {
        sourcePath == other.sourcePath && title == other.title && date == other.date && updated == other.updated
            && authors == other.authors && (communesAside || communeIDs == other.communeIDs) && summary == other.summary && slug == other.slug
            && permalink == other.permalink && draft == other.draft && tags == other.tags && image == other.image && imageAlt == other.imageAlt && imageCaption == other.imageCaption && corrections == other.corrections && params == other.params
    }
}

/// Everything a build renders: the validated model of the site.
public struct Site: Sendable {
    public let config: SiteConfig
    public let gazetteer: Gazetteer
    /// Newest first; ties broken by source path so order never depends on file system order.
    public let articles: [Article]
    /// For each commune id, indices into `articles` (newest first).
    public let articlesByCommune: [[Int]]
    /// For each commune id, the articles of the units it was formed from (newest first).
    public let formerArticlesByCommune: [[FormerArticle]]
    /// For each commune id, what its page lists: its own articles and its former units' (newest first).
    public let listedByCommune: [[Int]]
    /// For each district id, what its pages list: every article its units list, each once (newest first).
    public let articlesByDistrict: [[Int]]
    /// Indices into `articles` in the order of their source paths (`<`), for links between articles.
    let articlesBySource: [Int]
    /// Source path of every content file that is not an article → its site path in the output.
    public let resources: [String: String]
    /// The day of the build, in the site's time zone: the commune index shows the units in force then.
    public let today: Day
    /// The folders of the articles' addresses, each with an archive page (`2023/`, `2023/02/`).
    public let archives: [ArchiveFolder]
}

/// An article listed on a unit's page because it is about a unit this one was formed from.
public struct FormerArticle: Sendable, Hashable {
    /// Index into `Site.articles`.
    public let index: Int
    public let formerID: Int
    /// Only part of the former unit went into this one.
    public let part: Bool
}

extension Site {
    /// The articles a unit stands for: its own and its former units'.
    public func listedCount(of id: Int) -> Int { listedByCommune[id].count }

    /// The permalink of the published article at `sourcePath`, if there is one.
    public func permalink(ofSource sourcePath: String) -> String? {
        index(ofSource: sourcePath).map { articles[$0].permalink }
    }

    /// The index in `articles` of the published article at `sourcePath`, if there is one.
    func index(ofSource sourcePath: String) -> Int? {
        var low = 0, high = articlesBySource.count
        while low < high {
            let middle = (low + high) / 2
            if articles[articlesBySource[middle]].sourcePath < sourcePath { low = middle + 1 } else { high = middle }
        }
        guard low < articlesBySource.count, articles[articlesBySource[low]].sourcePath == sourcePath else { return nil }
        return articlesBySource[low]
    }

    /// The same site with `article` at `index`: for an article that is the same outside its body
    /// (`Article.sameOutsideTheBody`) but for its communes, whose lists are made again if they differ.
    func replacing(_ index: Int, with article: Article) -> Site {
        var articles = articles
        articles[index] = article
        let lists = article.communeIDs == self.articles[index].communeIDs
            ? CommuneLists(byCommune: articlesByCommune, former: formerArticlesByCommune, listed: listedByCommune, byDistrict: articlesByDistrict)
            : CommuneLists(articles, gazetteer: gazetteer)
        return Site(config: config, gazetteer: gazetteer, articles: articles, articlesByCommune: lists.byCommune, formerArticlesByCommune: lists.former,
                    listedByCommune: lists.listed, articlesByDistrict: lists.byDistrict, articlesBySource: articlesBySource, resources: resources, today: today, archives: archives)
    }
}

/// One page per article at its permalink. Renders every article's Markdown once, in parallel,
/// and keeps what list pages and feeds need of it (`ArticleDigest`), so no body is rendered twice.
/// An article whose page inputs are unchanged since the last build (same render key) is not
/// rendered at all: its page is linked from the previous output and its digest comes from the cache.
struct ArticlePages {
    struct Result: Sendable {
        let digests: DigestTable
        /// In the order of `site.articles`.
        let warningsByArticle: [[Diagnostic]]
        let renderKeys: [UInt64]
        let rendered: Int
    }

    func write(_ context: RenderContext, to folder: OutputFolder, previous: DigestArchive?, globalKey: UInt64) throws(Diagnostic) -> Result {
        let site = context.site
        let feedLimit = site.config.feedLimit
        let siteKey = Self.siteKey(site, globalKey: globalKey)
        let outcomes = parallelMap(Array(site.articles.indices)) { index -> Swift.Result<(DigestEntry, [Diagnostic], Outcome), Diagnostic> in
            let article = site.articles[index]
            let page = SitePaths.file(article.permalink)
            let key = Self.renderKey(article, site: site, siteKey: siteKey)
            let inMainFeed = index < feedLimit
            do throws(Diagnostic) {
                if let previous, let cached = previous.find(article.sourcePath), cached.renderKey == key,
                   !inMainFeed || cached.flags & DigestArchive.hasFeedItem != 0,
                   let warnings = try? previous.warnings(cached) {
                    let entry = DigestEntry(path: article.sourcePath, renderKey: key, page: cached.page, digest: .cached(cached, withFeedItem: inMainFeed))
                    if folder.isKept(page, previous: cached.page) { return .success((entry, warnings, .kept(page))) }
                    if try folder.keep(page, previous: cached.page) { return .success((entry, warnings, .linked)) }
                }
                let (digest, warnings, stamp) = try render(article, page: article.permalink, inMainFeed: inMainFeed, context: context, to: folder)
                let entry = DigestEntry(path: article.sourcePath, renderKey: key, page: stamp, digest: .rendered(digest, warnings: warnings))
                return .success((entry, warnings, .rendered))
            } catch {
                return .failure(error)
            }
        }
        var entries: [DigestEntry] = []
        var warnings: [[Diagnostic]] = []
        var rendered = 0
        var kept: [(sitePath: String, stamp: FileStamp)] = []
        entries.reserveCapacity(outcomes.count)
        kept.reserveCapacity(outcomes.count)
        for outcome in outcomes {
            switch outcome {
            case .success(let (entry, found, how)):
                entries.append(entry)
                warnings.append(found)
                switch how {
                case .kept(let page): kept.append((page, entry.page))
                case .linked: break
                case .rendered: rendered += 1
                }
            case .failure(let error):
                throw error
            }
        }
        try folder.claimKept(kept)
        return Result(digests: DigestTable(entries: entries, archive: previous), warningsByArticle: warnings, renderKeys: entries.map(\.renderKey), rendered: rendered)
    }

    /// How an article's page got into the next version of the site.
    private enum Outcome: Sendable {
        /// The previous build's file, staged already: claimed with all the others at the end.
        case kept(String)
        /// The previous build's file, linked into the staging folder.
        case linked
        case rendered
    }

    private func render(_ article: Article, page: String, inMainFeed: Bool, context: RenderContext, to folder: OutputFolder) throws(Diagnostic) -> (ArticleDigest, [Diagnostic], FileStamp) {
        let text = try context.body(of: article)
        var (body, warnings) = context.bodies.render(article, body: text, page: page, absolute: false)
        if let missing = context.bodies.missingImageWarning(article) { warnings.append(missing) }
        let summary = article.summary ?? body.firstParagraph
        let imageAbsoluteURL = context.bodies.absoluteImageURL(article)
        let view = ArticleView(
            article: article, summary: summary, summaryHTML: nil, bodyHTML: body.html, imageURL: context.bodies.imageURL(article, page: page),
            imageAbsoluteURL: imageAbsoluteURL, jsonLDHTML: context.structuredData.article(article, summary: summary, imageURL: imageAbsoluteURL),
            communes: context.communeViews(article, page: page), links: context.links, page: page)
        let html = context.templates.render("article", context.page(page, title: article.title, canonical: page, description: summary, content: view))
        let stamp = try folder.write(SitePaths.file(page), html)

        let summaryHTML = Escape.html(summary)
        // With root-relative links a card is the same on every list page: render it once here.
        let card = context.links.relative ? nil : context.templates.render("article-card", ArticleView(
            article: article, summary: summary, summaryHTML: summaryHTML, bodyHTML: nil, imageURL: context.bodies.imageURL(article, page: nil),
            communes: context.communeViews(article, page: nil), links: context.links, page: nil))
        let digest = ArticleDigest(
            summary: summary, summaryHTML: summaryHTML, cardHTML: card,
            feedItem: inMainFeed ? RSSFeed.item(context, article: article, summaryHTML: summaryHTML, bodyHTML: try RSSFeed.absoluteBody(context, article: article, text: text, pageBodyHTML: body.html)) : nil)
        return (digest, warnings, stamp)
    }

    /// Hash of what every article page depends on beyond itself: settings, theme, gazetteer,
    /// options (`globalKey`), and where every article and content file is (links between them).
    static func siteKey(_ site: Site, globalKey: UInt64) -> UInt64 {
        var hash = StableHash()
        hash.add(globalKey)
        // In the articles' order, which is fixed by their dates and paths; in slices hashed side by side.
        let articles = site.articles
        let sliceSize = 1024
        let slices = parallelMap(Array(stride(from: 0, to: articles.count, by: sliceSize))) { start in
            var slice = StableHash()
            for article in articles[start..<min(articles.count, start + sliceSize)] {
                slice.add(article.sourcePath)
                slice.add(article.permalink)
            }
            return slice.value
        }
        hash.add(articles.count)
        for slice in slices { hash.add(slice) }
        for (source, target) in site.resources.sorted(by: { $0.key < $1.key }) {
            hash.add(source)
            hash.add(target)
        }
        return hash.value
    }

    /// Everything one article's page, card and feed items are made from.
    static func renderKey(_ article: Article, site: Site, siteKey: UInt64) -> UInt64 {
        var hash = StableHash()
        hash.add(siteKey)
        hash.add(article.contentHash)
        hash.add(article.permalink)
        for id in article.communeIDs {
            hash.add(id)
            hash.add(site.listedCount(of: id))
        }
        return hash.value
    }
}

/// What list pages and feeds need of a rendered article.
struct ArticleDigest: Sendable {
    let summary: String
    /// Escaped once here rather than on every list page that shows it.
    let summaryHTML: String
    /// The `article-card` template rendered for this article, when it is the same on every page.
    let cardHTML: String?
    /// The article's full `<item>` in `rss.xml`, for articles that are in it.
    let feedItem: String?

    var withoutFeedItem: ArticleDigest {
        ArticleDigest(summary: summary, summaryHTML: summaryHTML, cardHTML: cardHTML, feedItem: nil)
    }
}

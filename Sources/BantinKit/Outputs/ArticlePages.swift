/// One page per article at its permalink. Renders every article's Markdown once, in parallel,
/// and keeps what list pages and feeds need of it (`ArticleDigest`), so no body is rendered twice.
struct ArticlePages {
    struct Result: Sendable {
        let digests: [ArticleDigest]
        let warnings: [Diagnostic]
    }

    func write(_ context: RenderContext, to folder: OutputFolder) throws(Diagnostic) -> Result {
        let inFeeds = RSSFeed.members(of: context.site)
        let outcomes = parallelMap(Array(context.site.articles.indices)) { index -> Swift.Result<(ArticleDigest, [Diagnostic]), Diagnostic> in
            let article = context.site.articles[index]
            let page = article.permalink
            var (body, warnings) = context.bodies.render(article, page: page, absolute: false)
            if let missing = context.bodies.missingImageWarning(article) { warnings.append(missing) }
            let summary = article.summary ?? body.firstParagraph
            let view = ArticleView(
                article: article, summary: summary, summaryHTML: nil, bodyHTML: body.html, imageURL: context.bodies.imageURL(article, page: page),
                communes: context.communeViews(article, page: page), links: context.links, page: page)
            let html = context.templates.render("article", context.page(page, title: article.title, canonical: page, description: summary, content: view))
            do throws(Diagnostic) {
                try folder.write(SitePaths.file(page), html)
            } catch {
                return .failure(error)
            }
            let feedItem = inFeeds.contains(index) ? RSSFeed.item(context, article: article, summary: summary, pageBodyHTML: body.html) : nil
            let summaryHTML = Escape.html(summary)
            // With root-relative links a card is the same on every list page: render it once here.
            let card = context.links.relative ? nil : context.templates.render("article-card", ArticleView(
                article: article, summary: summary, summaryHTML: summaryHTML, bodyHTML: nil, imageURL: context.bodies.imageURL(article, page: nil),
                communes: context.communeViews(article, page: nil), links: context.links, page: nil))
            return .success((ArticleDigest(summary: summary, summaryHTML: summaryHTML, cardHTML: card, feedItem: feedItem), warnings))
        }
        var digests: [ArticleDigest] = []
        var warnings: [Diagnostic] = []
        digests.reserveCapacity(outcomes.count)
        for outcome in outcomes {
            switch outcome {
            case .success(let (digest, w)):
                digests.append(digest)
                warnings += w
            case .failure(let error):
                throw error
            }
        }
        return Result(digests: digests, warnings: warnings)
    }
}

/// What list pages and feeds need of a rendered article.
struct ArticleDigest: Sendable {
    let summary: String
    /// Escaped once here rather than on every list page that shows it.
    let summaryHTML: String
    /// The `article-card` template rendered for this article, when it is the same on every page.
    let cardHTML: String?
    /// The article's `<item>` in RSS, for articles that are in at least one feed.
    let feedItem: String?
}

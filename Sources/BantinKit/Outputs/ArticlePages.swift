/// One page per article at its permalink. Renders every article's Markdown once, in parallel,
/// and keeps what list pages and feeds need of it (`ArticleDigest`), so no body is rendered twice.
struct ArticlePages {
    /// One article rendered: what lists and feeds need of it, and the problems found in its text.
    struct Rendered: Sendable {
        let digest: ArticleDigest
        let warnings: [Diagnostic]
    }

    /// Renders the articles at `indices` of `site.articles` (all of them in a build; those an
    /// edit touched in `site serve`), in that order; their pages go to `output`, or nowhere
    /// (`site serve` renders a page when it is asked for). With `releasingBodies` (a build: no
    /// page is rendered again), each article's Markdown is let go of once its page is written.
    func write(_ context: RenderContext, indices: [Int], to output: OutputWriter?, releasingBodies: Bool = false) throws(Diagnostic) -> [Rendered] {
        let outcomes = parallelMap(indices) { index -> Swift.Result<Rendered, Diagnostic> in
            do throws(Diagnostic) {
                guard let output else { return .success(try render(index, context: context, page: nil)) }
                defer { if releasingBodies { context.site.articles[index].releaseBody() } }
                return .success(try render(index, context: context) { html throws(Diagnostic) in
                    try output.write(SitePaths.file(context.site.articles[index].permalink), html)
                })
            } catch {
                return .failure(error)
            }
        }
        var rendered: [Rendered] = []
        rendered.reserveCapacity(outcomes.count)
        for outcome in outcomes { rendered.append(try outcome.get()) }
        return rendered
    }

    /// The page of the article at `index` as a build writes it.
    func page(_ index: Int, context: RenderContext) -> String {
        var html = ""
        _ = try? render(index, context: context) { html = $0 }
        return html
    }

    private func render(_ index: Int, context: RenderContext, page write: ((String) throws(Diagnostic) -> Void)?) throws(Diagnostic) -> Rendered {
        let article = context.site.articles[index]
        let inMainFeed = index < context.site.config.feedLimit
        let page = article.permalink
        var (body, warnings) = context.bodies.render(article, page: page, absolute: false)
        if let missing = context.bodies.missingImageWarning(article) { warnings.append(missing) }
        if article.imageAlt == nil, context.bodies.imageURL(article, page: nil) != nil {
            warnings.append(.warning(
                .missingAlt, "the picture has no alt text", hint: "add image_alt: what the picture shows, in a short sentence, for readers who cannot see it",
                at: article.imageLocation))
        }
        let summary = article.summary ?? body.firstParagraph
        let imageAbsoluteURL = context.bodies.absoluteImageURL(article)
        if let write {
            let view = ArticleView(
                article: article, summary: summary, summaryHTML: nil, bodyHTML: body.html, imageURL: context.bodies.imageURL(article, page: page),
                imageAbsoluteURL: imageAbsoluteURL, jsonLDHTML: context.structuredData.article(article, summary: summary, imageURL: imageAbsoluteURL),
                openGraphHTML: context.structuredData.openGraph(article, summary: summary, imageURL: imageAbsoluteURL),
                communes: context.communeViews(article, page: page), links: context.links, page: page)
            let related = context.related(index)
            view.relatedArticles = related.map { context.site.articles[$0] }
            view.relatedHTML = related.isEmpty ? nil : related.map { context.relatedItem($0, page: page) }.joined()
            view.imageSize = context.bodies.imageSize(article, in: context.imageSizes)
            view.taxonomies = context.taxonomies
            view.sharedLinks = context.sharedLinks
            try write(context.templates.render(.article, context.page(page, title: article.title, canonical: page, description: summary, content: view)))
        }

        let summaryHTML = Escape.html(summary)
        let card = card(index, context: context, summary: summary, summaryHTML: summaryHTML)
        let feedItem = inMainFeed
            ? RSSFeed.item(context, article: article, summaryHTML: summaryHTML, bodyHTML: RSSFeed.absoluteBody(context, article: article, pageBodyHTML: body.html))
            : nil
        let digest = ArticleDigest(summary: summary, summaryHTML: summaryHTML, cardHTML: card, feedItem: feedItem,
                                   summaryItem: context.inListFeeds[index] ? RSSFeed.item(context, article: article, summaryHTML: summaryHTML, bodyHTML: nil) : nil,
                                   searchEntry: SearchPage.entry(context, article: article, summary: summary), sitemapEntry: Sitemap.entry(context, article: article))
        return Rendered(digest: digest, warnings: warnings)
    }
}

extension ArticlePages {
    /// The article's card. With root-relative links a card is the same on every list page, so
    /// it is rendered once, with the article; with relative links, on each list page (nil here).
    func card(_ index: Int, context: RenderContext, summary: String, summaryHTML: String) -> String? {
        guard !context.links.relative else { return nil }
        let article = context.site.articles[index]
        let view = ArticleView(
            article: article, summary: summary, summaryHTML: summaryHTML, bodyHTML: nil, imageURL: context.bodies.imageURL(article, page: nil),
            communes: context.communeViews(article, page: nil), links: context.links, page: nil)
        view.taxonomies = context.taxonomies
        view.sharedLinks = context.sharedLinks
        return context.templates.render(.articleCard, view)
    }

    /// The digest of the article at `index` when only its card may differ from `previous`'s: its
    /// communes' or names' pages came, went or moved. Its Markdown is not rendered again.
    func recarded(_ index: Int, context: RenderContext, previous: Rendered) -> Rendered {
        let digest = previous.digest
        return Rendered(digest: ArticleDigest(
            summary: digest.summary, summaryHTML: digest.summaryHTML,
            cardHTML: card(index, context: context, summary: digest.summary, summaryHTML: digest.summaryHTML),
            feedItem: digest.feedItem, summaryItem: digest.summaryItem, searchEntry: digest.searchEntry, sitemapEntry: digest.sitemapEntry),
            warnings: previous.warnings)
    }
}

/// What list pages and feeds need of a rendered article.
struct ArticleDigest: Sendable, Equatable {
    let summary: String
    /// Escaped once here rather than on every list page that shows it.
    let summaryHTML: String
    /// The `article-card` template rendered for this article, when it is the same on every page.
    let cardHTML: String?
    /// The article's full `<item>` in `rss.xml`, for articles that are in it.
    let feedItem: String?
    /// Its `<item>` without the body, for the feeds of its communes, authors and tags: made once
    /// here, where each feed made its own (an article is in three or four such feeds); nil for
    /// an article in none of them.
    let summaryItem: String?
    /// Its entry in the search index, encoded.
    let searchEntry: [UInt8]
    /// Its `<url>` line in `sitemap.xml`.
    let sitemapEntry: String
}

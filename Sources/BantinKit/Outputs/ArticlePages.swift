/// One page per article at its permalink. Renders every article's Markdown, in parallel, and
/// returns the summaries the list pages need.
struct ArticlePages {
    struct Result: Sendable {
        let summaries: [String]
        let warnings: [Diagnostic]
    }

    func write(_ context: RenderContext, to folder: OutputFolder) throws(Diagnostic) -> Result {
        let outcomes = parallelMap(Array(context.site.articles.indices)) { index -> Swift.Result<(String, [Diagnostic]), Diagnostic> in
            let article = context.site.articles[index]
            let page = article.permalink
            var (body, warnings) = context.bodies.render(article, page: page, absolute: false)
            if let missing = context.bodies.missingImageWarning(article) { warnings.append(missing) }
            let summary = article.summary ?? body.firstParagraph
            let view = ArticleView(
                article: article, summary: summary, bodyHTML: body.html, imageURL: context.bodies.imageURL(article, page: page),
                communes: context.communeViews(article, page: page), links: context.links, page: page)
            let html = context.templates.render("article", context.page(page, title: article.title, canonical: page, description: summary, content: view))
            do throws(Diagnostic) {
                try folder.write(SitePaths.file(page), html)
            } catch {
                return .failure(error)
            }
            return .success((summary, warnings))
        }
        var summaries: [String] = []
        var warnings: [Diagnostic] = []
        summaries.reserveCapacity(outcomes.count)
        for outcome in outcomes {
            switch outcome {
            case .success(let (summary, w)):
                summaries.append(summary)
                warnings += w
            case .failure(let error):
                throw error
            }
        }
        return Result(summaries: summaries, warnings: warnings)
    }
}

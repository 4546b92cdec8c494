import Foundation

/// What the render stage takes: the model and the theme.
public struct LoadedSite: Sendable {
    public let site: Site
    let templates: TemplateSet
    let assets: AssetManifest
    let sourceRoot: URL
}

/// One kind of output (article pages, home, commune index, feeds…). Adding an output is one new
/// type and one line in `SiteOutputs.all`.
protocol SiteOutput: Sendable {
    func write(_ context: RenderContext, to output: OutputWriter) throws(Diagnostic)
}

enum SiteOutputs {
    /// Everything written after the article pages (which also produce the summaries these list).
    static let all: [any SiteOutput] = [
        HomePages(), CommuneIndexPage(), CommuneFeedList(), CommunePages(), RSSFeed(), Sitemap(), RobotsFile(), NotFoundPage(), ThemeAssets(), ContentResources(),
    ]

    /// The render stage: the article pages first, then every other output side by side. Returns
    /// the warnings found in the articles.
    static func render(_ loaded: LoadedSite, to output: OutputWriter) throws(Diagnostic) -> [Diagnostic] {
        var context = RenderContext(loaded)
        let articles = try ArticlePages().write(context, to: output)
        context.digests = articles.digests
        let rendered = context
        let failures = parallelMap(all) { kind -> Diagnostic? in
            do throws(Diagnostic) {
                try kind.write(rendered, to: output)
                return nil
            } catch {
                return error
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw failure }
        return articles.warnings
    }
}

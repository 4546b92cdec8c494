import Foundation

/// What the render stage takes: the model and the theme.
public struct LoadedSite: Sendable {
    public let site: Site
    let templates: TemplateSet
    let assets: AssetManifest
    let sourceRoot: URL
    /// The size of each picture under `content/` an article's `image:` names, by its site path.
    var imageSizes: [String: ImageSize] = [:]
}

/// One kind of output (article pages, home, commune index, feeds…). Adding an output is one new
/// type and one line in `SiteOutputs.all`.
protocol SiteOutput: Sendable {
    func write(_ context: RenderContext, to output: OutputWriter) throws(Diagnostic)
}

enum SiteOutputs {
    /// Everything written after the article pages (which also produce the summaries these list).
    static let all: [any SiteOutput] = [
        HomePages(), ArchivePages(), TaxonomyPages(), CommuneIndexPage(), CommuneFeedList(), CommunePages(), DistrictPages(), RSSFeed(), Sitemap(), RobotsFile(), NotFoundPage(), SearchPage(), ThemeAssets(), ContentResources(),
    ]

    /// The render stage: the article pages first, then every other output side by side. Returns
    /// the warnings found in the articles.
    static func render(_ loaded: LoadedSite, to output: OutputWriter) throws(Diagnostic) -> [Diagnostic] {
        var context = RenderContext(loaded)
        let articles = try ArticlePages().write(context, indices: Array(context.site.articles.indices), to: output, releasingBodies: true)
        context.digests = articles.map(\.digest)
        try writeLists(context, outputs: all, to: output)
        return articles.flatMap(\.warnings)
    }

    /// The outputs besides the article pages (`all`, or those `site serve` found changed), side
    /// by side; `context.digests` filled.
    static func writeLists(_ context: RenderContext, outputs: [any SiteOutput], to output: OutputWriter) throws(Diagnostic) {
        try parallelForEach(outputs) { kind throws(Diagnostic) in
            try kind.write(context, to: output)
        }
    }
}

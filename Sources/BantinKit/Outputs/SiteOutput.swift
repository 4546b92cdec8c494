/// One kind of output (article pages, home, commune index, feeds…). Adding an output is one new
/// type and one line in `SiteOutputs.all`.
protocol SiteOutput: Sendable {
    func write(_ context: RenderContext, to folder: OutputFolder) throws(Diagnostic)
}

enum SiteOutputs {
    /// Everything written after the article pages (which also produce the summaries these list).
    static let all: [any SiteOutput] = [
        HomePages(), CommuneIndexPage(), CommuneFeedList(), CommunePages(), RSSFeed(), Sitemap(), RobotsFile(), NotFoundPage(), ThemeAssets(), ContentResources(),
    ]
}

import Foundation

/// The site `site serve` serves: built in memory by the stages of `site build` (nothing is
/// published), then kept up to date by `update`, which redoes only what a change touches. After
/// any series of updates, `files` is byte for byte what `site build` would write.
///
/// Not thread-safe: one task owns it and hands the server each new `files`.
public final class PreviewSite {
    /// The last good site, by site path.
    public private(set) var files: [String: MemoryOutput.File] = [:]
    /// What the last update found, sorted for display. When it holds errors, `files` is still
    /// the last good site.
    public private(set) var diagnostics: [Diagnostic] = []
    public var failed: Bool { diagnostics.hasErrors }
    /// The path the site is served under (the base URL's: `/` or `/bantin/`).
    public var basePath: String { settings.config.baseURL.path }
    /// The site's folder, where copied files (`MemoryOutput.File.copy`) are read.
    public var sourceRoot: URL { options.sourceRoot }

    private var options: BuildOptions
    private var settings = SiteSettings()
    private var listing: (articleFiles: [String], resources: [String], diagnostics: [Diagnostic]) = ([], [], [])
    /// Each article file's parse, by path.
    private var parsed: [String: (ArticleSource?, [Diagnostic])] = [:]
    /// The last good model, and what was rendered from it: each article by source path, and the
    /// other outputs.
    private var site: Site?
    private var articles: [String: RenderedArticle] = [:]
    private var lists: [String: MemoryOutput.File] = [:]

    struct RenderedArticle {
        let page: (path: String, file: MemoryOutput.File)
        let inMainFeed: Bool
        let rendered: ArticlePages.Rendered
    }

    /// What an update redid, for the terminal and the benchmark.
    public enum Work: Equatable, Sendable {
        case everything
        case articles(rendered: Int, lists: Int)
        case failed
    }

    public init(_ options: BuildOptions) {
        self.options = options
        _ = rebuild()
    }

    /// Brings the site up to date after the files at `changed` (paths from the site's folder:
    /// `content/…`, `templates/…`, `site.yaml`) were written, created or removed.
    @discardableResult
    public func update(changed: Set<String>, now: Date) -> Work {
        options.now = now
        let settingsChanged = changed.contains { !$0.hasPrefix("content/") || settings.gazetteerFiles.contains($0) }
        let dayChanged = site.map { Day(BulletinDate(now, in: $0.config.timeZone)) != $0.today } ?? true
        if settingsChanged || dayChanged || site == nil || settings.templates == nil { return rebuild() }
        // A folder moved in or out: whatever was read under it may be other files now.
        var edited = changed
        for folder in changed where !folder.hasSuffix(".md") {
            edited.formUnion(parsed.keys.filter { $0.hasPrefix(folder + "/") })
        }
        for path in edited { parsed[path] = nil }
        return renderChanges(edited: edited)
    }

    /// Every stage again, from the files.
    private func rebuild() -> Work {
        settings = SiteLoader.settings(options)
        parsed = [:]
        site = nil
        articles = [:]
        lists = [:]
        return renderChanges(edited: [])
    }

    /// Content and model again (reading only the article files not parsed yet), then the pages
    /// the difference from the last good model touches.
    private func renderChanges(edited: Set<String>) -> Work {
        listing = SiteLoader.contentListing(options, settings)
        let unread = listing.articleFiles.filter { parsed[$0] == nil }
        let (options, settings) = (options, settings)
        for (path, result) in zip(unread, parallelMap(unread) { SiteLoader.article($0, options, settings) }) {
            parsed[path] = result
        }
        let present = Set(listing.articleFiles)
        parsed = parsed.filter { present.contains($0.key) }
        var content = SiteContent(resources: listing.resources, diagnostics: listing.diagnostics)
        for path in listing.articleFiles {
            guard let (source, found) = parsed[path] else { continue }
            if let source { content.sources.append(source) }
            content.diagnostics += found
        }
        let (model, modelProblems) = SiteLoader.model(settings, content, options)
        let found = settings.diagnostics + content.diagnostics + modelProblems
        guard let newSite = model, let templates = settings.templates, !found.hasErrors else {
            diagnostics = found.sortedForDisplay()
            return .failed
        }
        let loaded = LoadedSite(site: newSite, templates: templates, assets: settings.assets, sourceRoot: options.sourceRoot)
        do throws(Diagnostic) {
            let work: Work
            (work, articles, lists) = try render(loaded, edited: edited)
            site = newSite
            files = lists
            for article in articles.values { files[article.page.path] = article.page.file }
            diagnostics = (found + newSite.articles.flatMap { articles[$0.sourcePath]?.rendered.warnings ?? [] }).sortedForDisplay()
            return work
        } catch {
            diagnostics = (found + [error]).sortedForDisplay()
            return .failed
        }
    }

    /// The pages of `loaded` that differ from the last good site's, rendered, merged with the
    /// others; `self` is left as it is.
    private func render(_ loaded: LoadedSite, edited: Set<String>) throws(Diagnostic) -> (Work, [String: RenderedArticle], [String: MemoryOutput.File]) {
        let newSite = loaded.site
        var context = RenderContext(loaded)
        let feedLimit = newSite.config.feedLimit
        let old = site
        let everything = old.map { !Self.sameLinkTargets($0, newSite) } ?? true
        let affected = old.map { Self.communesWithOtherCounts($0, newSite) } ?? []
        let toRender = newSite.articles.indices.filter { index in
            let article = newSite.articles[index]
            guard !everything, !edited.contains(article.sourcePath), let previous = articles[article.sourcePath] else { return true }
            return previous.inMainFeed != (index < feedLimit) || article.communeIDs.contains(where: affected.contains)
        }
        let previousDigests = articles.mapValues(\.rendered.digest)
        let output = MemoryOutput()
        let rendered = try ArticlePages().write(context, indices: toRender, to: OutputWriter(output))
        var kept: [String: RenderedArticle] = [:]
        for article in newSite.articles { kept[article.sourcePath] = articles[article.sourcePath] }
        for (index, result) in zip(toRender, rendered) {
            let article = newSite.articles[index]
            let path = SitePaths.file(article.permalink)
            kept[article.sourcePath] = RenderedArticle(page: (path, output.files[path]!), inMainFeed: index < feedLimit, rendered: result)
        }
        context.digests = newSite.articles.map { kept[$0.sourcePath]!.rendered.digest }

        let outputs = Self.listsToRender(old, newSite, rendered: zip(toRender, rendered).map { (newSite.articles[$0].sourcePath, $1.digest) }, previous: previousDigests)
        let work: Work = everything ? .everything : .articles(rendered: toRender.count, lists: outputs.count)
        guard !outputs.isEmpty else { return (work, kept, lists) }
        let listOutput = MemoryOutput()
        let writer = OutputWriter(listOutput)
        // As in a build, where one writer sees every page: a list on an article's path is refused.
        for article in kept.values { try writer.claim(article.page.path) }
        try SiteOutputs.writeLists(context, outputs: outputs, to: writer)
        return (work, kept, outputs.count == SiteOutputs.all.count ? listOutput.files : lists.merging(listOutput.files) { $1 })
    }

    /// Links between articles, and to files under `content/`, resolve the same in both models.
    private static func sameLinkTargets(_ old: Site, _ new: Site) -> Bool {
        old.resources == new.resources && old.articles.count == new.articles.count
            && Dictionary(uniqueKeysWithValues: old.articles.map { ($0.sourcePath, $0.permalink) })
            == Dictionary(uniqueKeysWithValues: new.articles.map { ($0.sourcePath, $0.permalink) })
    }

    /// Communes whose number of articles changed, and every unit they were formed from or went
    /// into, at any distance: a commune's view reaches them all (`successors`, `formerUnits`),
    /// and shows each one's count and whether it has a page.
    private static func communesWithOtherCounts(_ old: Site, _ new: Site) -> Set<Int> {
        var found = Set(new.gazetteer.communes.indices.filter { old.listedCount(of: $0) != new.listedCount(of: $0) })
        var queue = Array(found)
        while let id = queue.popLast() {
            for next in (new.gazetteer.communes[id].successors + new.gazetteer.predecessors[id]).map(\.id) where found.insert(next).inserted {
                queue.append(next)
            }
        }
        return found
    }

    /// The outputs besides article pages that may differ: none when only bodies changed and no
    /// summary, card or feed item did; the feed alone when only feed items did.
    private static func listsToRender(_ old: Site?, _ new: Site, rendered: [(String, ArticleDigest)], previous: [String: ArticleDigest]) -> [any SiteOutput] {
        guard let old, old.articles.count == new.articles.count,
              zip(old.articles, new.articles).allSatisfy({ $0.sameOutsideTheBody(as: $1) }) else { return SiteOutputs.all }
        var feedOnly = false
        for (path, digest) in rendered {
            guard let before = previous[path] else { return SiteOutputs.all }
            if before == digest { continue }
            guard before.summary == digest.summary, before.cardHTML == digest.cardHTML else { return SiteOutputs.all }
            feedOnly = true
        }
        return feedOnly ? [RSSFeed()] : []
    }
}

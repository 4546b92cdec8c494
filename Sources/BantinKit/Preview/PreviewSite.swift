import CSystem
import Foundation

/// The site `site serve` serves: built in memory by the stages of `site build` (nothing is
/// published), then kept up to date by `update`, which redoes only what a change touches.
/// Article pages are rendered when asked for (`PreviewSnapshot`), the other outputs kept. After
/// any series of updates, every file is byte for byte what `site build` would write.
///
/// Not thread-safe: one thread owns it and hands the server each new `snapshot`.
public final class PreviewSite {
    /// What the last update found, sorted for display. When it holds errors, the snapshot is
    /// still the last good site.
    public private(set) var diagnostics: [Diagnostic] = []
    public var failed: Bool { diagnostics.hasErrors }
    /// The site's folder, where copied files (`MemoryOutput.File.copy`) are read.
    public var sourceRoot: URL { options.sourceRoot }
    /// What the last update redid.
    public private(set) var lastWork = Work.everything
    /// The last good site, for the server.
    public private(set) var snapshot = PreviewSnapshot()

    private var options: BuildOptions
    private var settings = SiteSettings()
    /// Each article file's parse, by path.
    private var parsed: [String: (ArticleSource?, [Diagnostic])] = [:]
    /// The last listing of `content/`.
    private var listing: (articleFiles: [String], resources: [String], diagnostics: [Diagnostic]) = ([], [], [])
    /// The last good model and what was rendered from it: each article's digest by source path,
    /// and the outputs besides article pages.
    private var site: Site?
    /// The problems the model stage found in it, and when its first article left out for its
    /// date comes due (the model must be made again then).
    private var modelProblems: [Diagnostic] = []
    private var nextDue: BulletinDate?
    private var digests: [String: Digested] = [:]
    private var lists: [String: KeptFile] = [:]
    /// Bytes of list pages written since they were last deflated (`compact`).
    private var undeflated = 0
    /// Pictures' sizes by source path, read once each until the file changes.
    private var imageSizes: [String: ImageSize?] = [:]

    /// A class: each update copies the dictionary of 10,000 of them, one reference each.
    final class Digested {
        let inMainFeed: Bool
        let rendered: ArticlePages.Rendered

        init(inMainFeed: Bool, rendered: ArticlePages.Rendered) {
            self.inMainFeed = inMainFeed
            self.rendered = rendered
        }
    }

    /// What an update redid, for the terminal and the tests.
    public enum Work: Equatable, Sendable {
        case everything
        /// Articles whose digest (summary, card, feed item) was made again; other files written.
        case articles(rendered: Int, files: Int)
        case failed
    }

    public init(_ options: BuildOptions) {
        self.options = options
        _ = rebuild()
    }

    /// Deflates the list pages written since it last did, once they add up to `deflateAfter`
    /// bytes, and gives what earlier versions held back to the system (without that the resident
    /// size grows with each edit). List pages are half the memory of a served site of 10,000
    /// articles; deflated, a tenth of that. Called once a new version is served: it takes a while.
    /// True when the snapshot was made again (the same files, smaller): the server takes it, with no reload.
    public func compact(deflateAfter: Int = 32 << 20) -> Bool {
        defer { bantin_release_free_memory() }
        guard undeflated >= deflateAfter, let context = snapshot.context else { return false }
        let paths = lists.compactMap { path, kept in if case .file(.bytes) = kept { path } else { nil } }
        for (path, kept) in zip(paths, parallelMap(paths) { [lists] in lists[$0]!.deflated }) { lists[path] = kept }
        undeflated = 0
        snapshot = PreviewSnapshot(lists: lists, context: context, basePath: snapshot.basePath, pages: snapshot.pages)
        return true
    }

    /// Every file, article pages rendered (for tests: the server asks the snapshot).
    public var files: [String: MemoryOutput.File] {
        snapshot.paths.reduce(into: [:]) { $0[$1] = snapshot.file($1) }
    }

    /// Brings the site up to date after the files at `changed` (paths from the site's folder:
    /// `content/…`, `templates/…`, `site.yaml`) were written, created or removed.
    @discardableResult
    public func update(changed: Set<String>, now: Date) -> Work {
        options.now = now
        let settingsChanged = changed.contains { !$0.hasPrefix("content/") || settings.gazetteerFiles.contains($0) }
        let dayChanged = site.map { Day(BulletinDate(now, in: $0.config.timeZone)) != $0.today } ?? true
        // A folder moved in or out: whatever was read under it may be other files now.
        var edited = changed
        for folder in changed where !folder.hasSuffix(".md") {
            edited.formUnion(parsed.keys.filter { $0.hasPrefix(folder + "/") })
        }
        // Files written again in place leave the listing as it was.
        let listed = !edited.allSatisfy { parsed[$0] != nil && FileManager.default.fileExists(atPath: options.sourceRoot.appendingPathComponent($0).path) }
        for path in edited { parsed[path] = nil }
        for path in changed { imageSizes = imageSizes.filter { $0.key != path && !$0.key.hasPrefix(path + "/") } }
        if settingsChanged || dayChanged || settings.templates == nil {
            lastWork = rebuild()
        } else {
            lastWork = renderChanges(edited: edited, relist: listed)
        }
        return lastWork
    }

    /// Every stage again from the settings; article files are parsed again only if the time
    /// zone their dates are read in changed (a template edit leaves them as they were).
    private func rebuild() -> Work {
        let zone = settings.config.timeZone
        settings = SiteLoader.settings(options)
        if settings.config.timeZone != zone { parsed = [:] }
        return renderChanges(edited: [], relist: true, fresh: true)
    }

    /// Content and model again (reading only the article files not parsed yet), then what the
    /// difference from the last good model touches.
    /// `fresh`: nothing of the last good site is reused (it is still served if this fails).
    private func renderChanges(edited: Set<String>, relist: Bool, fresh: Bool = false) -> Work {
        if relist {
            listing = SiteLoader.contentListing(options, settings)
            let present = Set(listing.articleFiles)
            parsed = parsed.filter { present.contains($0.key) }
        }
        var content = SiteContent(resources: listing.resources, diagnostics: listing.diagnostics)
        let unread = listing.articleFiles.filter { parsed[$0] == nil }
        let (options, settings) = (options, settings)
        for (path, result) in zip(unread, parallelMap(unread) { SiteLoader.article($0, options, settings) }) {
            parsed[path] = result
        }
        for path in listing.articleFiles {
            guard let (source, found) = parsed[path] else { continue }
            if let source { content.sources.append(source) }
            content.diagnostics += found
        }
        let (model, modelProblems) = fresh || relist ? SiteLoader.model(settings, content, options)
            : replacingArticles(edited) ?? SiteLoader.model(settings, content, options)
        let found = settings.diagnostics + content.diagnostics + modelProblems
        guard let newSite = model, let templates = settings.templates, !found.hasErrors else {
            diagnostics = found.sortedForDisplay()
            if site == nil { snapshot = PreviewSnapshot(basePath: settings.config.baseURL.path) }
            return .failed
        }
        var loaded = LoadedSite(site: newSite, templates: templates, assets: settings.assets, sourceRoot: options.sourceRoot)
        loaded.imageSizes = SiteLoader.imageSizes(newSite, options, known: &imageSizes)
        do throws(Diagnostic) {
            let (work, context) = try render(loaded, edited: edited, fresh: fresh)
            site = newSite
            self.modelProblems = modelProblems
            let now = BulletinDate(options.now, in: newSite.config.timeZone)
            nextDue = options.includeFuture ? nil : content.sources.lazy.compactMap { $0.frontMatter.date?.value }.filter { $0 > now }.min()
            diagnostics = (found + newSite.articles.flatMap { digests[$0.sourcePath]?.rendered.warnings ?? [] }).sortedForDisplay()
            snapshot = PreviewSnapshot(lists: lists, context: context, basePath: newSite.config.baseURL.path, pages: work == .everything ? nil : snapshot.pages)
            return work
        } catch {
            diagnostics = (found + [error]).sortedForDisplay()
            return .failed
        }
    }

    /// The last good model with the articles of the `edited` files made again, when nothing but
    /// their bodies or communes changed and no article came due since: the same order and
    /// addresses, so only the communes' lists may be made again (at 10,000 articles: a body saved
    /// 60 ms less, an article moved to another commune about 40 ms less).
    private func replacingArticles(_ edited: Set<String>) -> (Site?, [Diagnostic])? {
        guard !failed, var site, let builder = SiteLoader.modelBuilder(settings, options), nextDue.map({ builder.now < $0 }) ?? true else { return nil }
        var problems = modelProblems.filter { $0.location.map { !edited.contains($0.file) } ?? true }
        for path in edited {
            guard let source = parsed[path]?.0, let (replaced, found) = builder.replacingArticle(in: site, with: source) else { return nil }
            site = replaced
            problems += found
        }
        return (site, problems)
    }

    /// The digests and lists of `loaded`, made again where they may differ from the last good
    /// site's; stored only once all of it succeeded.
    private func render(_ loaded: LoadedSite, edited: Set<String>, fresh: Bool) throws(Diagnostic) -> (Work, RenderContext) {
        let newSite = loaded.site
        let feedLimit = newSite.config.feedLimit
        let old = fresh ? nil : site
        let sameOrder = old.map { Self.sameArticles($0, newSite) } ?? false
        let affected = old.map { Self.communesShownOtherwise($0, newSite) } ?? []
        // The authors' and tags' lists are the last ones when no edited article changed its names.
        let previous = old == nil ? nil : snapshot.taxonomies
        let sameNames = sameOrder && newSite.articles.indices.allSatisfy { index in
            !edited.contains(newSite.articles[index].sourcePath)
                || (old!.articles[index].authors == newSite.articles[index].authors && old!.articles[index].tags == newSite.articles[index].tags)
        }
        var context = RenderContext(loaded, taxonomies: sameNames ? previous : nil)
        let oldTaxonomies = previous.map { [$0.authors, $0.tags] } ?? []
        let newTaxonomies = [context.taxonomies.authors, context.taxonomies.tags]
        // Names whose page moved (another slug) or went: cards link them. None when the lists are the last ones.
        let relinked = sameNames ? [[], []] : zip(oldTaxonomies, newTaxonomies).map { old, new in
            Set(old.terms.filter { new.term(named: $0.name)?.slug != $0.slug }.map(\.name))
        }
        // Rendered again: new or edited articles, and those that came into or left the feed.
        // Only their card: those linking a commune, author or tag whose page came, went or moved.
        var toRender: [Int] = [], toRecard: [Int] = []
        for (index, article) in newSite.articles.enumerated() {
            guard sameOrder, !edited.contains(article.sourcePath), let previous = digests[article.sourcePath],
                  previous.inMainFeed == (index < feedLimit) else { toRender.append(index); continue }
            if article.communeIDs.contains(where: affected.contains) || article.authors.contains(where: relinked[0].contains)
                || article.tags.contains(where: relinked[1].contains) { toRecard.append(index) }
        }
        let pages = ArticlePages()
        let recards = toRecard.map { ($0, digests[newSite.articles[$0].sourcePath]!.rendered) }
        let rendered = try pages.write(context, indices: toRender, to: nil) + parallelMap(recards) { [context] index, previous in
            pages.recarded(index, context: context, previous: previous)
        }
        var newDigests = sameOrder ? digests : [:]
        // Articles shown otherwise in lists, and those whose item in rss.xml changed.
        var shownOtherwise: Set<Int> = [], feedChanged = false
        for (index, result) in zip(toRender + toRecard, rendered) {
            let article = newSite.articles[index]
            let before = digests[article.sourcePath]?.rendered.digest
            if before?.summary != result.digest.summary || before?.cardHTML != result.digest.cardHTML
                || !(sameOrder && article.sameOutsideTheBody(as: old!.articles[index])) {
                shownOtherwise.insert(index)
            }
            if before?.feedItem != result.digest.feedItem { feedChanged = true }
            newDigests[article.sourcePath] = Digested(inMainFeed: index < feedLimit, rendered: result)
        }
        context.digests = newSite.articles.map { newDigests[$0.sourcePath]!.rendered.digest }
        // Author and tag pages whose lists changed: the old ones are dropped below, the new written.
        var staleTerms: [String] = [], changedTerms: Set<String> = []
        for (old, new) in sameNames ? [] : Array(zip(oldTaxonomies, newTaxonomies)) {
            for term in old.terms where new.term(named: term.name).map({ $0.slug != term.slug || $0.articles != term.articles }) ?? true {
                staleTerms += (1...term.pageCount(paginate: newSite.config.paginate)).map { SitePaths.file(SitePaths.termPage(old, term, $0)) }
                staleTerms.append(SitePaths.termFeed(old, term))
                changedTerms.insert(SitePaths.termPage(old, term, 1))
            }
            for term in new.terms where old.term(named: term.name).map({ $0.slug != term.slug || $0.articles != term.articles }) ?? true {
                changedTerms.insert(SitePaths.termPage(new, term, 1))
            }
        }
        if sameOrder {
            let districts = newSite.gazetteer.districts.indices.filter { old!.articlesByDistrict[$0] != newSite.articlesByDistrict[$0] }
            context.scope = ListScope(articles: shownOtherwise, communes: affected, districts: Set(districts), terms: changedTerms)
        }

        // Every list at once (start-up, a template edit) is deflated as it is written: kept as
        // written, the lists of 10,000 articles would make the server's peak 120 MB higher.
        let output = PreviewOutput(deflate: context.scope == nil)
        let outputs: [any SiteOutput] = context.scope.map { $0.articles.isEmpty && $0.communes.isEmpty && $0.terms.isEmpty } ?? false
            ? (feedChanged ? [RSSFeed()] : []) : SiteOutputs.all
        if !outputs.isEmpty {
            let writer = OutputWriter(output)
            // As in a build, where one writer sees every page: a list on an article's path is refused.
            for article in newSite.articles { try writer.claim(SitePaths.file(article.permalink)) }
            try SiteOutputs.writeLists(context, outputs: outputs, to: writer)
        }
        var newLists = context.scope == nil ? [:] : lists
        let written = output.files
        if let old, let scope = context.scope {
            // Parts of a sitemap (numbered from 1) written before and not now: fewer addresses.
            var part = 1
            while written[SitePaths.sitemapPart(part)] != nil { part += 1 }
            while written[SitePaths.sitemap] != nil, newLists.removeValue(forKey: SitePaths.sitemapPart(part)) != nil { part += 1 }
            // A commune page written before and not now is one its commune no longer has.
            for id in scope.communes {
                let commune = newSite.gazetteer.communes[id]
                for number in 0..<CommunePages.pageCount(id, old) { newLists[SitePaths.file(SitePaths.communePage(commune, number + 1))] = nil }
                newLists[SitePaths.communeFeed(commune)] = nil
            }
            for id in scope.districts {
                let district = newSite.gazetteer.districts[id]
                for number in 0..<DistrictPages.pageCount(id, old) { newLists[SitePaths.file(SitePaths.districtPage(district, number + 1))] = nil }
            }
            for path in staleTerms { newLists[path] = nil }
        }
        newLists.merge(written) { $1 }
        undeflated += written.values.reduce(0) { sum, kept in if case .file(.bytes(let data)) = kept { sum + data.count } else { sum } }
        digests = newDigests
        lists = newLists
        let work: Work = old == nil || !sameOrder ? .everything : .articles(rendered: toRender.count, files: written.count)
        return (work, context)
    }

    /// The same articles in the same order, each at the same address, and the same files
    /// under `content/`: links between them resolve as before, and list positions are the same.
    private static func sameArticles(_ old: Site, _ new: Site) -> Bool {
        old.resources == new.resources && old.articles.count == new.articles.count
            && zip(old.articles, new.articles).allSatisfy { $0.sourcePath == $1.sourcePath && $0.permalink == $1.permalink }
    }

    /// Communes whose lists of articles changed, or whose district's page came or went (their
    /// views link it), and every unit they were formed from or went into, at any distance: a
    /// commune's view reaches them all (`successors`, `formerUnits`), and shows each one's count
    /// and whether it has a page.
    private static func communesShownOtherwise(_ old: Site, _ new: Site) -> Set<Int> {
        var found = Set(new.gazetteer.communes.indices.filter { id in
            let district = new.gazetteer.communes[id].districtID
            return old.listedByCommune[id] != new.listedByCommune[id] || old.articlesByCommune[id] != new.articlesByCommune[id]
                || district.map { old.articlesByDistrict[$0].isEmpty != new.articlesByDistrict[$0].isEmpty } ?? false
        })
        var queue = Array(found)
        while let id = queue.popLast() {
            for next in (new.gazetteer.communes[id].successors + new.gazetteer.predecessors[id]).map(\.id) where found.insert(next).inserted {
                queue.append(next)
            }
        }
        return found
    }
}

/// One version of the previewed site, shared with the server's threads: the outputs besides
/// article pages as they are, and article pages rendered when asked for.
public final class PreviewSnapshot: Sendable {
    private let lists: [String: KeptFile]
    /// Each article page's site path → the article's index.
    let pages: [String: Int]
    let context: RenderContext?
    /// Pages rendered for this version: a browser reloading a page, or a script polling it,
    /// would otherwise render it again each time, on the cores the next update needs.
    private let rendered = Locked<[String: MemoryOutput.File]>([:])
    /// The path the site is served under (the base URL's: `/` or `/bantin/`).
    public let basePath: String

    /// `pages` from the snapshot before, when the articles and their addresses are the same.
    init(lists: [String: KeptFile] = [:], context: RenderContext? = nil, basePath: String = "/", pages: [String: Int]? = nil) {
        self.lists = lists
        self.context = context
        self.basePath = basePath
        self.pages = pages ?? (context?.site.articles ?? []).enumerated().reduce(into: [:]) { $0[SitePaths.file($1.element.permalink)] = $1.offset }
    }

    /// The authors and tags of this version.
    var taxonomies: (authors: Taxonomy, tags: Taxonomy)? { context?.taxonomies }

    /// Every site path of the site.
    public var paths: [String] { Array(lists.keys) + Array(pages.keys) }

    /// The file at a site path (`2023/02/hoi-nghi/index.html`), or nil.
    public func file(_ path: String) -> MemoryOutput.File? {
        if let kept = lists[path] { return kept.file }
        guard let index = pages[path], let context else { return nil }
        if let page = rendered.withLock({ $0[path] }) { return page }
        let page = MemoryOutput.File.bytes(Data(ArticlePages().page(index, context: context).utf8))
        rendered.withLock { cache in
            if cache.count >= 100 { cache.removeAll() }
            cache[path] = page
        }
        return page
    }
}

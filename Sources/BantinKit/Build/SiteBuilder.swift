import Foundation

/// `site build`: load → model → render → write, with the output replaced only if all went well.
/// A build cache beside the output lets a rebuild skip what did not change; it never changes
/// what is written.
public enum SiteBuilder {
    public static func build(_ options: BuildOptions) throws(DiagnosticsError) -> BuildReport {
        try build(options, cacheFoundDamaged: false)
    }

    /// `cacheFoundDamaged`: this is the build started again without a cache found damaged.
    private static func build(_ options: BuildOptions, cacheFoundDamaged: Bool) throws(DiagnosticsError) -> BuildReport {
        PhaseTrace.mark("build started")
        // No site there (a mistyped --source): said without making an output, a lock or a
        // staging folder, or the folders above them.
        if !SiteLoader.looksLikeSite(options.sourceRoot) {
            let found = SiteLoader.load(options).diagnostics
            if found.hasErrors { throw DiagnosticsError(found.sortedForDisplay()) }
        }
        // The lock first: the cache is read only by the build that will replace it.
        let folder: OutputFolder
        do {
            folder = try OutputFolder(output: options.outputFolder, siteRoot: options.sourceRoot, force: options.force, homeDirectory: options.homeDirectory)
        } catch {
            throw DiagnosticsError([error])
        }
        // Where the output really is, links resolved: the cache beside it is there too.
        let output = folder.output
        PhaseTrace.mark("output folder locked")
        // Read while settings, theme and the list of content files are.
        let loadingCache = Background { BuildCache.load(for: output) }
        // When an article changed, something will be rendered: the digests open while the model is built.
        let openingDigests = Locked<Background<DigestArchive?>?>(nil)
        let result = SiteLoader.load(options, previous: BuildCache.exists(for: output) ? { loadingCache.value } : nil) { allFromCache in
            // Nothing changed, maybe: what the output holds is listed while the model is built, to
            // tell. Otherwise its files are counted meanwhile (for the removed ones).
            guard !allFromCache else { return folder.startListingOutput() }
            openingDigests.withLock { $0 = Background { loadingCache.value?.openDigests(for: output) } }
            folder.startCountingOutput()
        }
        let previous = loadingCache.value
        PhaseTrace.mark("sources loaded, site model built")
        guard let loaded = result.loaded else { throw DiagnosticsError(result.diagnostics.sortedForDisplay()) }
        let site = loaded.site
        let now = BulletinDate(options.now, in: site.config.timeZone)
        let nextPublication = options.includeFuture ? nil : result.sources.compactMap { $0.frontMatter.date?.value.epochSeconds }.filter { $0 > now.epochSeconds }.min()

        if let previous, let report = unchangedReport(previous, result, folder: folder, now: now) {
            folder.saveTreeRecords()
            folder.abandon()
            folder.unlock()
            releaseInBackground([consume previous, consume result, consume loaded, consume folder])
            if options.strict, report.warnings.contains(where: { $0.severity == .warning }) { throw DiagnosticsError(report.warnings) }
            return report
        }

        let previousDigests = openingDigests.withLock { $0 }?.value ?? previous?.openDigests(for: output)
        PhaseTrace.mark("article digests opened")
        // From here the output may change: no cache may describe it until the new one is saved.
        BuildCache.remove(for: output)
        let diagnostics: [Diagnostic]
        let rendered: RenderOutcome
        do throws(Diagnostic) {
            rendered = try render(loaded, to: folder, previous: previous, digests: previousDigests, globalKey: result.globalKey, output: output)
            diagnostics = (result.diagnostics + rendered.warnings).sortedForDisplay()
        } catch {
            folder.abandon()
            if error.code == DigestTable.damaged.code, !cacheFoundDamaged {
                // A digest of the last build is damaged on disk: built again without the cache
                // (the staging folder is checked file by file, whatever this attempt left in it),
                // once: a cache that cannot be removed fails the build with the error.
                folder.unlock()
                BuildCache.removeAll(for: output)
                return try build(options, cacheFoundDamaged: true)
            }
            throw DiagnosticsError((result.diagnostics + [error]).sortedForDisplay())
        }
        if options.strict, diagnostics.contains(where: { $0.severity == .warning }) {
            folder.abandon()
            throw DiagnosticsError(diagnostics)
        }
        PhaseTrace.mark("rendered")
        let counts: OutputFolder.Counts
        let written = folder.writtenStamps
        do throws(Diagnostic) {
            counts = try folder.commit()
        } catch {
            folder.abandon()
            throw DiagnosticsError(diagnostics + [error])
        }
        PhaseTrace.mark("committed")
        let treeRecordsSaved = Background { [folder] in folder.saveTreeRecords() }
        let cache = {
            var cache = BuildCache()
            cache.globalKey = result.globalKey
            cache.builtAt = Int64(options.now.timeIntervalSince1970 * 1_000_000_000)
            cache.sources = result.cachedSources
            if let previous, previous.globalKey == result.globalKey {
                cache.reusableSourceBlocks = previous.sourceBlocks.filter { !result.changedSourceBuckets.contains($0.key) }
            }
            cache.articleCount = site.articles.count
            cache.articleWarnings = rendered.articleWarnings
            cache.pages = rendered.pages
            cache.otherInputs = result.otherInputs
            cache.nextPublication = nextPublication
            cache.outputs = written
            return cache
        }()
        cache.save(for: output)
        treeRecordsSaved.value
        PhaseTrace.mark("cache saved")

        let damagedNote = Diagnostic(.note, "damaged-cache", "the build cache was damaged: this build was made without it", at: nil)
        var report = report(site, files: counts, warnings: cacheFoundDamaged ? diagnostics + [damagedNote] : diagnostics)
        report.articlesRendered = rendered.rendered
        folder.unlock()
        releaseInBackground([(consume previous) as Any, (consume previousDigests) as Any, consume result, consume loaded, consume site, consume rendered, consume cache, consume written, consume folder])
        return report
    }

    private struct RenderOutcome {
        let rendered: Int
        let warnings: [Diagnostic]
        /// Each article's warnings, by source path.
        let articleWarnings: [String: [Diagnostic]]
        let pages: [String: PageMemo.Entry]
    }

    /// Renders every output into the staging folder; returns the warnings found on the way.
    private static func render(_ loaded: LoadedSite, to folder: OutputFolder, previous: BuildCache?, digests: DigestArchive?, globalKey: UInt64, output: URL) throws(Diagnostic) -> RenderOutcome {
        var context = RenderContext(site: loaded.site, templates: loaded.templates, sourceRoot: loaded.sourceRoot)
        let articles = try ArticlePages().write(context, to: folder, previous: digests, globalKey: globalKey)
        PhaseTrace.mark("article pages")
        context.digests = articles.digests
        context.renderKeys = articles.renderKeys
        context.globalKey = globalKey
        context.memo = PageMemo(previous: previous?.pages ?? [:])
        let frozen = context
        let entries = articles.digests.entries
        // One more task beside the outputs: the articles' part of the next cache.
        let failures = parallelMap(Array(SiteOutputs.all.indices) + [SiteOutputs.all.count]) { index -> Diagnostic? in
            guard index < SiteOutputs.all.count else {
                BuildCache.saveDigests(entries, previous: digests, globalKey: globalKey, for: output)
                return nil
            }
            do throws(Diagnostic) {
                try SiteOutputs.all[index].write(frozen, to: folder)
                return nil
            } catch {
                return error
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw failure }
        let articleWarnings = Dictionary(uniqueKeysWithValues: zip(entries.map(\.path), articles.warningsByArticle).filter { !$0.1.isEmpty })
        return RenderOutcome(rendered: articles.rendered, warnings: articles.warningsByArticle.flatMap { $0 }, articleWarnings: articleWarnings, pages: frozen.memo.current)
    }

    /// When no input changed since the last build and its output is still as it left it, the
    /// output is already what this build would write: say so without writing anything.
    private static func unchangedReport(_ previous: BuildCache, _ result: LoadResult, folder: OutputFolder, now: BulletinDate) -> BuildReport? {
        guard let site = result.site, result.allSourcesCached, previous.globalKey == result.globalKey,
              previous.otherInputs == result.otherInputs,
              previous.nextPublication.map({ now.epochSeconds < $0 }) ?? true,
              previous.articleCount == site.articles.count,
              let outputs = previous.loadOutputs(for: folder.output), !outputs.isEmpty
        else { return nil }
        let intact = parallelMap(Array(outputs)) { entry in folder.outputStamp(entry.key) == entry.value }
        guard !intact.contains(false) else { return nil }
        // Nothing added to the output by hand either: a build would remove it.
        let present = folder.listOutput().listing
        guard present.others.isEmpty, Set(present.files.filter { $0 != OutputFolder.markerName }) == Set(outputs.keys) else { return nil }
        let warnings = (result.diagnostics + site.articles.flatMap { previous.articleWarnings[$0.sourcePath] ?? [] }).sortedForDisplay()
        var counts = OutputFolder.Counts()
        counts.unchanged = outputs.count
        return report(site, files: counts, warnings: warnings)
    }

    /// What a build made: articles, pages (articles, home pages, commune pages, the commune
    /// index and the 404 page), files, warnings.
    private static func report(_ site: Site, files: OutputFolder.Counts, warnings: [Diagnostic]) -> BuildReport {
        let perPage = site.config.paginate
        let homePages = max(1, (site.articles.count + perPage - 1) / perPage)
        let communes = site.gazetteer.communes.indices.filter { site.listedCount(of: $0) > 0 }.count
        let communePages = site.gazetteer.communes.indices.reduce(0) { $0 + CommunePages.pageCount($1, site) }
        return BuildReport(
            articles: site.articles.count, pages: site.articles.count + homePages + communePages + 2,
            communesWithArticles: communes, files: files, warnings: warnings)
    }
}

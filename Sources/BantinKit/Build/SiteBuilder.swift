import Foundation

/// `site build`: settings → content → model → render → publish, each stage taking what the one
/// before made. Every problem up to the model is reported at once; the output is replaced only
/// when every stage succeeded, and otherwise left as it was.
public enum SiteBuilder {
    public static func build(_ options: BuildOptions) throws(DiagnosticsError) -> BuildReport {
        StagedSite.putBackSiteSetAside(output: options.outputFolder)
        let settings = SiteLoader.settings(options)
        options.trace(.settings)
        let content = SiteLoader.content(options, settings)
        options.trace(.content)
        let (model, modelProblems) = SiteLoader.model(settings, content, options)
        options.trace(.model)
        var found = settings.diagnostics + content.diagnostics + modelProblems
        guard let site = model, let templates = settings.templates, !found.hasErrors else {
            throw DiagnosticsError(found.sortedForDisplay(), stage: .model)
        }

        let staged: StagedSite, lock: OutputLock
        do throws(Diagnostic) {
            let output = try OutputPolicy.check(output: options.outputFolder, siteRoot: options.sourceRoot, home: options.homeDirectory, force: options.force)
            lock = try OutputLock(output: output)
            staged = try StagedSite(output: output)
        } catch {
            throw DiagnosticsError((found + [error]).sortedForDisplay(), stage: .publish)
        }
        var read: [String: ImageSize?] = [:]
        let loaded = LoadedSite(site: site, templates: templates, assets: settings.assets, sourceRoot: options.sourceRoot, imageSizes: SiteLoader.imageSizes(site, options, known: &read))
        let writer = OutputWriter(staged)
        do throws(Diagnostic) {
            found += try SiteOutputs.render(loaded, to: writer)
        } catch {
            staged.discard()
            throw DiagnosticsError((found + [error]).sortedForDisplay(), stage: .render)
        }
        options.trace(.render)
        found = found.sortedForDisplay()
        if options.strict, found.contains(where: { $0.severity == .warning }) {
            staged.discard()
            throw DiagnosticsError(found, stage: .render)
        }
        let counts: OutputCounts
        do throws(Diagnostic) {
            counts = try staged.publish()
        } catch {
            staged.discard()
            throw DiagnosticsError(found + [error], stage: .publish)
        }
        options.trace(.publish)
        withExtendedLifetime(lock) {}
        let report = BuildReport(
            articles: site.articles.count, pages: writer.pageCount, communesWithArticles: site.gazetteer.communes.indices.filter { site.listedCount(of: $0) > 0 }.count,
            files: counts, warnings: found)
        // Tearing down a large model takes tens of milliseconds the caller need not wait for.
        releaseInBackground([consume loaded, consume content])
        return report
    }
}

import Foundation

/// `site build`: load → model → render → write, with the output replaced only if all went well.
public enum SiteBuilder {
    public static func build(_ options: BuildOptions) throws(DiagnosticsError) -> BuildReport {
        let result = SiteLoader.load(options)
        guard let loaded = result.loaded else { throw DiagnosticsError(result.diagnostics.sortedForDisplay()) }

        let folder: OutputFolder
        do {
            folder = try OutputFolder(output: options.outputFolder, siteRoot: options.sourceRoot, force: options.force, homeDirectory: options.homeDirectory)
        } catch {
            throw DiagnosticsError((result.diagnostics + [error]).sortedForDisplay())
        }
        let diagnostics: [Diagnostic]
        let counts: OutputFolder.Counts
        do throws(Diagnostic) {
            diagnostics = (result.diagnostics + (try render(loaded, to: folder))).sortedForDisplay()
        } catch {
            folder.abandon()
            throw DiagnosticsError((result.diagnostics + [error]).sortedForDisplay())
        }
        if options.strict, diagnostics.contains(where: { $0.severity == .warning }) {
            folder.abandon()
            throw DiagnosticsError(diagnostics)
        }
        do throws(Diagnostic) {
            counts = try folder.commit()
        } catch {
            folder.abandon()
            throw DiagnosticsError(diagnostics + [error])
        }
        let site = loaded.site
        let homePages = max(1, (site.articles.count + site.config.paginate - 1) / site.config.paginate)
        let communes = site.articlesByCommune.filter { !$0.isEmpty }.count
        return BuildReport(
            articles: site.articles.count, pages: site.articles.count + homePages + communes + 2,
            communesWithArticles: communes, files: counts, warnings: diagnostics)
    }

    /// Renders every output into the staging folder; returns the warnings found on the way.
    private static func render(_ loaded: LoadedSite, to folder: OutputFolder) throws(Diagnostic) -> [Diagnostic] {
        var context = RenderContext(site: loaded.site, templates: loaded.templates, sourceRoot: loaded.sourceRoot)
        let articles = try ArticlePages().write(context, to: folder)
        context.digests = articles.digests
        let frozen = context
        let failures = parallelMap(Array(SiteOutputs.all.indices)) { index -> Diagnostic? in
            do throws(Diagnostic) {
                try SiteOutputs.all[index].write(frozen, to: folder)
                return nil
            } catch {
                return error
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw failure }
        return articles.warnings
    }
}

import Foundation

/// `site build`: load → model → render → write, with the output replaced only if all went well.
public enum SiteBuilder {
    public static func build(_ options: BuildOptions) throws(DiagnosticsError) -> BuildReport {
        let (loaded, diagnostics) = SiteLoader.load(options)
        guard let loaded else { throw DiagnosticsError(diagnostics.sortedForDisplay()) }

        let folder: OutputFolder
        do {
            folder = try OutputFolder(output: options.outputFolder, siteRoot: options.sourceRoot, force: options.force, homeDirectory: options.homeDirectory)
        } catch {
            throw DiagnosticsError((diagnostics + [error]).sortedForDisplay())
        }
        var context = RenderContext(site: loaded.site, templates: loaded.templates, sourceRoot: loaded.sourceRoot)
        do throws(Diagnostic) {
            let articles = try ArticlePages().write(context, to: folder)
            context.summaries = articles.summaries
            let frozen = context
            let failures = parallelMap(SiteOutputs.all.indices.map { $0 }) { index -> Diagnostic? in
                do throws(Diagnostic) {
                    try SiteOutputs.all[index].write(frozen, to: folder)
                    return nil
                } catch {
                    return error
                }
            }
            if let failure = failures.compactMap({ $0 }).first { throw failure }
            let counts = try folder.commit()
            let site = loaded.site
            let homePages = max(1, (site.articles.count + site.config.paginate - 1) / site.config.paginate)
            let communes = site.articlesByCommune.filter { !$0.isEmpty }.count
            return BuildReport(
                articles: site.articles.count, pages: site.articles.count + homePages + communes + 2,
                communesWithArticles: communes, files: counts, warnings: (diagnostics + articles.warnings).sortedForDisplay())
        } catch {
            folder.abandon()
            throw DiagnosticsError((diagnostics + [error]).sortedForDisplay())
        }
    }
}

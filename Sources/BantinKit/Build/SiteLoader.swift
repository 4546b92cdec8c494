import Foundation

/// The load and model stages: `site.yaml`, the gazetteer, the theme and every article, read and
/// checked together so that one run reports every problem.
public struct LoadedSite: Sendable {
    public let site: Site
    let templates: TemplateSet
    let sourceRoot: URL
}

/// Everything loading found, usable or not: `site check` goes on with what could be read.
struct LoadResult {
    var loaded: LoadedSite?
    /// The model of the articles without errors, even when other files have errors.
    var site: Site?
    var sources: [ArticleSource] = []
    var gazetteer: Gazetteer?
    var config = SiteConfig()
    var diagnostics: [Diagnostic] = []
}

enum SiteLoader {
    static func load(_ options: BuildOptions) -> LoadResult {
        let root = options.sourceRoot
        var diagnostics: [Diagnostic] = []

        var config = SiteConfig()
        if let data = FileManager.default.contents(atPath: root.appendingPathComponent(SiteConfig.fileName).path) {
            switch SourceText.decode(data, file: SiteConfig.fileName) {
            case .success(let text):
                let (loaded, found) = SiteConfig.load(text: text, file: SiteConfig.fileName)
                config = loaded
                diagnostics += found
            case .failure(let d): diagnostics.append(d)
            }
        } else {
            diagnostics.append(.error("missing-config", "no \(SiteConfig.fileName) in \(root.path)", hint: "run the command in the site's folder, or pass --source", at: nil))
        }
        if let override = options.baseURL {
            if let url = SiteURL(override) {
                config.baseURL = url
                diagnostics.removeAll { $0.code == "bad-base-url" }
            } else {
                diagnostics.append(.error("bad-base-url", "--base-url must be an absolute http(s) address, got \"\(override)\"", at: nil))
            }
        }
        if let relative = options.relativeLinks { config.relativeLinks = relative }

        var gazetteer: Gazetteer?
        if let data = FileManager.default.contents(atPath: root.appendingPathComponent(Gazetteer.path).path) {
            switch SourceText.decode(data, file: Gazetteer.path) {
            case .success(let text):
                let (loaded, found) = Gazetteer.load(text: text, file: Gazetteer.path)
                gazetteer = loaded
                diagnostics += found
            case .failure(let d): diagnostics.append(d)
            }
        } else {
            diagnostics.append(.error("missing-gazetteer", "no \(Gazetteer.path)", hint: "the province's list of communes belongs there; see the sample site", at: nil))
        }

        let (templates, templateDiagnostics) = TemplateSet.load(from: root, relativeTo: root)
        diagnostics += templateDiagnostics

        let files = FileTree.files(under: root.appendingPathComponent("content")).map { "content/" + $0 }
        let articleFiles = files.filter { $0.hasSuffix(".md") }
        let resourceFiles = files.filter { !$0.hasSuffix(".md") && $0 != Gazetteer.path }
        let timeZone = config.timeZone
        let parsed = parallelMap(articleFiles) { path -> (ArticleSource?, [Diagnostic]) in
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else {
                return (nil, [.error("io", "cannot read the file", at: SourceLocation(file: path))])
            }
            return ArticleParser.parse(data, path: path, timeZone: timeZone)
        }
        var sources: [ArticleSource] = []
        sources.reserveCapacity(parsed.count)
        for (source, found) in parsed {
            if let source { sources.append(source) }
            diagnostics += found
        }

        var result = LoadResult(sources: sources, gazetteer: gazetteer, config: config)
        guard let gazetteer else {
            result.diagnostics = diagnostics
            return result
        }
        let detector = MentionDetector(gazetteer)
        let builder = SiteModelBuilder(
            config: config, resolver: CommuneResolver(gazetteer), includeDrafts: options.includeDrafts,
            includeFuture: options.includeFuture, now: BulletinDate(options.now, in: config.timeZone))
        let (site, modelDiagnostics) = builder.build(sources: sources, resourceFiles: resourceFiles) { source in
            config.communeDetection == .tag ? detector.mentions(in: source.body).map(\.communeID) : []
        }
        diagnostics += modelDiagnostics
        result.diagnostics = diagnostics
        result.site = site
        if let templates, !diagnostics.hasErrors {
            result.loaded = LoadedSite(site: site, templates: templates, sourceRoot: root)
        }
        return result
    }
}

import Foundation

/// `site check`: every check of a build, plus commune mentions, without writing anything.
public enum SiteChecker {
    public struct Report: Sendable {
        public let diagnostics: [Diagnostic]
        public let articles: Int
    }

    public static func check(_ options: BuildOptions) -> Report {
        let settings = SiteLoader.settings(options)
        let content = SiteLoader.content(options, settings)
        let (site, modelProblems) = SiteLoader.model(settings, content, options)
        var diagnostics = settings.diagnostics + content.diagnostics + modelProblems
        if let gazetteer = settings.gazetteer {
            let config = settings.config
            diagnostics += mentionDiagnostics(content.sources, gazetteer: gazetteer, tagging: config.communeDetection == .tag, now: BulletinDate(options.now, in: config.timeZone))
        }
        if let site {
            let bodies = ArticleBodyRenderer(site: site)
            diagnostics += parallelMap(site.articles) { bodies.render($0, page: $0.permalink, absolute: false).1 }.flatMap { $0 }
            diagnostics += site.articles.compactMap(bodies.missingImageWarning)
        }
        return Report(diagnostics: diagnostics.sortedForDisplay(), articles: content.sources.count)
    }

    /// Communes the text names but the front matter does not list (a warning, at the mention),
    /// listed communes the text never names (a note, at the list entry), and units the text names
    /// that were not in force on the article's day (a warning, at the mention).
    static func mentionDiagnostics(_ sources: [ArticleSource], gazetteer: Gazetteer, tagging: Bool, now: BulletinDate) -> [Diagnostic] {
        let detector = MentionDetector(gazetteer)
        let resolver = CommuneResolver(gazetteer)
        return parallelMap(sources) { source -> [Diagnostic] in
            var found: [Diagnostic] = []
            let day = Day(source.frontMatter.date?.value ?? now)
            let mentions = detector.mentions(in: source.body, on: day)
            var listed: [Int: SourceLocation] = [:]
            for entry in source.frontMatter.communes {
                if case .found(let id) = resolver.resolve(entry.value, on: day) { listed[id] = entry.location }
            }
            var reported: Set<Int> = []
            for mention in mentions where reported.insert(mention.communeID).inserted {
                let location = SourceLocation(file: source.path, line: source.bodyLine + mention.line - 1, column: mention.column)
                // Listed ones were warned about at the list already, tagged ones by the model.
                if listed[mention.communeID] == nil, !tagging, let warning = resolver.eraWarning(mention.communeID, on: day, at: location) { found.append(warning) }
                guard listed[mention.communeID] == nil, !tagging else { continue }
                let commune = gazetteer.communes[mention.communeID]
                found.append(.warning(
                    .unlistedCommune, "the text names \(resolver.gazetteer.describe(commune.id)), which is not in 'communes:'",
                    hint: "add \"\(resolver.unambiguousName(commune, on: day))\" to communes: so the article is listed on its page (or set communes.detect: tag in site.yaml)",
                    at: location))
            }
            let mentioned = Set(mentions.map(\.communeID))
            for (id, location) in listed.sorted(by: { $0.value < $1.value }) where !mentioned.contains(id) {
                let commune = gazetteer.communes[id]
                found.append(Diagnostic(
                    .note, .unmentionedCommune, "\(resolver.gazetteer.describe(id)) is listed but the text never names it",
                    hint: "name it in the text as \"\(commune.label)\(gazetteer.place(of: commune).map { " (\($0))" } ?? "")\", or remove it if it does not belong", at: location))
            }
            return found
        }.flatMap { $0 }
    }
}

import Foundation

/// `site new`: a new article's file, a draft dated now in the site's time zone, with its communes
/// checked against the gazetteer as of today, written where the sample keeps articles
/// (`content/YYYY/MM/<slug>.md`) and never over another file.
public enum NewArticle {
    /// A new article's file, before it is written.
    public struct Draft: Sendable, Equatable {
        /// From the site's folder: `content/2025/07/ra-quan-tuan-tra.md`.
        public let path: String
        public let text: String
    }

    /// Where diagnostics about the communes point: the column of each in the option's text.
    public static let communesOption = "--communes"

    /// The text under the front matter, for the editor to replace.
    static let placeholder = "Viết nội dung bài viết ở đây."

    /// Reads the site's settings (`site.yaml`, the gazetteer), makes the article and writes it.
    /// Returns the draft written and its warnings (a commune that no longer exists today); throws
    /// every problem found, in which case nothing was written.
    public static func write(title: String, communes: String, options: BuildOptions) throws(DiagnosticsError) -> (draft: Draft, warnings: [Diagnostic]) {
        let settings = SiteLoader.settings(options, theme: false)
        guard let gazetteer = settings.gazetteer, !settings.diagnostics.hasErrors else {
            throw DiagnosticsError(settings.diagnostics.sortedForDisplay(), stage: .settings)
        }
        let (made, diagnostics) = make(title: title, communes: communes, now: options.now, config: settings.config, gazetteer: gazetteer)
        guard let draft = made else { throw DiagnosticsError(diagnostics, stage: .model) }
        if let problem = NewFile.create(Array(draft.text.utf8), at: draft.path, in: options.sourceRoot) {
            throw DiagnosticsError(diagnostics + [problem], stage: .publish)
        }
        return (draft, diagnostics)
    }

    /// The article's path and text; nil with the errors when the title makes no file name or a
    /// commune names no one unit today. `communes` is the text of `--communes`: names separated
    /// by commas (`Hùng Lợi, Hà Giang 1`), as in `communes:`.
    public static func make(title: String, communes: String, now: Date, config: SiteConfig, gazetteer: Gazetteer) -> (Draft?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let date = BulletinDate(now, in: config.timeZone)
        let local = date.local
        let folder = "content/\(local.year)/\(local.month < 10 ? "0" : "")\(local.month)"

        // Typed in a terminal or pasted from Word: one line, single spaces, no invisible
        // characters, in NFC as the parser reads it.
        let headline = oneLine(PlaceName.withPlainSpaces(title.nfc))
        let slug = Slug.make(headline)
        if headline.isEmpty {
            diagnostics.append(.error(.missingTitle, "the title is empty", hint: "give the headline in quotes: site new \"Hội nghị triển khai nhiệm vụ năm 2025\"", at: nil))
        } else if slug.isEmpty {
            diagnostics.append(.error(
                .unsafeSlug, "no file name can be made from the title \"\(headline)\"",
                hint: "write the headline with letters or digits; punctuation alone makes no name", at: nil))
        } else if slug.utf8.count + 3 > SiteModelBuilder.maximumNameLength {
            diagnostics.append(.error(
                .unsafeSlug, "the title makes a file name of \(slug.utf8.count + 3) bytes, longer than a file name may be (\(SiteModelBuilder.maximumNameLength))",
                hint: "shorten the title", at: nil))
        } else {
            let section = SiteModelBuilder.sectionFolder(of: folder + "/").map { Slug.make(String($0)) } ?? ""
            if let problem = SiteModelBuilder.addressProblem(config.permalink.expand(slug: slug, date: local, section: section)) {
                diagnostics.append(.error(problem.code, problem.message, hint: "give the article another title", at: nil))
            }
        }

        let day = Day(date)
        let resolver = CommuneResolver(gazetteer)
        var names: [String] = []
        var ids: Set<Int> = []
        for (entry, column) in ArticleParser.commaListParts(communes) {
            let name = unquoted(oneLine(PlaceName.withPlainSpaces(entry.nfc)))
            let location = SourceLocation(file: communesOption, line: 1, column: column)
            let resolution = resolver.resolve(name, on: day)
            guard case .found(let id) = resolution else {
                diagnostics += resolver.problem(resolution, entry: name, on: day, at: location) {
                    "separate the communes with commas: \(communesOption) \"\($0.joined(separator: ", "))\""
                }.map { [$0] } ?? []
                continue
            }
            guard ids.insert(id).inserted else { continue }
            names.append(resolver.unambiguousName(gazetteer.communes[id], on: day))
            if let warning = resolver.eraWarning(id, on: day, at: location) { diagnostics.append(warning) }
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }

        let text = """
            ---
            title: \(YAMLText.quoted(headline))
            date: "\(date.vietnameseTime), \(date.vietnameseDate)"
            draft: true
            communes: [\(names.map(YAMLText.flowItem).joined(separator: ", "))]
            ---

            \(placeholder)

            """
        return (Draft(path: "\(folder)/\(slug).md", text: text), diagnostics)
    }

    /// `"02437"` as `communes:` has it in the docs: the quotes are YAML's, not the name's.
    private static func unquoted(_ text: String) -> String {
        for (open, close) in [("\"", "\""), ("'", "'"), ("“", "”")] where text.count > 2 && text.hasPrefix(open) && text.hasSuffix(close) {
            return oneLine(String(text.dropFirst().dropLast()))
        }
        return text
    }

    /// Every run of white space (line breaks, tabs, no-break spaces) made one space, none at the ends.
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

import Foundation
import Mustache

/// The theme's Mustache templates, parsed once; a missing or broken template is a located error.
public struct TemplateSet: Sendable {
    public static let folder = "templates"
    /// Templates every build renders.
    public static let required = ["home", "article", "article-card", "communes", "commune", "404"]

    let library: MustacheLibrary
    /// Template name → its text, so that the build cache can tell when a template changed.
    let sources: [String: String]

    static func load(from root: URL, relativeTo site: URL) -> (TemplateSet?, [Diagnostic]) {
        let folder = root.appendingPathComponent(folder)
        var diagnostics: [Diagnostic] = []
        var templates: [String: MustacheTemplate] = [:]
        var sources: [String: String] = [:]
        let files = FileTree.files(under: folder).filter { $0.hasSuffix(".mustache") && !$0.hasPrefix("assets/") }
        // Every template file, parsed or not: one with a syntax error is not also "missing".
        let names = Set(files.map { String($0.dropLast(".mustache".count)) })
        for file in files {
            let display = "\(Self.folder)/\(file)"
            let name = String(file.dropLast(".mustache".count))
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path) else {
                diagnostics.append(.error("io", "cannot read the template", at: SourceLocation(file: display)))
                continue
            }
            switch SourceText.decode(data, file: display) {
            case .failure(let d): diagnostics.append(d)
            case .success(let text):
                do {
                    templates[name] = try MustacheTemplate(string: FastHTMLContentType.pragma + text)
                    sources[name] = text
                } catch let error as MustacheTemplate.ParserError {
                    let line = error.context.lineNumber
                    let column = line == 1 ? max(1, error.context.columnNumber - FastHTMLContentType.pragma.count) : error.context.columnNumber
                    diagnostics.append(.error(
                        "template-syntax", "template syntax error: \(Self.describe(error.error))",
                        hint: "check that every {{#section}} has its {{/section}} and each tag is closed with }}",
                        at: SourceLocation(file: display, line: line, column: column)))
                } catch {
                    diagnostics.append(.error("template-syntax", "template syntax error: \(error)", at: SourceLocation(file: display)))
                }
            }
        }
        for name in required where !names.contains(name) {
            diagnostics.append(.error("missing-template", "the theme has no '\(name)' template", hint: "add \(Self.folder)/\(name).mustache (see the default theme)", at: nil))
        }
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
            for (referenced, line) in Self.referencedTemplates(text) where !names.contains(referenced) {
                diagnostics.append(.error("missing-template", "template '\(name)' uses '\(referenced)', which does not exist", hint: "add \(Self.folder)/\(referenced).mustache or fix the name", at: SourceLocation(file: "\(Self.folder)/\(name).mustache", line: line)))
            }
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (TemplateSet(library: MustacheLibrary(templates: templates), sources: sources), diagnostics)
    }

    /// Names used as `{{> partial}}` or `{{< parent}}`, with their lines.
    static func referencedTemplates(_ text: String) -> [(String, Int)] {
        var found: [(String, Int)] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                rest = rest[open.upperBound...]
                let trimmed = rest.drop { $0 == " " }
                guard let sigil = trimmed.first, sigil == ">" || sigil == "<" else { continue }
                let name = trimmed.dropFirst().drop { $0 == " " }.prefix { !$0.isWhitespace && $0 != "}" }
                if !name.isEmpty && !name.hasPrefix("*") { found.append((String(name), index + 1)) }
            }
        }
        return found
    }

    private static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: return "a closing {{/…}} tag does not match the section it closes"
        case .unfinishedName?: return "a tag is not finished"
        case .expectedSectionEnd?: return "a section is never closed"
        case .invalidSetDelimiter?: return "bad set-delimiter tag"
        default: return "\(error)"
        }
    }

    /// Renders a template that `load` checked exists.
    func render(_ name: String, _ context: Any) -> String {
        library.render(ViewRef.wrap(context), withTemplate: name) ?? ""
    }

    /// Renders a template made from part of a theme's template, with this theme's partials.
    func render(_ template: MustacheTemplate, _ context: Any) -> String {
        template.render(ViewRef.wrap(context), library: library)
    }
}

/// The same escaping as swift-mustache's HTML content type (`& < > " '`), done on UTF-8 bytes
/// instead of Characters: escaping is most of the cost of rendering list pages. Every template
/// is parsed with `pragma` in front, so theme authors write nothing special.
struct FastHTMLContentType: MustacheContentType {
    static let name = "BANTIN_HTML"
    static let pragma: String = {
        MustacheContentTypes.register(FastHTMLContentType(), named: name)
        return "{{% CONTENT_TYPE: \(name) }}"
    }()

    func escapeText(_ text: String) -> String { Escape.html(text) }
}

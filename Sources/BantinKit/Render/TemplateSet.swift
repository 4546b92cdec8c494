import Foundation
import Mustache

/// The theme's Mustache templates, parsed once; a missing or broken template is a located error.
public struct TemplateSet: Sendable {
    public static let folder = "templates"

    let library: MustacheLibrary

    /// The theme from its `.mustache` files (paths under `templates/`, and their bytes or nil
    /// when unreadable), read by the settings stage.
    static func load(_ files: [(path: String, data: Data?)]) -> (TemplateSet?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var templates: [String: MustacheTemplate] = [:]
        var outlines: [String: TemplateOutline] = [:]
        // Every template file, parsed or not: one with a syntax error is not also "missing".
        let names = Set(files.map { String($0.path.dropLast(".mustache".count)) })
        for (file, data) in files {
            let display = "\(Self.folder)/\(file)"
            let name = String(file.dropLast(".mustache".count))
            guard let data else {
                diagnostics.append(.error(.io, "cannot read the template", at: SourceLocation(file: display)))
                continue
            }
            switch SourceText.decode(data, file: display) {
            case .failure(let d): diagnostics.append(d)
            case .success(let text):
                let outline = TemplateOutline(text)
                outlines[name] = outline
                // Found before swift-mustache parses the text: nested too deep, it would crash.
                let problems = outline.problems
                for problem in problems {
                    diagnostics.append(.error(
                        .templateSyntax, "template syntax error: \(problem.message)", hint: problem.hint,
                        at: SourceLocation(file: display, line: problem.line, column: problem.column)))
                }
                guard problems.isEmpty else { continue }
                do {
                    templates[name] = try MustacheTemplate(string: FastHTMLContentType.pragma + text)
                } catch let error as MustacheTemplate.ParserError {
                    let line = error.context.lineNumber
                    let column = line == 1 ? max(1, error.context.columnNumber - FastHTMLContentType.pragma.count) : error.context.columnNumber
                    diagnostics.append(.error(
                        .templateSyntax, "template syntax error: \(Self.describe(error.error))",
                        hint: "check that every {{#section}} has its {{/section}} and each tag is closed with }}",
                        at: SourceLocation(file: display, line: line, column: column)))
                } catch {
                    diagnostics.append(.error(.templateSyntax, "template syntax error: \(Self.describe(error))", at: SourceLocation(file: display)))
                }
            }
        }
        for name in TemplateName.allCases.map(\.rawValue) where !names.contains(name) {
            diagnostics.append(.error(.missingTemplate, "the theme has no '\(name)' template", hint: "add \(Self.folder)/\(name).mustache (see the default theme)", at: nil))
        }
        for (name, outline) in outlines.sorted(by: { $0.key < $1.key }) {
            for reference in outline.references where !names.contains(reference.name) {
                diagnostics.append(.error(.missingTemplate, "template '\(name)' uses '\(reference.name)', which does not exist", hint: "add \(Self.folder)/\(reference.name).mustache or fix the name", at: SourceLocation(file: "\(Self.folder)/\(name).mustache", line: reference.line)))
            }
        }
        diagnostics += cycles(outlines)
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (TemplateSet(library: MustacheLibrary(templates: templates)), diagnostics)
    }

    /// Templates that include or inherit from themselves, directly or through others: rendering
    /// one would never end (swift-mustache recurses until the stack overflows). One error a
    /// cycle, at the reference from its first template in name order.
    static func cycles(_ outlines: [String: TemplateOutline]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var reported: Set<[String]> = []
        var done: Set<String> = []
        var path: [String] = []
        func visit(_ name: String) {
            if let start = path.firstIndex(of: name) {
                var cycle = Array(path[start...])
                let first = cycle.indices.min { cycle[$0] < cycle[$1] }!
                cycle = Array(cycle[first...] + cycle[..<first])
                guard reported.insert(cycle).inserted else { return }
                let next = cycle.count > 1 ? cycle[1] : cycle[0]
                guard let tag = outlines[cycle[0]]?.references.first(where: { $0.name == next }) else { return }
                let route = (cycle + [cycle[0]]).map { "'\($0)'" }.joined(separator: " → ")
                let verb = tag.sigil == "<" ? "inherits from" : "includes"
                diagnostics.append(.error(
                    .templateCycle, cycle.count == 1 ? "template '\(cycle[0])' \(verb) itself" : "template '\(cycle[0])' \(verb) itself through others: \(route)",
                    hint: "a template cannot use, directly or through others, the template it is in; remove one of these {{\(tag.sigil.map(String.init) ?? ">") …}} tags",
                    at: SourceLocation(file: "\(Self.folder)/\(cycle[0]).mustache", line: tag.line, column: tag.column)))
                return
            }
            guard !done.contains(name), let outline = outlines[name] else { return }
            path.append(name)
            for reference in outline.references { visit(reference.name) }
            path.removeLast()
            done.insert(name)
        }
        for name in outlines.keys.sorted() { visit(name) }
        return diagnostics
    }

    /// swift-mustache's errors in a theme author's words, never the name of one of its enums.
    private static func describe(_ error: Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: return "a closing {{/…}} tag does not match the section it closes"
        case .unfinishedName?: return "a tag is not finished"
        case .expectedSectionEnd?: return "a section is never closed"
        case .invalidSetDelimiter?: return "bad set-delimiter tag"
        case .transformAppliedToInheritanceSection?: return "a {{$block}} section cannot have a function applied to it"
        case .illegalTokenInsideInheritSection?, .textInsideInheritSection?: return "only {{$block}} sections may be inside {{<parent}}…{{/parent}}"
        case .invalidConfigVariableSyntax?: return "a {{% … }} tag is badly written"
        case .unrecognisedConfigVariable?: return "a {{% … }} tag names an unknown setting"
        case nil: return "the text cannot be read as a template"
        }
    }

    /// Renders a template that `load` checked exists.
    func render(_ name: TemplateName, _ context: Any) -> String {
        library.render(ViewRef.wrap(context), withTemplate: name.rawValue) ?? ""
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

import Foundation

/// The tags of a Mustache template with where they are, read without parsing it: what the
/// theme checks need before swift-mustache sees the text. Its parser and renderer recurse once
/// per nested section and per partial, so a template nested thousands deep, or including
/// itself, ends the process (a stack overflow) instead of failing with an error.
struct TemplateOutline {
    struct Tag: Equatable {
        /// `#`, `^`, `/`, `>`, `<`, `$`, `!`, `=`, `&`, `{`, `%`, or nil for a plain `{{name}}`.
        let sigil: Character?
        let name: String
        let line: Int
        let column: Int
    }

    /// A problem found in the outline, at a tag.
    struct Problem: Equatable {
        let message: String
        let hint: String
        let line: Int
        let column: Int
    }

    /// Deeper than any theme needs (the default one nests 4), far below what overflows a
    /// thread's stack in swift-mustache.
    static let maximumDepth = 100

    let tags: [Tag]

    /// Reads the tags, following set-delimiter tags (`{{=<% %>=}}`) as Mustache does.
    init(_ text: String) {
        var tags: [Tag] = []
        var open = "{{", close = "}}"
        var rest = text[...]
        var line = 1
        var lineStart = text.startIndex
        // Lines are counted up to here.
        var counted = text.startIndex
        func advanceLines(to index: String.Index) {
            while let newline = text[counted..<index].firstIndex(of: "\n") {
                line += 1
                lineStart = text.index(after: newline)
                counted = lineStart
            }
            counted = index
        }
        while let start = rest.range(of: open) {
            advanceLines(to: start.lowerBound)
            let column = text.distance(from: lineStart, to: start.lowerBound) + 1
            let tagLine = line
            var inner = rest[start.upperBound...]
            // A triple mustache ends with one more brace than the closing delimiter.
            let triple = open == "{{" && inner.first == "{"
            let end = inner.range(of: triple ? "}" + close : close)
            let body = end.map { inner[..<$0.lowerBound] } ?? inner
            inner = end.map { inner[$0.upperBound...] } ?? inner[inner.endIndex...]
            let trimmed = body.drop { $0.isWhitespace }
            let sigil = trimmed.first.flatMap { Self.sigils.contains($0) ? $0 : nil }
            var name = (sigil == nil ? trimmed : trimmed.dropFirst()).trimmingCharacters(in: .whitespacesAndNewlines)
            if sigil == "=" {
                let parts = name.dropLast(name.hasSuffix("=") ? 1 : 0).split(whereSeparator: \.isWhitespace)
                if parts.count == 2 {
                    open = String(parts[0])
                    close = String(parts[1])
                }
                name = ""
            }
            tags.append(Tag(sigil: sigil, name: name, line: tagLine, column: column))
            advanceLines(to: inner.startIndex)
            rest = inner
        }
        self.tags = tags
    }

    private static let sigils: Set<Character> = ["#", "^", "/", ">", "<", "$", "!", "=", "&", "{", "%"]

    /// Templates included (`{{> name}}`) or inherited from (`{{< name}}`), with their tags;
    /// dynamic names (`{{>*name}}`, refused by `problems`) are left out.
    var references: [Tag] {
        tags.filter { ($0.sigil == ">" || $0.sigil == "<") && !$0.name.isEmpty && !$0.name.hasPrefix("*") }
    }

    /// What swift-mustache would stumble on, found where it is: sections nested deeper than
    /// `maximumDepth`, anything but `{{$block}}` sections directly inside `{{< parent}}`
    /// (which its parser reports at the end of the section, in the name of an internal enum),
    /// sections not closed or closed by the wrong name, and templates chosen by a value.
    var problems: [Problem] {
        var open: [Tag] = []
        for tag in tags {
            // A template chosen by a value: an article titled like the template it is shown in
            // would include itself for ever, and no check here can see it.
            if tag.sigil == ">" || tag.sigil == "<", tag.name.hasPrefix("*") {
                return [Problem(
                    message: "{{\(tag.sigil!)\(tag.name)}} chooses the template by a value, which Bantin does not allow",
                    hint: "name the template itself, e.g. {{\(tag.sigil!) article-card}}", line: tag.line, column: tag.column)]
            }
            switch tag.sigil {
            case "#", "^", "$", "<":
                if open.last?.sigil == "<", tag.sigil != "$" {
                    return [inheritanceProblem(tag, parent: open.last!)]
                }
                open.append(tag)
                if open.count > Self.maximumDepth {
                    return [Problem(
                        message: "sections are nested more than \(Self.maximumDepth) deep here",
                        hint: "a theme never needs this many sections inside one another; close some with {{/…}}",
                        line: tag.line, column: tag.column)]
                }
            case "/":
                guard let section = open.popLast() else {
                    return [Problem(message: "{{/\(tag.name)}} closes no section", hint: "remove it, or add the {{#\(tag.name)}} it closes before it", line: tag.line, column: tag.column)]
                }
                // Compared as swift-mustache does, by name and functions: `{{/ f(x) }}` closes `{{#f(x)}}`.
                if section.name.filter({ !$0.isWhitespace }) != tag.name.filter({ !$0.isWhitespace }) {
                    return [Problem(
                        message: "{{/\(tag.name)}} does not close {{\(section.sigil.map(String.init) ?? "")\(section.name)}} (line \(section.line)), which is still open",
                        hint: "add {{/\(section.name)}} before it, or fix the name", line: tag.line, column: tag.column)]
                }
            case "!", "=":
                continue
            default:
                if let parent = open.last, parent.sigil == "<" { return [inheritanceProblem(tag, parent: parent)] }
            }
        }
        // swift-mustache says so at the end of the file; the editor needs the opening tag.
        if let unclosed = open.last {
            return [Problem(
                message: "{{\(unclosed.sigil.map(String.init) ?? "")\(unclosed.name)}} is never closed",
                hint: "add {{/\(unclosed.name)}} where the section ends",
                line: unclosed.line, column: unclosed.column)]
        }
        return []
    }

    private func inheritanceProblem(_ tag: Tag, parent: Tag) -> Problem {
        let shown = "{{\(tag.sigil.map(String.init) ?? "")\(tag.name)}}"
        return Problem(
            message: "\(shown) is inside {{<\(parent.name)}} (line \(parent.line)), where only {{$block}} sections may be",
            hint: "move it into a {{$block}}…{{/block}} section, or after {{/\(parent.name)}}",
            line: tag.line, column: tag.column)
    }
}

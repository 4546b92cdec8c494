import Foundation
import Yams

/// A parsed YAML document that reports problems at their place in the file.
/// `lineOffset` shifts Yams' line numbers when the YAML starts inside a larger file (front matter).
struct YAMLDocument {
    /// Whether `key` is probably `known` mistyped: a letter or two off, or a plural without its "s".
    static func isLikelyTypo(_ key: String, of known: String) -> Bool {
        let k = key.lowercased(), known = known.lowercased()
        if k == known { return true }
        if known.hasSuffix("s"), k == String(known.dropLast()) { return true }
        return editDistance(k, known) <= (known.count > 5 ? 2 : 1)
    }

    let file: String
    let lineOffset: Int
    let root: Node?

    /// Yams makes its default constructor anew on every call (8,000 instructions); the parser
    /// only holds it, as our nodes are never turned into values by it.
    nonisolated(unsafe) private static let constructor = Constructor.default

    /// Parses `text`; a syntax error becomes a located diagnostic.
    static func parse(_ text: String, file: String, lineOffset: Int = 0) -> Result<YAMLDocument, Diagnostic> {
        do {
            // The encoding is given so that Yams does not read the environment on every parse.
            let parser = try Parser(yaml: text, resolver: .basic, constructor: constructor, encoding: .utf8)
            let root = try parser.singleRoot()
            // A node's anchor is held weakly, by the parser: looked for while it lives.
            if let anchored = withExtendedLifetime(parser, { root.flatMap(firstAnchored) }) {
                // An alias is a copy of what its anchor names: nested ones grow a few lines into
                // billions of values. Editors never need them.
                return .failure(.error(
                    .yamlAnchor, "'&\(anchored.anchor?.rawValue ?? "")' names a value to repeat with '*', which Bantin does not accept",
                    hint: "write the value out in full; if '&' or '*' belong to the text, put the text in quotes",
                    at: SourceLocation(file: file, line: (anchored.mark?.line ?? 1) + lineOffset, column: anchored.mark?.column ?? 1)))
            }
            return .success(YAMLDocument(file: file, lineOffset: lineOffset, root: root))
        } catch let error as YamlError {
            return .failure(syntaxDiagnostic(error, file: file, lineOffset: lineOffset))
        } catch {
            return .failure(.error(.yamlSyntax, "cannot read YAML: \(error)", at: SourceLocation(file: file, line: lineOffset + 1)))
        }
    }

    /// A `key:value` line whose colon YAML does not take for one: no space after it, a no-break
    /// space (pasted from Word), or a full-width '：'. nil for a line that has a proper `key: `.
    private static func keyWithoutSpace(_ line: Substring) -> (message: String, hint: String, column: Int)? {
        guard line.first != " ", !line.contains(": "), !line.hasSuffix(":") else { return nil }
        let characters = Array(line)
        for (index, character) in characters.enumerated() where character == ":" || character == "：" {
            let key = String(characters[..<index]).trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, !key.contains(" ") else { return nil }
            let rest = String(characters[(index + 1)...])
            let value = rest.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\u{00A0}")))
            let fixed = "\(key): \(value)"
            if character == "：" {
                return ("'\(key)' is followed by a full-width '：', which YAML does not read as ':'", "type a plain ':' then a space: \(fixed)", index + 1)
            }
            if rest.first == "\u{00A0}" {
                return ("the space after '\(key):' is a no-break space (often pasted from Word), which YAML does not count", "type a plain space after ':': \(fixed)", index + 1)
            }
            return ("'\(key):' has no space after ':', so YAML does not read '\(key)' as a key", "put a space after ':': \(fixed)", index + 1)
        }
        return nil
    }

    /// The first node, in file order, that has an anchor (`&name`); nil when there is none. The
    /// walk stops there, before any alias of it: it never goes through a repeated value.
    private static func firstAnchored(_ node: Node) -> Node? {
        if node.anchor != nil { return node }
        switch node {
        case .sequence(let sequence): return sequence.lazy.compactMap(firstAnchored).first
        case .mapping(let mapping): return mapping.lazy.compactMap { firstAnchored($0.key) ?? firstAnchored($0.value) }.first
        default: return nil
        }
    }

    private static func syntaxDiagnostic(_ error: YamlError, file: String, lineOffset: Int) -> Diagnostic {
        let hint = "check the indentation, that each key ends with ':' followed by a space, and that text with ':', '#', quotes or brackets is put in quotes"
        func located(_ problem: String, _ context: YamlError.Context?, _ mark: Mark, _ yaml: String) -> Diagnostic {
            var message = "YAML syntax error: \(problem)"
            var advice = hint
            // The mistakes editors make most, said in their words.
            let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            let line = lines.dropFirst(mark.line - 1).first ?? ""
            // libyaml also breaks lines at U+2028, U+2029 and U+0085: its line may be past these.
            let previous = mark.line >= 2 ? lines.dropFirst(mark.line - 2).first : nil
            if problem.contains("mapping values are not allowed"), let previous, let found = keyWithoutSpace(previous) {
                // `title:Hội nghị` is text to YAML, which then finds the next line's key inside it.
                return .error(.yamlSyntax, found.message, hint: found.hint, at: SourceLocation(file: file, line: mark.line - 1 + lineOffset, column: found.column))
            } else if problem.contains("mapping values are not allowed"), line.first == " ", let previous, let colon = previous.firstIndex(of: ":"),
                      previous.first != " ", previous[previous.index(after: colon)...].first == " " {
                // A value carried on to an indented line, which holds ': ' too.
                let key = previous[..<colon].trimmingCharacters(in: .whitespaces)
                let value = (previous[previous.index(after: colon)...].trimmingCharacters(in: .whitespaces) + " " + line.trimmingCharacters(in: .whitespaces))
                message = "this line carries on the value of '\(key)' from line \(mark.line - 1 + lineOffset), and its ': ' reads as a new key"
                return .error(.yamlSyntax, message, hint: "write the value on one line, in quotes: \(key): \"\(value.replacingOccurrences(of: "\"", with: "'"))\"",
                              at: SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column))
            } else if problem.contains("mapping values are not allowed"), let colon = line.firstIndex(of: ":"),
                      !"\"'".contains(line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces).first ?? " ") {
                let key = line[..<colon].trimmingCharacters(in: .whitespaces)
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                message = "the value of '\(key)' contains ': ', which YAML reads as a new key"
                advice = "put the value in quotes: \(key): \"\(value.replacingOccurrences(of: "\"", with: "'"))\""
            } else if line.contains("\t") {
                message = "a tab character: YAML front matter is indented with spaces only"
                advice = "replace the tab at the start of the line with spaces (or remove it)"
            }
            if let context {
                message += " (\(context.text) at line \(context.mark.line + lineOffset))"
                if context.mark.line < mark.line {
                    advice = "look at line \(context.mark.line + lineOffset) too: a quote or bracket opened there may not be closed; " + hint
                }
            }
            return .error(.yamlSyntax, message, hint: advice, at: SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column))
        }
        switch error {
        case let .scanner(context, problem, mark, yaml), let .parser(context, problem, mark, yaml), let .composer(context, problem, mark, yaml):
            return located(problem, context, mark, yaml)
        case let .duplicatedKeysInMapping(duplicates, context):
            // Yams gives the first key's place only: the copies are looked for from there on, at its
            // indentation, up to the end of its mapping (a line indented less).
            let indent = max(0, context.mark.column - 1)
            var lines: [Int] = []
            for (index, line) in context.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().dropFirst(max(0, context.mark.line - 1)) {
                let leading = line.prefix { $0 == " " }.count
                let rest = line.dropFirst(leading)
                if rest.isEmpty || rest.first == "#" { continue }
                if leading < indent || (leading == indent && rest.hasPrefix("- ") && !lines.isEmpty) { break }
                guard leading == indent else { continue }
                let key = rest.prefix { $0 != ":" }.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                if duplicates.contains(key), rest.contains(":") { lines.append(index + 1) }
            }
            let last = lines.last ?? context.mark.line
            let onLines = lines.count > 1 ? " (lines " + lines.map { String($0 + lineOffset) }.joined(separator: ", ") + ")" : ""
            return .error(
                .duplicateKey, "the key \(duplicates.map { "\"\($0)\"" }.joined(separator: ", ")) is written more than once\(onLines)",
                hint: "keep one of them", at: SourceLocation(file: file, line: last + lineOffset, column: context.mark.column))
        case let .reader(problem, offset, value, yaml):
            // Yams gives the offset in Characters; columns count code points, as Yams' marks do.
            var line = 1, column = 1
            if let offset {
                for character in yaml.prefix(offset) {
                    if character == "\n" { line += 1; column = 1 } else { column += character.unicodeScalars.count }
                }
            }
            let character = value >= 0 ? String(format: "U+%04X", value) : nil
            return .error(
                .yamlSyntax, "YAML cannot be read: \(problem)\(character.map { " (\($0))" } ?? "")",
                hint: "remove the invisible character there (retype the text around it); it often comes with text pasted from Word or a web page",
                at: SourceLocation(file: file, line: line + lineOffset, column: column))
        default:
            return .error(.yamlSyntax, "YAML cannot be read: \(error)", at: SourceLocation(file: file, line: lineOffset + 1))
        }
    }

    func location(of node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(file: file, line: lineOffset + 1) }
        return SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column)
    }

    /// The mapping at the root, or a diagnostic saying the file must be `key: value` lines.
    func rootMapping(what: String) -> Result<Node.Mapping, Diagnostic> {
        guard let root else { return .success(Node.Mapping([])) }
        if let mapping = root.mapping { return .success(mapping) }
        return .failure(.error(.wrongType, "\(what) must be a list of 'key: value' lines", at: location(of: root)))
    }
}

/// Reads typed values out of a YAML mapping, recording a diagnostic for each value of the wrong type.
struct YAMLFields {
    let document: YAMLDocument
    let mapping: Node.Mapping
    /// Each text key's value (the last, as `Node.Mapping` finds it). Its own look-up makes a
    /// `Node` of the key and compares it with every pair, for each of a dozen fields per article.
    private let values: [String: Node]
    var diagnostics: [Diagnostic] = []

    init(_ document: YAMLDocument, _ mapping: Node.Mapping) {
        self.document = document
        self.mapping = mapping
        var values: [String: Node] = [:]
        values.reserveCapacity(mapping.count)
        for pair in mapping {
            guard let key = pair.key.scalar?.string else { continue }
            values[key] = pair.value
        }
        self.values = values
    }

    /// Warns about keys not in `known`; a key close to a known one gets a "did you mean".
    mutating func warnUnknownKeys(_ known: [String], in what: String, otherwise: String? = nil) {
        for (key, node) in keys where !known.contains(key) {
            let near = known.first { YAMLDocument.isLikelyTypo(key, of: $0) }
            diagnostics.append(.warning(
                .unknownKey, "unknown setting '\(key)' in \(what)",
                hint: near.map { "did you mean '\($0)'?" } ?? "known settings here: \(known.joined(separator: ", "))" + (otherwise.map { "; \($0)" } ?? ""),
                at: document.location(of: node)))
        }
    }

    var keys: [(String, Node)] {
        mapping.compactMap { pair in pair.key.scalar.map { ($0.string, pair.key) } }
    }

    func node(_ key: String) -> Node? { values[key] }

    /// A key that is absent or has no value (`date:` alone).
    func isMissing(_ key: String) -> Bool {
        guard let node = values[key] else { return true }
        return isNull(node)
    }

    func keyLocation(_ key: String) -> SourceLocation {
        document.location(of: mapping.first { $0.key.scalar?.string == key }?.key)
    }

    private mutating func wrongType(_ key: String, _ node: Node, expected: String, example: String) {
        diagnostics.append(.error(.wrongType, "'\(key)' must be \(expected)", hint: "write it like: \(key): \(example)", at: document.location(of: node)))
    }

    /// A scalar's text (any YAML scalar: numbers and dates stay as written).
    mutating func text(_ key: String) -> (String, SourceLocation)? {
        guard let node = node(key), !isNull(node) else { return nil }
        guard let scalar = node.scalar else {
            wrongType(key, node, expected: "a single text value", example: "\"…\"")
            return nil
        }
        return (scalar.string.nfc, document.location(of: node))
    }

    /// Like `text`, but a plain number or true/false is a mistake (e.g. `communes: 5`).
    mutating func string(_ key: String) -> (String, SourceLocation)? {
        guard let node = node(key), !isNull(node) else { return nil }
        guard let scalar = node.scalar, node.scalarKind == .text else {
            wrongType(key, node, expected: "text", example: "\"…\"")
            return nil
        }
        return (scalar.string.nfc, document.location(of: node))
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let node = node(key), !isNull(node) else { return nil }
        guard case .bool(let value) = node.scalarKind else {
            wrongType(key, node, expected: "true or false", example: "true")
            return nil
        }
        return value
    }

    mutating func int(_ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let node = node(key), !isNull(node) else { return nil }
        guard case .int(let value) = node.scalarKind, range.contains(value) else {
            wrongType(key, node, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)", example: "\(range.lowerBound)")
            return nil
        }
        return value
    }

    /// A list of texts; a single text is taken as a list of one.
    mutating func stringList(_ key: String) -> [(String, SourceLocation)]? {
        guard let node = node(key), !isNull(node) else { return nil }
        if let sequence = node.sequence {
            var items: [(String, SourceLocation)] = []
            for item in sequence {
                // In a list, plain numbers are texts as written: unquoted codes like 02218 (YAML
                // would read some as octal or float) are still codes.
                guard let scalar = item.scalar, item.scalarKind != .null, !item.isBool else {
                    wrongType(key, item, expected: "a list of texts", example: "[A, B]")
                    continue
                }
                items.append((scalar.string.nfc, document.location(of: item)))
            }
            return items
        }
        if let scalar = node.scalar, node.scalarKind == .text {
            return [(scalar.string.nfc, document.location(of: node))]
        }
        wrongType(key, node, expected: "a list of texts or one text", example: key == "communes" ? "[Hùng Lợi, \"Tân Thành (Hàm Yên)\"]" : "[A, B]")
        return nil
    }

    /// A list of groups of `key: value` lines (`corrections:`); each item that is not one is a
    /// located error.
    mutating func mappingList(_ key: String, example: String) -> [YAMLFields]? {
        guard let node = node(key), !isNull(node) else { return nil }
        guard let sequence = node.sequence else {
            wrongType(key, node, expected: "a list of groups of 'key: value' lines", example: example)
            return nil
        }
        return sequence.compactMap { item in
            guard let mapping = item.mapping else {
                wrongType(key, item, expected: "a list of groups of 'key: value' lines", example: example)
                return nil
            }
            return YAMLFields(document, mapping)
        }
    }

    mutating func mapping(_ key: String) -> YAMLFields? {
        guard let node = node(key), !isNull(node) else { return nil }
        guard let mapping = node.mapping else {
            wrongType(key, node, expected: "a group of indented 'key: value' lines", example: "(new line)  name: value")
            return nil
        }
        return YAMLFields(document, mapping)
    }

    private func isNull(_ node: Node) -> Bool {
        node.scalarKind == .null
    }
}

extension Node {
    /// A template-friendly value: texts, numbers, booleans, lists and keyed groups, keys in file order.
    var templateValue: TemplateValue {
        switch self {
        case .scalar(let scalar):
            switch scalarKind {
            case .bool(let value): return .bool(value)
            case .null: return .null
            default: return .text(scalar.string.nfc)
            }
        case .sequence(let sequence):
            return .list(sequence.map(\.templateValue))
        case .mapping(let mapping):
            return .keyed(mapping.compactMap { pair in pair.key.scalar.map { ($0.string, pair.value.templateValue) } })
        case .alias:
            return .null
        }
    }
}

/// What a scalar means, by YAML 1.1's rules for plain scalars, for the few types front matter
/// and site.yaml use. Done here rather than by Yams' resolver, which runs a regular expression per
/// rule and scalar; anything quoted is text, and numbers other than decimal integers stay text.
enum YAMLScalarKind: Equatable {
    case null, bool(Bool), int(Int), text
}

extension Node {
    var scalarKind: YAMLScalarKind? {
        guard let scalar else { return nil }
        guard scalar.style == .plain || scalar.style == .any else { return .text }
        // Every keyword is at most 5 ASCII bytes; comparing longer (often Vietnamese) texts with
        // each would go through Unicode-aware string comparison.
        let text = scalar.string, utf8 = text.utf8
        guard utf8.count <= 20 else { return .text }
        if utf8.count <= 5 {
            switch text {
            case "", "~", "null", "Null", "NULL": return .null
            case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return .bool(true)
            case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return .bool(false)
            default: break
            }
        }
        // A decimal integer: an optional sign, then digits, no leading zero (YAML 1.1 reads 012 as octal).
        let digits = utf8.first == UInt8(ascii: "-") || utf8.first == UInt8(ascii: "+") ? utf8.dropFirst() : utf8[...]
        guard let first = digits.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first),
              digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              digits.count == 1 || first != UInt8(ascii: "0"), let value = Int(text) else { return .text }
        return .int(value)
    }

    var isBool: Bool {
        if case .bool = scalarKind { return true }
        return false
    }
}


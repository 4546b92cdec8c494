/// A JSON value with its object keys in the order written, for JSON-LD. Encoded as text that is
/// safe inside an HTML `<script>` element: `<`, `>` and `&` are written `\u003c`, `\u003e`,
/// `\u0026`, so no text (a title holding `</script>` or `<!--`) can end or change the element.
enum ScriptJSON: Sendable {
    case string(String)
    case int(Int)
    case array([ScriptJSON])
    case object([(String, ScriptJSON)])

    /// An object whose pairs with a nil value are left out.
    static func fields(_ pairs: [(String, ScriptJSON?)]) -> ScriptJSON {
        .object(pairs.compactMap { key, value in value.map { (key, $0) } })
    }

    var encoded: String {
        var out = ""
        append(to: &out)
        return out
    }

    private func append(to out: inout String) {
        switch self {
        case .string(let text): Self.append(text, to: &out)
        case .int(let number): out += String(number)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.append(to: &out)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (i, (key, value)) in pairs.enumerated() {
                if i > 0 { out += "," }
                Self.append(key, to: &out)
                out += ":"
                value.append(to: &out)
            }
            out += "}"
        }
    }

    private static let hex = Array("0123456789abcdef".unicodeScalars)

    /// A JSON string literal. Besides what JSON requires (`"`, `\`, controls), `< > &` for the
    /// `<script>` element, and U+2028/U+2029, which older JavaScript parsers take as line ends.
    private static func append(_ text: String, to out: inout String) {
        out += "\""
        var plain = text.unicodeScalars.startIndex
        let scalars = text.unicodeScalars
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let scalar = scalars[i]
            let escape: String?
            switch scalar {
            case "\"": escape = "\\\""
            case "\\": escape = "\\\\"
            case "\n": escape = "\\n"
            case "\r": escape = "\\r"
            case "\t": escape = "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}": escape = unicodeEscape(scalar)
            default: escape = scalar.value < 0x20 ? unicodeEscape(scalar) : nil
            }
            if let escape {
                out.unicodeScalars.append(contentsOf: scalars[plain..<i])
                out += escape
                plain = scalars.index(after: i)
            }
            i = scalars.index(after: i)
        }
        out.unicodeScalars.append(contentsOf: scalars[plain...])
        out += "\""
    }

    private static func unicodeEscape(_ scalar: Unicode.Scalar) -> String {
        let v = Int(scalar.value)
        var text = "\\u"
        for shift in [12, 8, 4, 0] { text.unicodeScalars.append(hex[(v >> shift) & 0xF]) }
        return text
    }
}

/// A JSON value for JSON-LD, written as it is built, its object keys in the order written.
/// Encoded as text that is safe inside an HTML `<script>` element: `<`, `>` and `&` are written
/// `\u003c`, `\u003e`, `\u0026`, so no text (a title holding `</script>` or `<!--`) can end or
/// change the element. Written straight into one string: an article page's data is made for
/// every page of a build, and a tree of values copied on the way to its text was 3 % of one.
struct ScriptJSON: Sendable {
    /// The encoded value.
    private(set) var text: String
    /// Whether the next key or element needs a comma before it.
    private var hasItems = false

    private init(_ open: String) { text = open }

    /// An object, its fields added by `fill`.
    static func object(_ fill: (inout ScriptJSON) -> Void) -> ScriptJSON {
        var json = ScriptJSON("{")
        fill(&json)
        json.text.append("}")
        return json
    }

    /// An array, its elements appended by `fill`.
    static func array(_ fill: (inout ScriptJSON) -> Void) -> ScriptJSON {
        var json = ScriptJSON("[")
        fill(&json)
        json.text.append("]")
        return json
    }

    /// A string value.
    static func string(_ value: String) -> ScriptJSON {
        var json = ScriptJSON("")
        json.appendLiteral(value)
        return json
    }

    // In an object. A nil value leaves the field out.

    mutating func add(_ key: String, _ value: String?) {
        guard let value else { return }
        startField(key)
        appendLiteral(value)
    }

    mutating func add(_ key: String, _ value: Int) {
        startField(key)
        text.append(String(value))
    }

    /// A value encoded already: one that many pages hold (the publisher, a commune's place) is
    /// encoded once a build rather than once a page.
    mutating func add(_ key: String, _ value: ScriptJSON?) {
        guard let value else { return }
        startField(key)
        text.append(value.text)
    }

    mutating func addObject(_ key: String, _ fill: (inout ScriptJSON) -> Void) {
        add(key, .object(fill))
    }

    mutating func addArray(_ key: String, _ fill: (inout ScriptJSON) -> Void) {
        add(key, .array(fill))
    }

    // In an array.

    mutating func append(_ value: String) {
        startElement()
        appendLiteral(value)
    }

    mutating func append(_ value: ScriptJSON) {
        startElement()
        text.append(value.text)
    }

    mutating func appendObject(_ fill: (inout ScriptJSON) -> Void) {
        append(.object(fill))
    }

    private mutating func startElement() {
        if hasItems { text.append(",") }
        hasItems = true
    }

    private mutating func startField(_ key: String) {
        startElement()
        appendLiteral(key)
        text.append(":")
    }

    /// A JSON string literal. Besides what JSON requires (`"`, `\`, controls), `< > &` for the
    /// `<script>` element, and U+2028/U+2029, which older JavaScript parsers take as line ends.
    /// Most texts need none of it and are appended whole.
    private mutating func appendLiteral(_ value: String) {
        text.append("\"")
        if Self.needsEscaping(value) {
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": text.append("\\\"")
                case "\\": text.append("\\\\")
                case "\n": text.append("\\n")
                case "\r": text.append("\\r")
                case "\t": text.append("\\t")
                case "<", ">", "&", "\u{2028}", "\u{2029}", "\u{00}"..."\u{1F}":
                    let hex = String(scalar.value, radix: 16)
                    text.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                default: text.unicodeScalars.append(scalar)
                }
            }
        } else {
            text.append(value)
        }
        text.append("\"")
    }

    /// Whether `value` holds a character `appendLiteral` escapes, checked on its UTF-8 bytes
    /// (U+2028 and U+2029 are E2 80 A8 and E2 80 A9).
    private static func needsEscaping(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            for (i, byte) in bytes.enumerated() {
                switch byte {
                case 0x22, 0x5C, 0x3C, 0x3E, 0x26, 0..<0x20: return true
                case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9): return true
                default: continue
                }
            }
            return false
        }
    }
}

/// A JSON value with its object keys in the order written, for JSON-LD. Encoded as text that is
/// safe inside an HTML `<script>` element: `<`, `>` and `&` are written `\u003c`, `\u003e`,
/// `\u0026`, so no text (a title holding `</script>` or `<!--`) can end or change the element.
enum ScriptJSON: Sendable {
    case string(String)
    case int(Int)
    case array([ScriptJSON])
    case object([(String, ScriptJSON)])
    /// A value encoded already: one that many pages hold (the publisher, a commune's place) is
    /// encoded once a build rather than once a page.
    case encoded([UInt8])

    /// An object whose pairs with a nil value are left out.
    static func fields(_ pairs: [(String, ScriptJSON?)]) -> ScriptJSON {
        .object(pairs.compactMap { key, value in value.map { (key, $0) } })
    }

    var encoded: String { String(decoding: utf8, as: UTF8.self) }

    /// The encoded value's bytes (no String made of a large one: that would check them again).
    var utf8: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(2048)
        append(to: &out)
        return out
    }

    /// The same value, encoded now.
    var prepared: ScriptJSON {
        var out: [UInt8] = []
        append(to: &out)
        return .encoded(out)
    }

    // On UTF-8 bytes, into one buffer: an article page's data is made for every page of a build.
    private func append(to out: inout [UInt8]) {
        switch self {
        case .string(let text): Self.append(text, to: &out)
        case .int(let number): out.append(contentsOf: String(number).utf8)
        case .encoded(let bytes): out.append(contentsOf: bytes)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.append(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let pairs):
            out.append(UInt8(ascii: "{"))
            for (i, (key, value)) in pairs.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.append(key, to: &out)
                out.append(UInt8(ascii: ":"))
                value.append(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// The bytes that begin something to escape below (E2 begins U+2028 and U+2029).
    private static let mayNeedEscaping: [Bool] = (0...255).map { $0 < 0x20 || [0x22, 0x5C, 0x3C, 0x3E, 0x26, 0xE2].contains($0) }

    /// A JSON string literal. Besides what JSON requires (`"`, `\`, controls), `< > &` for the
    /// `<script>` element, and U+2028/U+2029 (E2 80 A8/A9), which older JavaScript parsers take
    /// as line ends.
    private static func append(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var plain = 0
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                // Most bytes are plain: one look-up each (a fifth of the time the cases below take).
                guard mayNeedEscaping[Int(byte)] else { i += 1; continue }
                let escaped: UInt32?
                var length = 1
                switch byte {
                case 0x22, 0x5C, 0x3C, 0x3E, 0x26, 0..<0x20: escaped = UInt32(byte)
                case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    escaped = bytes[i + 2] == 0xA8 ? 0x2028 : 0x2029
                    length = 3
                default: escaped = nil
                }
                guard let escaped else { i += 1; continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain..<i]))
                out.append(UInt8(ascii: "\\"))
                switch escaped {
                case 0x22: out.append(UInt8(ascii: "\""))
                case 0x5C: out.append(UInt8(ascii: "\\"))
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                default:
                    out.append(UInt8(ascii: "u"))
                    for shift: UInt32 in [12, 8, 4, 0] { out.append(hex[Int((escaped >> shift) & 0xF)]) }
                }
                i += length
                plain = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain...]))
        }
        out.append(UInt8(ascii: "\""))
    }
}

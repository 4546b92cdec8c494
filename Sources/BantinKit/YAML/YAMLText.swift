/// Text written into YAML so that it reads back as the same text, whatever it holds: `:`, `#`,
/// quotes, a leading `-` or `[`, `yes`, digits.
enum YAMLText {
    /// A double-quoted scalar: `"Hội nghị: \"Tổng kết\""`. Every character outside YAML's
    /// printable set, and the line breaks YAML would fold, is written as an escape.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\u{85}": out += "\\N"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            default:
                if isPrintable(scalar) {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += scalar.value <= 0xFF ? "\\x" + hex(scalar.value, digits: 2)
                        : scalar.value <= 0xFFFF ? "\\u" + hex(scalar.value, digits: 4) : "\\U" + hex(scalar.value, digits: 8)
                }
            }
        }
        return out + "\""
    }

    /// An item of a flow list (`[Hùng Lợi, Hà Giang 1]`): as it is when it is only letters,
    /// digits, spaces and parentheses, starts with a letter and is no YAML keyword; quoted otherwise.
    static func flowItem(_ text: String) -> String {
        let plain = text.first?.isLetter == true && text.last.map { !$0.isWhitespace } == true
            && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == " " || $0 == "(" || $0 == ")" }
            && !keywords.contains(text.lowercased())
        return plain ? text : quoted(text)
    }

    private static let keywords: Set<String> = ["null", "true", "false", "yes", "no", "on", "off", "y", "n"]

    /// YAML 1.1's printable characters, less the byte-order mark.
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0xA0...0xD7FF, 0xE000...0xFEFE, 0xFF00...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}

extension Diagnostic {
    /// Compiler-style text, `file:line:col: error: message`, then an indented hint line.
    public func formatted(color: Bool = false) -> String {
        let (on, off): (String, String) = {
            guard color else { return ("", "") }
            switch severity {
            case .error: return ("\u{1B}[1;31m", "\u{1B}[0m")
            case .warning: return ("\u{1B}[1;33m", "\u{1B}[0m")
            case .note: return ("\u{1B}[1;36m", "\u{1B}[0m")
            }
        }()
        var text = ""
        if let location {
            text += "\(Self.printable(location.file)):\(location.line):\(location.column): "
        }
        text += "\(on)\(severity.rawValue):\(off) \(Self.printable(message)) [\(code.rawValue)]"
        if let hint {
            text += "\n    hint: \(Self.printable(hint))"
        }
        return text
    }

    /// Text from content (a title, a file name) made safe to print on a terminal: control
    /// characters (ESC starts a terminal command, BEL rings, CR writes over the line) are shown
    /// as `\u{1B}`. Line feeds and tabs stay.
    static func printable(_ text: String) -> String {
        func isControl(_ scalar: Unicode.Scalar) -> Bool {
            (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
        }
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }
}

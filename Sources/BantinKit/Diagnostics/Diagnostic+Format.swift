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
            text += "\(location.file):\(location.line):\(location.column): "
        }
        text += "\(on)\(severity.rawValue):\(off) \(message) [\(code)]"
        if let hint {
            text += "\n    hint: \(hint)"
        }
        return text
    }
}

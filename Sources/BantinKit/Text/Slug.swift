/// ASCII, URL-safe slugs from Vietnamese text: tone marks and vowel marks dropped, `đ` → `d`.
public enum Slug {
    public static func make(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingDash = false
        for scalar in text.decomposedStringWithCanonicalMappingFast.unicodeScalars {
            let v = scalar.value
            if (0x300...0x36F).contains(v) { continue }
            let ascii: Character?
            switch v {
            case 0x30...0x39, 0x61...0x7A: ascii = Character(scalar)
            case 0x41...0x5A: ascii = Character(Unicode.Scalar(v + 32)!)
            case 0x111, 0x110: ascii = "d"
            default: ascii = nil
            }
            if let ascii {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.append(ascii)
            } else {
                pendingDash = true
            }
        }
        return out
    }

    /// A slug given by an editor is used as written, but only if it is one safe path segment.
    public static func isSafe(_ slug: String) -> Bool {
        guard !slug.isEmpty, slug != ".", slug != ".." else { return false }
        return slug.unicodeScalars.allSatisfy { s in
            switch s.value {
            case 0x30...0x39, 0x61...0x7A, 0x41...0x5A, 0x2D, 0x5F, 0x2E: return true
            default: return false
            }
        }
    }
}

/// Escaping for the contexts Bantin writes into.
public enum Escape {
    /// HTML text and attribute values (also valid XML): `& < > " '`. Works on UTF-8 bytes: every
    /// character to replace is ASCII, and this runs for every list item of every page.
    public static func html(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            guard let first = bytes.firstIndex(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
                return nil
            }
            var out = [UInt8]()
            out.reserveCapacity(bytes.count + 32)
            out.append(contentsOf: bytes[..<first])
            for byte in bytes[first...] {
                switch byte {
                case 0x26: out.append(contentsOf: "&amp;".utf8)
                case 0x3C: out.append(contentsOf: "&lt;".utf8)
                case 0x3E: out.append(contentsOf: "&gt;".utf8)
                case 0x22: out.append(contentsOf: "&quot;".utf8)
                case 0x27: out.append(contentsOf: "&#39;".utf8)
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    /// XML text: like HTML, and drops the control characters XML 1.0 forbids.
    public static func xml(_ text: String) -> String {
        // Forbidden: C0 controls other than tab, LF, CR (one byte each in UTF-8), U+FFFE and U+FFFF (EF BF BE/BF).
        var text = text
        let forbidden = text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if byte < 0x20 {
                    if byte != 0x9 && byte != 0xA && byte != 0xD { return true }
                } else if byte == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBF, bytes[i + 2] >= 0xBE {
                    return true
                }
                i += 1
            }
            return false
        }
        guard forbidden else { return html(text) }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: text.unicodeScalars.filter { s in
            let v = s.value
            return !((v < 0x20 && v != 0x9 && v != 0xA && v != 0xD) || v == 0xFFFE || v == 0xFFFF)
        })
        return html(String(view))
    }

    /// Percent-encodes a decoded path for use in a URL: keeps `/` and unreserved characters,
    /// encodes everything else, `%` included.
    public static func urlPath(_ path: String) -> String {
        if path.utf8.withContiguousStorageIfAvailable({ $0.allSatisfy(isUnreservedOrSlash) }) ?? path.utf8.allSatisfy(isUnreservedOrSlash) { return path }
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E, 0x2F:
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    /// A URL written by an editor, made valid the way libcmark makes a Markdown link's: bytes
    /// outside `-_.+!*'(),%#@?=;:/&$~` and ASCII letters and digits are percent-encoded (spaces,
    /// Vietnamese letters, quotes, `<`); `%` is kept, so an address already encoded stays as it is.
    /// For HTML, the result is still to be escaped (`&`, `'`).
    public static func href(_ url: String) -> String {
        if url.utf8.allSatisfy(isHrefSafe) { return url }
        var out = [UInt8]()
        out.reserveCapacity(url.utf8.count + 16)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in url.utf8 {
            if isHrefSafe(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

private func isHrefSafe(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
    default: "-_.+!*'(),%#@?=;:/&$~".utf8.contains(byte)
    }
}

private func isUnreservedOrSlash(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E, 0x2F: true
    default: false
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}

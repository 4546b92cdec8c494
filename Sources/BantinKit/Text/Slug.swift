import Foundation

/// ASCII, URL-safe slugs from Vietnamese text: tone marks and vowel marks dropped, `đ` → `d`.
public enum Slug {
    public static func make(_ text: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        var pendingDash = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if (0x300...0x36F).contains(v) { continue }
            let ascii: UInt8
            switch v {
            case 0x30...0x39, 0x61...0x7A: ascii = UInt8(v)
            case 0x41...0x5A: ascii = UInt8(v + 32)
            case 0xC0...0x24F: ascii = latinBase[Int(v - 0xC0)]
            case 0x1E00...0x1EFF: ascii = latinExtendedAdditionalBase[Int(v - 0x1E00)]
            default: ascii = 0
            }
            if ascii != 0 {
                if pendingDash && !out.isEmpty { out.append(UInt8(ascii: "-")) }
                pendingDash = false
                out.append(ascii)
            } else {
                pendingDash = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Latin letters with marks (Latin-1 to Latin Extended Additional, where every Vietnamese
    /// letter is) → their lowercase ASCII base letter, 0 for others; built once by decomposing each.
    private static let latinBase = baseLetters(0xC0...0x24F)
    private static let latinExtendedAdditionalBase = baseLetters(0x1E00...0x1EFF)

    private static func baseLetters(_ range: ClosedRange<UInt32>) -> [UInt8] {
        range.map { v in
            if v == 0x111 || v == 0x110 { return UInt8(ascii: "d") }
            guard let scalar = Unicode.Scalar(v),
                  let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first, base.isASCII,
                  base.properties.isAlphabetic
            else { return 0 }
            return UInt8(String(base).lowercased().utf8.first!)
        }
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

import Foundation

/// ASCII, URL-safe slugs from Vietnamese text: tone marks and vowel marks dropped, `đ` → `d`.
public enum Slug {
    public static func make(_ text: String) -> String {
        var text = text
        // Decoded by hand from the UTF-8 bytes (a String's bytes are valid UTF-8): it runs for
        // every article of every build, and the scalar view costs several times more.
        return text.withUTF8 { bytes in
            let latin = latinBase, extended = latinExtendedAdditionalBase
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                var count = 0
                var pendingDash = false
                var i = 0
                while i < bytes.count {
                    let lead = UInt32(bytes[i])
                    let v: UInt32
                    switch lead {
                    case ..<0x80:
                        v = lead
                        i += 1
                    case ..<0xE0:
                        v = (lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                        i += 2
                    case ..<0xF0:
                        v = (lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                        i += 3
                    default:
                        v = (lead & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
                        i += 4
                    }
                    if (0x300...0x36F).contains(v) { continue }
                    let ascii: UInt8
                    switch v {
                    case 0x30...0x39, 0x61...0x7A: ascii = UInt8(v)
                    case 0x41...0x5A: ascii = UInt8(v + 32)
                    case 0xC0...0x24F: ascii = latin[Int(v - 0xC0)]
                    case 0x1E00...0x1EFF: ascii = extended[Int(v - 0x1E00)]
                    default: ascii = 0
                    }
                    if ascii != 0 {
                        // A dash is at most one byte per skipped character, so it always fits.
                        if pendingDash && count > 0 {
                            out[count] = UInt8(ascii: "-")
                            count += 1
                        }
                        pendingDash = false
                        out[count] = ascii
                        count += 1
                    } else {
                        pendingDash = true
                    }
                }
                return count
            }
        }
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

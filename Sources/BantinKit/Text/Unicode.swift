import Foundation

extension String {
    /// NFD, needed to separate base letters from Vietnamese tone marks.
    var decomposedStringWithCanonicalMappingFast: String {
        if utf8.allSatisfy({ $0 < 0x80 }) { return self }
        return decomposedStringWithCanonicalMapping
    }

    /// NFC, the form every text is kept in once loaded.
    public var nfc: String {
        mayNeedNFC ? precomposedStringWithCanonicalMapping : self
    }

    /// False when the text is certainly NFC already, which is checked much faster than normalising:
    /// only combining marks, Hangul jamo and a few singletons change under NFC. Vietnamese typed as
    /// precomposed letters (the usual case) passes without a copy.
    var mayNeedNFC: Bool {
        var copy = self
        return copy.withUTF8 { bytes in
            // Below U+0300 (lead bytes under 0xCC) nothing changes under NFC: skip those bytes undecoded.
            var i = 0
            while i < bytes.count {
                // Eight bytes at a time while none of them is 0xCC or above (bit 7 set and the
                // low seven bits plus 0x34 carrying into bit 7).
                while i + 8 <= bytes.count {
                    let word = UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    if ((word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x3434_3434_3434_3434) & word & 0x8080_8080_8080_8080 != 0 { break }
                    i += 8
                }
                guard i < bytes.count else { break }
                let lead = bytes[i]
                if lead < 0xCC { i += 1; continue }
                // Vietnamese letters with tones (U+1EA0–U+1EF9: E1 BA A0 … E1 BB B9), undecoded.
                if lead == 0xE1, i + 2 < bytes.count {
                    let second = bytes[i + 1], third = bytes[i + 2]
                    if (second == 0xBA && third >= 0xA0) || (second == 0xBB && third <= 0xB9) { i += 3; continue }
                }
                let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                var v = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for k in 1..<length { v = v << 6 | UInt32(bytes[i + k] & 0x3F) }
                i += length
                // Vietnamese letters with tones and punctuation, most of what gets here, inline.
                if (0x1EA0...0x1EF9).contains(v) || (0x2002...0x20CF).contains(v) { continue }
                if Self.mayChangeUnderNFC(v) { return true }
            }
            return false
        }
    }

    private static func mayChangeUnderNFC(_ v: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(v) else { return false }
        if scalar.properties.canonicalCombiningClass != .notReordered { return true }
        switch v {
        // Blocks holding the characters whose NFC quick-check is No or Maybe with combining class 0
        // (Greek singletons, Indic and Tibetan, Hangul jamo, compatibility ideographs…), taken whole.
        case 0x340...0x344, 0x374, 0x37E, 0x387, 0x900...0xFFF, 0x1000...0x109F, 0x1100...0x11FF, 0x1B00...0x1B7F,
             0x1F00...0x1FFF, 0x2000...0x2001, 0x2126, 0x212A...0x212B, 0x2329...0x232A, 0x2ADC, 0x3099...0x309A,
             0xF900...0xFAFF, 0xFB1D...0xFB4F, 0x11000...0x1D1FF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }

    /// Lowercased with tone and vowel marks removed: `Tân Thành` → `tan thanh`; for "did you mean" matching.
    var foldedForSearch: String {
        var out = String.UnicodeScalarView()
        for scalar in decomposedStringWithCanonicalMappingFast.unicodeScalars {
            if (0x300...0x36F).contains(scalar.value) { continue }
            if scalar.value == 0x111 || scalar.value == 0x110 { out.append("d"); continue }
            out.append(contentsOf: String(scalar).lowercased().unicodeScalars)
        }
        return String(out)
    }
}

/// Edit distance over Unicode scalars, for suggestions.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

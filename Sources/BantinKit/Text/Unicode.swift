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
        return copy.withUTF8 { Self.scanUTF8($0) != false }
    }

    /// One pass over UTF-8 bytes: nil if they are not UTF-8 (RFC 3629: no overlongs, surrogates
    /// or scalars above U+10FFFF), true as soon as a scalar may change under NFC (the rest then
    /// unchecked), false if they are UTF-8 that is certainly NFC.
    static func scanUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard let base = bytes.baseAddress else { return false }
        let count = bytes.count
        var i = 0
        while i < count {
            // ASCII, eight bytes at a time.
            while i + 8 <= count, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            guard i < count else { break }
            let lead = base[i]
            if lead < 0x80 { i += 1; continue }
            // Two bytes below U+0300 (ă â đ ê ô ơ ư, and letters with one accent): never changed by NFC.
            if lead >= 0xC2, lead < 0xCC {
                guard i + 1 < count, base[i + 1] & 0xC0 == 0x80 else { return nil }
                i += 2
                continue
            }
            // Vietnamese letters with tones (U+1EA0–U+1EF9: E1 BA A0 … E1 BB B9), the commonest here.
            if lead == 0xE1, i + 2 < count {
                let second = base[i + 1], third = base[i + 2]
                if (second == 0xBA && (0xA0...0xBF).contains(third)) || (second == 0xBB && (0x80...0xB9).contains(third)) { i += 3; continue }
            }
            // U+0300 and above (lower ones were taken above).
            guard let length = utf8SequenceLength(bytes, at: i) else { return nil }
            var v = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for k in 1..<length { v = v << 6 | UInt32(base[i + k] & 0x3F) }
            // Typographic punctuation passes inline; other scalars are looked up.
            if !(0x2002...0x20CF).contains(v), mayChangeUnderNFC(v) { return true }
            i += length
        }
        return false
    }

    /// The length of the valid UTF-8 sequence at `i`, nil if none starts there (RFC 3629: no
    /// overlongs, surrogates, scalars above U+10FFFF or cut sequences).
    static func utf8SequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let length: Int
        var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
        switch bytes[i] {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: return nil
        }
        guard i + length <= bytes.count, (lower...upper).contains(bytes[i + 1]) else { return nil }
        for k in 2..<length where !(0x80...0xBF).contains(bytes[i + k]) { return nil }
        return length
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

extension String {
    /// Whether the text starts with `prefix` (lowercase ASCII), in any case: compared on bytes,
    /// where lowercasing the text made a string for each of the ten links an article has.
    func hasASCIIPrefixIgnoringCase(_ prefix: String) -> Bool {
        var bytes = utf8.makeIterator()
        for expected in prefix.utf8 {
            guard let byte = bytes.next() else { return false }
            // Setting bit 5 lowercases an ASCII letter; other bytes then differ from `expected`.
            let lowered = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
            guard lowered == expected else { return false }
        }
        return true
    }
}

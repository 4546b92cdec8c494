import Foundation

extension String {
    /// NFD, needed to separate base letters from Vietnamese tone marks.
    var decomposedStringWithCanonicalMappingFast: String {
        if utf8.allSatisfy({ $0 < 0x80 }) { return self }
        return decomposedStringWithCanonicalMapping
    }

    /// NFC, the form every text is kept in once loaded.
    public var nfc: String {
        if utf8.allSatisfy({ $0 < 0x80 }) { return self }
        return precomposedStringWithCanonicalMapping
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

import Foundation

/// Vietnamese alphabetical order: a ă â b c d đ e ê … o ô ơ … u ư …, compared syllable by
/// syllable as dictionaries do; within a syllable, letters first, then the tone mark (none, huyền,
/// hỏi, ngã, sắc, nặng), so `Vinh Quang` < `Vĩnh Lộc`.
public struct VietnameseSortKey: Comparable, Sendable {
    private struct Syllable: Equatable {
        var letters: [UInt8] = []
        var tones: [UInt8] = []
    }

    private let syllables: [Syllable]
    private let original: String

    public init(_ text: String) {
        var syllables: [Syllable] = []
        var current = Syllable()
        for character in text {
            if character.isWhitespace || character == "-" {
                if !current.letters.isEmpty { syllables.append(current) }
                current = Syllable()
                continue
            }
            var base: Unicode.Scalar?
            var modifier: UInt32 = 0
            var tone: UInt8 = 0
            for scalar in String(character).decomposedStringWithCanonicalMappingFast.unicodeScalars {
                switch scalar.value {
                case 0x306, 0x302, 0x31B: modifier = scalar.value
                case 0x300: tone = 1
                case 0x309: tone = 2
                case 0x303: tone = 3
                case 0x301: tone = 4
                case 0x323: tone = 5
                default: if base == nil { base = scalar }
                }
            }
            guard let base else { continue }
            current.letters.append(Self.rank(base, modifier: modifier))
            current.tones.append(tone)
        }
        if !current.letters.isEmpty { syllables.append(current) }
        self.syllables = syllables
        self.original = text
    }

    private static let alphabet: [String] = [
        "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n",
        "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
    ]

    private static let letterRanks: [String: UInt8] = {
        var ranks: [String: UInt8] = [:]
        for (i, letter) in alphabet.enumerated() { ranks[letter] = UInt8(20 + i) }
        return ranks
    }()

    private static func rank(_ base: Unicode.Scalar, modifier: UInt32) -> UInt8 {
        let lower = Character(base).lowercased()
        var letter = lower
        if modifier != 0, let m = Unicode.Scalar(modifier) {
            letter = (lower + String(m)).precomposedStringWithCanonicalMapping
        }
        if let r = letterRanks[letter] ?? letterRanks[lower] { return r }
        switch base.value {
        case 0x30...0x39: return UInt8(10 + base.value - 0x30)
        default: return base.value < 0x80 ? 2 : 200
        }
    }

    public static func < (a: VietnameseSortKey, b: VietnameseSortKey) -> Bool {
        for (x, y) in zip(a.syllables, b.syllables) where x != y {
            if x.letters != y.letters { return x.letters.lexicographicallyPrecedes(y.letters) }
            return x.tones.lexicographicallyPrecedes(y.tones)
        }
        if a.syllables.count != b.syllables.count { return a.syllables.count < b.syllables.count }
        return a.original < b.original
    }

    public static func == (a: VietnameseSortKey, b: VietnameseSortKey) -> Bool {
        a.original == b.original
    }
}

extension Sequence {
    /// Sorts by a Vietnamese text, computing each key once.
    public func sortedVietnamese(by text: (Element) -> String) -> [Element] {
        map { (VietnameseSortKey(text($0)), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
    }
}

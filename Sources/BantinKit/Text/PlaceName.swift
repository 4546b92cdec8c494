/// How editors write place names: the kind words of communes and districts, and the cleaning
/// a name gets before it is looked up.
enum PlaceName {
    static let communeKinds = ["xã", "phường", "thị trấn"]
    static let districtKinds = ["huyện", "thành phố", "thị xã", "quận"]

    /// No-break and other wide spaces made plain, zero-width characters dropped: text pasted from
    /// Word or a web page carries them, and they look like nothing on screen.
    static func withPlainSpaces(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { invisible.contains($0.value) || spaces.contains($0.value) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !invisible.contains(scalar.value) {
            out.append(spaces.contains(scalar.value) ? " " : scalar)
        }
        return String(out).split(separator: " ").joined(separator: " ")
    }

    private static let invisible: Set<UInt32> = [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD]
    private static let spaces: Set<UInt32> = Set([0x00A0, 0x202F, 0x205F, 0x3000] + Array(0x2000...0x200A))

    /// Splits a leading kind word (`xã`, `Phường`, `thị trấn`…) from a name.
    static func stripKind(_ text: String, kinds: [String]) -> (kind: String?, name: String) {
        let lower = text.lowercased()
        for kind in kinds where lower.hasPrefix(kind + " ") {
            return (kind, String(text.dropFirst(kind.count)).trimmingSpaces)
        }
        return (nil, text)
    }
}

extension String {
    var trimmingSpaces: String {
        // Most texts start and end with a visible ASCII character: nothing to trim, no copy.
        if let first = utf8.first, let last = utf8.last, (0x21..<0x7F).contains(first), (0x21..<0x7F).contains(last) { return self }
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}

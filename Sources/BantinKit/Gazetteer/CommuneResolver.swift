/// Finds the commune an editor meant by `Đông Thọ`, `xã Đông Thọ`, `Tân Thành (Hàm Yên)` or a code.
public struct CommuneResolver: Sendable {
    public let gazetteer: Gazetteer
    private let byName: [String: [Int]]
    private let byCode: [String: Int]
    private let folded: [(String, Int)]

    public init(_ gazetteer: Gazetteer) {
        self.gazetteer = gazetteer
        var byName: [String: [Int]] = [:]
        var byCode: [String: Int] = [:]
        for commune in gazetteer.communes {
            byName[commune.name.lowercased(), default: []].append(commune.id)
            byCode[commune.code] = commune.id
        }
        self.byName = byName
        self.byCode = byCode
        self.folded = gazetteer.communes.map { ($0.name.foldedForSearch, $0.id) }
    }

    public enum Resolution: Equatable, Sendable {
        case found(Int)
        case unknown(suggestions: [Int])
        case ambiguous(candidates: [Int])
        case unknownDistrict(String)
    }

    /// How to write a commune so that it is unambiguous: `Tân Thành (Hàm Yên)` when the name is shared.
    public func unambiguousName(_ commune: Commune) -> String {
        let shared = (byName[commune.name.lowercased()]?.count ?? 0) > 1
        guard shared else { return commune.name }
        let sameDistrict = byName[commune.name.lowercased()]!.filter { gazetteer.communes[$0].districtID == commune.districtID }.count > 1
        let district = gazetteer.district(of: commune).name
        return sameDistrict ? "\(commune.kind) \(commune.name) (\(district))" : "\(commune.name) (\(district))"
    }

    /// `xã Hùng Lợi (huyện Yên Sơn)`, for messages.
    public func describe(_ id: Int) -> String {
        let c = gazetteer.communes[id]
        return "\(c.label) (\(gazetteer.district(of: c).label))"
    }

    public func resolve(_ entry: String) -> Resolution {
        var text = Self.withPlainSpaces(entry).trimmingSpaces
        if !text.isEmpty, text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) {
            if let id = byCode[text] ?? byCode[text.leftPadded(to: 5)] { return .found(id) }
            return .unknown(suggestions: [])
        }
        var districtText: String?
        if text.hasSuffix(")"), let open = text.lastIndex(of: "(") {
            districtText = String(text[text.index(after: open)..<text.index(before: text.endIndex)]).trimmingSpaces
            text = String(text[..<open]).trimmingSpaces
        } else if let comma = text.lastIndex(of: ",") {
            let after = String(text[text.index(after: comma)...]).trimmingSpaces
            if Self.stripKind(after, kinds: Gazetteer.districtKinds).kind != nil {
                districtText = after
                text = String(text[..<comma]).trimmingSpaces
            }
        }
        let (kind, name) = Self.stripKind(text, kinds: Gazetteer.communeKinds)
        var candidates = byName[name.lowercased()] ?? []
        if let kind { candidates = candidates.filter { gazetteer.communes[$0].kind == kind } }
        if let districtText {
            let (_, districtName) = Self.stripKind(districtText, kinds: Gazetteer.districtKinds)
            let matching = gazetteer.districts.indices.filter {
                gazetteer.districts[$0].name.lowercased() == districtName.lowercased() || gazetteer.districts[$0].code == districtName
            }
            if matching.isEmpty { return .unknownDistrict(districtText) }
            candidates = candidates.filter { matching.contains(gazetteer.communes[$0].districtID) }
        }
        switch candidates.count {
        case 1: return .found(candidates[0])
        case 0: return .unknown(suggestions: suggestions(for: name))
        default: return .ambiguous(candidates: candidates)
        }
    }

    /// Nearest names, comparing with and without tone marks, best first.
    func suggestions(for name: String, limit: Int = 3) -> [Int] {
        let query = name.foldedForSearch
        let exact = name.lowercased()
        let allowed = max(1, min(3, query.count / 3))
        let scored = folded.compactMap { (foldedName, id) -> (Int, Int, Int)? in
            let d = editDistance(query, foldedName)
            guard d <= allowed else { return nil }
            return (d, editDistance(exact, gazetteer.communes[id].name.lowercased()), id)
        }
        return scored.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }.prefix(limit).map(\.2)
    }

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

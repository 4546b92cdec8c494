/// Finds the unit an editor meant by `Đông Thọ`, `xã Đông Thọ`, `Tân Thành (Hàm Yên)` or a code,
/// on the day of the article: the units in force that day first, then any unit of that name.
public struct CommuneResolver: Sendable {
    public let gazetteer: Gazetteer
    /// Unit ids by lowercased name and other spellings, and by code; oldest first.
    private let byName: [String: [Int]]
    private let byCode: [String: [Int]]
    private let folded: [(String, Int)]

    public init(_ gazetteer: Gazetteer) {
        self.gazetteer = gazetteer
        var byName: [String: [Int]] = [:]
        var byCode: [String: [Int]] = [:]
        for commune in gazetteer.communes {
            for name in [commune.name] + commune.aka { byName[name.lowercased(), default: []].append(commune.id) }
            byCode[commune.code, default: []].append(commune.id)
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

    /// How to write `commune` so that an article of `day` finds it: the shortest of its name, with
    /// its kind, with its district, or its code.
    public func unambiguousName(_ commune: Commune, on day: Day) -> String {
        let district = gazetteer.district(of: commune)?.name
        let ways = [commune.name, commune.label] + (district.map { ["\(commune.name) (\($0))", "\(commune.label) (\($0))"] } ?? []) + [commune.code]
        return ways.first { resolve($0, on: day) == .found(commune.id) } ?? commune.code
    }

    public func resolve(_ entry: String, on day: Day) -> Resolution {
        var text = PlaceName.withPlainSpaces(entry).trimmingSpaces
        if !text.isEmpty, text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) {
            return pick(byCode[text] ?? byCode[text.leftPadded(to: 5)] ?? [], on: day) ?? .unknown(suggestions: [])
        }
        var districtText: String?
        if text.hasSuffix(")"), let open = text.lastIndex(of: "(") {
            districtText = String(text[text.index(after: open)..<text.index(before: text.endIndex)]).trimmingSpaces
            text = String(text[..<open]).trimmingSpaces
        } else if let comma = text.lastIndex(of: ",") {
            let after = String(text[text.index(after: comma)...]).trimmingSpaces
            if PlaceName.stripKind(after, kinds: PlaceName.districtKinds).kind != nil {
                districtText = after
                text = String(text[..<comma]).trimmingSpaces
            }
        }
        let (kind, name) = PlaceName.stripKind(text, kinds: PlaceName.communeKinds)
        var candidates = byName[name.lowercased()] ?? []
        if let kind { candidates = candidates.filter { gazetteer.communes[$0].kind == kind } }
        if let districtText {
            let (_, districtName) = PlaceName.stripKind(districtText, kinds: PlaceName.districtKinds)
            let matching = gazetteer.districts.indices.filter {
                gazetteer.districts[$0].name.lowercased() == districtName.lowercased() || gazetteer.districts[$0].code == districtName
            }
            if matching.isEmpty { return .unknownDistrict(districtText) }
            candidates = candidates.filter { gazetteer.communes[$0].districtID.map(matching.contains) ?? false }
        }
        return pick(candidates, on: day) ?? .unknown(suggestions: suggestions(for: name, on: day))
    }

    /// The one unit in force on `day`; a unit of the newsroom's own province when units of two
    /// former provinces share the name (their bulletins named their own communes). With none in
    /// force: the one that ended last before `day`, else the first formed after it. nil when there
    /// is none.
    func pick(_ candidates: [Int], on day: Day) -> Resolution? {
        guard !candidates.isEmpty else { return nil }
        let units = gazetteer.communes
        let inForce = candidates.filter { units[$0].isInForce(on: day) }
        if inForce.count == 1 { return .found(inForce[0]) }
        if inForce.count > 1 {
            let own = inForce.filter { units[$0].province == gazetteer.province }
            return own.count == 1 && own.count < inForce.count ? .found(own[0]) : .ambiguous(candidates: inForce)
        }
        let ended = candidates.filter { units[$0].until.map { $0 < day } ?? false }
        let nearest = ended.isEmpty
            ? candidates.filter { units[$0].since == candidates.compactMap { units[$0].since }.min() }
            : ended.filter { units[$0].until == ended.compactMap { units[$0].until }.max() }
        return nearest.count == 1 ? .found(nearest[0]) : .ambiguous(candidates: nearest)
    }

    /// Nearest names, comparing with and without tone marks, best first.
    func suggestions(for name: String, on day: Day, limit: Int = 3) -> [Int] {
        let query = name.foldedForSearch
        let exact = name.lowercased()
        let allowed = max(1, min(3, query.count / 3))
        let scored = folded.compactMap { (foldedName, id) -> (Int, Int, Int)? in
            let d = editDistance(query, foldedName)
            guard d <= allowed else { return nil }
            let unit = gazetteer.communes[id]
            return (d, editDistance(exact, unit.name.lowercased()) + (unit.isInForce(on: day) ? 0 : 1), id)
        }
        return scored.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }.prefix(limit).map(\.2)
    }
}

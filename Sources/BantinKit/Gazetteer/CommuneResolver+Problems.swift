extension CommuneResolver {
    /// The error for a commune an editor wrote that names no one unit on `day` (`unknown-commune`,
    /// `ambiguous-commune`, `unknown-district`), with a hint saying what to write; nil when it was
    /// found. `asList` says how to write several communes where `entry` has them in one name.
    public func problem(_ resolution: Resolution, entry: String, on day: Day, at location: SourceLocation?, asList: ([String]) -> String) -> Diagnostic? {
        switch resolution {
        case .found:
            return nil
        case .unknown(let suggestions):
            let parts = severalCommunes(entry, on: day)
            let hint = !parts.isEmpty
                ? asList(parts)
                : suggestions.isEmpty
                ? "check the spelling against \(Gazetteer.path)"
                : "did you mean " + suggestions.map { id in
                    let unit = gazetteer.communes[id]
                    return "\"\(unambiguousName(unit, on: day))\"" + (gazetteer.qualifier(of: unit).map { " (\($0))" } ?? "")
                }.joined(separator: " or ") + "?"
            return .error(.unknownCommune, "unknown commune \"\(entry)\"", hint: hint, at: location)
        case .ambiguous(let candidates):
            let ways = candidates.map { "\"\(unambiguousName(gazetteer.communes[$0], on: day))\" for \(gazetteer.describe($0))" }
            return .error(.ambiguousCommune, "\"\(entry)\" could be \(candidates.count) communes", hint: "write " + ways.joined(separator: ", or "), at: location)
        case .unknownDistrict(let district):
            let names = gazetteer.districts.map(\.name).joined(separator: ", ")
            return .error(.unknownDistrict, "unknown district \"\(district)\" in \"\(entry)\"", hint: "districts are: \(names)", at: location)
        }
    }

    /// `Hùng Lợi và Trung Minh`, `Hùng Lợi; Trung Minh`: each part if every one is a commune.
    func severalCommunes(_ text: String, on day: Day) -> [String] {
        for separator in [" và ", ";", " - ", " – ", "/", "+"] where text.contains(separator) {
            let parts = text.components(separatedBy: separator).map(\.trimmingSpaces).filter { !$0.isEmpty }
            if parts.count > 1, parts.allSatisfy({ if case .found = resolve($0, on: day) { true } else { false } }) { return parts }
        }
        return []
    }
}

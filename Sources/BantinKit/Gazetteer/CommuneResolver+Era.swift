extension CommuneResolver {
    /// A warning when an article of `day` names a unit not in force that day: ended (merged,
    /// split; naming what it became) or not yet formed (naming what it was formed from).
    public func eraWarning(_ id: Int, on day: Day, at location: SourceLocation?) -> Diagnostic? {
        let unit = gazetteer.communes[id]
        if let until = unit.until, until < day {
            let direct = unit.successors
            let names = direct.map { gazetteer.communes[$0.id].label }
            let by = unit.endedBy.map { " (Nghị quyết \($0))" } ?? ""
            let verb = direct.count > 1 ? "was split on \(until.next.vietnamese) between \(names.joined(separator: " and "))"
                : direct.isEmpty ? "ended on \(until.vietnamese)"
                : gazetteer.predecessors[direct[0].id].count == 1 ? "became \(names[0]) on \(until.next.vietnamese)"
                : "was merged into \(names[0]) on \(until.next.vietnamese)"
            var message = "\(gazetteer.describe(id)) \(verb)\(by)"
            let now = gazetteer.successors(of: id, on: day)
            if now.map(\.id) != direct.map(\.id), !now.isEmpty {
                message += "; on \(day.vietnamese) it is part of " + now.map { gazetteer.communes[$0.id].label }.joined(separator: " and ")
            }
            let write = now.map { "\"\(unambiguousName(gazetteer.communes[$0.id], on: day))\"" }.joined(separator: " or ")
            return .warning(.formerCommune, message,
                            hint: write.isEmpty
                                ? "this article is dated \(day.vietnamese): check its date, or keep the former name if the article is about the time before"
                                : "this article is dated \(day.vietnamese): write \(write) to list it with today's unit, or keep the former name if the article is about the time before",
                            at: location)
        }
        if let since = unit.since, day < since {
            let former = gazetteer.predecessors[id].map { gazetteer.communes[$0.id].label + ($0.part ? " (part)" : "") }
            let from = former.isEmpty ? "" : " from " + former.prefix(6).joined(separator: ", ") + (former.count > 6 ? " and \(former.count - 6) more" : "")
            return .warning(.communeNotYet, "\(gazetteer.describe(id)) was formed on \(since.vietnamese)\(from); this article is dated \(day.vietnamese)",
                            hint: "name the units of the article's date, or check its date", at: location)
        }
        return nil
    }
}

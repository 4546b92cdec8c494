import Yams

/// A reform map: the units in force from its `effective:` day, each with the earlier units it was
/// formed from (`formerly:`), which end the day before; see README "The commune gazetteer".
extension GazetteerLoader {
    mutating func loadReform(_ map: Map, _ fields: inout YAMLFields, province: String) {
        let document = map.document
        guard let effective = day(&fields, "effective") else {
            if fields.text("effective") == nil { error(.gazetteer, "'effective:' needs the day the map came into force", hint: "effective: 2025-07-01", at: fields.keyLocation("effective")) }
            return
        }
        if let last = lastEffective, effective <= last {
            error(.gazetteerOverlap, "this map comes into force on \(effective.vietnamese), not after the map before it (\(last.vietnamese))",
                  hint: "list the maps under 'maps:' in date order", at: fields.keyLocation("effective"))
            return
        }
        lastEffective = effective
        let resolution = fields.text("resolution")?.0
        guard let nodes = fields.node("communes")?.sequence, !nodes.isEmpty else {
            error(.gazetteer, "\(document.file) has no 'communes:' list", hint: "list the units formed on \(effective.vietnamese), each with its 'formerly:' units", at: fields.keyLocation("effective"))
            return
        }
        let earlier = units.count
        var formed: [(id: Int, formerly: [FormerEntry])] = []
        for node in nodes {
            guard var unit = readUnit(document, node, "each unit must be written with name, kind, code and formerly") else { continue }
            unit.province = province
            unit.since = unit.since ?? effective
            let entries = (node["formerly"]?.sequence ?? []).compactMap { FormerEntry(document, $0, &diagnostics) }
            formed.append((units.count, entries))
            units.append(unit)
        }
        let newUnits = earlier..<units.count
        // The earlier units by name and other spellings: each entry of `formerly:` looks one up.
        var byName: [String: [Int]] = [:]
        for index in 0..<earlier { for name in [units[index].name] + units[index].aka { byName[name, default: []].append(index) } }
        for (id, formerly) in formed {
            // Units formed between two maps (`since:`) first: others may have merged into them (`via:`).
            var interim: [String: Int?] = [:]
            for entry in formerly {
                guard let since = entry.since else { continue }
                guard since < effective else {
                    error(.gazetteerOverlap, "a former unit formed on \(since.vietnamese) must have been formed before this map (\(effective.vietnamese))", at: entry.location)
                    continue
                }
                interim[entry.name] = formInterim(entry, since: since, into: id, effective: effective, resolution: resolution, firstInterim: newUnits.upperBound)
            }
            for entry in formerly where entry.since == nil {
                end(entry, into: id, interim: interim, named: byName[entry.name] ?? [], effective: effective, resolution: resolution, earlier: earlier)
            }
        }
        checkSplits(newUnits: newUnits)
        // Checked: a later map must not check them against its own units.
        for index in units.indices { units[index].splits = [] }
    }

    /// One entry of `formerly:`.
    struct FormerEntry {
        let name: String, kind: String?, district: String?, province: String?, code: String?
        let since: Day?, until: Day?, via: String?, split: String?, other: String?, aka: [String], resolution: String?
        let location: SourceLocation

        init?(_ document: YAMLDocument, _ node: Node, _ diagnostics: inout [Diagnostic]) {
            guard let mapping = node.mapping else {
                diagnostics.append(.error(.gazetteer, "each former unit is written { name: …, kind: …, district: … }", at: document.location(of: node)))
                return nil
            }
            var f = YAMLFields(document, mapping)
            defer { diagnostics += f.diagnostics }
            guard let (name, _) = f.text("name") else {
                diagnostics.append(.error(.gazetteer, "a former unit needs its 'name'", at: document.location(of: node)))
                return nil
            }
            (self.name, kind, district, province, code) = (name, f.text("kind")?.0, f.text("district")?.0, f.text("province")?.0, f.text("code")?.0)
            (since, until) = (GazetteerLoader.day(&f, "since", &diagnostics), GazetteerLoader.day(&f, "until", &diagnostics))
            (via, split, other, resolution) = (f.text("via")?.0, f.text("split")?.0, f.text("other")?.0, f.text("resolution")?.0)
            aka = (f.stringList("aka") ?? []).map(\.0)
            location = document.location(of: node)
            if let split, split != "part" && split != "rest" {
                diagnostics.append(.error(.gazetteer, "'split:' is 'part' or 'rest', got \"\(split)\"", at: location))
            }
            if split != nil, other == nil {
                diagnostics.append(.error(.gazetteerSplit, "a split unit needs 'other:', the unit that took its other share", hint: "for example: other: phường Nông Tiến", at: location))
            }
        }

        func matches(_ unit: Unit, districts: [District]) -> Bool {
            (unit.name == name || unit.aka.contains(name)) && (kind.map { $0 == unit.kind } ?? true)
                && (district.map { d in unit.districtID.map { districts[$0].name == d } ?? false } ?? true)
                && (province.map { $0 == unit.province } ?? true)
        }

        var label: String { [kind, name].compactMap { $0 }.joined(separator: " ") + (district.map { " (\($0))" } ?? "") }
    }

    /// A unit formed after the earlier maps and ended by this one (old xã Hồng Sơn, 2024-2025).
    private mutating func formInterim(_ entry: FormerEntry, since: Day, into id: Int, effective: Day, resolution: String?, firstInterim: Int) -> Int? {
        // Another new unit may have listed it too (a split one): the same unit, not a second.
        if let existing = units.indices.dropFirst(firstInterim).first(where: { units[$0].since == since && entry.matches(units[$0], districts: districts) }) {
            units[existing].successors.append(Succession(id: id, part: entry.split != nil))
            return existing
        }
        guard let kind = entry.kind, let code = entry.code else {
            error(.gazetteer, "a unit formed on \(since.vietnamese) needs its 'kind' and 'code'", at: entry.location)
            return nil
        }
        let districtID = entry.district.flatMap { name in districts.firstIndex { d in d.name == name && (entry.province.map { d.province == $0 } ?? true) } }
        if entry.district != nil, districtID == nil {
            error(.gazetteerSuccessor, "no district \"\(entry.district!)\" in the earlier maps", at: entry.location)
        }
        var unit = Unit(name: entry.name, kind: kind, code: code, districtID: districtID, province: entry.province ?? units[id].province, since: since, until: entry.until ?? effective.previous, location: entry.location)
        unit.successors = [Succession(id: id, part: entry.split != nil)]
        unit.aka = entry.aka
        unit.endedBy = entry.resolution ?? resolution
        units.append(unit)
        return units.count - 1
    }

    /// An earlier unit named in `formerly:` ends: the day before this map (merged into `id`), or
    /// on its own `until:` (merged into the unit named by `via:`).
    private mutating func end(_ entry: FormerEntry, into id: Int, interim: [String: Int?], named: [Int], effective: Day, resolution: String?, earlier: Int) {
        let lastDay = entry.until ?? effective.previous
        let candidates = (named + interim.values.compactMap { $0 }).filter { index in
            entry.matches(units[index], districts: districts)
                && (units[index].since.map { $0 <= lastDay } ?? true) && (units[index].until.map { lastDay <= $0 } ?? true)
        }
        guard candidates.count == 1, let former = candidates.first else {
            let folded = entry.name.foldedForSearch
            let near = units.indices.prefix(earlier).filter { index in
                units[index].since.map { $0 <= lastDay } ?? true && units[index].until.map { lastDay <= $0 } ?? true
                    && editDistance(folded, units[index].name.foldedForSearch) <= 2
            }.prefix(3).map { "\(units[$0].kind) \(units[$0].name)" + (units[$0].districtID.map { " (\(districts[$0].name))" } ?? "") }
            error(.gazetteerSuccessor, candidates.isEmpty
                    ? "no \(entry.label) in force on \(lastDay.vietnamese) in the earlier maps"
                    : "\(entry.label) could be \(candidates.count) units of the earlier maps",
                  hint: !candidates.isEmpty ? "add its 'district:' and 'province:'"
                    : near.isEmpty ? "check its name, kind, district and province against the earlier maps; a unit formed after them needs 'since:'"
                    : "did you mean " + near.joined(separator: " or ") + "?",
                  at: entry.location)
            return
        }
        if let code = entry.code, code != units[former].code {
            error(.gazetteer, "\(entry.label) has code \(units[former].code) in the earlier map, not \(code)", at: entry.location)
        }
        for name in entry.aka where !units[former].aka.contains(name) { units[former].aka.append(name) }
        var successor = id
        if entry.until != nil {
            guard let via = entry.via, let target = interim[via] ?? nil else {
                error(.gazetteerSuccessor, "\(entry.label) ended on \(lastDay.vietnamese): 'via:' must name the unit it became, listed with 'since:' here",
                      hint: "for example: via: Hồng Sơn", at: entry.location)
                return
            }
            successor = target
        }
        if let until = units[former].until, until != lastDay || entry.split == nil {
            let into = units[former].successors.map { "\(units[$0.id].kind) \(units[$0.id].name)" }.joined(separator: ", ")
            error(.gazetteerOverlap, "\(entry.label) already ended on \(until.vietnamese)\(into.isEmpty ? "" : " (into \(into))")",
                  hint: "a unit that went into two units needs 'split: part' in one and 'split: rest' in the other, each with 'other:'", at: entry.location)
            return
        }
        units[former].until = lastDay
        units[former].successors.append(Succession(id: successor, part: entry.split != nil))
        units[former].endedBy = entry.resolution ?? resolution
        if let split = entry.split, let other = entry.other {
            units[former].splits.append((successor, split, other, entry.location))
        }
    }

    /// Each share of a split unit names the unit that took the other share, which must list it too.
    private mutating func checkSplits(newUnits: Range<Int>) {
        for unit in units where !unit.splits.isEmpty {
            for share in unit.splits {
                let (kind, name) = PlaceName.stripKind(share.other, kinds: PlaceName.communeKinds)
                let other = newUnits.first { id in units[id].name == name && (kind.map { units[id].kind == $0 } ?? true) }
                guard let other, other != share.into else {
                    error(.gazetteerSplit, other == nil
                            ? "the other share of \(unit.kind) \(unit.name), \"\(share.other)\", is not a unit of this map"
                            : "the other share of \(unit.kind) \(unit.name) must go to another unit than this one",
                          at: share.location)
                    continue
                }
                if !unit.splits.contains(where: { $0.into == other }) {
                    error(.gazetteerSplit, "\(unit.kind) \(unit.name) is split with \(share.other), which does not list it",
                          hint: "add it to the 'formerly:' of \(share.other) with 'split: \(share.split == "part" ? "rest" : "part")' and 'other: \(units[share.into].kind) \(units[share.into].name)'",
                          at: share.location)
                }
            }
        }
    }

    /// `line 7`, or `content/communes/other.yaml:7` in another file.
    static func place(_ location: SourceLocation, from here: SourceLocation) -> String {
        location.file == here.file ? "line \(location.line)" : "\(location.file):\(location.line)"
    }

    /// Checks between all units: spans in order, a code for one unit at a time, and names that
    /// tell the units of a day apart.
    mutating func validate() {
        func overlap(_ a: Unit, _ b: Unit) -> Bool {
            (a.since.map { s in b.until.map { s <= $0 } ?? true } ?? true) && (b.since.map { s in a.until.map { s <= $0 } ?? true } ?? true)
        }
        for unit in units {
            if let since = unit.since, let until = unit.until, until < since {
                error(.gazetteerOverlap, "\(unit.kind) \(unit.name) ends (\(until.vietnamese)) before it begins (\(since.vietnamese))", at: unit.location)
            }
        }
        for group in Dictionary(grouping: units.indices, by: { units[$0].code }).values where group.count > 1 {
            for (i, a) in group.enumerated() {
                if let b = group[..<i].first(where: { overlap(units[$0], units[a]) }) {
                    error(.duplicateCode, "code \"\(units[a].code)\" is used twice", hint: "first used at " + Self.place(units[b].location, from: units[a].location) + ", by a unit in force at the same time", at: units[a].codeLocation ?? units[a].location)
                }
            }
        }
        let sameName = Dictionary(grouping: units.indices) { "\(units[$0].kind) \(units[$0].name.lowercased()) \(units[$0].districtID ?? -1) \(units[$0].province)" }
        for group in sameName.values where group.count > 1 {
            for (i, a) in group.enumerated() {
                if let b = group[..<i].first(where: { overlap(units[$0], units[a]) }) {
                    error(.duplicateCommune, "two units are named \(units[a].kind) \(units[a].name) at the same time\(units[a].districtID == nil ? "" : " in one district")",
                          hint: "the other is at " + Self.place(units[b].location, from: units[a].location) + "; editors could not tell them apart", at: units[a].location)
                }
            }
        }
    }
}

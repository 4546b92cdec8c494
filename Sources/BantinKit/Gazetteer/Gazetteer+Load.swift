import Yams

extension Gazetteer {
    public static let path = "content/communes.yaml"

    /// Reads the gazetteer: `content/communes.yaml`, which either lists the districts and their
    /// communes itself (one map, in force until now) or names the maps, in date order, in files
    /// beside it (`maps:`). `read` gives a further file's text by its path from the site's root.
    static func load(text: String, file: String, read: (String) -> Result<String, Diagnostic>? = { _ in nil }) -> (Gazetteer?, [Diagnostic]) {
        var loader = GazetteerLoader()
        guard let entry = loader.parse(text, file: file) else { return (nil, loader.diagnostics) }
        var fields = YAMLFields(entry.document, entry.mapping)
        let province = fields.text("province")?.0 ?? ""
        if fields.node("maps") != nil, fields.node("districts") != nil {
            loader.error(.gazetteer, "\(file) has both 'maps:' and 'districts:'", hint: "move the districts into a map file and list it under 'maps:'", at: fields.keyLocation("districts"))
        }
        if let maps = fields.node("maps") {
            let folder = file.split(separator: "/").dropLast().joined(separator: "/")
            let items = maps.sequence.map(Array.init) ?? [maps]
            if items.isEmpty || maps.scalarKind == .null {
                loader.error(.gazetteer, "'maps:' names no map", hint: "list the map files beside \(file), oldest first", at: fields.keyLocation("maps"))
            }
            var named: Set<String> = []
            for item in items where item.scalarKind != .null {
                let location = entry.document.location(of: item)
                guard let name = item.scalar?.string.nfc, !name.isEmpty else {
                    loader.error(.gazetteer, "each entry of 'maps:' is the name of a file beside \(file)", hint: "for example: - communes/tuyen-quang-2025.yaml", at: location)
                    continue
                }
                guard !name.hasPrefix("/"), !name.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else {
                    loader.error(.gazetteer, "the map \"\(name)\" is outside the content folder", hint: "put the file beside \(file) and name it from there", at: location)
                    continue
                }
                let path = folder.isEmpty ? name : "\(folder)/\(name)"
                guard named.insert(path).inserted else {
                    loader.error(.gazetteer, "the map \"\(name)\" is named twice", hint: "name each map once", at: location)
                    continue
                }
                switch read(path) {
                case .success(let text)?:
                    guard let map = loader.parse(text, file: path) else { continue }
                    loader.loadMap(map, defaultProvince: province)
                case .failure(let diagnostic)?:
                    loader.diagnostics.append(diagnostic)
                case nil:
                    loader.error(.gazetteer, "the map \"\(name)\" does not exist", hint: "the file must be at \(path)", at: location)
                }
            }
        } else if fields.node("districts") != nil || fields.node("communes") != nil {
            loader.loadMap(entry, defaultProvince: province)
        } else {
            loader.error(.gazetteer, "\(file) has no 'districts:' list and no 'maps:'",
                         hint: "see the shape of the sample site's content/communes.yaml", at: entry.document.location(of: entry.document.root))
        }
        loader.diagnostics += fields.diagnostics
        guard !loader.units.isEmpty || !loader.districts.isEmpty else { return (nil, loader.diagnostics) }
        loader.validate()
        return (loader.gazetteer(province: province), loader.diagnostics)
    }
}

/// Builds the gazetteer map by map; each later map may end units of the earlier ones.
struct GazetteerLoader {
    struct Map {
        let document: YAMLDocument
        let mapping: Node.Mapping
    }

    /// A unit while the maps are read: successors are added as later maps name it.
    struct Unit {
        var name: String
        var kind: String
        var code: String
        var districtID: Int?
        var province: String
        var since: Day?
        var until: Day?
        var successors: [Succession] = []
        var aka: [String] = []
        var endedBy: String?
        let location: SourceLocation
        /// Where its code is written (the unit's own location if not at hand).
        var codeLocation: SourceLocation?
        /// Its shares of a split: the unit this share went into, the `split:` and `other:` written, and where.
        var splits: [(into: Int, split: String, other: String, location: SourceLocation)] = []
    }

    var districts: [District] = []
    var units: [Unit] = []
    var diagnostics: [Diagnostic] = []
    /// The day the last reform map read came into force: maps are in date order.
    var lastEffective: Day?

    mutating func error(_ code: DiagnosticCode, _ message: String, hint: String? = nil, at location: SourceLocation) {
        diagnostics.append(.error(code, message, hint: hint, at: location))
    }

    mutating func parse(_ text: String, file: String) -> Map? {
        let document: YAMLDocument
        switch YAMLDocument.parse(text, file: file) {
        case .success(let d): document = d
        case .failure(let d):
            diagnostics.append(d)
            return nil
        }
        guard case .success(let mapping) = document.rootMapping(what: file) else {
            error(.gazetteer, "\(file) must be a list of 'key: value' lines", hint: "see the sample site's maps in content/communes/", at: document.location(of: document.root))
            return nil
        }
        return Map(document: document, mapping: mapping)
    }

    /// A map of districts and their communes (`districts:`), or the units a reform formed (`effective:`).
    mutating func loadMap(_ map: Map, defaultProvince: String) {
        var fields = YAMLFields(map.document, map.mapping)
        let province = fields.text("province")?.0 ?? defaultProvince
        if fields.node("effective") != nil {
            loadReform(map, &fields, province: province)
        } else {
            loadDistricts(map, &fields, province: province)
        }
        diagnostics += fields.diagnostics
    }

    private mutating func loadDistricts(_ map: Map, _ fields: inout YAMLFields, province: String) {
        let document = map.document
        if fields.node("communes") != nil {
            error(.gazetteer, "communes must be listed under their district", hint: "put each commune under 'districts: - name: … communes:'", at: fields.keyLocation("communes"))
        }
        guard let districtNodes = fields.node("districts")?.sequence else {
            error(.gazetteer, "\(document.file) has no 'districts:' list", hint: "see the shape of the sample site's content/communes.yaml", at: document.location(of: fields.node("districts") ?? document.root))
            return
        }
        for districtNode in districtNodes {
            guard let districtMapping = districtNode.mapping else {
                error(.gazetteer, "each district must have name, kind, code and communes", at: document.location(of: districtNode))
                continue
            }
            var d = YAMLFields(document, districtMapping)
            defer { diagnostics += d.diagnostics }
            guard let (name, _) = d.text("name"), let (kind, kindLocation) = d.text("kind"), let (code, _) = d.text("code") else {
                error(.gazetteer, "a district needs 'name', 'kind' and 'code'", at: document.location(of: districtNode))
                continue
            }
            if !PlaceName.districtKinds.contains(kind) {
                error(.gazetteer, "unknown district kind \"\(kind)\"", hint: "use one of: \(PlaceName.districtKinds.joined(separator: ", "))", at: kindLocation)
            }
            checkCode(code, at: d.keyLocation("code"))
            var slug = Slug.make(name)
            if slug.isEmpty || districts.contains(where: { $0.slug == slug }) { slug += slug.isEmpty ? code : "-\(code)" }
            let districtID = districts.count
            districts.append(District(id: districtID, name: name, kind: kind, code: code, province: province, slug: slug))

            guard let communeNodes = d.node("communes")?.sequence, !communeNodes.isEmpty else {
                error(.gazetteer, "district \"\(name)\" has no communes", hint: "list them under 'communes:'", at: document.location(of: districtNode))
                continue
            }
            for communeNode in communeNodes {
                guard var unit = readUnit(document, communeNode, "each commune must be written { name: …, kind: …, code: … }") else { continue }
                unit.districtID = districtID
                unit.province = province
                units.append(unit)
            }
        }
    }

    /// A unit's own keys: name, kind, code, and optionally since, until and aka.
    mutating func readUnit(_ document: YAMLDocument, _ node: Node, _ shape: String) -> Unit? {
        guard let mapping = node.mapping else {
            error(.gazetteer, shape, at: document.location(of: node))
            return nil
        }
        var c = YAMLFields(document, mapping)
        defer { diagnostics += c.diagnostics }
        guard let (name, _) = c.text("name"), let (kind, kindLocation) = c.text("kind"), let (code, codeLocation) = c.text("code") else {
            error(.gazetteer, "a commune needs 'name', 'kind' and 'code'", at: document.location(of: node))
            return nil
        }
        if !PlaceName.communeKinds.contains(kind) {
            error(.gazetteer, "unknown commune kind \"\(kind)\"", hint: "use one of: \(PlaceName.communeKinds.joined(separator: ", "))", at: kindLocation)
        }
        checkCode(code, at: codeLocation)
        var unit = Unit(name: name, kind: kind, code: code, province: "", location: document.location(of: node))
        unit.codeLocation = codeLocation
        unit.since = day(&c, "since")
        unit.until = day(&c, "until")
        unit.aka = (c.stringList("aka") ?? []).map(\.0)
        return unit
    }

    /// GSO codes are digits: a code ends up in addresses (`…/tan-thanh-02401/`).
    mutating func checkCode(_ code: String, at location: SourceLocation) {
        if code.isEmpty || !code.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) {
            error(.gazetteer, "the code \"\(code)\" is not a GSO code", hint: "write the code in digits, in quotes: code: \"02455\"", at: location)
        }
    }

    mutating func day(_ fields: inout YAMLFields, _ key: String) -> Day? {
        guard let (text, location) = fields.text(key) else { return nil }
        guard let day = Day(iso: text) else {
            error(.gazetteer, "'\(key)' must be a date written 2025-07-01, got \"\(text)\"", at: location)
            return nil
        }
        return day
    }

    static func day(_ fields: inout YAMLFields, _ key: String, _ diagnostics: inout [Diagnostic]) -> Day? {
        var loader = GazetteerLoader()
        defer { diagnostics += loader.diagnostics }
        return loader.day(&fields, key)
    }

    /// Slugs, the units' final shape, and the gazetteer.
    func gazetteer(province: String) -> Gazetteer {
        // Units of a district keep the folder of the district (as before there were several maps);
        // units without one are named with their kind, apart from district folders and each other.
        var taken = Set(districts.map(\.slug))
        var inDistrict: [Int: Set<String>] = [:]
        var communes: [Commune] = []
        for (id, unit) in units.enumerated() {
            var slug = Slug.make(unit.name)
            if let districtID = unit.districtID {
                if slug.isEmpty || inDistrict[districtID, default: []].contains(slug) { slug += slug.isEmpty ? unit.code : "-\(unit.code)" }
                inDistrict[districtID, default: []].insert(slug)
                slug = "\(districts[districtID].slug)/\(slug)"
            } else {
                slug = Slug.make(unit.kind) + "-" + slug
                if taken.contains(slug) { slug += "-\(unit.code)" }
                if taken.contains(slug), let since = unit.since { slug += "-\(since.local.year)" }
                taken.insert(slug)
            }
            communes.append(Commune(
                id: id, name: unit.name, kind: unit.kind, code: unit.code, districtID: unit.districtID, province: unit.province,
                since: unit.since, until: unit.until, successors: unit.successors, aka: unit.aka, endedBy: unit.endedBy, slug: slug))
        }
        return Gazetteer(province: province, districts: districts, communes: communes)
    }
}

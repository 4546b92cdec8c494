import Yams

extension Gazetteer {
    public static let path = "content/communes.yaml"

    /// Reads the gazetteer, reporting duplicate codes, unknown kinds and communes outside a district.
    static func load(text: String, file: String) -> (Gazetteer?, [Diagnostic]) {
        let document: YAMLDocument
        switch YAMLDocument.parse(text, file: file) {
        case .success(let d): document = d
        case .failure(let d): return (nil, [d])
        }
        guard case .success(let mapping) = document.rootMapping(what: file) else {
            return (nil, [.error("gazetteer", "\(file) must start with 'province:' and 'districts:'", at: document.location(of: document.root))])
        }
        var fields = YAMLFields(document, mapping)
        var diagnostics: [Diagnostic] = []
        let province = fields.text("province")?.0 ?? ""
        if fields.node("communes") != nil {
            diagnostics.append(.error("gazetteer", "communes must be listed under their district", hint: "put each commune under 'districts: - name: … communes:'", at: fields.keyLocation("communes")))
        }
        guard let districtNodes = fields.node("districts")?.sequence else {
            diagnostics.append(.error("gazetteer", "\(file) has no 'districts:' list", hint: "see the shape of the sample site's content/communes.yaml", at: document.location(of: fields.node("districts") ?? document.root)))
            return (nil, diagnostics + fields.diagnostics)
        }
        var districts: [District] = []
        var communes: [Commune] = []
        var codes: [String: SourceLocation] = [:]
        var districtSlugs: Set<String> = []

        func checkCode(_ code: String, _ location: SourceLocation) {
            if let first = codes[code] {
                diagnostics.append(.error("duplicate-code", "code \"\(code)\" is used twice", hint: "first used at line \(first.line)", at: location))
            } else {
                codes[code] = location
            }
        }

        for districtNode in districtNodes {
            guard let districtMapping = districtNode.mapping else {
                diagnostics.append(.error("gazetteer", "each district must have name, kind, code and communes", at: document.location(of: districtNode)))
                continue
            }
            var d = YAMLFields(document, districtMapping)
            guard let (name, nameLocation) = d.text("name"), let (kind, kindLocation) = d.text("kind"), let (code, codeLocation) = d.text("code") else {
                diagnostics.append(.error("gazetteer", "a district needs 'name', 'kind' and 'code'", at: document.location(of: districtNode)))
                diagnostics += d.diagnostics
                continue
            }
            if !districtKinds.contains(kind) {
                diagnostics.append(.error("gazetteer", "unknown district kind \"\(kind)\"", hint: "use one of: \(districtKinds.joined(separator: ", "))", at: kindLocation))
            }
            checkCode(code, codeLocation)
            var slug = Slug.make(name)
            if slug.isEmpty || districtSlugs.contains(slug) { slug += slug.isEmpty ? code : "-\(code)" }
            districtSlugs.insert(slug)
            _ = nameLocation
            let districtID = districts.count
            districts.append(District(name: name, kind: kind, code: code, slug: slug))

            guard let communeNodes = d.node("communes")?.sequence, !communeNodes.isEmpty else {
                diagnostics.append(.error("gazetteer", "district \"\(name)\" has no communes", hint: "list them under 'communes:'", at: document.location(of: districtNode)))
                continue
            }
            var communeSlugs: Set<String> = []
            for communeNode in communeNodes {
                guard let communeMapping = communeNode.mapping else {
                    diagnostics.append(.error("gazetteer", "each commune must be written { name: …, kind: …, code: … }", at: document.location(of: communeNode)))
                    continue
                }
                var c = YAMLFields(document, communeMapping)
                guard let (cname, _) = c.text("name"), let (ckind, ckindLocation) = c.text("kind"), let (ccode, ccodeLocation) = c.text("code") else {
                    diagnostics.append(.error("gazetteer", "a commune needs 'name', 'kind' and 'code'", at: document.location(of: communeNode)))
                    diagnostics += c.diagnostics
                    continue
                }
                if !communeKinds.contains(ckind) {
                    diagnostics.append(.error("gazetteer", "unknown commune kind \"\(ckind)\"", hint: "use one of: \(communeKinds.joined(separator: ", "))", at: ckindLocation))
                }
                checkCode(ccode, ccodeLocation)
                var cslug = Slug.make(cname)
                if cslug.isEmpty || communeSlugs.contains(cslug) { cslug += cslug.isEmpty ? ccode : "-\(ccode)" }
                communeSlugs.insert(cslug)
                communes.append(Commune(id: communes.count, name: cname, kind: ckind, code: ccode, districtID: districtID, slug: cslug))
                diagnostics += c.diagnostics
            }
            diagnostics += d.diagnostics
        }
        diagnostics += fields.diagnostics
        return (Gazetteer(province: province, districts: districts, communes: communes), diagnostics)
    }
}

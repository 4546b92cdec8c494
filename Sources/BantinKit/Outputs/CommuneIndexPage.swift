/// The commune index: the units in force today in Vietnamese alphabetical order (grouped by
/// district when today's map has districts), each with the units it was formed from; then the
/// former units, grouped by former province and district. With article counts.
struct CommuneIndexPage: SiteOutput {
    func write(_ context: RenderContext, to output: OutputWriter) throws(Diagnostic) {
        let page = SitePaths.communeIndex
        try output.write(SitePaths.file(page), html(context, page: page))
    }

    private func html(_ context: RenderContext, page: String) -> String {
        let site = context.site
        let index = CommuneIndex(site)
        func groups(_ groups: [CommuneIndex.Group]) -> [DistrictView] {
            groups.map { context.districtView($0.district, communes: $0.communes, page: page) }
        }
        let formerProvinces = index.former.map { ProvinceView(name: $0.province, districts: groups($0.groups)) }
        let title = "Xã, phường, thị trấn"
        let content = FieldsView(fields: [
            "districts": groups(index.current),
            "communeCount": index.currentCount,
            "communesWithArticles": index.current.reduce(0) { $0 + $1.communes.filter { site.listedCount(of: $0.id) > 0 }.count },
            "province": site.gazetteer.province,
            "since": index.since?.vietnamese,
            "formerProvinces": formerProvinces.isEmpty ? nil : formerProvinces,
            "formerCount": index.formerCount,
            "hasFormer": !formerProvinces.isEmpty,
            "opmlURL": TemplateText(context.links.href(SitePaths.communeFeedList, from: page)),
            "jsonLDHTML": TemplateText(context.structuredData.collectionPage(page, name: title, about: context.structuredData.provinceArea)),
        ])
        return context.templates.render(.communes, context.page(page, title: title, canonical: page, content: content))
    }
}

/// The units as the commune index groups them (and the OPML of their feeds): today's units by
/// district (one group without a district when today's map has none), then the former units by
/// former province and district, each in Vietnamese alphabetical order. Units formed after today
/// (a reform announced ahead) are in neither list until then.
struct CommuneIndex {
    struct Group {
        let district: District?
        let communes: [Commune]
    }

    let current: [Group]
    let former: [(province: String, groups: [Group])]
    let currentCount: Int
    let formerCount: Int
    /// The day today's map came into force.
    let since: Day?

    init(_ site: Site) {
        let gazetteer = site.gazetteer
        let (current, notInForce) = gazetteer.communes.partitioned { $0.isInForce(on: site.today) }
        let former = notInForce.filter { $0.until.map { $0 < site.today } ?? false }
        func groups(_ units: [Commune]) -> [Group] {
            let byDistrict = Dictionary(grouping: units) { $0.districtID ?? -1 }
            return byDistrict.keys.sortedVietnamese { $0 < 0 ? "" : gazetteer.districts[$0].name }.map { id in
                Group(district: id < 0 ? nil : gazetteer.districts[id], communes: byDistrict[id]!.sortedVietnamese(by: \.name))
            }
        }
        let provinces = Dictionary(grouping: former, by: \.province)
        self.current = groups(current)
        self.former = provinces.keys.sortedVietnamese { $0 == gazetteer.province ? "" : $0 }.map { ($0, groups(provinces[$0]!)) }
        currentCount = current.count
        formerCount = former.count
        since = current.compactMap(\.since).max()
    }
}

extension Sequence {
    /// The elements that satisfy `belongs`, then the others, each in order.
    func partitioned(_ belongs: (Element) -> Bool) -> ([Element], [Element]) {
        var yes: [Element] = [], no: [Element] = []
        for element in self { if belongs(element) { yes.append(element) } else { no.append(element) } }
        return (yes, no)
    }
}

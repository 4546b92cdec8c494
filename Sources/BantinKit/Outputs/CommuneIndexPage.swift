/// The commune index: the units in force today in Vietnamese alphabetical order (grouped by
/// district when today's map has districts), each with the units it was formed from; then the
/// former units, grouped by former province and district. With article counts.
struct CommuneIndexPage: SiteOutput {
    func write(_ context: RenderContext, to folder: OutputFolder) throws(Diagnostic) {
        let page = SitePaths.communeIndex
        // Settings, gazetteer and theme are in the global key; the rest is each commune's count.
        let site = context.site
        let key = PageMemo.key(context.globalKey, ["communes", "\(site.gazetteer.epoch(of: site.today))"], articles: site.gazetteer.communes.indices.lazy.map { UInt64(site.listedCount(of: $0)) })
        try context.memo.write(SitePaths.file(page), key: key, to: folder) { () throws(Diagnostic) in html(context, page: page) }
    }

    private func html(_ context: RenderContext, page: String) -> String {
        let site = context.site
        let gazetteer = site.gazetteer
        // Units formed after today (a reform announced ahead) are in neither list until then.
        let (current, notInForce) = gazetteer.communes.partitioned { $0.isInForce(on: site.today) }
        let former = notInForce.filter { $0.until.map { $0 < site.today } ?? false }
        func groups(_ units: [Commune]) -> [DistrictView] {
            let byDistrict = Dictionary(grouping: units) { $0.districtID ?? -1 }
            return byDistrict.keys.sortedVietnamese { $0 < 0 ? "" : gazetteer.districts[$0].name }.map { id in
                DistrictView(district: id < 0 ? nil : gazetteer.districts[id],
                             communes: byDistrict[id]!.sortedVietnamese(by: \.name).map { context.communeView($0, page: page) })
            }
        }
        let provinces = Dictionary(grouping: former, by: \.province)
        let formerProvinces = provinces.keys.sortedVietnamese { $0 == gazetteer.province ? "" : $0 }.map {
            ProvinceView(name: $0, districts: groups(provinces[$0]!))
        }
        let since = current.compactMap(\.since).max()
        let content = FieldsView(fields: [
            "districts": groups(current),
            "communeCount": current.count,
            "communesWithArticles": current.filter { site.listedCount(of: $0.id) > 0 }.count,
            "province": gazetteer.province,
            "since": since?.vietnamese,
            "formerProvinces": formerProvinces.isEmpty ? nil : formerProvinces,
            "formerCount": former.count,
            "hasFormer": !formerProvinces.isEmpty,
        ])
        let title = "Xã, phường, thị trấn"
        return context.templates.render("communes", context.page(page, title: title, canonical: page, content: content))
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

/// Every district and its communes, in Vietnamese alphabetical order, with article counts.
struct CommuneIndexPage: SiteOutput {
    func write(_ context: RenderContext, to folder: OutputFolder) throws(Diagnostic) {
        let page = SitePaths.communeIndex
        // Settings, gazetteer and theme are in the global key; the rest is each commune's count.
        let key = PageMemo.key(context.globalKey, ["communes"], articles: context.site.articlesByCommune.lazy.map { UInt64($0.count) })
        try context.memo.write(SitePaths.file(page), key: key, to: folder) { () throws(Diagnostic) in html(context, page: page) }
    }

    private func html(_ context: RenderContext, page: String) -> String {
        let gazetteer = context.site.gazetteer
        let byDistrict = Dictionary(grouping: gazetteer.communes, by: \.districtID)
        let districts = gazetteer.districts.indices.sortedVietnamese { gazetteer.districts[$0].name }.map { id in
            DistrictView(
                district: gazetteer.districts[id],
                communes: (byDistrict[id] ?? []).sortedVietnamese(by: \.name).map { context.communeView($0, page: page) })
        }
        let withArticles = context.site.articlesByCommune.filter { !$0.isEmpty }.count
        let content = FieldsView(fields: [
            "districts": districts,
            "communeCount": gazetteer.communes.count,
            "communesWithArticles": withArticles,
            "province": gazetteer.province,
        ])
        let title = "Xã, phường, thị trấn"
        return context.templates.render("communes", context.page(page, title: title, canonical: page, content: content))
    }
}

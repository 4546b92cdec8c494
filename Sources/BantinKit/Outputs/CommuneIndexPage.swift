/// Every district and its communes, in Vietnamese alphabetical order, with article counts.
struct CommuneIndexPage: SiteOutput {
    func write(_ context: RenderContext, to folder: OutputFolder) throws(Diagnostic) {
        let page = SitePaths.communeIndex
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
        let html = context.templates.render("communes", context.page(page, title: title, canonical: page, content: content))
        try folder.write(SitePaths.file(page), html)
    }
}

/// Each district with articles (one of its units has a page), in the folder its units' folders
/// are in (`dia-phuong/yen-son/`), so that a reader who trims a commune's address finds a page:
/// its units with their counts (first page), then every article they list, each once, newest
/// first, `paginate` a page (`trang/2/`… below its folder).
struct DistrictPages: SiteOutput {
    func write(_ context: RenderContext, to output: OutputWriter) throws(Diagnostic) {
        let site = context.site
        let units = site.gazetteer.communes.reduce(into: [[Commune]](repeating: [], count: site.gazetteer.districts.count)) { units, commune in
            if let id = commune.districtID { units[id].append(commune) }
        }
        var pages: [(district: Int, number: Int)] = []
        for id in units.indices {
            let total = Self.pageCount(id, site)
            guard total > 0 else { continue }
            guard let scope = context.scope, !scope.districts.contains(id) else {
                pages += (1...total).map { (id, $0) }
                continue
            }
            // Within a scope its articles are the same: the pages that show an edited article, and
            // the first when one of its units is shown otherwise.
            var numbers = Set(site.articlesByDistrict[id].enumerated().filter { scope.articles.contains($0.element) }.map { $0.offset / site.config.paginate + 1 })
            if units[id].contains(where: { scope.communes.contains($0.id) }) { numbers.insert(1) }
            pages += numbers.sorted().map { (id, $0) }
        }
        try parallelForEach(pages) { page throws(Diagnostic) in
            try write(page.district, number: page.number, units: units[page.district], context, to: output)
        }
    }

    private func write(_ id: Int, number: Int, units: [Commune], _ context: RenderContext, to output: OutputWriter) throws(Diagnostic) {
        let site = context.site
        let perPage = site.config.paginate
        let district = site.gazetteer.districts[id]
        let articles = site.articlesByDistrict[id]
        let onPage = articles.page(number, paginate: perPage)
        let page = SitePaths.districtPage(district, number)
        let items = context.listItems(onPage, page: page)
        // Its units on the first page only: an edit of a unit's count then touches one page.
        let view = context.districtView(district, communes: number == 1 ? units.sortedVietnamese(by: \.name) : [], page: page)
        let heading = district.label.capitalizedFirst
        let content = FieldsView(fields: [
            "district": view,
            "articles": items.articles,
            "cardsHTML": items.cardsHTML,
            "pager": context.pager(number, of: Self.pageCount(id, site), page: page) { SitePaths.districtPage(district, $0) },
            "isFirstPage": number == 1,
            "jsonLDHTML": TemplateText(context.structuredData.collectionPage(page, name: heading, about: context.structuredData.districtAreas[id])),
        ])
        // As a unit's place: the province is named when it is another (a former province).
        let place = heading + (district.province == site.gazetteer.province ? "" : ", \(district.province)")
        let title = place + (number > 1 ? " – Trang \(number)" : "")
        let description = "Tin bài về \(district.label), tỉnh \(district.province)"
        try output.write(SitePaths.file(page), context.templates.render(.district, context.page(page, title: title, canonical: page, description: description, content: content)))
    }
}

extension DistrictPages {
    /// None for a district none of whose units lists an article.
    static func pageCount(_ id: Int, _ site: Site) -> Int {
        site.articlesByDistrict[id].isEmpty ? 0 : site.articlesByDistrict[id].pageCount(paginate: site.config.paginate)
    }
}

/// A page in every folder of the articles' addresses (`Site.archives`), so that a reader who
/// trims an address finds a page: a year with its months (`archive-year`), and a month (or a
/// day, a section, a year without months) with its articles, newest first, `paginate` a page,
/// continued in `trang/2/`… (`archive-month`).
struct ArchivePages: SiteOutput {
    func write(_ context: RenderContext, to output: OutputWriter) throws(Diagnostic) {
        let site = context.site
        let perPage = site.config.paginate
        // Within a scope (same articles, same order, so the same folders with the same
        // articles): the pages that show an edited article, and the year pages above them.
        var pages: [(archive: Int, number: Int)] = []
        for (index, archive) in site.archives.enumerated() {
            let total = archive.pageCount(paginate: perPage)
            guard let scope = context.scope else {
                pages += (1...total).map { (index, $0) }
                continue
            }
            if archive.listsArticles {
                let numbers = Set(archive.articles.enumerated().filter { scope.articles.contains($0.element) }.map { $0.offset / perPage + 1 })
                pages += numbers.sorted().map { (index, $0) }
            } else if archive.articles.contains(where: scope.articles.contains) {
                pages.append((index, 1))
            }
        }
        let byPath = Dictionary(uniqueKeysWithValues: site.archives.enumerated().map { ($1.path, $0) })
        try parallelForEach(pages) { page throws(Diagnostic) in
            try write(site.archives[page.archive], number: page.number, context, byPath: byPath, to: output)
        }
    }

    private func write(_ archive: ArchiveFolder, number: Int, _ context: RenderContext, byPath: [String: Int], to output: OutputWriter) throws(Diagnostic) {
        let site = context.site
        let perPage = site.config.paginate
        let page = SitePaths.archivePage(archive, number)
        let heading = archive.heading
        let total = archive.pageCount(paginate: perPage)
        var fields: [String: Any?] = [
            "heading": heading,
            "articleCount": archive.articles.count,
            "breadcrumbs": breadcrumbs(of: archive, context, byPath: byPath, page: page),
            "isFirstPage": number == 1,
            "jsonLDHTML": TemplateText(context.structuredData.collectionPage(page, name: heading, about: nil)),
        ]
        let template: TemplateName
        if archive.listsArticles {
            template = .archiveMonth
            let onPage = archive.articles.page(number, paginate: perPage)
            let items = context.listItems(onPage, page: page)
            fields["articles"] = items.articles
            fields["cardsHTML"] = items.cardsHTML
            fields["pager"] = context.pager(number, of: total, page: page) { SitePaths.archivePage(archive, $0) }
        } else {
            template = .archiveYear
            fields["months"] = archive.months.map { index -> FieldsView in
                let month = site.archives[index]
                return FieldsView(fields: [
                    "heading": month.heading, "month": month.month, "year": month.year,
                    "count": month.articles.count, "url": TemplateText(context.links.href(month.path, from: page)),
                    "latestDate": month.articles.first.map { site.articles[$0].date.vietnameseDate },
                ])
            }
        }
        let title = heading + (number > 1 ? " – Trang \(number)" : "")
        let description = "Tin bài \(heading.lowercasedFirst) – \(site.config.title)"
        try output.write(SitePaths.file(page), context.templates.render(template, context.page(page, title: title, canonical: page, description: description, content: FieldsView(fields: fields))))
    }

    /// The archives above this one, from the outermost: `{heading, url}`.
    private func breadcrumbs(of archive: ArchiveFolder, _ context: RenderContext, byPath: [String: Int], page: String) -> [FieldsView]? {
        var found: [FieldsView] = []
        var folder = Substring(archive.path).dropLast()
        while let slash = folder.lastIndex(of: "/") {
            folder = folder[...slash]
            if let index = byPath[String(folder)] {
                let above = context.site.archives[index]
                found.append(FieldsView(fields: ["heading": above.heading, "url": TemplateText(context.links.href(above.path, from: page))]))
            }
            folder = folder.dropLast()
        }
        return found.isEmpty ? nil : found.reversed()
    }
}

extension ArchiveFolder {
    /// `Năm 2023`, `Tháng 2/2023`, `Ngày 21/02/2023`, `Chuyên mục tin-tuc`.
    var heading: String {
        let name = String(path.dropLast().split(separator: "/").last ?? "")
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        switch kind {
        case .year: return "Năm \(year.map(String.init) ?? name)"
        case .month:
            guard let month else { return "Tháng \(name)" }
            return year.map { "Tháng \(month)/\($0)" } ?? "Tháng \(month)"
        case .day:
            guard let day, let month, let year else { return "Ngày \(name)" }
            return "Ngày \(two(day))/\(two(month))/\(year)"
        case .other: return "Chuyên mục \(name)"
        }
    }
}

extension String {
    /// `Tháng 2/2023` → `tháng 2/2023`, inside a sentence.
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}

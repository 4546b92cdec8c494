import Mustache

/// What commune views need of the site, made once a build: every view holds this one reference
/// (lists make a view for each commune of each card on each page).
final class CommuneDirectory: Sendable {
    let gazetteer: Gazetteer
    /// Each unit's own articles and its former units', as its page lists them.
    let listedCounts: [Int]
    /// Each district's articles, each once: a district with none has no page.
    let districtCounts: [Int]
    /// For each district, the day after its units' last day when every unit has one.
    let districtEnds: [Day?]

    init(_ site: Site) {
        gazetteer = site.gazetteer
        listedCounts = site.listedByCommune.map(\.count)
        districtCounts = site.articlesByDistrict.map(\.count)
        var ends = [Day?](repeating: nil, count: gazetteer.districts.count)
        var inForce = Set<Int>()
        for commune in gazetteer.communes {
            guard let id = commune.districtID else { continue }
            guard let until = commune.until else {
                inForce.insert(id)
                continue
            }
            ends[id] = max(ends[id] ?? until.next, until.next)
        }
        districtEnds = ends.enumerated().map { inForce.contains($0.offset) ? nil : $0.element }
    }
}

/// A commune as shown in lists and on its own page, with what it was formed from and what it
/// became (each a `CommuneView` too, made when a template asks).
final class CommuneView: MustacheParent {
    let id: Int
    let directory: CommuneDirectory
    let links: LinkBuilder
    let page: String?
    /// On a unit's page, a former unit's share: only part of it went into this one.
    var part = false

    init(id: Int, directory: CommuneDirectory, links: LinkBuilder, page: String?) {
        self.id = id
        self.directory = directory
        self.links = links
        self.page = page
    }

    var commune: Commune { directory.gazetteer.communes[id] }
    /// Its own articles and its former units' (what its page lists).
    var articleCount: Int { directory.listedCounts[id] }

    private func view(_ succession: Succession) -> ViewRef {
        let view = CommuneView(id: succession.id, directory: directory, links: links, page: page)
        view.part = succession.part
        return ViewRef(view)
    }

    func child(named name: String) -> Any? {
        let commune = commune
        let gazetteer = directory.gazetteer
        switch name {
        case "name": return TemplateText(commune.name)
        case "kind": return TemplateText(commune.kind)
        case "label": return TemplateText(commune.label)
        case "heading": return TemplateText(commune.label.capitalizedFirst)
        case "code": return TemplateText(commune.code)
        case "district": return TemplateText(gazetteer.district(of: commune)?.name)
        case "districtLabel": return TemplateText(gazetteer.district(of: commune)?.label)
        case "districtURL":
            guard let district = gazetteer.district(of: commune), directory.districtCounts[district.id] > 0 else { return nil }
            return TemplateText(links.href(SitePaths.district(district), from: page))
        case "place": return TemplateText(gazetteer.place(of: commune))
        case "province": return TemplateText(commune.province)
        case "articleCount": return articleCount
        case "hasArticles": return articleCount > 0
        case "url": return TemplateText(articleCount > 0 ? links.href(SitePaths.commune(commune), from: page) : nil)
        case "feedURL": return TemplateText(articleCount > 0 ? links.href(SitePaths.communeFeed(commune), from: page) : nil)
        case "since": return TemplateText(commune.since?.vietnamese)
        case "until": return TemplateText(commune.until?.vietnamese)
        case "endedOn": return TemplateText(commune.until?.next.vietnamese)
        case "endedBy": return TemplateText(commune.endedBy)
        case "isFormer": return commune.until != nil
        case "isSplit": return commune.successors.count > 1
        case "part": return part
        case "hasSuccessors": return !commune.successors.isEmpty
        case "successors": return commune.successors.isEmpty ? nil : commune.successors.map(view)
        case "hasFormerUnits": return !gazetteer.predecessors[id].isEmpty
        case "formerUnits": return gazetteer.predecessors[id].isEmpty ? nil : gazetteer.predecessors[id].map(view)
        default: return nil
        }
    }
}

/// A district with its units (a group of the commune index, or a district's own page), or
/// the units of an era without districts (`district` nil).
final class DistrictView: MustacheParent {
    let district: District?
    let communes: [ViewRef]
    let directory: CommuneDirectory
    let links: LinkBuilder
    let page: String?
    /// Without a district, its units' counts added up; an article may be counted twice.
    private let unitsArticleCount: Int

    init(district: District?, communes: [CommuneView], directory: CommuneDirectory, links: LinkBuilder, page: String?) {
        self.district = district
        self.communes = communes.map(ViewRef.init)
        self.directory = directory
        self.links = links
        self.page = page
        self.unitsArticleCount = communes.reduce(0) { $0 + $1.articleCount }
    }

    /// Its articles, each once (what its pages list).
    var articleCount: Int { district.map { directory.districtCounts[$0.id] } ?? unitsArticleCount }

    func child(named name: String) -> Any? {
        switch name {
        case "name": TemplateText(district?.name)
        case "kind": TemplateText(district?.kind)
        case "label": TemplateText(district?.label)
        case "heading": TemplateText(district?.label.capitalizedFirst)
        case "code": TemplateText(district?.code)
        case "province": TemplateText(district?.province)
        case "communes": communes
        case "articleCount": articleCount
        case "hasPage": district != nil && articleCount > 0
        case "url": district.flatMap { articleCount > 0 ? TemplateText(links.href(SitePaths.district($0), from: page)) : nil }
        case "endedOn": TemplateText(district.flatMap { directory.districtEnds[$0.id] }?.vietnamese)
        case "isFormer": district.map { directory.districtEnds[$0.id] != nil } ?? false
        default: nil
        }
    }
}

/// A former province in the commune index, with its districts.
final class ProvinceView: MustacheParent {
    let name: String
    let districts: [ViewRef]

    init(name: String, districts: [DistrictView]) {
        self.name = name
        self.districts = districts.map(ViewRef.init)
    }

    func child(named name: String) -> Any? {
        switch name {
        case "name": TemplateText(self.name)
        case "districts": districts
        default: nil
        }
    }
}

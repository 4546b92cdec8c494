import Mustache

/// What commune views need of the site, made once a build: every view holds this one reference
/// (lists make a view for each commune of each card on each page).
final class CommuneDirectory: Sendable {
    let gazetteer: Gazetteer
    /// Each unit's own articles and its former units', as its page lists them.
    let listedCounts: [Int]

    init(_ site: Site) {
        gazetteer = site.gazetteer
        listedCounts = site.listedByCommune.map(\.count)
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

/// A group of communes in the commune index: a district, or the units of an era without districts.
final class DistrictView: MustacheParent {
    let district: District?
    let communes: [ViewRef]
    let articleCount: Int

    init(district: District?, communes: [CommuneView]) {
        self.district = district
        self.communes = communes.map(ViewRef.init)
        self.articleCount = communes.reduce(0) { $0 + $1.articleCount }
    }

    func child(named name: String) -> Any? {
        switch name {
        case "name": TemplateText(district?.name)
        case "kind": TemplateText(district?.kind)
        case "label": TemplateText(district?.label)
        case "code": TemplateText(district?.code)
        case "communes": communes
        case "articleCount": articleCount
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

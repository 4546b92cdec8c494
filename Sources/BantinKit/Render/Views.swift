import Mustache

// What templates receive. Each view is built for one page (links depend on where the page is)
// and answers only the keys documented in the README. Fields named `…HTML` hold ready-made HTML;
// every other field is text that templates escape with {{…}}.

/// The site, on every page as `site`.
struct SiteView: MustacheParent {
    let config: SiteConfig
    let province: String
    let links: LinkBuilder
    let page: String?
    let assets: AssetManifest

    func child(named name: String) -> Any? {
        switch name {
        case "title": config.title
        case "description": config.description.isEmpty ? nil : config.description
        case "language": config.language
        case "province": province
        case "baseURL": config.baseURL.absolute
        case "homeURL": links.href("", from: page)
        case "communesURL": links.href(SitePaths.communeIndex, from: page)
        case "feedURL": links.href(SitePaths.feed, from: page)
        case "feedAbsoluteURL": links.absolute(SitePaths.feed)
        case "assetsURL": links.href("assets/", from: page).replacingIndexHTML
        case "asset":
            // {{#site.asset}}style.css{{/site.asset}}: the file's URL, fingerprinted or not.
            MustacheLambda { [links, page, assets] name in
                let file = name.trimmingSpaces
                return links.href(assets.assets[file]?.sitePath ?? "assets/" + file, from: page)
            }
        case "params": TemplateValueView.wrap(config.params)
        default: nil
        }
    }
}

/// Every page: `site`, `title`, `canonicalURL`, `feeds`, then the keys of the page's own view.
struct PageView: MustacheParent {
    let site: SiteView
    let title: String
    let canonicalURL: String
    let description: String?
    let feeds: [FeedLinkView]
    let content: any MustacheParent

    func child(named name: String) -> Any? {
        switch name {
        case "site": site
        case "title": title
        case "canonicalURL": canonicalURL
        case "description": description
        case "feeds": feeds
        default: content.child(named: name)
        }
    }
}

struct FeedLinkView: MustacheParent {
    let title: String
    let url: String

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "url": url
        default: nil
        }
    }
}

/// A commune as shown in lists and on its own page.
struct CommuneView: MustacheParent {
    let commune: Commune
    let district: District
    let articleCount: Int
    let links: LinkBuilder
    let page: String?

    func child(named name: String) -> Any? {
        switch name {
        case "name": commune.name
        case "kind": commune.kind
        case "label": commune.label
        case "heading": commune.label.capitalizedFirst
        case "code": commune.code
        case "district": district.name
        case "districtLabel": district.label
        case "articleCount": articleCount
        case "hasArticles": articleCount > 0
        case "url": articleCount > 0 ? links.href(SitePaths.commune(commune, district), from: page) : nil
        case "feedURL": articleCount > 0 ? links.href(SitePaths.communeFeed(commune, district), from: page) : nil
        default: nil
        }
    }
}

struct DistrictView: MustacheParent {
    let district: District
    let communes: [CommuneView]

    func child(named name: String) -> Any? {
        switch name {
        case "name": district.name
        case "kind": district.kind
        case "label": district.label
        case "code": district.code
        case "communes": communes
        case "articleCount": communes.reduce(0) { $0 + $1.articleCount }
        default: nil
        }
    }
}

/// An article, in lists (no body) and on its own page (with `bodyHTML`).
struct ArticleView: MustacheParent {
    let article: Article
    let summary: String
    let summaryHTML: String?
    let bodyHTML: String?
    var cardHTML: String? = nil
    let imageURL: String?
    let communes: [CommuneView]
    let links: LinkBuilder
    let page: String?

    func child(named name: String) -> Any? {
        switch name {
        case "title": article.title
        case "titleHTML": Escape.html(article.title)
        case "url": links.href(article.permalink, from: page)
        case "absoluteURL": links.absolute(article.permalink)
        case "date": article.date.vietnameseLong
        case "dateShort": article.date.vietnameseDate
        case "time": article.date.vietnameseTime
        case "dateISO": article.date.iso8601
        case "updated": article.updated?.vietnameseLong
        case "updatedISO": article.updated?.iso8601
        case "authors": article.authors.isEmpty ? nil : article.authors
        case "authorsText": article.authors.isEmpty ? nil : article.authors.joined(separator: ", ")
        case "communes": communes.isEmpty ? nil : communes
        case "hasCommunes": !communes.isEmpty
        case "hasTags": !article.tags.isEmpty
        case "summary": summary.isEmpty ? nil : summary
        case "summaryHTML": summary.isEmpty ? nil : summaryHTML ?? Escape.html(summary)
        case "bodyHTML": bodyHTML
        case "cardHTML": cardHTML
        case "image": imageURL
        case "tags": article.tags.isEmpty ? nil : article.tags
        case "draft": article.draft
        case "params": TemplateValueView.wrap(.map(article.params))
        default: nil
        }
    }
}

/// Pagination of the home page.
struct PagerView: MustacheParent {
    let current: Int
    let total: Int
    let previousURL: String?
    let nextURL: String?

    func child(named name: String) -> Any? {
        switch name {
        case "current": current
        case "total": total
        case "previousURL": previousURL
        case "nextURL": nextURL
        default: nil
        }
    }
}

/// Keys of a page's own view, for pages that need nothing more than a few values.
struct FieldsView: MustacheParent {
    let fields: [String: Any]
    func child(named name: String) -> Any? { fields[name] }
}

/// `params` from YAML as templates see them: texts, lists and keyed groups.
enum TemplateValueView {
    static func wrap(_ value: TemplateValue) -> Any? {
        switch value {
        case .text(let s): s
        case .bool(let b): b
        case .null: nil
        case .list(let items): items.compactMap(wrap)
        case .map(let pairs): FieldsView(fields: Dictionary(pairs.map { ($0.key, wrap($0.value) as Any) }, uniquingKeysWith: { a, _ in a }))
        }
    }
}

extension String {
    var replacingIndexHTML: String { hasSuffix("/index.html") ? String(dropLast("index.html".count)) : self }
}

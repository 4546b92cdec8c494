import Mustache

// What templates receive. Each view is built for one page (links depend on where the page is)
// and answers only the keys documented in the README. Fields named `…HTML` hold ready-made HTML;
// every other field is text that templates escape with {{…}}.
// Classes, not structs: the renderer passes views around as `Any`, and a class is one pointer
// there where a struct of this size would be boxed and copied on every key it looks up. Each is
// handed to the renderer inside a `ViewRef`, though (see there).

/// A view as swift-mustache is given it: a struct holding the reference. swift-mustache tries
/// several protocol casts on every object it looks a key up in, most of which fail, and a failed
/// cast costs a class instance twice what it costs a struct (about 370 ns against 180 ns on the
/// benchmark machine, measured in a loop of casts).
struct ViewRef: MustacheParent {
    let view: any MustacheParent & AnyObject

    init(_ view: any MustacheParent & AnyObject) { self.view = view }

    func child(named name: String) -> Any? { view.child(named: name) }

    /// `value` with views, and lists of views, wrapped.
    static func wrap(_ value: Any) -> Any {
        switch value {
        case let view as any MustacheParent & AnyObject: ViewRef(view)
        // Checked first: casting a long list element by element is what this saves.
        case is [ViewRef]: value
        case let views as [any MustacheParent & AnyObject]: views.map(ViewRef.init)
        case let deferred as Deferred: wrap(deferred.value)
        default: value
        }
    }
}

/// The site, on every page as `site`.
final class SiteView: MustacheParent {
    let config: SiteConfig
    let province: String
    let links: LinkBuilder
    let page: String?
    let assets: AssetManifest
    /// `site.params`, made once per build.
    let params: Any?
    /// Renders the text of a `{{#site.once}}` section for this view.
    let once: (String, SiteView) -> String

    init(config: SiteConfig, province: String, links: LinkBuilder, page: String?, assets: AssetManifest, params: Any?,
         once: @escaping (String, SiteView) -> String) {
        self.config = config
        self.province = province
        self.links = links
        self.page = page
        self.assets = assets
        self.params = params
        self.once = once
    }

    func child(named name: String) -> Any? {
        switch name {
        case "title": TemplateText(config.title)
        case "description": TemplateText(config.description.isEmpty ? nil : config.description)
        case "language": TemplateText(config.language)
        case "province": TemplateText(province)
        case "baseURL": TemplateText(config.baseURL.absolute)
        case "homeURL": TemplateText(links.href("", from: page))
        case "communesURL": TemplateText(links.href(SitePaths.communeIndex, from: page))
        case "searchURL": TemplateText(links.href(SitePaths.search, from: page))
        case "feedURL": TemplateText(links.href(SitePaths.feed, from: page))
        case "feedAbsoluteURL": TemplateText(links.absolute(SitePaths.feed))
        case "assetsURL": TemplateText(links.href("assets/", from: page).replacingIndexHTML)
        case "asset":
            // {{#site.asset}}style.css{{/site.asset}}: the file's URL, fingerprinted or not. Not a
            // String: swift-mustache would parse that as a template again, on every page.
            MustacheLambda { [links, page, assets] name in
                let file = name.trimmingSpaces
                return TemplateText(links.href(assets.assets[file]?.sitePath ?? "assets/" + file, from: page))
            }
        case "params": params
        case "once":
            // {{#site.once}}…{{/site.once}}: the section rendered with only `site`, once per
            // build (Hugo's partialCached): a page's header or footer costs a look-up, not dozens.
            MustacheLambda { [once, self] text in TemplateText(once(text, self)) }
        default: nil
        }
    }
}

/// Every page: `site`, `title`, `canonicalURL` (none for the 404 page, which is served at any
/// address), `feeds`, then the keys of the page's own view.
final class PageView: MustacheParent {
    let site: SiteView
    let title: String
    let canonicalURL: String?
    let description: String?
    let feeds: [ViewRef]
    let content: any MustacheParent

    init(site: SiteView, title: String, canonicalURL: String?, description: String?, feeds: [FeedLinkView], content: any MustacheParent) {
        self.site = site
        self.title = title
        self.canonicalURL = canonicalURL
        self.description = description
        self.feeds = feeds.map(ViewRef.init)
        self.content = content
    }

    func child(named name: String) -> Any? {
        switch name {
        case "site": ViewRef(site)
        case "title": TemplateText(title)
        case "canonicalURL": TemplateText(canonicalURL)
        case "description": TemplateText(description)
        case "feeds": feeds
        default: content.child(named: name)
        }
    }
}

final class FeedLinkView: MustacheParent {
    let title: String
    let url: String

    init(title: String, url: String) {
        self.title = title
        self.url = url
    }

    func child(named name: String) -> Any? {
        switch name {
        case "title": TemplateText(title)
        case "url": TemplateText(url)
        default: nil
        }
    }
}

/// An article, in lists (no body) and on its own page (with `bodyHTML`).
final class ArticleView: MustacheParent {
    let article: Article
    let summary: String
    let summaryHTML: String?
    let bodyHTML: String?
    var cardHTML: String? = nil
    /// On its own page: other articles to read next, also as their list items, and the
    /// picture's size.
    var relatedArticles: [Article] = []
    var relatedHTML: String?
    var imageSize: ImageSize?
    /// The site's authors and tags, for `authorLinks` and `tagLinks` (none: no links).
    var taxonomies: (authors: Taxonomy, tags: Taxonomy)?
    /// Their links and the communes', made once a build when they read the same on every page.
    var sharedLinks: SharedLinks?
    let imageURL: String?
    /// On its own page: the image's absolute address (for sharing), the page's JSON-LD and its
    /// Open Graph tags.
    let imageAbsoluteURL: String?
    let jsonLDHTML: String?
    let openGraphHTML: String?
    let communes: [ViewRef]
    private let communeViews: [CommuneView]
    let links: LinkBuilder
    let page: String?

    init(article: Article, summary: String, summaryHTML: String?, bodyHTML: String?, cardHTML: String? = nil, imageURL: String?,
         imageAbsoluteURL: String? = nil, jsonLDHTML: String? = nil, openGraphHTML: String? = nil, communes: [CommuneView], links: LinkBuilder, page: String?) {
        self.article = article
        self.summary = summary
        self.summaryHTML = summaryHTML
        self.bodyHTML = bodyHTML
        self.cardHTML = cardHTML
        self.imageURL = imageURL
        self.imageAbsoluteURL = imageAbsoluteURL
        self.jsonLDHTML = jsonLDHTML
        self.openGraphHTML = openGraphHTML
        self.communes = communes.map(ViewRef.init)
        self.communeViews = communes
        self.links = links
        self.page = page
    }

    /// The URL of the page of the name, if it has one (none without `taxonomies`).
    private func termURL(_ name: String, _ taxonomy: Taxonomy?) -> String? {
        taxonomy.flatMap { taxonomy in taxonomy.term(named: name).map { links.href(SitePaths.termPage(taxonomy, $0, 1), from: page) } }
    }

    /// An author in `authorsHTML` and a tag in `tagsHTML`: linked to its page, if it has one.
    /// These keys are one look-up where a list in the template is several an item.
    static func authorHTML(_ name: String, url: String?) -> String {
        url.map { "<a href=\"\(Escape.html($0))\" rel=\"author\">\(Escape.html(name))</a>" } ?? Escape.html(name)
    }

    static func tagHTML(_ name: String, url: String?) -> String {
        url.map { "<a class=\"tag\" href=\"\(Escape.html($0))\">\(Escape.html(name))</a> " } ?? "<span class=\"tag\">\(Escape.html(name))</span> "
    }

    /// A commune in `communesHTML`, as `{{#communes}}<li><a href="{{url}}">{{label}}</a>
    /// {{#place}}…{{/place}}</li>{{/communes}}` would render it, and in `communeLinksHTML`, as
    /// `{{#communes}}<a class="commune" href="{{url}}">{{label}}</a>{{/communes}}` would.
    static func communeItemHTML(_ commune: CommuneView, href: String) -> String {
        let place = (commune.child(named: "place") as? TemplateText).map { " <span class=\"district\">(\(Escape.html($0.text)))</span>" } ?? " "
        return "<li><a href=\"\(Escape.html(href))\">\(Escape.html(commune.commune.label))</a>\(place)</li>"
    }

    static func communeLinkHTML(_ commune: CommuneView, href: String) -> String {
        "<a class=\"commune\" href=\"\(Escape.html(href))\">\(Escape.html(commune.commune.label))</a>"
    }

    private func termLinks(_ names: [String], _ taxonomy: Taxonomy?) -> [ViewRef]? {
        guard !names.isEmpty else { return nil }
        return names.map { name in
            let url = termURL(name, taxonomy)
            // `hasPage` rather than `{{#url}}`: a missing `url` would be the article's.
            return ViewRef(FieldsView(fields: ["name": TemplateText(name), "url": TemplateText(url), "hasPage": url != nil]))
        }
    }

    /// A commune's `url` as a template would find it: the article's own when the commune has none.
    private func href(_ commune: CommuneView) -> String {
        (commune.child(named: "url") as? TemplateText)?.text ?? links.href(article.permalink, from: page)
    }

    func child(named name: String) -> Any? {
        switch name {
        case "title": TemplateText(article.title)
        case "titleHTML": TemplateText(Escape.html(article.title))
        case "url": TemplateText(links.href(article.permalink, from: page))
        case "absoluteURL": TemplateText(links.absolute(article.permalink))
        case "date": TemplateText(article.date.vietnameseLong)
        case "dateShort": TemplateText(article.date.vietnameseDate)
        case "time": TemplateText(article.date.vietnameseTime)
        case "dateISO": TemplateText(article.date.iso8601)
        case "updated": TemplateText(article.updated?.vietnameseLong)
        case "updatedISO": TemplateText(article.updated?.iso8601)
        case "modifiedISO": TemplateText((article.updated ?? article.date).iso8601)
        case "authors": article.authors.isEmpty ? nil : article.authors.map(TemplateText.init)
        case "authorsHTML": article.authors.isEmpty ? nil : TemplateText(article.authors.map { name in
            sharedLinks?.authors[name] ?? Self.authorHTML(name, url: termURL(name, taxonomies?.authors))
        }.joined(separator: ", "))
        case "tagsHTML": article.tags.isEmpty ? nil : TemplateText(article.tags.map { name in
            sharedLinks?.tags[name] ?? Self.tagHTML(name, url: termURL(name, taxonomies?.tags))
        }.joined())
        case "relatedHTML": TemplateText(relatedHTML)
        case "authorsText": TemplateText(article.authors.isEmpty ? nil : article.authors.joined(separator: ", "))
        case "communes": communes.isEmpty ? nil : communes
        case "communesHTML": communeViews.isEmpty ? nil : TemplateText(communeViews.map { commune in
            sharedLinks?.communeItems[commune.id] ?? Self.communeItemHTML(commune, href: href(commune))
        }.joined())
        case "communeLinksHTML": communeViews.isEmpty ? nil : TemplateText(communeViews.map { commune in
            sharedLinks?.communeLinks[commune.id] ?? Self.communeLinkHTML(commune, href: href(commune))
        }.joined(separator: "<span class=\"sep\"> · </span>"))
        case "hasCommunes": !communes.isEmpty
        case "hasTags": !article.tags.isEmpty
        case "summary": TemplateText(summary.isEmpty ? nil : summary)
        case "summaryHTML": TemplateText(summary.isEmpty ? nil : summaryHTML ?? Escape.html(summary))
        case "bodyHTML": TemplateText(bodyHTML)
        case "cardHTML": TemplateText(cardHTML)
        case "image": TemplateText(imageURL)
        case "imageAbsoluteURL": TemplateText(imageAbsoluteURL)
        case "jsonLDHTML": TemplateText(jsonLDHTML)
        case "openGraphHTML": TemplateText(openGraphHTML)
        case "tags": article.tags.isEmpty ? nil : article.tags.map(TemplateText.init)
        case "imageAlt": TemplateText(article.imageAlt)
        case "imageCaption": TemplateText(article.imageCaption)
        case "imageWidth": imageSize.map { TemplateText(String($0.width)) }
        case "imageHeight": imageSize.map { TemplateText(String($0.height)) }
        case "authorLinks": termLinks(article.authors, taxonomies?.authors)
        case "tagLinks": termLinks(article.tags, taxonomies?.tags)
        case "related": relatedArticles.isEmpty ? nil : relatedArticles.map { other in
            ViewRef(ArticleView(article: other, summary: "", summaryHTML: nil, bodyHTML: nil, imageURL: nil, communes: [], links: links, page: page))
        }
        case "hasRelated": !relatedArticles.isEmpty
        case "hasCorrections": !article.corrections.isEmpty
        case "corrections": article.corrections.isEmpty ? nil : article.corrections.map { correction in
            ViewRef(FieldsView(fields: [
                "date": TemplateText(correction.date.vietnameseLong), "dateShort": TemplateText(correction.date.vietnameseDate),
                "dateISO": TemplateText(correction.date.iso8601), "text": TemplateText(correction.text),
            ]))
        }
        case "draft": article.draft
        case "params": TemplateValueView.wrap(.map(article.params))
        default: nil
        }
    }
}

/// Pagination of the home page.
final class PagerView: MustacheParent {
    let current: Int
    let total: Int
    let previousURL: String?
    let nextURL: String?

    init(current: Int, total: Int, previousURL: String?, nextURL: String?) {
        self.current = current
        self.total = total
        self.previousURL = previousURL
        self.nextURL = nextURL
    }

    func child(named name: String) -> Any? {
        switch name {
        case "current": current
        case "total": total
        case "previousURL": TemplateText(previousURL)
        case "nextURL": TemplateText(nextURL)
        default: nil
        }
    }
}

/// Keys of a page's own view, for pages that need nothing more than a few values.
final class FieldsView: MustacheParent {
    /// Kept as given, each value wrapped when looked up: most are looked up once or never, and
    /// wrapping them all (two dictionaries made again, a cast a value) was an eighth of an
    /// author or tag page.
    let fields: [String: Any?]

    /// A key whose value is nil is missing to a template.
    init(fields: [String: Any?]) {
        self.fields = fields
    }

    func child(named name: String) -> Any? { fields[name].flatMap { $0 }.map(ViewRef.wrap) }
}

/// A value made when a template first looks it up: list pages' `articles`, whose views the
/// default theme (it shows `cardsHTML`) never asks for. A page's views are used on one thread.
final class Deferred {
    private let make: () -> Any
    private(set) lazy var value: Any = make()

    init(_ make: @escaping () -> Any) { self.make = make }
}

/// `params` from YAML as templates see them: texts, lists and keyed groups.
enum TemplateValueView {
    static func wrap(_ value: TemplateValue) -> Any? {
        switch value {
        case .text(let s): s
        case .bool(let b): b
        case .null: nil
        case .list(let items): items.compactMap(wrap)
        case .map(let pairs): ViewRef(FieldsView(fields: Dictionary(pairs.map { ($0.key, wrap($0.value) as Any) }, uniquingKeysWith: { a, _ in a })))
        }
    }
}

extension String {
    var replacingIndexHTML: String { hasSuffix("/index.html") ? String(dropLast("index.html".count)) : self }
}

/// A text value as templates see it. Rendering a plain `String` costs swift-mustache several failed
/// protocol casts and, inside `{{#key}}…{{/key}}`, a `Mirror` of the string for every key looked
/// up there; this type answers those casts at once. It renders, escapes, transforms
/// (`{{uppercased(title)}}`) and sorts (`{{#sorted(tags)}}`) as the string would. Numbers stay
/// `Int` (for `plusone`, `equalzero`…), and `params` texts stay `String` (for `{{>*name}}`).
struct TemplateText: MustacheParent, MustacheCustomRenderable, MustacheTransformable, CustomStringConvertible, Comparable {
    let text: String

    init(_ text: String) { self.text = text }

    init?(_ text: String?) {
        guard let text else { return nil }
        self.text = text
    }

    var renderText: String { text }
    var isNull: Bool { false }
    var description: String { text }
    func child(named name: String) -> Any? { nil }
    func transform(_ name: String) -> Any? { text.transform(name) }
    static func < (a: TemplateText, b: TemplateText) -> Bool { a.text < b.text }
}

/// The schema.org data of pages (JSON-LD), as text ready for a `<script type="application/ld+json">`
/// element (`jsonLDHTML` in templates). What is the same on every page (the publisher, the
/// website, each commune's place) is made once a build; an article's page adds only its own fields.
struct StructuredData: Sendable {
    let links: LinkBuilder
    let language: String
    let siteName: String
    let siteDescription: String?
    let provinceArea: ScriptJSON
    /// `publisher` on every article: the organisation, with its logo when `site.yaml` names one.
    let publisher: ScriptJSON
    /// What a page is part of.
    let website: ScriptJSON
    /// Each district's `AdministrativeArea`, by district id, within its province.
    let districtAreas: [ScriptJSON]
    /// Each unit's `Place`, by commune id: its name within its district and province.
    let places: [ScriptJSON]

    static let context: (String, ScriptJSON) = ("@context", .string("https://schema.org"))

    init(site: Site, links: LinkBuilder, assets: AssetManifest) {
        let config = site.config
        self.links = links
        language = config.language
        siteName = config.title
        siteDescription = config.description.isEmpty ? nil : config.description
        let logo = config.param("logo").map { Self.absolute($0, links: links, assets: assets) }
        publisher = .fields([
            ("@type", .string("Organization")),
            ("name", .string(config.param("publisher") ?? config.title)),
            ("url", .string(links.absolute(""))),
            ("logo", logo.map { .fields([("@type", .string("ImageObject")), ("url", .string($0))]) }),
        ]).prepared
        website = ScriptJSON.object([("@type", .string("WebSite")), ("name", .string(config.title)), ("url", .string(links.absolute("")))]).prepared
        func province(_ name: String) -> ScriptJSON {
            .object([("@type", .string("AdministrativeArea")), ("name", .string("tỉnh \(name)"))])
        }
        provinceArea = province(site.gazetteer.province).prepared
        let gazetteer = site.gazetteer
        let districtAreas = gazetteer.districts.map { district in
            ScriptJSON.object([("@type", .string("AdministrativeArea")), ("name", .string(district.label)), ("containedInPlace", province(district.province))]).prepared
        }
        self.districtAreas = districtAreas
        places = gazetteer.communes.map { commune in
            let area = commune.districtID.map { districtAreas[$0] } ?? province(commune.province)
            return ScriptJSON.object([("@type", .string("Place")), ("name", .string(commune.label)), ("containedInPlace", area)]).prepared
        }
    }

    /// A `params.logo` as an absolute address: an `http(s)://` address as written, else a path
    /// in the site (`assets/logo.png`, fingerprinted with the theme's assets if it is one).
    static func absolute(_ logo: String, links: LinkBuilder, assets: AssetManifest) -> String {
        if logo.hasASCIIPrefixIgnoringCase("https://") || logo.hasASCIIPrefixIgnoringCase("http://") { return logo }
        let path = String(logo.drop { $0 == "/" })
        let asset = path.hasPrefix("assets/") ? assets.assets[String(path.dropFirst("assets/".count))]?.sitePath : nil
        return links.absolute(asset ?? path)
    }

    /// An article's Open Graph and Twitter card tags, as the `openGraphHTML` key puts them in a
    /// page's head (like Hugo's internal `opengraph.html`): one key where writing them in the
    /// template took fourteen, a twentieth of a build. X/Twitter reads the title, description
    /// and picture from the Open Graph tags, so the card names only its kind.
    func openGraph(_ article: Article, summary: String, imageURL: String?) -> String {
        let e = Escape.html
        var out = "<meta property=\"og:type\" content=\"article\">\n<meta property=\"og:title\" content=\"" + e(article.title) + "\">\n"
        if !summary.isEmpty { out += "<meta property=\"og:description\" content=\"" + e(summary) + "\">\n" }
        out += "<meta property=\"og:url\" content=\"" + e(links.absolute(article.permalink)) + "\">\n"
        if let imageURL {
            out += "<meta property=\"og:image\" content=\"" + e(imageURL) + "\">\n<meta name=\"twitter:card\" content=\"summary_large_image\">\n"
        } else {
            out += "<meta name=\"twitter:card\" content=\"summary\">\n"
        }
        out += "<meta property=\"og:locale\" content=\"vi_VN\">\n<meta property=\"og:site_name\" content=\"" + e(siteName) + "\">\n"
        out += "<meta property=\"article:published_time\" content=\"" + article.date.iso8601 + "\">\n"
        out += "<meta property=\"article:modified_time\" content=\"" + (article.updated ?? article.date).iso8601 + "\">\n"
        for tag in article.tags { out += "<meta property=\"article:tag\" content=\"" + e(tag) + "\">\n" }
        // The template's line ends the last tag.
        out.removeLast()
        return out
    }

    /// An article's page: its NewsArticle and the breadcrumb from the home page to it.
    func article(_ article: Article, summary: String, imageURL: String?) -> String {
        let url = links.absolute(article.permalink)
        let authors: ScriptJSON = article.authors.isEmpty
            ? publisher
            : .array(article.authors.map { .object([("@type", .string("Person")), ("name", .string($0))]) })
        let news = ScriptJSON.fields([
            ("@type", .string("NewsArticle")),
            ("headline", .string(article.title)),
            ("description", summary.isEmpty ? nil : .string(summary)),
            ("datePublished", .string(article.date.iso8601)),
            ("dateModified", .string((article.updated ?? article.date).iso8601)),
            ("author", authors),
            ("publisher", publisher),
            ("image", imageURL.map { .array([.string($0)]) }),
            ("mainEntityOfPage", .object([("@type", .string("WebPage")), ("@id", .string(url))])),
            ("url", .string(url)),
            ("inLanguage", .string(language)),
            ("keywords", article.tags.isEmpty ? nil : .array(article.tags.map(ScriptJSON.string))),
            ("contentLocation", article.communeIDs.isEmpty ? nil : .array(article.communeIDs.map { places[$0] })),
        ])
        let breadcrumb = ScriptJSON.object([
            ("@type", .string("BreadcrumbList")),
            ("itemListElement", .array([
                listItem(1, name: siteName, url: links.absolute("")),
                listItem(2, name: article.title, url: url),
            ])),
        ])
        return ScriptJSON.object([Self.context, ("@graph", .array([news, breadcrumb]))]).encoded
    }

    /// The home pages: the website and its publisher.
    func home() -> String {
        ScriptJSON.fields([
            Self.context,
            ("@type", .string("WebSite")),
            ("name", .string(siteName)),
            ("url", .string(links.absolute(""))),
            ("description", siteDescription.map(ScriptJSON.string)),
            ("inLanguage", .string(language)),
            ("publisher", publisher),
        ]).encoded
    }

    /// A list page at `page` (the commune index, a district's or a commune's pages) about `about`.
    func collectionPage(_ page: String, name: String, about: ScriptJSON?) -> String {
        ScriptJSON.fields([
            Self.context,
            ("@type", .string("CollectionPage")),
            ("name", .string(name)),
            ("url", .string(links.absolute(page))),
            ("inLanguage", .string(language)),
            ("isPartOf", website),
            ("about", about),
        ]).encoded
    }

    private func listItem(_ position: Int, name: String, url: String) -> ScriptJSON {
        .object([("@type", .string("ListItem")), ("position", .int(position)), ("name", .string(name)), ("item", .string(url))])
    }
}

extension SiteConfig {
    /// A text of `params` in `site.yaml` (`publisher`, `logo`), if given and not empty.
    func param(_ key: String) -> String? {
        guard case .map(let pairs) = params, case .text(let text)? = pairs.first(where: { $0.key == key })?.value else { return nil }
        let trimmed = text.trimmingSpaces
        return trimmed.isEmpty ? nil : trimmed
    }
}

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

    init(site: Site, links: LinkBuilder, assets: AssetManifest) {
        let config = site.config
        self.links = links
        language = config.language
        siteName = config.title
        siteDescription = config.description.isEmpty ? nil : config.description
        let logo = config.param("logo").map { Self.absolute($0, links: links, assets: assets) }
        publisher = .object { json in
            json.add("@type", "Organization")
            json.add("name", config.param("publisher") ?? config.title)
            json.add("url", links.absolute(""))
            json.add("logo", logo.map { url in .object { json in json.add("@type", "ImageObject"); json.add("url", url) } })
        }
        website = .object { json in
            json.add("@type", "WebSite")
            json.add("name", config.title)
            json.add("url", links.absolute(""))
        }
        func area(_ name: String, in parent: ScriptJSON?) -> ScriptJSON {
            .object { json in
                json.add("@type", "AdministrativeArea")
                json.add("name", name)
                json.add("containedInPlace", parent)
            }
        }
        provinceArea = area("tỉnh \(site.gazetteer.province)", in: nil)
        let gazetteer = site.gazetteer
        let districtAreas = gazetteer.districts.map { district in area(district.label, in: area("tỉnh \(district.province)", in: nil)) }
        self.districtAreas = districtAreas
        places = gazetteer.communes.map { commune in
            .object { json in
                json.add("@type", "Place")
                json.add("name", commune.label)
                json.add("containedInPlace", commune.districtID.map { districtAreas[$0] } ?? area("tỉnh \(commune.province)", in: nil))
            }
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
        return ScriptJSON.object { json in
            json.add("@context", "https://schema.org")
            json.addArray("@graph") { graph in
                graph.appendObject { news in
                    news.add("@type", "NewsArticle")
                    news.add("headline", article.title)
                    news.add("description", summary.isEmpty ? nil : summary)
                    news.add("datePublished", article.date.iso8601)
                    news.add("dateModified", (article.updated ?? article.date).iso8601)
                    if article.authors.isEmpty {
                        news.add("author", publisher)
                    } else {
                        news.addArray("author") { authors in
                            for name in article.authors { authors.appendObject { $0.add("@type", "Person"); $0.add("name", name) } }
                        }
                    }
                    news.add("publisher", publisher)
                    if let imageURL { news.addArray("image") { $0.append(imageURL) } }
                    news.addObject("mainEntityOfPage") { $0.add("@type", "WebPage"); $0.add("@id", url) }
                    news.add("url", url)
                    news.add("inLanguage", language)
                    if !article.tags.isEmpty { news.addArray("keywords") { for tag in article.tags { $0.append(tag) } } }
                    if !article.communeIDs.isEmpty { news.addArray("contentLocation") { for id in article.communeIDs { $0.append(places[id]) } } }
                }
                graph.appendObject { breadcrumb in
                    breadcrumb.add("@type", "BreadcrumbList")
                    breadcrumb.addArray("itemListElement") { items in
                        items.append(listItem(1, name: siteName, url: links.absolute("")))
                        items.append(listItem(2, name: article.title, url: url))
                    }
                }
            }
        }.text
    }

    /// The home pages: the website and its publisher.
    func home() -> String {
        ScriptJSON.object { json in
            json.add("@context", "https://schema.org")
            json.add("@type", "WebSite")
            json.add("name", siteName)
            json.add("url", links.absolute(""))
            json.add("description", siteDescription)
            json.add("inLanguage", language)
            json.add("publisher", publisher)
        }.text
    }

    /// A list page at `page` (the commune index, a district's or a commune's pages) about `about`.
    func collectionPage(_ page: String, name: String, about: ScriptJSON?) -> String {
        ScriptJSON.object { json in
            json.add("@context", "https://schema.org")
            json.add("@type", "CollectionPage")
            json.add("name", name)
            json.add("url", links.absolute(page))
            json.add("inLanguage", language)
            json.add("isPartOf", website)
            json.add("about", about)
        }.text
    }

    private func listItem(_ position: Int, name: String, url: String) -> ScriptJSON {
        .object { json in
            json.add("@type", "ListItem")
            json.add("position", position)
            json.add("name", name)
            json.add("item", url)
        }
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

/// Where each kind of page lives in the output (site paths: no leading `/`).
enum SitePaths {
    static let communeIndex = "dia-phuong/"
    static let feed = "rss.xml"
    static let sitemap = "sitemap.xml"
    /// The OPML of every commune feed, beside the commune index.
    static let communeFeedList = "dia-phuong/communes.opml"

    /// `dia-phuong/yen-son/hung-loi/` for a unit of a district, `dia-phuong/xa-hung-loi/` for one without.
    static func commune(_ commune: Commune) -> String {
        "\(communeIndex)\(commune.slug)/"
    }

    /// Page `number` of a commune's articles: its own folder, then `trang/2/`, `trang/3/`…
    static func communePage(_ commune: Commune, _ number: Int) -> String {
        self.commune(commune) + homePage(number)
    }

    static func communeFeed(_ commune: Commune) -> String {
        self.commune(commune) + "rss.xml"
    }

    static func homePage(_ number: Int) -> String {
        number == 1 ? "" : "trang/\(number)/"
    }

    /// The file a page folder is written to.
    static func file(_ folder: String) -> String {
        folder + "index.html"
    }
}

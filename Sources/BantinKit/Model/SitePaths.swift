/// Where each kind of page lives in the output (site paths: no leading `/`).
enum SitePaths {
    static let communeIndex = "dia-phuong/"
    static let feed = "rss.xml"
    /// Every author, then each author's pages below (`tac-gia/nguyen-van-a/`).
    static let authorIndex = "tac-gia/"
    /// Every tag, then each tag's pages below (`tu-khoa/an-ninh/`).
    static let tagIndex = "tu-khoa/"
    static let sitemap = "sitemap.xml"

    /// Part `number` of a sitemap too long for one file (`sitemap.xml` then lists the parts).
    static func sitemapPart(_ number: Int) -> String { "sitemap-\(number).xml" }

    /// Whether `name` is one of those parts' (`sitemap-12.xml`).
    static func isSitemapPart(_ name: some StringProtocol) -> Bool {
        guard name.hasPrefix("sitemap-"), name.hasSuffix(".xml") else { return false }
        let number = name.dropFirst("sitemap-".count).dropLast(".xml".count)
        return !number.isEmpty && number.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }
    /// The search page, and the index its script searches (a script, not JSON: a browser
    /// reads it from disk too, with --relative-links).
    static let search = "tim-kiem/"
    static let searchIndex = "tim-kiem/chi-muc.js"
    /// The OPML of every commune feed, beside the commune index.
    static let communeFeedList = "dia-phuong/communes.opml"
    /// The file that proves an output folder is Bantin's to replace.
    static let marker = ".bantin-output"

    /// `dia-phuong/yen-son/hung-loi/` for a unit of a district, `dia-phuong/xa-hung-loi/` for one without.
    static func commune(_ commune: Commune) -> String {
        "\(communeIndex)\(commune.slug)/"
    }

    /// Page `number` of a commune's articles: its own folder, then `trang/2/`, `trang/3/`…
    static func communePage(_ commune: Commune, _ number: Int) -> String {
        self.commune(commune) + homePage(number)
    }

    /// `dia-phuong/yen-son/`: the folder its units' folders are in.
    static func district(_ district: District) -> String {
        "\(communeIndex)\(district.slug)/"
    }

    /// Page `number` of a district's articles: its folder, then `trang/2/`, `trang/3/`…
    static func districtPage(_ district: District, _ number: Int) -> String {
        self.district(district) + homePage(number)
    }

    static func communeFeed(_ commune: Commune) -> String {
        self.commune(commune) + "rss.xml"
    }

    /// Page `number` of an archive: its folder (`2023/02/`), then `trang/2/`, `trang/3/`…
    static func archivePage(_ archive: ArchiveFolder, _ number: Int) -> String {
        archive.path + homePage(number)
    }

    /// Page `number` of an author's or a tag's articles: `tac-gia/<slug>/`, then `trang/2/`…
    static func termPage(_ taxonomy: Taxonomy, _ term: TaxonomyTerm, _ number: Int) -> String {
        taxonomy.folder + term.slug + "/" + homePage(number)
    }

    static func termFeed(_ taxonomy: Taxonomy, _ term: TaxonomyTerm) -> String {
        termPage(taxonomy, term, 1) + "rss.xml"
    }

    /// The folder of a list's pages after the first, below the list's folder.
    static let nextPagesFolder = "trang"

    static func homePage(_ number: Int) -> String {
        number == 1 ? "" : "\(nextPagesFolder)/\(number)/"
    }

    /// The file a page folder is written to.
    static func file(_ folder: String) -> String {
        folder + "index.html"
    }

    /// Whether a site path names a file strictly inside the output folder: no empty, `.` or `..`
    /// segment, no control character or backslash, not the marker.
    static func isSafe(_ sitePath: String) -> Bool {
        // Checked on the bytes, one segment at a time: it runs for every file of every build.
        var path = sitePath
        return path.withUTF8 { bytes in
            var start = 0
            for index in 0...bytes.count {
                let byte = index < bytes.count ? bytes[index] : UInt8(ascii: "/")
                if byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\\") { return false }
                if byte == UInt8(ascii: "/") {
                    guard isSafeSegment(bytes[start..<index]) else { return false }
                    start = index + 1
                }
            }
            return true
        }
    }

    private static func isSafeSegment(_ segment: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        let dot = UInt8(ascii: ".")
        switch segment.count {
        case 0: return false
        case 1: return segment.first != dot
        case 2: return segment.first != dot || segment.last != dot
        default: return segment.first != dot || !segment.elementsEqual(marker.utf8)
        }
    }
}

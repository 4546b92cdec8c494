import Foundation
import Testing
@testable import BantinKit

/// A whole site whose gazetteer has three maps (Tuyên Quang and Hà Giang in 2023, the reform of
/// 1 July 2025): articles link the units of their own day, old and new units link each other,
/// a new unit lists its former units' articles, and editors are warned about units of another era.
@Suite struct ErasSiteTests {
    static let entry = """
    province: Tuyên Quang
    maps:
      - communes/tuyen-quang-2023.yaml
      - communes/ha-giang-2023.yaml
      - communes/tuyen-quang-2025.yaml
    """

    static let tuyenQuang2023 = """
    province: Tuyên Quang
    districts:
      - name: Yên Sơn
        kind: huyện
        code: "073"
        communes:
          - { name: Hùng Lợi, kind: xã, code: "02455" }
          - { name: Trung Minh, kind: xã, code: "02440" }
          - { name: Thái Bình, kind: xã, code: "02494" }
      - name: Tuyên Quang
        kind: thành phố
        code: "070"
        communes:
          - { name: Tân Quang, kind: phường, code: "02206" }
          - { name: Minh Xuân, kind: phường, code: "02203" }
          - { name: Nông Tiến, kind: phường, code: "02212" }
    """

    static let haGiang2023 = """
    province: Hà Giang
    districts:
      - name: Đồng Văn
        kind: huyện
        code: "026"
        communes:
          - { name: Lũng Cú, kind: xã, code: "00715" }
          - { name: Má Lé, kind: xã, code: "00718" }
      - name: Bắc Quang
        kind: huyện
        code: "034"
        communes:
          - { name: Tân Quang, kind: xã, code: "01171" }
    """

    static let tuyenQuang2025 = """
    province: Tuyên Quang
    effective: 2025-07-01
    resolution: "1684/NQ-UBTVQH15"
    communes:
      - name: Hùng Lợi
        kind: xã
        code: "02455"
        formerly:
          - { name: Trung Minh, kind: xã, district: Yên Sơn, province: Tuyên Quang }
          - { name: Hùng Lợi, kind: xã, district: Yên Sơn, province: Tuyên Quang }
      - name: Thái Bình
        kind: xã
        code: "02494"
        formerly:
          - { name: Thái Bình, kind: xã, district: Yên Sơn, split: part, other: phường Nông Tiến }
      - name: Lũng Cú
        kind: xã
        code: "00715"
        formerly:
          - { name: Má Lé, kind: xã, district: Đồng Văn, province: Hà Giang }
          - { name: Lũng Cú, kind: xã, district: Đồng Văn, province: Hà Giang }
      - name: Tân Quang
        kind: xã
        code: "01171"
        formerly:
          - { name: Tân Quang, kind: xã, district: Bắc Quang, province: Hà Giang }
      - name: Minh Xuân
        kind: phường
        code: "02215"
        formerly:
          - { name: Minh Xuân, kind: phường, district: Tuyên Quang, province: Tuyên Quang }
          - { name: Tân Quang, kind: phường, district: Tuyên Quang, province: Tuyên Quang }
      - name: Nông Tiến
        kind: phường
        code: "02212"
        formerly:
          - { name: Nông Tiến, kind: phường, district: Tuyên Quang }
          - { name: Thái Bình, kind: xã, district: Yên Sơn, split: rest, other: xã Thái Bình }
    """

    static let config = """
    title: "Bản tin thử"
    description: "Trang thử nghiệm"
    baseURL: "https://example.gov.vn/bantin/"
    permalinks: "/:year/:slug/"
    """

    /// 2026-12-01 10:00 in Vietnam: both eras' articles are published.
    static let late2026 = Date(timeIntervalSince1970: 1_796_094_000)

    static let article2023 = article("""
    title: "Ra mắt tổ tự quản ở Hùng Lợi và Tân Quang"
    slug: to-tu-quan-2023
    date: "2023-05-10"
    communes: [Hùng Lợi (Yên Sơn), phường Tân Quang]
    """, body: "Tổ tự quản ra mắt tại xã Hùng Lợi (huyện Yên Sơn) và phường Tân Quang (thành phố Tuyên Quang).")

    static let article2026 = article("""
    title: "Camera an ninh ở Hùng Lợi, Lũng Cú và Tân Quang"
    slug: camera-2026
    date: "2026-03-10"
    communes: [Hùng Lợi, Lũng Cú, Tân Quang]
    """, body: "Các xã gồm Hùng Lợi, Lũng Cú và Tân Quang lắp camera an ninh.")

    static func files(_ extra: [String: String] = [:]) -> [String: String] {
        var files = [
            "site.yaml": config,
            "content/communes.yaml": entry,
            "content/communes/tuyen-quang-2023.yaml": tuyenQuang2023,
            "content/communes/ha-giang-2023.yaml": haGiang2023,
            "content/communes/tuyen-quang-2025.yaml": tuyenQuang2025,
            "content/2023/to-tu-quan.md": article2023,
            "content/2026/camera.md": article2026,
        ]
        for (path, text) in extra { files[path] = text }
        return files
    }

    static let page2023 = "2023/to-tu-quan-2023/index.html"
    static let page2026 = "2026/camera-2026/index.html"

    /// The commune page links (`/bantin/dia-phuong/…/`) in an HTML page, in order, without duplicates.
    static func communeLinks(_ html: String) -> [String] {
        var links: [String] = []
        var rest = Substring(html)
        while let range = rest.range(of: "href=\"/bantin/dia-phuong/") {
            let after = rest[range.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            let link = "dia-phuong/" + after[..<end]
            if !links.contains(link) { links.append(link) }
            rest = after[end...]
        }
        return links
    }

    /// The text of the `<section class="places">` of an article page.
    static func places(_ html: String) -> String {
        guard let start = html.range(of: "<section class=\"places\""), let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex) else { return "" }
        return String(html[start.lowerBound..<end.upperBound])
    }

    func builtSite(_ extra: [String: String] = [:]) throws -> (TestSite, BuildReport) {
        let site = try TestSite(Self.files(extra))
        let report = try site.build { $0.now = Self.late2026 }
        return (site, report)
    }

    // MARK: Pages

    @Test("each article links the units of its own day, and only those")
    func articlesLinkTheirEra() throws {
        let (site, report) = try builtSite()
        defer { site.cleanUp() }
        #expect(report.warnings.isEmpty, "\(report.warnings.map { $0.formatted() })")
        let old = try site.read(Self.page2023)
        #expect(Self.communeLinks(Self.places(old)) == ["dia-phuong/yen-son/hung-loi/", "dia-phuong/tuyen-quang/tan-quang/"])
        let new = try site.read(Self.page2026)
        #expect(Self.communeLinks(Self.places(new)) == ["dia-phuong/xa-hung-loi/", "dia-phuong/xa-lung-cu/", "dia-phuong/xa-tan-quang/"])
        for path in ["dia-phuong/yen-son/hung-loi/", "dia-phuong/tuyen-quang/tan-quang/", "dia-phuong/xa-hung-loi/", "dia-phuong/xa-lung-cu/", "dia-phuong/xa-tan-quang/"] {
            #expect(site.exists(path + "index.html"), "\(path)")
            #expect(site.exists(path + "rss.xml"), "\(path)")
        }
    }

    @Test("a unit without district is shown without an empty district in the article's places")
    func noEmptyDistrictForNewUnits() throws {
        let (site, _) = try builtSite()
        defer { site.cleanUp() }
        let old = Self.places(try site.read(Self.page2023))
        #expect(old.contains("(huyện Yên Sơn)"))
        let new = Self.places(try site.read(Self.page2026))
        #expect(new.contains(">xã Hùng Lợi</a>"))
        #expect(!new.contains("()"), "\(new)")
    }

    @Test("unit pages link back to their articles")
    func unitPagesLinkBack() throws {
        let (site, _) = try builtSite()
        defer { site.cleanUp() }
        let oldHungLoi = try site.read("dia-phuong/yen-son/hung-loi/index.html")
        #expect(oldHungLoi.contains("href=\"/bantin/2023/to-tu-quan-2023/\""))
        #expect(!oldHungLoi.contains("/bantin/2026/camera-2026/"))
        let oldTanQuang = try site.read("dia-phuong/tuyen-quang/tan-quang/index.html")
        #expect(oldTanQuang.contains("href=\"/bantin/2023/to-tu-quan-2023/\""))
        for path in ["dia-phuong/xa-hung-loi/", "dia-phuong/xa-lung-cu/", "dia-phuong/xa-tan-quang/"] {
            #expect(try site.read(path + "index.html").contains("href=\"/bantin/2026/camera-2026/\""), "\(path)")
        }
    }

    @Test("a former unit's page says what it became, with a link")
    func formerUnitLinksItsSuccessor() throws {
        let (site, _) = try builtSite()
        defer { site.cleanUp() }
        let oldHungLoi = try site.read("dia-phuong/yen-son/hung-loi/index.html")
        #expect(oldHungLoi.contains("class=\"era-note\""))
        #expect(oldHungLoi.contains("Từ ngày 01/07/2025, xã Hùng Lợi được sắp xếp vào <a href=\"/bantin/dia-phuong/xa-hung-loi/\">xã Hùng Lợi</a>"), "\(oldHungLoi)")
        #expect(oldHungLoi.contains("1684/NQ-UBTVQH15"))
        // The old phường Tân Quang went into phường Minh Xuân, not into the new xã Tân Quang.
        let oldTanQuang = try site.read("dia-phuong/tuyen-quang/tan-quang/index.html")
        #expect(oldTanQuang.contains("<a href=\"/bantin/dia-phuong/phuong-minh-xuan/\">phường Minh Xuân</a>"), "\(oldTanQuang)")
        #expect(!oldTanQuang.contains("dia-phuong/xa-tan-quang/"))
    }

    @Test("a new unit's page lists its former units' articles apart, and says what it was formed from")
    func newUnitListsFormerArticles() throws {
        let (site, _) = try builtSite()
        defer { site.cleanUp() }
        let hungLoi = try site.read("dia-phuong/xa-hung-loi/index.html")
        let own = try #require(hungLoi.range(of: "/bantin/2026/camera-2026/"))
        let section = try #require(hungLoi.range(of: "Tin bài về các đơn vị trước đây"))
        let former = try #require(hungLoi.range(of: "/bantin/2023/to-tu-quan-2023/"))
        #expect(own.lowerBound < section.lowerBound && section.lowerBound < former.lowerBound)
        #expect(hungLoi.contains("<h2 class=\"former-title\">xã Hùng Lợi (huyện Yên Sơn), đến 30/06/2025</h2>"), "\(hungLoi)")
        #expect(hungLoi.contains("được thành lập ngày 01/07/2025 từ"))
        #expect(hungLoi.contains("<a href=\"/bantin/dia-phuong/yen-son/hung-loi/\">xã Hùng Lợi</a>"))
        #expect(hungLoi.contains("xã Trung Minh"))
        #expect(!hungLoi.contains("dia-phuong/yen-son/trung-minh/"))
        // The 2023 article about phường Tân Quang is on phường Minh Xuân's page, which has no article of its own…
        let minhXuan = try site.read("dia-phuong/phuong-minh-xuan/index.html")
        #expect(minhXuan.contains("/bantin/2023/to-tu-quan-2023/"))
        #expect(minhXuan.contains("Tin bài về các đơn vị trước đây"))
        // …and not on the new xã Tân Quang's, formed from Hà Giang's xã of that name.
        let tanQuang = try site.read("dia-phuong/xa-tan-quang/index.html")
        #expect(!tanQuang.contains("/bantin/2023/to-tu-quan-2023/"))
        #expect(!tanQuang.contains("Tin bài về các đơn vị trước đây"))
        #expect(tanQuang.contains("huyện Bắc Quang, Hà Giang"))
        // Units no article is about, directly or through former units, have no page.
        #expect(!site.exists("dia-phuong/xa-thai-binh/index.html"))
        #expect(!site.exists("dia-phuong/yen-son/trung-minh/index.html"))
    }

    /// PRODUCT BUG: in templates/commune.mustache, `{{#url}}…{{/url}}{{^url}}{{label}}{{/url}}` inside
    /// `{{#formerUnits}}` (and `{{#successors}}`): a unit without a page has no `url`, so Mustache finds
    /// the page's own unit's `url` up the context stack, and the new xã Hùng Lợi's page renders
    /// `<a href="/bantin/dia-phuong/xa-hung-loi/">xã Trung Minh</a> (huyện Yên Sơn)`: a link to itself.
    @Test("a former unit without a page is named, not linked to the page it is on")
    func formerUnitWithoutPageIsNotLinked() throws {
        let (site, _) = try builtSite()
        defer { site.cleanUp() }
        let hungLoi = try site.read("dia-phuong/xa-hung-loi/index.html")
        let note = try #require(hungLoi.components(separatedBy: "\n").first { $0.contains("được thành lập") })
        #expect(note.contains("<a href=\"/bantin/dia-phuong/yen-son/hung-loi/\">xã Hùng Lợi</a> (huyện Yên Sơn)"), "\(note)")
        #expect(note.contains(" xã Trung Minh (huyện Yên Sơn)"), "\(note)")
        #expect(!note.contains(">xã Trung Minh</a>"), "\(note)")
    }

    @Test("the commune index: today's units first with their former units, then the former provinces")
    func communeIndex() throws {
        let (site, _) = try builtSite()
        defer { site.cleanUp() }
        let index = try site.read("dia-phuong/index.html")
        func position(_ text: String) throws -> String.Index {
            try #require(index.range(of: text), "\(text) not in the index").lowerBound
        }
        #expect(index.contains("6 xã, phường, thị trấn của tỉnh Tuyên Quang từ ngày 01/07/2025"))
        let formerHeading = try position("Đơn vị hành chính trước đây (")
        #expect(index.contains("Đơn vị hành chính trước đây (9)"))
        // Today's units, alphabetically, before the former ones.
        #expect(try position(">xã Hùng Lợi</a>") < formerHeading)
        #expect(try position(">xã Hùng Lợi</a>") < position(">xã Lũng Cú</a>"))
        #expect(try position("<span class=\"no-articles\">xã Thái Bình</span>") < formerHeading)
        #expect(index.contains("Trước đây: xã Hùng Lợi (huyện Yên Sơn), xã Trung Minh (huyện Yên Sơn)"))
        #expect(index.contains("Trước đây: xã Lũng Cú (huyện Đồng Văn, Hà Giang), xã Má Lé (huyện Đồng Văn, Hà Giang)"))
        #expect(index.contains("Trước đây: một phần xã Thái Bình (huyện Yên Sơn)"))
        // Then the former units: the newsroom's province first, then Hà Giang.
        let tuyenQuang = try position("<h3>Tỉnh Tuyên Quang</h3>")
        let haGiang = try position("<h3>Tỉnh Hà Giang</h3>")
        #expect(formerHeading < tuyenQuang && tuyenQuang < haGiang)
        #expect(try position("<h4>huyện Đồng Văn</h4>") > haGiang)
        #expect(try position(">xã Hùng Lợi</a> <span class=\"count\">1 bài</span> <span class=\"formerly\">→ xã Hùng Lợi</span>") > tuyenQuang)
    }

    // MARK: Warnings

    @Test("a 2026 article listing a former unit: former-commune naming its successor, from build and check")
    func formerCommuneWarning() throws {
        let late = article("""
        title: "Tổng kết tổ tự quản Trung Minh"
        slug: trung-minh-2026
        date: "2026-06-22"
        communes: [Trung Minh]
        """, body: "Các tổ tự quản ở xã Trung Minh cũ tổng kết mười năm.")
        let (site, report) = try builtSite(["content/2026/trung-minh.md": late])
        defer { site.cleanUp() }
        let fromBuild = report.warnings.filter { $0.code == .formerCommune }
        try #require(fromBuild.count == 1, "\(report.warnings.map { $0.formatted() })")
        let warning = fromBuild[0]
        #expect(warning.severity == .warning)
        #expect(warning.location?.file == "content/2026/trung-minh.md")
        #expect(warning.location?.line == 5)
        #expect(warning.message.contains("xã Trung Minh (huyện Yên Sơn)"), "\(warning.message)")
        #expect(warning.message.contains("xã Hùng Lợi"), "\(warning.message)")
        #expect(warning.message.contains("01/07/2025"), "\(warning.message)")
        #expect(warning.hint?.contains("\"Hùng Lợi\"") == true, "\(warning.hint ?? "")")

        let options = site.options(now: Self.late2026)
        let checked = SiteChecker.check(options).diagnostics.filter { $0.code == .formerCommune }
        #expect(checked == [warning], "\(checked.map { $0.formatted() })")
        // The article is still listed on the old unit's page.
        #expect(try site.read("dia-phuong/yen-son/trung-minh/index.html").contains("/bantin/2026/trung-minh-2026/"))
    }

    @Test("site check --format json reports the former-commune warning with its place")
    func formerCommuneInCheckJSON() throws {
        let late = article("""
        title: "Tổng kết tổ tự quản Trung Minh"
        slug: trung-minh-2026
        date: "2026-06-22"
        communes: [Trung Minh]
        """, body: "Các tổ tự quản ở xã Trung Minh cũ tổng kết mười năm.")
        let site = try TestSite(Self.files(["content/2026/trung-minh.md": late]))
        defer { site.cleanUp() }
        let run = try SiteCommandTests().run(["check", "--format", "json"], in: site.root)
        #expect(run.status == 0, "\(run.stderr)")
        struct Entry: Decodable { let file: String?, line: Int?, severity: String, code: String, message: String, hint: String? }
        let entries = try JSONDecoder().decode([Entry].self, from: Data(run.stdout.utf8))
        let former = entries.filter { $0.code == "former-commune" }
        try #require(former.count == 1, "\(run.stdout)")
        #expect(former[0].file?.hasSuffix("content/2026/trung-minh.md") == true)
        #expect(former[0].line == 5)
        #expect(former[0].severity == "warning")
        #expect(former[0].message.contains("xã Hùng Lợi"), "\(former[0].message)")
    }

    @Test("a 2023 article listing a unit formed in 2025: commune-not-yet")
    func communeNotYetWarning() throws {
        let early = article("""
        title: "Khu dân cư an toàn"
        slug: khu-dan-cu-2024
        date: "2024-06-01"
        communes: ["02215"]
        """)
        let (site, report) = try builtSite(["content/2024/khu-dan-cu.md": early])
        defer { site.cleanUp() }
        let warnings = report.warnings.filter { $0.code == .communeNotYet }
        try #require(warnings.count == 1, "\(report.warnings.map { $0.formatted() })")
        #expect(warnings[0].message.contains("phường Minh Xuân"))
        #expect(warnings[0].message.contains("01/07/2025"))
        #expect(warnings[0].location?.file == "content/2024/khu-dan-cu.md")
    }

    // MARK: Auto-tagging

    @Test("communes.detect: tag links a 2026 article's mentioned units as tagging them by hand does")
    func autoTaggingMatchesHandTagging() throws {
        let body = "Công an xã Hùng Lợi, Công an xã Lũng Cú và phường Minh Xuân phối hợp tuần tra."
        let auto = article("""
        title: "Tuần tra chung"
        slug: tuan-tra-2026
        date: "2026-05-05"
        """, body: body)
        let byHand = article("""
        title: "Tuần tra chung"
        slug: tuan-tra-2026
        date: "2026-05-05"
        communes: [Hùng Lợi, Lũng Cú, phường Minh Xuân]
        """, body: body)
        let (tagged, taggedReport) = try builtSite(["content/2026/tuan-tra.md": auto, "site.yaml": Self.config + "\ncommunes:\n  detect: tag\n"])
        defer { tagged.cleanUp() }
        let (manual, _) = try builtSite(["content/2026/tuan-tra.md": byHand])
        defer { manual.cleanUp() }
        #expect(taggedReport.warnings.isEmpty, "\(taggedReport.warnings.map { $0.formatted() })")
        let page = "2026/tuan-tra-2026/index.html"
        let taggedLinks = Self.communeLinks(Self.places(try tagged.read(page)))
        let manualLinks = Self.communeLinks(Self.places(try manual.read(page)))
        #expect(manualLinks == ["dia-phuong/xa-hung-loi/", "dia-phuong/xa-lung-cu/", "dia-phuong/phuong-minh-xuan/"])
        #expect(taggedLinks == manualLinks)
        for path in manualLinks {
            #expect(try tagged.read(path + "index.html").contains("/bantin/2026/tuan-tra-2026/"), "\(path)")
        }
        // Without the setting, nothing is tagged.
        let (plain, _) = try builtSite(["content/2026/tuan-tra.md": auto])
        defer { plain.cleanUp() }
        #expect(Self.communeLinks(Self.places(try plain.read(page))).isEmpty)
    }
}

import Foundation
import Testing
@testable import BantinKit

@Suite("SiteConfig.load")
struct SiteConfigTests {
    static let file = "site.yaml"

    static func load(_ yaml: String) -> (SiteConfig, [Diagnostic]) {
        SiteConfig.load(text: yaml, file: file)
    }

    static func clean(_ yaml: String) -> SiteConfig {
        let (config, diagnostics) = load(yaml)
        #expect(diagnostics.isEmpty, "unexpected: \(diagnostics.map { $0.formatted() })")
        return config
    }

    static let minimal = "title: Bản tin Công an tỉnh Tuyên Quang\nbaseURL: https://congan.tuyenquang.gov.vn/bantin\n"

    @Test("a minimal site.yaml gets every default")
    func defaults() {
        let c = Self.clean(Self.minimal)
        #expect(c.title == "Bản tin Công an tỉnh Tuyên Quang")
        #expect(c.description == "")
        #expect(c.baseURL.origin == "https://congan.tuyenquang.gov.vn")
        #expect(c.baseURL.path == "/bantin/")
        #expect(c.baseURL.absolute == "https://congan.tuyenquang.gov.vn/bantin/")
        #expect(c.language == "vi")
        #expect(c.timeZone.identifier == "Asia/Ho_Chi_Minh")
        #expect(c.feedLimit == 50)
        #expect(c.paginate == 10)
        #expect(c.permalink.text == "/:year/:month/:slug/")
        #expect(c.permalink == PermalinkPattern.default)
        #expect(c.markdownUnsafe == false)
        #expect(c.relativeLinks == false)
        #expect(c.communeDetection == .off)
        #expect(c.params == .map([]))
    }

    @Test("the default permalink gives year/month/slug")
    func defaultPermalink() {
        let c = Self.clean(Self.minimal)
        let path = c.permalink.expand(slug: "hoi-nghi", date: LocalDateTime(year: 2023, month: 2, day: 1), section: "")
        #expect(path == "2023/02/hoi-nghi/")
    }

    @Test("every setting is read")
    func allSettings() {
        let c = Self.clean("""
        title: "Bản tin An ninh"
        description: Tin an ninh trật tự các xã, phường, thị trấn
        baseURL: "http://localhost:8080/thu-nghiem/ban-tin/"
        language: vi-VN
        timezone: Asia/Bangkok
        paginate: 20
        feed:
          limit: 30
        permalinks: /tin/:section/:year/:month/:day/:slug/
        markdown:
          unsafe: true
        relativeLinks: true
        communes:
          detect: tag
        params:
          hotline: "113"
          doi_tac: [Báo Tuyên Quang, Đài PT-TH]
        """)
        #expect(c.title == "Bản tin An ninh")
        #expect(c.description == "Tin an ninh trật tự các xã, phường, thị trấn")
        #expect(c.baseURL.origin == "http://localhost:8080")
        #expect(c.baseURL.path == "/thu-nghiem/ban-tin/")
        #expect(c.language == "vi-VN")
        #expect(c.timeZone.identifier == "Asia/Bangkok")
        #expect(c.paginate == 20)
        #expect(c.feedLimit == 30)
        #expect(c.permalink.text == "/tin/:section/:year/:month/:day/:slug/")
        #expect(c.permalink.expand(slug: "tuan-tra", date: LocalDateTime(year: 2023, month: 11, day: 5), section: "") == "tin/bai-viet/2023/11/05/tuan-tra/")
        #expect(c.permalink.expand(slug: "tuan-tra", date: LocalDateTime(year: 2023, month: 11, day: 5), section: "giao-thong") == "tin/giao-thong/2023/11/05/tuan-tra/")
        #expect(c.markdownUnsafe == true)
        #expect(c.relativeLinks == true)
        #expect(c.communeDetection == .tag)
        #expect(c.params == .keyed([("hotline", .text("113")), ("doi_tac", .list([.text("Báo Tuyên Quang"), .text("Đài PT-TH")]))]))
    }

    // MARK: baseURL

    @Test("baseURL forms: origin lowercased, path always ends with '/'", arguments: [
        ("https://congan.tuyenquang.gov.vn", "https://congan.tuyenquang.gov.vn", "/"),
        ("https://congan.tuyenquang.gov.vn/", "https://congan.tuyenquang.gov.vn", "/"),
        ("HTTPS://CongAn.TuyenQuang.gov.vn/BanTin", "https://congan.tuyenquang.gov.vn", "/BanTin/"),
        ("http://127.0.0.1:4000/a/b/", "http://127.0.0.1:4000", "/a/b/"),
        ("  https://x.vn/tin  ", "https://x.vn", "/tin/"),
        ("https://x.vn/b%E1%BA%A3n-tin", "https://x.vn", "/b%E1%BA%A3n-tin/"),
        ("https://x.vn/bản-tin", "https://x.vn", "/b%E1%BA%A3n-tin/"),
    ])
    func siteURL(text: String, origin: String, path: String) throws {
        let url = try #require(SiteURL(text))
        #expect(url.origin == origin)
        #expect(url.path == path)
        #expect(url.absolute == origin + path)
    }

    @Test("baseURL values that are not absolute http(s) base addresses are rejected", arguments: [
        "congan.tuyenquang.gov.vn/bantin", "/bantin/", "ftp://x.vn/", "mailto:a@x.vn", "https://", "https:///bantin/",
        "https://x.vn/?trang=2", "https://x.vn/#dau", "https://user@x.vn/", "https://x.vn/a/../b/", "https://x.vn/./b/", "",
    ])
    func badSiteURL(text: String) {
        #expect(SiteURL(text) == nil)
    }

    @Test("a bad baseURL is an error at the value; the default is kept")
    func badBaseURL() throws {
        let (c, diagnostics) = Self.load("title: A\nbaseURL: congan.tuyenquang.gov.vn/bantin\n")
        #expect(diagnostics.map(\.code) == [.badBaseURL])
        let d = try #require(diagnostics.first)
        #expect(d.severity == .error)
        #expect(d.location == SourceLocation(file: Self.file, line: 2, column: 10))
        #expect(d.message.contains("congan.tuyenquang.gov.vn/bantin"))
        #expect(c.baseURL == SiteURL("http://localhost/"))
    }

    @Test("a missing baseURL is an error")
    func missingBaseURL() {
        let (_, diagnostics) = Self.load("title: A\n")
        #expect(diagnostics.map(\.code) == [.badBaseURL])
        #expect(diagnostics.first?.location == SourceLocation(file: Self.file, line: 1, column: 1))
    }

    @Test("an empty 'baseURL:' is an error, not a silent http://localhost/")
    func emptyBaseURL() {
        let (c, diagnostics) = Self.load("title: A\nbaseURL:\n")
        #expect(diagnostics.contains { $0.severity == .error && $0.code == .badBaseURL },
                "got \(diagnostics.map { $0.formatted() }); baseURL is \(c.baseURL.absolute)")
    }

    @Test("an empty 'title:' is an error, not a silent default title")
    func emptyTitle() {
        let (c, diagnostics) = Self.load("title:\nbaseURL: https://x.vn/\n")
        #expect(diagnostics.contains { $0.severity == .error && $0.code == .missingTitle },
                "got \(diagnostics.map { $0.formatted() }); title is \(c.title)")
    }

    @Test("a missing title is an error")
    func missingTitle() {
        let (_, diagnostics) = Self.load("baseURL: https://x.vn/\n")
        #expect(diagnostics.map(\.code) == [.missingTitle])
    }

    @Test("a baseURL that is not text is wrong-type")
    func baseURLNotText() {
        let (_, diagnostics) = Self.load("title: A\nbaseURL: [https://x.vn/]\n")
        #expect(diagnostics.map(\.code) == [.wrongType])
        #expect(diagnostics.first?.location?.line == 2)
    }

    // MARK: Other errors

    @Test("an unknown time zone is an error at the value; the default zone is kept", arguments: ["Asia/Hanoi", "UTC+7 Hà Nội", "Mars/Olympus_Mons"])
    func badTimeZone(zone: String) throws {
        let (c, diagnostics) = Self.load(Self.minimal + "timezone: \(zone)\n")
        #expect(diagnostics.map(\.code) == [.badTimezone])
        let d = try #require(diagnostics.first)
        #expect(d.location == SourceLocation(file: Self.file, line: 3, column: 11))
        #expect(d.hint?.contains("Asia/Ho_Chi_Minh") == true)
        #expect(c.timeZone.identifier == "Asia/Ho_Chi_Minh")
    }

    @Test("unusable permalink patterns are errors; the default is kept", arguments: [
        "/:year/:month/", "/:year/:title/", "/:year/:slug:id/", "/tin tuc/:slug/", "/../:slug/", "/tin/./:slug/", "/tin-tức/:slug/", "",
    ])
    func badPermalink(pattern: String) throws {
        let (c, diagnostics) = Self.load(Self.minimal + "permalinks: \"\(pattern)\"\n")
        #expect(diagnostics.map(\.code) == [.badPermalink])
        let d = try #require(diagnostics.first)
        #expect(d.location == SourceLocation(file: Self.file, line: 3, column: 13))
        #expect(d.hint?.contains(":slug") == true)
        #expect(c.permalink == PermalinkPattern.default)
    }

    @Test("usable permalink patterns", arguments: ["/:slug/", ":year/:slug", "/bai-viet/:year/:month/:day/:slug/", "/tin/:slug/"])
    func goodPermalink(pattern: String) {
        let c = Self.clean(Self.minimal + "permalinks: \"\(pattern)\"\n")
        #expect(c.permalink.text == pattern)
    }

    @Test("out-of-range or non-numeric numbers are wrong-type and keep the default", arguments: [
        ("paginate: 0", 3), ("paginate: mười", 3), ("paginate: 1001", 3), ("feed:\n  limit: 0", 4), ("feed:\n  limit: [1]", 4),
    ])
    func badNumbers(line: String, at: Int) {
        let (c, diagnostics) = Self.load(Self.minimal + line + "\n")
        #expect(diagnostics.map(\.code) == [.wrongType], "got \(diagnostics.map { $0.formatted() })")
        #expect(diagnostics.first?.location?.line == at)
        #expect(c.paginate == 10)
        #expect(c.feedLimit == 50)
    }

    @Test("other wrong types", arguments: [
        "feed: 5", "markdown: có", "markdown:\n  unsafe: có", "relativeLinks: 1", "communes:\n  detect: bat", "language: [vi]",
    ])
    func otherWrongTypes(line: String) {
        let (_, diagnostics) = Self.load(Self.minimal + line + "\n")
        #expect(diagnostics.map(\.code) == [.wrongType], "got \(diagnostics.map { $0.formatted() })")
    }

    @Test("unknown keys warn, suggesting a near known key", arguments: [
        ("baseUrl", "baseURL"), ("paginte", "paginate"), ("timezon", "timezone"), ("permalink", "permalinks"), ("Title", "title"), ("relativelinks", "relativeLinks"),
    ])
    func unknownKeyNear(key: String, right: String) throws {
        let (_, diagnostics) = Self.load(Self.minimal + "\(key): x\n")
        let d = try #require(diagnostics.first { $0.code == .unknownKey }, "got \(diagnostics.map { $0.formatted() })")
        #expect(d.severity == .warning)
        #expect(d.location == SourceLocation(file: Self.file, line: 3, column: 1))
        #expect(d.hint == "did you mean '\(right)'?")
        #expect(d.message.contains("'\(key)'"))
    }

    @Test("a typo inside a group (feed:, markdown:, communes:) is warned about, not silently ignored", arguments: [
        ("feed:\n  limt: 20", "limit"), ("markdown:\n  unsafe_: true", "unsafe"), ("communes:\n  detec: tag", "detect"),
    ])
    func nestedUnknownKey(lines: String, right: String) throws {
        let (_, diagnostics) = Self.load(Self.minimal + lines + "\n")
        let d = try #require(diagnostics.first { $0.code == .unknownKey }, "got \(diagnostics.map { $0.formatted() })")
        #expect(d.severity == .warning)
        #expect(d.location?.line == 4)
        #expect(d.hint?.contains("'\(right)'") == true)
    }

    @Test("an unknown key far from every known key lists them and points to params")
    func unknownKeyFar() throws {
        let (_, diagnostics) = Self.load(Self.minimal + "so_dien_thoai: \"0207 3822 123\"\n")
        let d = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(d.code == .unknownKey)
        #expect(d.hint?.contains("did you mean") == false)
        #expect(d.hint?.contains("params:") == true)
        #expect(d.hint?.contains("baseURL") == true)
    }

    @Test("a YAML syntax error is an error with its line; defaults are returned")
    func yamlSyntax() throws {
        let (c, diagnostics) = Self.load("title: A\nbaseURL: https://x.vn/\nparams:\n  a: [1, 2\n")
        #expect(diagnostics.map(\.code) == [.yamlSyntax])
        let line = try #require(diagnostics.first?.location?.line)
        #expect((4...5).contains(line), "got \(diagnostics.map { $0.formatted() })")
        #expect(c.title == "Bản tin")
    }

    @Test("a site.yaml that is not key: value lines is wrong-type")
    func notAMapping() {
        let (_, diagnostics) = Self.load("- title\n- baseURL\n")
        #expect(diagnostics.map(\.code) == [.wrongType])
    }
}

import Foundation
import Testing
@testable import BantinKit

@Suite struct SiteBuildTests {
    @Test func draftsAndFutureArticlesAreLeftOutUnlessAsked() throws {
        let site = try TestSite([
            "content/a.md": article("title: Đã đăng\ndate: \"2024-05-01\""),
            "content/b.md": article("title: Nháp\ndate: \"2024-05-02\"\ndraft: true"),
            // 10:30 local on the fixed day is 30 minutes after the fixed clock (10:00 in Vietnam).
            "content/c.md": article("title: Hẹn giờ\ndate: \"10:30, 01/06/2024\""),
            // 09:30 local is already past, although it is 02:30 UTC.
            "content/d.md": article("title: Sáng nay\ndate: \"09:30, 01/06/2024\""),
        ])
        defer { site.cleanUp() }
        let report = try site.build()
        #expect(report.articles == 2)
        #expect(site.exists("2024/05/da-dang/index.html"))
        #expect(site.exists("2024/06/sang-nay/index.html"))
        #expect(!site.exists("2024/05/nhap/index.html"))
        #expect(!site.exists("2024/06/hen-gio/index.html"))

        let all = try site.build { $0.includeDrafts = true; $0.includeFuture = true }
        #expect(all.articles == 4)
        #expect(site.exists("2024/05/nhap/index.html"))
        #expect(site.exists("2024/06/hen-gio/index.html"))
    }

    @Test func articleDateIsShownInVietnameseFormInTheSiteTimeZone() throws {
        let site = try TestSite(["content/a.md": article("title: Tuần tra\ndate: \"2023-12-31T23:15:00Z\"")])
        defer { site.cleanUp() }
        try site.build()
        // 23:15 UTC on New Year's Eve is 06:15 on 1 January in Vietnam: the month folder follows local time.
        let page = try site.read("2024/01/tuan-tra/index.html")
        #expect(page.contains("<time datetime=\"2024-01-01T06:15:00+07:00\">Thứ Hai, 01/01/2024 06:15</time>"))
    }

    @Test func namesThatDifferOnlyInToneMarksGetTheirOwnPages() throws {
        let site = try TestSite([
            "content/a.md": article("title: Ở Hàm Yên\ndate: \"2024-01-01\"\ncommunes: [Tân Thành]"),
            "content/b.md": article("title: Ở Sơn Dương\ndate: \"2024-01-02\"\ncommunes: [Tân Thanh]"),
        ])
        defer { site.cleanUp() }
        try site.build()
        let hamYen = try site.read("dia-phuong/ham-yen/tan-thanh/index.html")
        let sonDuong = try site.read("dia-phuong/son-duong/tan-thanh/index.html")
        #expect(hamYen.contains("Ở Hàm Yên") && !hamYen.contains("Ở Sơn Dương"))
        #expect(sonDuong.contains("Ở Sơn Dương") && !sonDuong.contains("Ở Hàm Yên"))
    }

    @Test func communeIndexListsDistrictsAndCommunesInVietnameseOrderWithCounts() throws {
        let site = try TestSite([
            "content/a.md": article("title: A\ndate: \"2024-01-01\"\ncommunes: [Đông Thọ, Hùng Lợi]"),
            "content/b.md": article("title: B\ndate: \"2024-01-02\"\ncommunes: [Đông Thọ]"),
        ])
        defer { site.cleanUp() }
        try site.build()
        let index = try site.read("dia-phuong/index.html")
        func position(_ text: String) throws -> String.Index { try #require(index.range(of: text)).lowerBound }
        // Districts: Hàm Yên < Sơn Dương < Tuyên Quang < Yên Sơn.
        #expect(try position("huyện Hàm Yên") < position("huyện Sơn Dương"))
        #expect(try position("huyện Sơn Dương") < position("thành phố Tuyên Quang"))
        #expect(try position("thành phố Tuyên Quang") < position("huyện Yên Sơn"))
        // In Yên Sơn: Đông Thọ (đ after d) < Hùng Lợi < Trung Minh.
        #expect(try position("xã Đông Thọ") < position("xã Hùng Lợi"))
        #expect(try position("xã Hùng Lợi") < position("xã Trung Minh"))
        #expect(index.contains("<a href=\"/bantin/dia-phuong/yen-son/dong-tho/\">xã Đông Thọ</a> <span class=\"count\">2 bài</span>"))
        #expect(index.contains("<span class=\"no-articles\">xã Trung Minh</span> <span class=\"count\">chưa có bài</span>"))
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("dia-phuong/yen-son/trung-minh").path))
    }

    @Test func subPathBaseURLPrefixesEveryInternalLink() throws {
        let site = try TestSite(fixture: "golden-site")
        defer { site.cleanUp() }
        try site.build { $0.baseURL = "https://congan.tuyenquang.gov.vn/a/b/" }
        for (path, data) in site.outputTree() where path.hasSuffix(".html") {
            for link in LinkCheck.internalLinks(in: String(decoding: data, as: UTF8.self)) {
                #expect(link.hasPrefix("/a/b/"), "\(path): \(link) is not under the sub-path")
                #expect(LinkCheck.resolves(link, basePath: "/a/b/", in: site.output), "\(path): \(link) points to no file")
            }
        }
        #expect(try site.read("rss.xml").contains("<link>https://congan.tuyenquang.gov.vn/a/b/</link>"))
    }

    /// The repository's own sample site, built under a sub-path: every internal link and image of
    /// every page resolves to a file of the output.
    @Test func sampleSiteUnderASubPathHasNoBrokenLinks() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-sample-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for item in ["site.yaml", "content", "templates"] {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(item), to: root.appendingPathComponent(item))
        }
        // 1 December 2026: the sample's embargoed article (March 2027) is left out, without a far-future warning.
        var options = BuildOptions(sourceRoot: root, now: Date(timeIntervalSince1970: 1_796_083_200))
        options.baseURL = "https://congan.tuyenquang.gov.vn/ban-tin/so-moi/"
        let report = try SiteBuilder.build(options)
        #expect(report.articles >= 19)
        // The one warning is the sample's deliberate one: a 2026 article listing a former unit.
        #expect(report.warnings.map(\.code) == [.formerCommune], "\(report.warnings.map { $0.formatted() })")
        #expect(report.warnings.compactMap(\.location?.file) == ["content/2026/06/tong-ket-to-tu-quan-trung-minh.md"])
        let output = root.appendingPathComponent("public")
        var checked = 0
        for file in FileTree.files(under: output) where file.hasSuffix(".html") {
            let html = try String(contentsOf: output.appendingPathComponent(file), encoding: .utf8)
            for link in LinkCheck.internalLinks(in: html) {
                #expect(LinkCheck.resolves(link, basePath: "/ban-tin/so-moi/", in: output), "\(file): \(link) points to no file")
                checked += 1
            }
        }
        #expect(checked > 500)
    }

    @Test func relativeLinksWorkFromAnyFolder() throws {
        let site = try TestSite(fixture: "golden-site")
        defer { site.cleanUp() }
        try site.build { $0.relativeLinks = true }
        var checked = 0
        for (path, data) in site.outputTree() where path.hasSuffix(".html") && path != "404.html" {
            let folder = site.output.appendingPathComponent(path).deletingLastPathComponent()
            for link in LinkCheck.internalLinks(in: String(decoding: data, as: UTF8.self)) {
                #expect(!link.hasPrefix("/"), "\(path): \(link) is not relative")
                let target = folder.appendingPathComponent(link.split(separator: "#").first.map(String.init) ?? link).standardizedFileURL
                #expect(FileManager.default.fileExists(atPath: target.path), "\(path): \(link) points to no file")
                checked += 1
            }
        }
        #expect(checked > 50)
    }

    @Test func allProblemsOfTheSiteAreReportedInOneRunAndNothingIsWritten() throws {
        let site = try TestSite([
            "content/ok.md": article("title: Tốt\ndate: \"2024-01-01\""),
            "content/no-title.md": article("date: \"2024-01-01\""),
            "content/bad-date.md": article("title: Ngày sai\ndate: \"32/01/2024\""),
            "content/unknown-commune.md": article("title: Xã lạ\ndate: \"2024-01-01\"\ncommunes: [Hùng Lơi]"),
            "content/yaml.md": "---\ntitle: \"không đóng\ndate: 2024\n---\nx\n",
        ])
        defer { site.cleanUp() }
        let diagnostics = site.failingBuild()
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(Set(errors.compactMap { $0.location?.file }) == ["content/no-title.md", "content/bad-date.md", "content/unknown-commune.md", "content/yaml.md"])
        let unknown = try #require(errors.first { $0.code == .unknownCommune })
        #expect(unknown.location == SourceLocation(file: "content/unknown-commune.md", line: 4, column: 12))
        #expect(unknown.hint?.contains("Hùng Lợi") == true)
        let badDate = try #require(errors.first { $0.code == .badDate })
        #expect(badDate.location == SourceLocation(file: "content/bad-date.md", line: 3, column: 7))
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    @Test func duplicatePermalinksAreAnError() throws {
        let site = try TestSite([
            "content/a.md": article("title: Cùng tên\ndate: \"2024-01-01\""),
            "content/b.md": article("title: Cùng tên\ndate: \"2024-01-09\""),
        ])
        defer { site.cleanUp() }
        let diagnostics = site.failingBuild()
        let duplicate = try #require(diagnostics.first { $0.code == .duplicatePermalink })
        #expect(duplicate.location?.file == "content/b.md")
        #expect(duplicate.message.contains("content/a.md"))
    }

    @Test func linksToOtherArticlesSourceFilesBecomeTheirPermalinks() throws {
        let site = try TestSite([
            "content/2024/01/a.md": article("title: Bài A\ndate: \"2024-01-01\"", body: "Xem [bài B](../02/b.md#chi-tiet) và [bài thiếu](../02/khong-co.md)."),
            "content/2024/02/b.md": article("title: Bài B\ndate: \"2024-02-01\""),
        ])
        defer { site.cleanUp() }
        let report = try site.build()
        let page = try site.read("2024/01/bai-a/index.html")
        #expect(page.contains("<a href=\"/bantin/2024/02/bai-b/#chi-tiet\">bài B</a>"))
        let warning = try #require(report.warnings.first { $0.code == .brokenLink })
        #expect(warning.location == SourceLocation(file: "content/2024/01/a.md", line: 6, column: 37))
        #expect(warning.message.contains("points to no published article or file"))
    }

    @Test func anArticleDatedMoreThanAYearAheadIsWarnedAbout() throws {
        // The clock is 1 June 2024: 2025-05-01 is scheduled, 2032 is likely a typo for 2023.
        let site = try TestSite([
            "content/a.md": article("title: Bài A\ndate: 21/02/2032"),
            "content/b.md": article("title: Bài B\ndate: 01/05/2025"),
            "content/c.md": article("title: Bài C\ndate: 21/02/2033\ndraft: true"),
        ])
        defer { site.cleanUp() }
        let warnings = try site.build().warnings.filter { $0.code == .farFuture }
        #expect(warnings.map(\.location) == [SourceLocation(file: "content/a.md", line: 3, column: 7)])
        #expect(warnings.first?.message.contains("21/02/2032") == true, "\(warnings.first?.message ?? "")")
    }

    @Test func imagesWithASpaceInTheirAddressOrOnTheWritersComputerAreWarnedAbout() throws {
        let site = try TestSite([
            "content/a.md": article("title: Bài A\ndate: 21/02/2024", body: "![Ảnh](anh 1.jpg) [trang](https://x.vn \"tiêu đề\") ![b](C:\\Users\\anh.jpg) [c](<anh-2.jpg>)"),
            "content/anh-2.jpg": "JPEG",
        ])
        defer { site.cleanUp() }
        let warnings = try site.build().warnings
        #expect(warnings.map(\.code) == [.brokenLink, .missingImage], "\(warnings.map { $0.formatted() })")
        #expect(warnings.first?.location == SourceLocation(file: "content/a.md", line: 6, column: 8))
        #expect(warnings.first?.hint == "write it in angle brackets, (<anh 1.jpg>), or rename the file without spaces")
        #expect(warnings.last?.message.contains("on the writer's computer") == true)

        // Not in code, not a remark in brackets; and a front-matter image on the writer's computer.
        try site.write("content/a.md", article("title: Bài A\ndate: 21/02/2024\nimage: 'C:\\Users\\anh.jpg'",
            body: "`a[0](b c.d)` và [Ảnh minh họa](Nguồn: Báo Tuyên Quang, 21/02)\n\n    [x](y z.jpg)\n\n```\n[x](y z.jpg)\n```"))
        let again = try site.build().warnings
        #expect(again.map(\.code) == [.missingImage], "\(again.map { $0.formatted() })")
        #expect(again.first?.location?.line == 4)
    }

    /// Whether the target is a draft or missing is not told apart, so the warning says what to
    /// expect in both cases.
    @Test func aLinkToADraftWarnsThatItWorksOnceTheArticleIsPublished() throws {
        let site = try TestSite([
            "content/2024/01/a.md": article("title: Bài A\ndate: \"2024-01-01\"", body: "Xem [bài nháp](../02/nhap/)."),
            "content/2024/02/nhap/index.md": article("title: Bài nháp\ndate: \"2024-02-01\"\ndraft: true"),
        ])
        defer { site.cleanUp() }
        let warning = try #require(try site.build().warnings.first { $0.code == .brokenLink })
        #expect(warning.message == "link to \"../02/nhap/\" points to no published article or file")
        #expect(warning.hint?.contains("a link to a draft or to an article dated in the future works once that article is published") == true)
        // With drafts shown, the link is a link.
        let preview = try site.build { $0.includeDrafts = true }
        #expect(!preview.warnings.contains { $0.code == .brokenLink })
        #expect(try site.read("2024/01/bai-a/index.html").contains("href=\"/bantin/2024/02/bai-nhap/\""))
    }

    @Test func fingerprintedAssetsAreRenamedByContentAndReferencedEverywhere() throws {
        let site = try TestSite(fixture: "golden-site")
        defer { site.cleanUp() }
        try site.write("templates/assets/img/logo.png", "PNG-bytes")
        try site.write("templates/assets/style.css", "body { background: url(\"img/logo.png\") } .x { background: url(https://cdn.example/a.png) }")
        try site.write("site.yaml", TestSite.defaultConfig + "\nassets:\n  fingerprint: true\n")
        try site.build()
        let files = site.outputTree().keys.filter { $0.hasPrefix("assets/") }.sorted()
        #expect(files.count == 3, "style.css, logo.png and the search script: \(files)")
        let css = try #require(files.first { $0.hasSuffix(".css") })
        let logo = try #require(files.first { $0.hasSuffix(".png") })
        #expect(css.range(of: #"^assets/style\.[0-9a-f]{8}\.css$"#, options: .regularExpression) != nil)
        #expect(logo.range(of: #"^assets/img/logo\.[0-9a-f]{8}\.png$"#, options: .regularExpression) != nil)
        let cssText = try site.read(css)
        #expect(cssText.contains("url(\"\(logo.dropFirst("assets/".count))\")"))
        #expect(cssText.contains("url(https://cdn.example/a.png)"))
        #expect(try site.read("index.html").contains("<link rel=\"stylesheet\" href=\"/bantin/\(css)\">"))
        #expect(try site.read("2024/03/ra-quan-giao-thong/index.html").contains("href=\"/bantin/\(css)\""))

        // A changed stylesheet gets a new name, and every page points to it.
        try site.write("templates/assets/style.css", "body { color: navy }")
        try site.build()
        let renamed = try #require(site.outputTree().keys.first { $0.hasPrefix("assets/style.") })
        #expect(renamed != css)
        #expect(try site.read("index.html").contains(renamed))
    }

    @Test func photosOfDraftsAndEmbargoedArticlesAreNotPublished() throws {
        let site = try TestSite([
            "content/2024/05/bat-giu/index.md": article("title: Bắt giữ\ndate: \"2024-05-01\"\ndraft: true", body: "![Nghi phạm](nghi-pham.jpg)"),
            "content/2024/05/bat-giu/nghi-pham.jpg": "ảnh",
            "content/2024/07/hen-gio/index.md": article("title: Hẹn giờ\ndate: \"2024-07-01\"", body: "![Ảnh](anh.jpg)"),
            "content/2024/07/hen-gio/anh.jpg": "ảnh",
            "content/2024/05/da-dang/index.md": article("title: Đã đăng\ndate: \"2024-05-02\"", body: "![Ảnh](anh.jpg)"),
            "content/2024/05/da-dang/anh.jpg": "ảnh",
        ])
        defer { site.cleanUp() }
        try site.build()
        let published = site.outputTree().keys.filter { $0.hasSuffix(".jpg") }
        #expect(published == ["2024/05/da-dang/anh.jpg"])
    }

    @Test func contentFilesThatWouldTakeAPagesPlaceAreErrorsAtTheFile() throws {
        let site = try TestSite([
            "content/a.md": article("title: A\ndate: \"2024-01-01\""),
            "content/robots.txt": "User-agent: *",
            "content/assets/logo.png": "png",
        ])
        defer { site.cleanUp() }
        let clashes = site.failingBuild().filter { $0.code == .pathClash }
        #expect(clashes.compactMap { $0.location?.file }.sorted() == ["content/assets/logo.png", "content/robots.txt"])
        #expect(SiteChecker.check(site.options()).diagnostics.filter { $0.code == .pathClash }.count == 2)
    }

    @Test func homePagesArePaginated() throws {
        var files: [String: String] = ["site.yaml": TestSite.defaultConfig + "\npaginate: 2\n"]
        for day in 1...5 {
            files["content/\(day).md"] = article("title: Bài \(day)\ndate: \"2024-01-0\(day)\"")
        }
        let site = try TestSite(files)
        defer { site.cleanUp() }
        try site.build()
        let first = try site.read("index.html")
        #expect(first.contains("Bài 5") && first.contains("Bài 4") && !first.contains("Bài 3"))
        #expect(first.contains("href=\"/bantin/trang/2/\""))
        let last = try site.read("trang/3/index.html")
        #expect(last.contains("Bài 1") && !last.contains("Bài 2<"))
        #expect(last.contains("rel=\"prev\" href=\"/bantin/trang/2/\""))
    }
    @Test func frontMatterImageAddressIsPercentEncodedAndThe404PageHasNoCanonicalAddress() throws {
        let site = try TestSite([
            "content/a.md": article("title: Bài A\ndate: 21/02/2024\nimage: 'https://example.com/ảnh 1.png?x=\"1\"&y=2'"),
        ])
        defer { site.cleanUp() }
        try site.build()
        // The card on the home page shows it.
        #expect(try site.read("index.html").contains("src=\"https://example.com/%E1%BA%A3nh%201.png?x=%221%22&amp;y=2\""))
        let notFound = try site.read("404.html")
        #expect(!notFound.contains("rel=\"canonical\""))
        #expect(try site.read("index.html").contains("<link rel=\"canonical\" href=\"https://example.gov.vn/bantin/\">"))
    }

    /// Copied as they are, these would publish an article's text, front matter included, even a
    /// draft's or an embargoed one's.
    @Test func backupsAndLockFilesAreLeftOutAndMarkdownUnderAnotherNameIsAnError() throws {
        let draft = article("title: Bài nháp\ndate: 21/02/2024\ndraft: true", body: "Chưa được đăng.")
        let site = try TestSite([
            "content/a.md": article("title: Bài A\ndate: 21/02/2024"),
            "content/a.md~": draft, "content/b.md.bak": draft, "content/#b.md#": draft, "content/.b.md.swp": draft,
            "content/~$bao-cao.docx": "lock", "content/Thumbs.db": "cache", "content/tai-lieu/desktop.ini": "x",
            "content/tai-lieu/bao-cao.docx": "report", "content/tai-lieu/ke-hoach.pdf": "plan",
        ])
        defer { site.cleanUp() }
        try site.build()
        let published = Set(site.outputTree().keys)
        #expect(published.contains("tai-lieu/bao-cao.docx") && published.contains("tai-lieu/ke-hoach.pdf"))
        for name in ["a.md~", "b.md.bak", "#b.md#", ".b.md.swp", "~$bao-cao.docx", "Thumbs.db", "tai-lieu/desktop.ini"] {
            #expect(!published.contains(name), "\(name) was published")
        }
        #expect(!site.outputTree().values.contains { String(decoding: $0, as: UTF8.self).contains("Chưa được đăng") })

        for name in ["c.MD", "d.markdown"] {
            try site.write("content/\(name)", draft)
            let errors = site.failingBuild()
            #expect(errors.map(\.code) == [.articleName])
            #expect(errors.first?.location == SourceLocation(file: "content/\(name)"))
            #expect(errors.first?.hint?.contains(name.hasPrefix("c") ? "c.md" : "d.md") == true)
            try site.remove("content/\(name)")
        }
    }
}

/// Finds `href`/`src` values that point inside the site.
enum LinkCheck {
    static func internalLinks(in html: String) -> [String] {
        var links: [String] = []
        for attribute in ["href=\"", "src=\""] {
            var rest = html[...]
            while let start = rest.range(of: attribute) {
                rest = rest[start.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { break }
                let value = String(rest[..<end])
                if !value.hasPrefix("http:") && !value.hasPrefix("https:") && !value.hasPrefix("mailto:") && !value.hasPrefix("#") {
                    links.append(value)
                }
            }
        }
        return links
    }

    static func resolves(_ link: String, basePath: String, in output: URL) -> Bool {
        guard link.hasPrefix(basePath) else { return false }
        var path = String(link.dropFirst(basePath.count))
        if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        return FileManager.default.fileExists(atPath: output.appendingPathComponent(path.removingPercentEncoding ?? path).path)
    }

}

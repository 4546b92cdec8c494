import Foundation
import Testing
@testable import BantinKit

/// `site new`: the file it writes, where, and what it refuses.
@Suite struct NewArticleTests {
    /// 2025-07-31 17:30 UTC: already 00:30 on 1 August in Vietnam.
    static let justAfterMidnight = Date(timeIntervalSince1970: 1_753_983_000)

    /// The small test gazetteer, loaded as a build loads it.
    static func settings(_ site: TestSite) throws -> (SiteConfig, Gazetteer) {
        let settings = SiteLoader.settings(site.options(), theme: false)
        #expect(!settings.diagnostics.hasErrors)
        return (settings.config, try #require(settings.gazetteer))
    }

    /// The site's files below `content/`, for checking that nothing was written.
    static func contentFiles(_ site: TestSite) -> [String: Data] {
        site.tree(at: site.root.appendingPathComponent("content"))
    }

    @Test func pathSlugAndFrontMatter() throws {
        let site = try TestSite([:])
        defer { site.cleanUp() }
        let (config, gazetteer) = try Self.settings(site)
        let (draft, diagnostics) = NewArticle.make(
            title: "Công an xã Đông Thọ ra quân tuần tra", communes: "Đông Thọ, Phan Thiết", now: TestSite.fixedNow, config: config, gazetteer: gazetteer)
        #expect(diagnostics.isEmpty)
        #expect(draft?.path == "content/2024/06/cong-an-xa-dong-tho-ra-quan-tuan-tra.md")
        #expect(draft?.text == """
            ---
            title: "Công an xã Đông Thọ ra quân tuần tra"
            date: "10:00, 01/06/2024"
            draft: true
            communes: [Đông Thọ, Phan Thiết]
            ---

            \(NewArticle.placeholder)

            """)
        let (none, _) = NewArticle.make(title: "Đông Thọ", communes: "", now: TestSite.fixedNow, config: config, gazetteer: gazetteer)
        #expect(none?.path == "content/2024/06/dong-tho.md")
        #expect(none?.text.contains("\ncommunes: []\n") == true)
    }

    @Test func theDayAndMonthAreThoseOfTheSiteTimeZone() throws {
        let site = try TestSite([:])
        defer { site.cleanUp() }
        var (config, gazetteer) = try Self.settings(site)
        let (draft, _) = NewArticle.make(title: "Trực đêm", communes: "", now: Self.justAfterMidnight, config: config, gazetteer: gazetteer)
        #expect(draft?.path == "content/2025/08/truc-dem.md")
        #expect(draft?.text.contains("\ndate: \"00:30, 01/08/2025\"\n") == true)
        // The same instant, for a site whose time zone is UTC, is still 31 July.
        config.timeZone = TimeZone(secondsFromGMT: 0)!
        let (utc, _) = NewArticle.make(title: "Trực đêm", communes: "", now: Self.justAfterMidnight, config: config, gazetteer: gazetteer)
        #expect(utc?.path == "content/2025/07/truc-dem.md")
        #expect(utc?.text.contains("\ndate: \"17:30, 31/07/2025\"\n") == true)
    }

    /// Titles with what YAML reads as syntax read back, through the parser of every build, as typed.
    @Test(arguments: [
        "Hội nghị: tổng kết năm 2024", "Vụ án #1 năm 2024", "#1 trong tỉnh", "\"Trích dẫn\" và 'nháy đơn'", "- Gạch đầu dòng",
        "-Tin nhanh", "[Ngoặc vuông] và {ngoặc nhọn}", "yes", "null", "2024", "0123", "&neo *bí danh", "!thẻ", "% | > @ `x`",
        "Đường dẫn C:\\tin\\bai", "--- ba gạch", "? Câu hỏi", "Hết câu:", "Kí tự \u{1B}[31m điều khiển\u{7}", "Ẩn\u{FFFE}ý",
    ])
    func hostileTitlesRoundTrip(_ title: String) throws {
        let site = try TestSite([:])
        defer { site.cleanUp() }
        let (config, gazetteer) = try Self.settings(site)
        let (made, diagnostics) = NewArticle.make(title: title, communes: "", now: TestSite.fixedNow, config: config, gazetteer: gazetteer)
        #expect(diagnostics.isEmpty)
        let draft = try #require(made)
        let (source, found) = ArticleParser.parse(Data(draft.text.utf8), path: draft.path, timeZone: config.timeZone)
        #expect(found.isEmpty, "\(found.map { $0.formatted() })")
        #expect(source?.frontMatter.title?.value == title)
        #expect(source?.frontMatter.draft == true)
        #expect(source?.frontMatter.date?.value == BulletinDate(epochSeconds: 1_717_210_800, utcOffset: 7 * 3600))
    }

    @Test func titlesAreWrittenOnOneLineWithSingleSpaces() throws {
        let site = try TestSite([:])
        defer { site.cleanUp() }
        let (config, gazetteer) = try Self.settings(site)
        let (draft, _) = NewArticle.make(title: "  Tuần tra\n\tban\u{00A0}đêm\u{200B} \u{2028}  ", communes: "", now: TestSite.fixedNow, config: config, gazetteer: gazetteer)
        #expect(draft?.text.contains("\ntitle: \"Tuần tra ban đêm\"\n") == true)
        #expect(draft?.path == "content/2024/06/tuan-tra-ban-dem.md")
        // Decomposed (as macOS may pass it) is written composed, as the parser reads it.
        let (nfd, _) = NewArticle.make(title: "Đông Thọ".decomposedStringWithCanonicalMapping, communes: "", now: TestSite.fixedNow, config: config, gazetteer: gazetteer)
        #expect(nfd?.text.contains("\ntitle: \"Đông Thọ\"\n") == true)
    }

    /// What a careless editor types as a title: each a clear error, or a safe file name.
    @Test func emptyPunctuationAndPathLikeTitles() throws {
        let site = try TestSite([:])
        defer { site.cleanUp() }
        let (config, gazetteer) = try Self.settings(site)
        func make(_ title: String) -> (NewArticle.Draft?, [Diagnostic]) {
            NewArticle.make(title: title, communes: "", now: TestSite.fixedNow, config: config, gazetteer: gazetteer)
        }
        for empty in ["", "   ", "\n\t", "\u{200B}"] {
            let (draft, diagnostics) = make(empty)
            #expect(draft == nil)
            #expect(diagnostics.map { $0.formatted() } == ["""
                error: the title is empty [missing-title]
                    hint: give the headline in quotes: site new "Hội nghị triển khai nhiệm vụ năm 2025"
                """])
        }
        for punctuation in ["!!! ... ???", "..", "/", "🚓🚓", "“”"] {
            let (draft, diagnostics) = make(punctuation)
            #expect(draft == nil)
            #expect(diagnostics.map(\.code) == [.unsafeSlug])
            #expect(diagnostics.first?.message == "no file name can be made from the title \"\(punctuation)\"")
        }
        #expect(make("../../etc/passwd").0?.path == "content/2024/06/etc-passwd.md")
        #expect(make("Tin 1/2: xã A / xã B").0?.path == "content/2024/06/tin-1-2-xa-a-xa-b.md")
        #expect(make(".. Bài .ẩn").0?.path == "content/2024/06/bai-an.md")
        let (long, diagnostics) = make(String(repeating: "Tuần tra ", count: 40))
        #expect(long == nil)
        #expect(diagnostics.first?.message == "the title makes a file name of 362 bytes, longer than a file name may be (255)")
    }

    @Test func communesAreWrittenAsTheBuildReadsThemWithOddSpacingAndCase() throws {
        let site = try TestSite([:])
        defer { site.cleanUp() }
        let (config, gazetteer) = try Self.settings(site)
        let typed = "  hùng   lợi ,,  ,Phan\u{00A0}Thiết, \("Đông Thọ".decomposedStringWithCanonicalMapping), Tân Thành, xã Trung Minh, \"02200\", Hùng Lợi (Yên Sơn)"
        let (draft, diagnostics) = NewArticle.make(title: "Bài", communes: typed, now: TestSite.fixedNow, config: config, gazetteer: gazetteer)
        #expect(diagnostics.isEmpty)
        // Each unit once; the code in quotes stays a code, so the build finds the same unit.
        #expect(draft?.text.contains("\ncommunes: [Hùng Lợi, Phan Thiết, Đông Thọ, Tân Thành, Trung Minh]\n") == true)
        let (source, _) = ArticleParser.parse(Data(try #require(draft).text.utf8), path: "content/a.md", timeZone: config.timeZone)
        #expect(source?.frontMatter.communes.map(\.value) == ["Hùng Lợi", "Phan Thiết", "Đông Thọ", "Tân Thành", "Trung Minh"])
    }

    @Test func aNameSharedByTwoUnitsIsWrittenWithWhatTellsThemApart() throws {
        let site = try TestSite(["content/communes.yaml": Self.twoTanThanh])
        defer { site.cleanUp() }
        let (config, gazetteer) = try Self.settings(site)
        let (draft, diagnostics) = NewArticle.make(title: "Bài", communes: "Tân Thành (Hàm Yên), xã Tân Thành (Sơn Dương)", now: TestSite.fixedNow, config: config, gazetteer: gazetteer)
        #expect(diagnostics.isEmpty)
        #expect(draft?.text.contains("\ncommunes: [Tân Thành (Hàm Yên), Tân Thành (Sơn Dương)]\n") == true)
    }

    static let twoTanThanh = """
        province: Tuyên Quang
        districts:
          - { name: Hàm Yên, kind: huyện, code: "075", communes: [{ name: Tân Thành, kind: xã, code: "02617" }] }
          - { name: Sơn Dương, kind: huyện, code: "076", communes: [{ name: Tân Thành, kind: xã, code: "02680" }, { name: Hợp Thành, kind: xã, code: "02681" }] }
        """

    @Test func unknownAndAmbiguousCommunesAreRefusedAtTheirColumnAndNothingIsWritten() throws {
        let site = try TestSite(["content/communes.yaml": Self.twoTanThanh])
        defer { site.cleanUp() }
        let before = Self.contentFiles(site)
        let typed = "Tân Thành, Hop Thanh, Tân Thành (Hàm Yên) và Hợp Thành, Tân Thành (Yên Bình)"
        #expect(throws: DiagnosticsError.self) {
            try NewArticle.write(title: "Bài", communes: typed, options: site.options())
        }
        do {
            _ = try NewArticle.write(title: "Bài", communes: typed, options: site.options())
        } catch {
            #expect(error.diagnostics.map { $0.formatted() } == [
                """
                --communes:1:1: error: "Tân Thành" could be 2 communes [ambiguous-commune]
                    hint: write "Tân Thành (Hàm Yên)" for xã Tân Thành (huyện Hàm Yên), or "Tân Thành (Sơn Dương)" for xã Tân Thành (huyện Sơn Dương)
                """,
                """
                --communes:1:12: error: unknown commune "Hop Thanh" [unknown-commune]
                    hint: did you mean "Hợp Thành" (huyện Sơn Dương) or "Tân Thành (Hàm Yên)" (huyện Hàm Yên) or "Tân Thành (Sơn Dương)" (huyện Sơn Dương)?
                """,
                """
                --communes:1:23: error: unknown commune "Tân Thành (Hàm Yên) và Hợp Thành" [unknown-commune]
                    hint: separate the communes with commas: --communes "Tân Thành (Hàm Yên), Hợp Thành"
                """,
                """
                --communes:1:57: error: unknown district "Yên Bình" in "Tân Thành (Yên Bình)" [unknown-district]
                    hint: districts are: Hàm Yên, Sơn Dương
                """,
            ])
        }
        #expect(Self.contentFiles(site) == before)
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("content/2024").path))
    }

    /// The sample site's gazetteer: a unit merged in 2025, named in an article started after.
    @Test func aFormerUnitIsWrittenWithAWarningAsTheBuildWouldGive() throws {
        let settings = SiteLoader.settings(BuildOptions(sourceRoot: repositoryRoot, now: Self.justAfterMidnight), theme: false)
        let gazetteer = try #require(settings.gazetteer)
        let (draft, diagnostics) = NewArticle.make(
            title: "Bài", communes: "Hùng Lợi (Yên Sơn), hùng lợi, Hà Giang 1", now: Self.justAfterMidnight, config: settings.config, gazetteer: gazetteer)
        #expect(draft?.text.contains("\ncommunes: [Hùng Lợi (Yên Sơn), Hùng Lợi, Hà Giang 1]\n") == true)
        #expect(diagnostics.map(\.code) == [.formerCommune])
        #expect(diagnostics.first?.location == SourceLocation(file: "--communes", line: 1, column: 1))
        #expect(diagnostics.first?.hint?.contains("write \"Hùng Lợi\" to list it with today's unit") == true)
    }

    @Test func anExistingFileIsNeverOverwritten() throws {
        let site = try TestSite(["content/2024/06/dong-tho.md": "bài của người khác\n"])
        defer { site.cleanUp() }
        let path = site.root.appendingPathComponent("content/2024/06/dong-tho.md").path
        let modified = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        let before = Self.contentFiles(site)
        do {
            _ = try NewArticle.write(title: "Đông Thọ", communes: "", options: site.options())
            Issue.record("an existing file was overwritten")
        } catch {
            #expect(error.diagnostics.map { $0.formatted() } == ["""
                content/2024/06/dong-tho.md:1:1: error: this file already exists, so nothing was written [io]
                    hint: open it to go on with that article, or give the new one another title
                """])
        }
        #expect(Self.contentFiles(site) == before)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == modified)
        // Nor a symbolic link put where the file would go: it is not followed.
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("content/2024/06/tuan-tra.md").path, withDestinationPath: "/tmp/bantin-new-target")
        #expect(throws: DiagnosticsError.self) { try NewArticle.write(title: "Tuần tra", communes: "", options: site.options()) }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/bantin-new-target"))
    }

    @Test func aLinkedMonthFolderIsNotWrittenThrough() throws {
        let site = try TestSite([:])
        defer { site.cleanUp() }
        let elsewhere = site.root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent("content/2024"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("content/2024/06").path, withDestinationPath: elsewhere.path)
        do {
            _ = try NewArticle.write(title: "Đông Thọ", communes: "", options: site.options())
            Issue.record("written through a symbolic link")
        } catch {
            #expect(error.diagnostics.first?.message.hasPrefix("content/2024/06 is not a folder (or is a symbolic link") == true)
        }
        #expect(FileTree.files(under: elsewhere).isEmpty)
    }

    @Test func siteErrorsAreReportedAndNothingIsWritten() throws {
        let site = try TestSite(["content/communes.yaml": "province: ["])
        defer { site.cleanUp() }
        #expect(throws: DiagnosticsError.self) { try NewArticle.write(title: "Bài", communes: "", options: site.options()) }
        do {
            _ = try NewArticle.write(title: "Bài", communes: "", options: site.options())
        } catch {
            #expect(error.stage == .settings)
            #expect(error.diagnostics.map(\.code) == [.yamlSyntax])
        }
        try site.remove("site.yaml")
        do {
            _ = try NewArticle.write(title: "Bài", communes: "", options: site.options())
        } catch {
            #expect(error.diagnostics.map(\.code).contains(.missingConfig))
        }
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("content/2024").path))
    }

    /// A broken template is no reason not to start an article: the theme is not read.
    @Test func aBrokenThemeDoesNotStopANewArticle() throws {
        let site = try TestSite(["templates/article.mustache": "{{#x}}"])
        defer { site.cleanUp() }
        let (draft, _) = try NewArticle.write(title: "Bài", communes: "", options: site.options())
        #expect(draft.path == "content/2024/06/bai.md")
    }

    @Test func theNewArticleBuildsAsADraftOnly() throws {
        let site = try TestSite([:])
        defer { site.cleanUp() }
        let (draft, warnings) = try NewArticle.write(title: "Công an xã Hùng Lợi: tuần tra #2", communes: "Hùng Lợi, Phan Thiết", options: site.options())
        #expect(warnings.isEmpty)
        #expect(draft.path == "content/2024/06/cong-an-xa-hung-loi-tuan-tra-2.md")
        #expect(try String(contentsOf: site.root.appendingPathComponent(draft.path), encoding: .utf8) == draft.text)

        let published = try site.build()
        #expect(published.articles == 0)
        #expect(!site.exists("2024/06/cong-an-xa-hung-loi-tuan-tra-2/index.html"))

        let withDrafts = try site.build { $0.includeDrafts = true }
        #expect(withDrafts.articles == 1)
        #expect(withDrafts.warnings.isEmpty)
        let page = try site.read("2024/06/cong-an-xa-hung-loi-tuan-tra-2/index.html")
        #expect(page.contains("Công an xã Hùng Lợi: tuần tra #2"))
        #expect(page.contains(NewArticle.placeholder))
        for commune in ["dia-phuong/yen-son/hung-loi/index.html", "dia-phuong/tuyen-quang/phan-thiet/index.html"] {
            #expect(try site.read(commune).contains("Công an xã Hùng Lợi: tuần tra #2"), "not on \(commune)")
        }
        #expect(!SiteChecker.check(site.options()).diagnostics.hasErrors)
    }

    @Test func theCommandPrintsThePathAndRefusesWhatItShould() throws {
        let cli = SiteCommandTests()
        let site = try TestSite([:])
        defer { site.cleanUp() }
        let made = try cli.run(["new", "Công an xã Đông Thọ", "--communes", "Đông Thọ"], in: site.root)
        #expect(made.status == 0, "stderr: \(made.stderr)")
        #expect(made.stderr.isEmpty)
        let path = made.stdout.trimmingCharacters(in: .newlines)
        #expect(path.hasPrefix("content/") && path.hasSuffix("/cong-an-xa-dong-tho.md") && path.split(separator: "/").count == 4)
        let text = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
        #expect(text.contains("\ncommunes: [Đông Thọ]\n"))

        // Again: the same file, refused; from the parent folder, with the path as seen from there.
        let folder = site.root.lastPathComponent
        let again = try cli.run(["new", "Công an xã Đông Thọ", "--source", folder], in: site.root.deletingLastPathComponent())
        #expect(again.status == 1)
        #expect(again.stdout.isEmpty)
        #expect(again.stderr == "\(folder)/\(path):1:1: error: this file already exists, so nothing was written [io]\n"
            + "    hint: open it to go on with that article, or give the new one another title\nNo article written.\n")
        #expect(try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8) == text)

        let unknown = try cli.run(["new", "Bài", "--communes", "Hùng Lơi"], in: site.root)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.hasPrefix("--communes:1:1: error: unknown commune \"Hùng Lơi\" [unknown-commune]\n    hint: did you mean \"Hùng Lợi\""))

        // A title starting with '-' is a title; a mistyped option is not taken for one.
        let dash = try cli.run(["new", "-Tin nhanh"], in: site.root)
        #expect(dash.status == 0 && dash.stdout.hasSuffix("/tin-nhanh.md\n"), "stderr: \(dash.stderr)")
        let typo = try cli.run(["new", "Bài", "--draft"], in: site.root)
        #expect(typo.status == 64 && typo.stderr.contains("Unknown option '--draft'"))
        let empty = try cli.run(["new", ""], in: site.root)
        #expect(empty.status == 1 && empty.stderr.contains("error: the title is empty [missing-title]"))
        let noSite = try cli.run(["new", "Bài", "--source", "typo/dir"], in: site.root)
        #expect(noSite.status == 1 && noSite.stderr.contains("[missing-config]"))
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("typo").path))
    }
}

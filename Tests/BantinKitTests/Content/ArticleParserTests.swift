import Foundation
import Testing
@testable import BantinKit

@Suite("ArticleParser.parse")
struct ArticleParserTests {
    static let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
    static let path = "content/2023/02/hoi-nghi.md"

    static func parse(_ text: String, zone: TimeZone = zone) -> (ArticleSource?, [Diagnostic]) {
        ArticleParser.parse(Data(text.utf8), path: path, timeZone: zone)
    }

    /// Parses a file that must give an article with no diagnostics at all.
    static func article(_ text: String) throws -> ArticleSource {
        let (source, diagnostics) = parse(text)
        #expect(diagnostics.isEmpty, "unexpected: \(diagnostics.map { $0.formatted() })")
        let a = try #require(source)
        #expect(a.isValid)
        return a
    }

    /// Parses a file that must fail with exactly one error of `code`; returns it. The file gives
    /// no source (split or YAML errors) or an invalid one (field errors).
    static func onlyError(_ code: DiagnosticCode, _ text: String) throws -> Diagnostic {
        let (source, diagnostics) = parse(text)
        #expect(source == nil || source?.isValid == false)
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.code) == [code], "got: \(diagnostics.map { $0.formatted() })")
        return try #require(errors.first { $0.code == code })
    }

    static func at(_ line: Int, _ column: Int = 1) -> BantinKit.SourceLocation {
        SourceLocation(file: path, line: line, column: column)
    }

    // MARK: Fields

    /// Nested aliases make a few lines into billions of values (the "billion laughs"): the first
    /// anchor is an error at its place, found without going through any repeated value.
    @Test("YAML anchors and aliases are refused where the anchor is")
    func anchorsAreRefused() throws {
        var lines = ["---", "title: Bom", "date: 21/02/2024", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for (previous, name) in zip("abcdefghi", "bcdefghij") {
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]")
        }
        let error = try Self.onlyError(.yamlAnchor, (lines + ["---", "", "Nội dung."]).joined(separator: "\n"))
        #expect(error.location == Self.at(4, 4))
        #expect(error.message.contains("'&a'"))
        // An '&' or '*' inside text is only text.
        let text = try Self.article("---\ntitle: \"Hội & *nghị*\"\ndate: 21/02/2024\ntags: [an ninh & trật tự]\n---\n\nNội dung.\n")
        #expect(text.frontMatter.title?.value == "Hội & *nghị*")
    }

    @Test("minimal article: title, date, body and body line")
    func minimal() throws {
        let a = try Self.article("""
        ---
        title: Công an xã Hùng Lợi ra quân bảo đảm an ninh
        date: 14:23, 21/02/2023
        ---
        Sáng 21/2, Công an xã tổ chức lễ ra quân.

        """)
        #expect(a.path == Self.path)
        #expect(a.frontMatter.title?.value == "Công an xã Hùng Lợi ra quân bảo đảm an ninh")
        #expect(a.frontMatter.title?.location == Self.at(2, 8))
        #expect(a.frontMatter.date?.value.iso8601 == "2023-02-21T14:23:00+07:00")
        #expect(a.frontMatter.date?.location == Self.at(3, 7))
        #expect(a.body == "Sáng 21/2, Công an xã tổ chức lễ ra quân.\n")
        #expect(a.bodyLine == 5)
        #expect(a.frontMatter.updated == nil)
        #expect(a.frontMatter.authors.isEmpty)
        #expect(a.frontMatter.communes.isEmpty)
        #expect(a.frontMatter.summary == nil)
        #expect(a.frontMatter.slug == nil)
        #expect(a.frontMatter.draft == false)
        #expect(a.frontMatter.tags.isEmpty)
        #expect(a.frontMatter.image == nil)
        #expect(a.frontMatter.params.isEmpty)
    }

    @Test("every known field is read")
    func allFields() throws {
        let a = try Self.article("""
        ---
        title: "  Hội nghị tổng kết công tác năm 2023  "
        date: "2023-12-28T08:00:00+07:00"
        updated: 09h30, 29/12/2023
        authors:
          - Nguyễn Thị Hoa
          - "  Trần Văn Bình  "
          - ""
        communes:
          - Hùng Lợi
          - xã Đông Thọ
          - "Tân Thành (Hàm Yên)"
          - 02200
        summary: "  Tổng kết, rút kinh nghiệm.  "
        slug: tong-ket-2023
        draft: true
        tags: [an ninh, "trật tự", ""]
        image: " anh/hoi-nghi.jpg "
        ---
        Nội dung.
        """)
        let fm = a.frontMatter
        #expect(fm.title?.value == "Hội nghị tổng kết công tác năm 2023")
        #expect(fm.date?.value.vietnameseLong == "Thứ Năm, 28/12/2023 08:00")
        #expect(fm.updated?.vietnameseLong == "Thứ Sáu, 29/12/2023 09:30")
        #expect(fm.authors == ["Nguyễn Thị Hoa", "Trần Văn Bình"])
        #expect(fm.communes.map(\.value) == ["Hùng Lợi", "xã Đông Thọ", "Tân Thành (Hàm Yên)", "02200"])
        #expect(fm.communes.map(\.location.line) == [10, 11, 12, 13])
        #expect(fm.communes.map(\.location.column) == [5, 5, 5, 5])
        #expect(fm.summary == "Tổng kết, rút kinh nghiệm.")
        #expect(fm.slug?.value == "tong-ket-2023")
        #expect(fm.slug?.location == Self.at(15, 7))
        #expect(fm.draft == true)
        #expect(fm.tags == ["an ninh", "trật tự"])
        #expect(fm.image?.value == "anh/hoi-nghi.jpg")
        #expect(fm.image?.location.line == 18)
        #expect(fm.params.isEmpty)
        #expect(a.bodyLine == 20)
    }

    @Test("authors and communes may be a single text")
    func singleTexts() throws {
        let a = try Self.article("""
        ---
        title: Tuần tra
        date: 21/02/2023
        authors: Hoàng Minh Đức
        communes: Thượng Lâm
        tags: giao thông
        ---
        Nội dung.
        """)
        #expect(a.frontMatter.authors == ["Hoàng Minh Đức"])
        #expect(a.frontMatter.communes.map(\.value) == ["Thượng Lâm"])
        #expect(a.frontMatter.communes.first?.location == Self.at(5, 11))
        #expect(a.frontMatter.tags == ["giao thông"])
    }

    @Test("the date is read in the site's time zone")
    func dateInSiteZone() throws {
        let text = "---\ntitle: A\ndate: 06:15, 01/01/2024\n---\nx\n"
        let (vn, _) = Self.parse(text)
        let (utc, _) = Self.parse(text, zone: TimeZone(secondsFromGMT: 0)!)
        let vnDate = try #require(vn?.frontMatter.date?.value)
        let utcDate = try #require(utc?.frontMatter.date?.value)
        #expect(vnDate.iso8601 == "2024-01-01T06:15:00+07:00")
        #expect(utcDate.epochSeconds - vnDate.epochSeconds == 7 * 3600)
    }

    @Test("draft: false, and an empty summary counts as none")
    func draftFalseEmptySummary() throws {
        let a = try Self.article("---\ntitle: A\ndate: 21/02/2023\ndraft: false\nsummary: \"   \"\n---\nx\n")
        #expect(a.frontMatter.draft == false)
        #expect(a.frontMatter.summary == nil)
    }

    @Test("unknown keys are kept, typed and in order, as params")
    func params() throws {
        let a = try Self.article("""
        ---
        title: A
        date: 21/02/2023
        nguon: Báo Tuyên Quang
        luot_xem: 1200
        noi_bat: true
        ghi_chu: ~
        phong_vien: [Lan, Huệ]
        lien_he:
          ten: Phòng PV01
          dien_thoai: "0207 3822 123"
        ---
        x
        """)
        let params = a.frontMatter.params
        #expect(params.map(\.key) == ["nguon", "luot_xem", "noi_bat", "ghi_chu", "phong_vien", "lien_he"])
        #expect(params[0].value == .text("Báo Tuyên Quang"))
        #expect(params[1].value == .text("1200"))
        #expect(params[2].value == .bool(true))
        #expect(params[3].value == .null)
        #expect(params[4].value == .list([.text("Lan"), .text("Huệ")]))
        #expect(params[5].value == .keyed([("ten", .text("Phòng PV01")), ("dien_thoai", .text("0207 3822 123"))]))
    }

    @Test("NFD front matter is read as NFC")
    func nfdFrontMatter() throws {
        let text = "---\ntitle: Xã Hùng Lợi\ndate: 21/02/2023\ncommunes: [Đông Thọ]\n---\nx\n".decomposedStringWithCanonicalMapping
        let a = try Self.article(text)
        #expect(Array(try #require(a.frontMatter.title?.value).unicodeScalars) == Array("Xã Hùng Lợi".precomposedStringWithCanonicalMapping.unicodeScalars))
        #expect(Array(a.frontMatter.communes[0].value.unicodeScalars) == Array("Đông Thọ".precomposedStringWithCanonicalMapping.unicodeScalars))
    }

    @Test("CRLF files give the same article and body line as LF files")
    func crlf() throws {
        let a = try Self.article("---\r\ntitle: A\r\ndate: 21/02/2023\r\n---\r\nDòng một\r\nDòng hai\r\n")
        #expect(a.body == "Dòng một\nDòng hai\n")
        #expect(a.bodyLine == 5)
    }

    // MARK: Errors

    @Test("missing title is an error at line 2")
    func missingTitle() throws {
        let d = try Self.onlyError(.missingTitle, "---\ndate: 21/02/2023\n---\nx\n")
        #expect(d.location == Self.at(2))
        #expect(d.hint?.contains("title:") == true)
    }

    @Test("an empty title is an error at the title")
    func emptyTitle() throws {
        let d = try Self.onlyError(.missingTitle, "---\ndate: 21/02/2023\ntitle: \"  \"\n---\nx\n")
        #expect(d.location == Self.at(3, 8))
        #expect(d.message.contains("empty"))
        #expect(Self.parse("---\ndate: 21/02/2023\ntitle: \"  \"\n---\nx\n").0?.frontMatter.title == nil)
    }

    @Test("a title key with no value is an error at the key")
    func nullTitle() throws {
        let d = try Self.onlyError(.missingTitle, "---\ndate: 21/02/2023\ntitle:\n---\nx\n")
        #expect(d.location == Self.at(3, 1))
    }

    @Test("missing date is an error")
    func missingDate() throws {
        let d = try Self.onlyError(.missingDate, "---\ntitle: Hội nghị\n---\nx\n")
        #expect(d.location == Self.at(2))
        #expect(d.hint?.contains("date:") == true)
    }

    @Test("a date key with no value is an error, not a silently dropped article")
    func nullDate() {
        let (source, diagnostics) = Self.parse("---\ntitle: Hội nghị\ndate:\n---\nx\n")
        #expect(source?.isValid != true)
        #expect(diagnostics.filter { $0.severity == .error }.map(\.code) == [.missingDate],
                "got: \(diagnostics.map { $0.formatted() })")
        #expect(diagnostics.first?.location == Self.at(3, 1))
    }

    @Test("an empty front matter misses both title and date")
    func emptyFrontMatter() {
        let (source, diagnostics) = Self.parse("---\n---\nx\n")
        #expect(source?.isValid == false)
        #expect(Set(diagnostics.map(\.code)) == [.missingTitle, .missingDate])
    }

    @Test("a bad date is reported at the value's line and column", arguments: [
        ("date: 31/02/2023", 7), ("date: \"25:00, 21/02/2023\"", 7), ("date:    hôm qua", 10),
    ])
    func badDate(line: String, column: Int) throws {
        let d = try Self.onlyError(.badDate, "---\ntitle: Hội nghị\n\(line)\n---\nx\n")
        #expect(d.location == Self.at(3, column))
        // A day or time that does not exist is said so; an unknown form gets the accepted forms.
        if line.contains("hôm qua") {
            #expect(d.hint?.contains("21/02/2023") == true)
        } else {
            #expect(d.message.contains("no such date"))
        }
    }

    @Test("a bad 'updated' date is a bad-date error too")
    func badUpdated() throws {
        let d = try Self.onlyError(.badDate, "---\ntitle: A\ndate: 21/02/2023\nupdated: 30/02/2023\n---\nx\n")
        #expect(d.location == Self.at(4, 10))
    }

    @Test("values of the wrong type", arguments: [
        ("communes: 5", "communes", 11),
        ("communes: true", "communes", 11),
        ("draft: có", "draft", 8),
        ("title: [a, b]", "title", 8),
        ("authors: {ten: An}", "authors", 10),
    ])
    func wrongType(line: String, key: String, column: Int) {
        let text = line.hasPrefix("title") ? "---\ndate: 21/02/2023\n\(line)\n---\nx\n" : "---\ntitle: A\n\(line)\n---\nx\n"
        let (source, diagnostics) = Self.parse(text)
        #expect(source?.isValid == false)
        let wrong = diagnostics.filter { $0.code == .wrongType }
        #expect(wrong.count == 1, "got: \(diagnostics.map { $0.formatted() })")
        #expect(wrong.first?.location == Self.at(3, column))
        #expect(wrong.first?.message.contains("'\(key)'") == true)
    }

    @Test("unquoted commune codes in a list are read as written, whatever their digits")
    func unquotedCodes() throws {
        // 02215 (Ỷ La) only has octal digits; 02218 (Hưng Thành) and 02599 (Chi Thiết) do not. The parser
        // accepts integer-looking items on purpose, so all three should be read the same way.
        let (source, diagnostics) = Self.parse("---\ntitle: A\ndate: 21/02/2023\ncommunes: [02215, 02218, 02599]\n---\nx\n")
        #expect(diagnostics.map(\.code) == [], "got: \(diagnostics.map { $0.formatted() })")
        #expect(source?.frontMatter.communes.map(\.value) == ["02215", "02218", "02599"])
    }

    @Test("a list item of the wrong type is reported at the item")
    func wrongTypeItem() throws {
        let d = try Self.onlyError(.wrongType, "---\ntitle: A\ndate: 21/02/2023\ncommunes:\n  - Hùng Lợi\n  - [Đông Thọ]\n---\nx\n")
        #expect(d.location == Self.at(6, 5))
    }

    @Test("a front matter that is not key: value lines is wrong-type")
    func notAMapping() throws {
        let d = try Self.onlyError(.wrongType, "---\n- title\n- date\n---\nx\n")
        #expect(d.location?.line == 2)
    }

    @Test("YAML syntax errors are located by file line, counting the opening '---'")
    func yamlSyntax() throws {
        let d = try Self.onlyError(.yamlSyntax, """
        ---
        title: Hội nghị
        date: 21/02/2023
        summary: "Tổng kết
        tags: [a]
        ---
        x
        """)
        #expect(d.location?.file == Self.path)
        // libyaml notices at the end of the front matter (file line 6, the closing fence) and names,
        // as context, the file line where the unclosed quote opens.
        #expect(d.location == Self.at(6, 1), "got \(d.formatted())")
        #expect(d.message.contains("quoted scalar at line 4"), "got \(d.message)")
    }

    @Test("a bad indentation is reported at its file line")
    func yamlIndentation() throws {
        let d = try Self.onlyError(.yamlSyntax, "---\ntitle: Hội nghị\ndate: 21/02/2023\n  tags: x\n---\nb\n")
        #expect(d.location?.line == 4, "got \(d.formatted())")
        #expect(d.location?.column == 7, "got \(d.formatted())")
    }

    @Test("a key written twice is a duplicate-key error at its last line, naming every line")
    func duplicateKey() throws {
        let d = try Self.onlyError(.duplicateKey, "---\ntitle: Một\ndate: 21/02/2023\nparams:\n  title: x\ntitle: Hai\n---\nx\n")
        #expect(d.message == "the key \"title\" is written more than once (lines 2, 6)")
        #expect(d.location == Self.at(6, 1), "got \(d.formatted())")
    }

    @Test("unterminated and missing front matter come through parse")
    func splitErrors() throws {
        let u = try Self.onlyError(.unterminatedFrontMatter, "---\ntitle: A\ndate: 21/02/2023\nx\n")
        #expect(u.location == Self.at(1))
        let m = try Self.onlyError(.missingFrontMatter, "title: A\ndate: 21/02/2023\n\nx\n")
        #expect(m.location == Self.at(1))
    }

    @Test("invalid UTF-8 comes through parse")
    func invalidUTF8() {
        let data = Data("---\ntitle: A".utf8) + Data([0xFF]) + Data("\n---\n".utf8)
        let (source, diagnostics) = ArticleParser.parse(data, path: Self.path, timeZone: Self.zone)
        #expect(source == nil)
        #expect(diagnostics.map(\.code) == [.invalidUTF8])
    }

    @Test("unsafe slugs are errors at the slug, with a safe suggestion", arguments: [
        ("../x", "x"), ("a/b", "a-b"), ("Hội nghị", "hoi-nghi"), ("..", "hoi-nghi-an-ninh"),
    ])
    func unsafeSlug(slug: String, suggestion: String) throws {
        let d = try Self.onlyError(.unsafeSlug, "---\ntitle: A\ndate: 21/02/2023\nslug: \"\(slug)\"\n---\nx\n")
        #expect(d.location == Self.at(4, 7))
        #expect(d.hint?.hasSuffix("slug: \(suggestion)") == true, "hint: \(d.hint ?? "nil")")
    }

    @Test("a file with errors still has its other fields read, so they can be checked too")
    func invalidSourceKeepsFields() throws {
        let (source, diagnostics) = Self.parse("---\ntitle: Tuần tra\ndate: 30/02/2023\ncommunes: [Hùng Lợi, Đông Thọ]\n---\nNội dung.\n")
        #expect(diagnostics.map(\.code) == [.badDate])
        let a = try #require(source)
        #expect(a.isValid == false)
        #expect(a.frontMatter.date == nil)
        #expect(a.frontMatter.title?.value == "Tuần tra")
        #expect(a.frontMatter.communes.map(\.value) == ["Hùng Lợi", "Đông Thọ"])
        #expect(a.bodyLine == 6)
    }

    @Test("errors are all reported together")
    func severalErrors() {
        let (source, diagnostics) = Self.parse("---\ndate: hôm nay\ncommunes: 5\nslug: ../x\n---\nx\n")
        #expect(source?.isValid == false)
        #expect(Set(diagnostics.map(\.code)) == [.missingTitle, .badDate, .wrongType, .unsafeSlug])
    }
}

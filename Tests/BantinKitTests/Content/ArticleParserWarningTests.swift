import Foundation
import Testing
@testable import BantinKit

/// Warnings and hints of `ArticleParser.parse`: a likely typo, a colon or `#` YAML reads otherwise,
/// a front matter left open; each says what to write instead.
extension ArticleParserTests {
    @Test("likely typos of known keys are warned about with the right key", arguments: [
        ("commune", "communes"), ("tittle", "title"), ("Tags", "tags"), ("author", "authors"), ("sumary", "summary"), ("imag", "image"),
    ])
    func typoWarning(key: String, right: String) throws {
        let text = "---\ntitle: A\ndate: 21/02/2023\n\(key): x\n---\nNội dung.\n"
        let (source, diagnostics) = Self.parse(text)
        let warning = try #require(diagnostics.first { $0.code == .unknownKey }, "got: \(diagnostics.map { $0.formatted() })")
        #expect(warning.severity == .warning)
        #expect(warning.location == Self.at(4, 1))
        #expect(warning.hint?.contains("did you mean '\(right)'") == true, "hint: \(warning.hint ?? "nil")")
        #expect(warning.message.contains(key))
        // A warning does not stop the article, and the value is kept as a param.
        let a = try #require(source)
        #expect(a.frontMatter.params.map(\.key) == [key])
    }

    @Test("'tittle' instead of 'title': missing-title error plus a typo warning")
    func tittle() {
        let (source, diagnostics) = Self.parse("---\ntittle: Hội nghị\ndate: 21/02/2023\n---\nx\n")
        #expect(source?.isValid == false)
        #expect(diagnostics.filter { $0.severity == .error }.map(\.code) == [.missingTitle])
        let warning = diagnostics.first { $0.code == .unknownKey }
        #expect(warning?.hint?.contains("'title'") == true)
        #expect(warning?.location == Self.at(2, 1))
    }

    @Test("keys that are not near a known key give no warning")
    func noWarningForParams() throws {
        _ = try Self.article("---\ntitle: A\ndate: 21/02/2023\nnguon_tin: Báo Tuyên Quang\n---\nx\n")
    }

    @Test("an empty body is a warning at the body line; the article is still returned", arguments: [
        "---\ntitle: A\ndate: 21/02/2023\n---\n", "---\ntitle: A\ndate: 21/02/2023\n---\n\n   \n\t\n", "---\ntitle: A\ndate: 21/02/2023\n---",
    ])
    func emptyBody(text: String) throws {
        let (source, diagnostics) = Self.parse(text)
        #expect(diagnostics.map(\.code) == [.emptyBody])
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.location == Self.at(5))
        #expect(source?.isValid == true)
    }

    @Test("a colon inside an unquoted title is explained, with the quoted line to write")
    func colonInValue() throws {
        let d = try Self.onlyError(.yamlSyntax, "---\ntitle: Hội nghị: tổng kết năm\ndate: 21/02/2023\n---\nx\n")
        #expect(d.location?.line == 2)
        #expect(d.message.contains("'title'"))
        #expect(d.hint == "put the value in quotes: title: \"Hội nghị: tổng kết năm\"")
    }

    /// YAML reads `title:Hội nghị` as text and stumbles on the next line's key: the error is put
    /// where the mistake is, and following the hint fixes it.
    @Test("a key whose ':' YAML does not see is reported at its own line", arguments: [
        ("title:Hội nghị tổng kết", "put a space after ':': title: Hội nghị tổng kết"),
        ("title:\u{00A0}Hội nghị tổng kết", "type a plain space after ':': title: Hội nghị tổng kết"),
        ("title：Hội nghị tổng kết", "type a plain ':' then a space: title: Hội nghị tổng kết"),
    ])
    func colonNotSeen(line: String, expectedHint: String) throws {
        let d = try Self.onlyError(.yamlSyntax, "---\n\(line)\ndate: 14:23, 21/02/2023\n---\nx\n")
        #expect(d.location == Self.at(2, 6), "got \(d.formatted())")
        #expect(d.hint == expectedHint)
        let fixed = try #require(expectedHint.split(separator: ": ", maxSplits: 1).last)
        #expect(try Self.article("---\n\(fixed)\ndate: 14:23, 21/02/2023\n---\nx\n").frontMatter.title?.value == "Hội nghị tổng kết")
    }

    @Test("a value carried on to an indented line holding ': ' gets the one-line quoted value to write")
    func continuedValueWithColon() throws {
        let d = try Self.onlyError(.yamlSyntax, "---\ntitle: Hội nghị tổng kết\n  năm 2023: kết quả\ndate: 21/02/2023\n---\nx\n")
        #expect(d.location?.line == 3)
        #expect(d.message.contains("'title' from line 2"))
        #expect(d.hint == "write the value on one line, in quotes: title: \"Hội nghị tổng kết năm 2023: kết quả\"")
    }

    @Test("an invisible control character is pointed at, counted in characters, with a hint")
    func controlCharacter() throws {
        let d = try Self.onlyError(.yamlSyntax, "---\ntitle: Tóm tắt\ndate: 21/02/2023\nsummary: \"Ắbc\u{0B}def\"\n---\nx\n")
        #expect(d.location == Self.at(4, 14), "got \(d.formatted())")
        #expect(d.message.contains("U+000B"))
        #expect(d.hint?.contains("invisible character") == true)
    }

    @Test("a ' #' in an unquoted title cuts it: a warning at the '#' with the quoted line")
    func commentInTitle() throws {
        let (source, diagnostics) = Self.parse("---\ntitle: Vụ án #1 năm 2024\ndate: 21/02/2024 # giờ Hà Nội\n# ghi chú\nsummary: \"Tóm #tắt\"\n---\nx\n")
        #expect(source?.frontMatter.title?.value == "Vụ án")
        #expect(diagnostics.map(\.code) == [.yamlComment])
        #expect(diagnostics.first?.location == Self.at(2, 14))
        #expect(diagnostics.first?.hint == "put the value in quotes: title: \"Vụ án #1 năm 2024\"")
        #expect(try Self.article("---\ntitle: \"Vụ án #1 năm 2024\"\ndate: 21/02/2024\n---\nx\n").frontMatter.title?.value == "Vụ án #1 năm 2024")
    }

    @Test("an empty file, and a blank line before the first '---', are said as such")
    func emptyOrLateFrontMatter() throws {
        #expect(try Self.onlyError(.missingFrontMatter, "").message == "the file is empty")
        let late = try Self.onlyError(.missingFrontMatter, "\n---\ntitle: A\ndate: 21/02/2024\n---\nx\n")
        #expect(late.hint == "remove the blank lines or spaces before the first '---'")
    }

    /// Without its closing '---', the front matter runs on into the text, up to a '---' rule.
    @Test("a front matter left open is suspected from the text read as YAML")
    func frontMatterLeftOpen() throws {
        let error = try Self.onlyError(.yamlSyntax, "---\ntitle: A\ndate: 21/02/2024\n\nHôm nay tổ chức hội nghị\n\n---\n\nĐoạn cuối.\n")
        #expect(error.hint?.hasPrefix("is the '---' that closes the front matter missing? Put it after the last 'key: value' line (line 3)") == true, "\(error.hint ?? "")")
        // A paragraph holding ': ' reads as a key and a value, without a YAML error.
        let (source, diagnostics) = Self.parse("---\ntitle: A\ndate: 21/02/2024\n\nHôm nay, tại xã Hùng Lợi: hội nghị.\n\n---\n\nĐoạn cuối.\n")
        #expect(source?.isValid == true)
        #expect(diagnostics.map(\.code) == [.unknownKey])
        #expect(diagnostics.first?.location == Self.at(5, 1))
        #expect(diagnostics.first?.hint?.contains("closes the front matter") == true)
    }

    /// libyaml also breaks lines at U+2028: its line numbers then run past the text's '\\n' lines.
    @Test("a syntax error after line separators pasted from a web page is reported, not a crash")
    func lineSeparators() throws {
        let d = try Self.onlyError(.yamlSyntax, "---\nsummary: \"Một\u{2028}hai\u{2028}ba\u{2028}bốn\"\ndate: \"21/01/2024\"\ntitle: Tin: mới\n---\nx\n")
        #expect(d.location?.file == Self.path)
    }

    @Test("a blank line in a closed front matter keeps the hint about the actual mistake")
    func blankLineInFrontMatter() throws {
        let d = try Self.onlyError(.yamlSyntax, "---\ntitle: Hội nghị\ndate: \"21/01/2024\"\n\nsummary: Hội nghị: tổng kết\n---\nx\n")
        #expect(d.hint == "put the value in quotes: summary: \"Hội nghị: tổng kết\"")
    }

    @Test("a duplicate key is looked for in its own mapping only")
    func duplicateKeyInNestedMapping() throws {
        let d = try Self.onlyError(.duplicateKey, "---\ntitle: A\ndate: 21/02/2024\nnguon:\n  ten: Báo\n  ten: Đài\ntacgia:\n  ten: Hà\n---\nx\n")
        #expect(d.message == "the key \"ten\" is written more than once (lines 5, 6)")
        #expect(d.location == Self.at(6, 3))
    }

    @Test("a key written in Vietnamese is pointed to its English name")
    func vietnameseKey() throws {
        let (_, diagnostics) = Self.parse("---\ntitle: A\ndate: 21/02/2024\ntác giả: Thu Hà\n---\nx\n")
        #expect(diagnostics.map(\.code) == [.unknownKey])
        #expect(diagnostics.first?.hint == "keys are written in English: did you mean 'authors'?")
    }

    @Test("a commune entry of invisible characters only names nothing")
    func invisibleCommuneEntry() throws {
        let a = try Self.article("---\ntitle: A\ndate: 21/02/2024\ncommunes: [\"\u{200B}\", \"\u{00A0}\", Hùng Lợi]\n---\nx\n")
        #expect(a.frontMatter.communes.map(\.value) == ["Hùng Lợi"])
    }

    @Test("a tab in the front matter is named as such")
    func tabIndentation() throws {
        let d = try Self.onlyError(.yamlSyntax, "---\ntitle: A\n\tdate: 21/02/2023\n---\nx\n")
        #expect(d.location?.line == 3)
        #expect(d.message.contains("tab"))
    }

    @Test("communes written as one text with commas are several communes")
    func commaSeparatedCommunes() throws {
        let (source, diagnostics) = Self.parse("---\ntitle: A\ndate: 21/02/2023\ncommunes: Phan Thiết, Ỷ La, Tân Thành, huyện Hàm Yên, Tân Thanh (Sơn Dương)\n---\nx\n")
        #expect(diagnostics.isEmpty)
        let communes = try #require(source).frontMatter.communes.map(\.value)
        #expect(communes == ["Phan Thiết", "Ỷ La", "Tân Thành, huyện Hàm Yên", "Tân Thanh (Sơn Dương)"])
    }
}

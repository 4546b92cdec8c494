import Testing
@testable import BantinKit

@Suite("ArticleParser.splitFrontMatter")
struct FrontMatterSplitTests {
    static func split(_ text: String) throws -> (yaml: Substring, body: Substring, bodyLine: Int) {
        switch ArticleParser.splitFrontMatter(text, path: "content/a.md") {
        case .success(let s): return s
        case .failure(let d): Issue.record("unexpected \(d.formatted())"); throw d
        }
    }

    static func failure(_ text: String) throws -> Diagnostic {
        switch ArticleParser.splitFrontMatter(text, path: "content/a.md") {
        case .success(let s): Issue.record("expected a diagnostic, got yaml \(s.yaml.debugDescription)"); throw CancellationError()
        case .failure(let d): return d
        }
    }

    @Test("yaml between the fences; body after; body line counts the front matter lines")
    func basic() throws {
        let s = try Self.split("---\ntitle: Hội nghị\ndate: 21/02/2023\n---\nĐoạn một.\n\nĐoạn hai.\n")
        #expect(s.yaml == "title: Hội nghị\ndate: 21/02/2023\n")
        #expect(s.body == "Đoạn một.\n\nĐoạn hai.\n")
        #expect(s.bodyLine == 5)
    }

    @Test("body line for a longer front matter")
    func longerFrontMatter() throws {
        let lines = ["---", "title: A", "date: 21/02/2023", "communes:", "  - Hùng Lợi", "  - Đông Thọ", "tags: [an ninh]", "---", "Thân bài"]
        let s = try Self.split(lines.joined(separator: "\n"))
        #expect(s.bodyLine == 9)
        #expect(s.body == "Thân bài")
        #expect(s.yaml.hasSuffix("tags: [an ninh]\n"))
    }

    @Test("'...' also closes the front matter, and fences may carry trailing spaces")
    func alternativeFences() throws {
        let s = try Self.split("---  \ntitle: A\n...\t\nThân bài\n")
        #expect(s.yaml == "title: A\n")
        #expect(s.body == "Thân bài\n")
        #expect(s.bodyLine == 4)
    }

    @Test("only the first closing fence counts; later '---' lines belong to the body")
    func laterRulesInBody() throws {
        let s = try Self.split("---\ntitle: A\n---\nTrên\n\n---\n\nDưới\n")
        #expect(s.yaml == "title: A\n")
        #expect(s.body == "Trên\n\n---\n\nDưới\n")
    }

    @Test("a closing fence at the very end gives an empty body")
    func closingAtEnd() throws {
        let s = try Self.split("---\ntitle: A\n---")
        #expect(s.yaml == "title: A\n")
        #expect(s.body.isEmpty)
        #expect(s.bodyLine == 4)
    }

    @Test("an empty front matter is allowed by the splitter")
    func emptyFrontMatter() throws {
        let s = try Self.split("---\n---\nThân\n")
        #expect(s.yaml.isEmpty)
        #expect(s.bodyLine == 3)
    }

    @Test("a '----' or '--- x' line is not a fence")
    func notFences() throws {
        let s = try Self.split("---\ntitle: A\n----\nb: --- x\n--- x\n---\nThân\n")
        #expect(s.yaml == "title: A\n----\nb: --- x\n--- x\n")
        #expect(s.bodyLine == 7)
    }

    @Test("files that do not start with '---' have no front matter", arguments: [
        "title: A\n---\n", "\n---\ntitle: A\n---\n", " ---\ntitle: A\n---\n", "----\ntitle: A\n---\n", "--- title: A\n---\n", "---", "",
    ])
    func missing(text: String) throws {
        let d = try Self.failure(text)
        #expect(d.code == .missingFrontMatter)
        #expect(d.severity == .error)
        #expect(d.location == SourceLocation(file: "content/a.md", line: 1, column: 1))
    }

    @Test("a front matter that is never closed is reported at line 1")
    func unterminated() throws {
        let d = try Self.failure("---\ntitle: Hội nghị\ndate: 21/02/2023\n\nNội dung không có dòng đóng.\n")
        #expect(d.code == .unterminatedFrontMatter)
        #expect(d.location == SourceLocation(file: "content/a.md", line: 1, column: 1))
        #expect(d.hint?.contains("---") == true)
    }
}

import Foundation
import Testing
@testable import BantinKit

/// What `content/` may publish: an article saved under another name is an error at the file,
/// never a copy of its text; a file of unknown kind is refused; `site check` says the same.
@Suite struct ContentFileTests {
    @Test(arguments: [
        ("bai.md.txt", "bai.md"), ("bai.md ", "bai.md"), ("bai.md.", "bai.md"), ("bai.md.docx", "bai.md"),
        ("bai.MD", "bai.md"), ("bai.markdown", "bai.md"), ("bai.Md.pdf", "bai.md"), ("ban-tin.mkd.", "ban-tin.md"),
    ])
    func articlesByTheirNameAreMisnamed(name: String, suggested: String) {
        #expect(ContentFile.kind(of: "content/2023/02/\(name)") { false } == .misnamedArticle(suggested: suggested))
    }

    @Test(arguments: [("bai.txt", "bai.md"), ("bai", "bai.md"), ("bai.jpg", "bai.md"), ("ghi-chu.2023.csv", "ghi-chu.2023.md")])
    func filesOpeningWithFrontMatterAreMisnamedArticles(name: String, suggested: String) {
        #expect(ContentFile.kind(of: "content/\(name)") { true } == .misnamedArticle(suggested: suggested))
    }

    @Test func publishedKindsAndUnknownOnes() {
        for name in ["anh.jpg", "ANH.JPEG", "bao-cao.pdf", "ke-hoach.docx", "clip.mp4", "ghi-chu.txt", "so-lieu.csv"] {
            #expect(ContentFile.kind(of: "content/\(name)") { false } == .resource, "\(name)")
        }
        #expect(ContentFile.kind(of: "content/trang.html") { false } == .unknownKind(extension: "html"))
        #expect(ContentFile.kind(of: "content/chay.EXE") { false } == .unknownKind(extension: "exe"))
        #expect(ContentFile.kind(of: "content/bai") { false } == .unknownKind(extension: nil))
        #expect(ContentFile.kind(of: "content/bai.") { false } == .unknownKind(extension: nil))
        #expect(ContentFile.kind(of: "content/bai.md~") { true } == .leftOver)
    }

    @Test func frontMatterIsAThreeDashLineFirst() {
        for text in ["---\ntitle: x", "---", "---\r\n", "\u{FEFF}---\n", "---  \n"] {
            #expect(ContentFile.opensFrontMatter(Array(text.utf8)), "\(text.debugDescription)")
        }
        for text in ["", "--", "----\n", "--- x\n", "\u{89}PNG", " ---\n"] {
            #expect(!ContentFile.opensFrontMatter(Array(text.utf8)), "\(text.debugDescription)")
        }
    }

    /// Each of these, copied as it was, published a draft's text with its front matter.
    @Test(arguments: ["bai.md.txt", "bai.txt", "bai.md ", "bai.md.", "bai", "bai.md.docx", "bai.jpg"])
    func aDraftUnderAnotherNameIsAnErrorInBuildAndCheck(name: String) throws {
        let draft = article("title: Bài nháp\ndate: 21/02/2024\ndraft: true", body: "Chưa được đăng.")
        let site = try TestSite([
            "content/a.md": article("title: Bài A\ndate: 21/02/2024"),
            "content/2024/02/\(name)": draft,
        ])
        defer { site.cleanUp() }
        let errors = site.failingBuild()
        #expect(errors.map(\.code) == [.articleName])
        #expect(errors.first?.location == SourceLocation(file: "content/2024/02/\(name)"))
        #expect(errors.first?.hint?.contains("bai.md") == true)
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
        #expect(SiteChecker.check(site.options()).diagnostics.filter { $0.severity == .error }.map(\.code) == [.articleName])
    }

    /// A file published by the last build is looked at again: one that became an article is caught.
    @Test func aFilePublishedBeforeThatBecomesAnArticleIsCaughtOnRebuild() throws {
        let site = try TestSite([
            "content/a.md": article("title: Bài A\ndate: 21/02/2024"),
            "content/ghi-chu.txt": "Ghi chú.",
        ])
        defer { site.cleanUp() }
        try site.build()
        #expect(try site.build().files.unchanged > 0)
        #expect(try site.read("ghi-chu.txt") == "Ghi chú.")
        try site.write("content/ghi-chu.txt", article("title: Nháp\ndate: 21/02/2024\ndraft: true"))
        #expect(site.failingBuild().map(\.code) == [.articleName])
        #expect(try site.read("ghi-chu.txt") == "Ghi chú.")
    }

    @Test func filesOfUnknownKindAreRefusedNamingTheKindsAllowed() throws {
        let site = try TestSite([
            "content/a.md": article("title: Bài A\ndate: 21/02/2024"),
            "content/tai-lieu/trang.html": "<script>alert(1)</script>",
            "content/tai-lieu/ghi-chu": "không có phần mở rộng",
            "content/tai-lieu/anh.png": "png",
        ])
        defer { site.cleanUp() }
        let errors = site.failingBuild()
        #expect(errors.map(\.code) == [.fileType, .fileType])
        #expect(errors.compactMap(\.location?.file) == ["content/tai-lieu/ghi-chu", "content/tai-lieu/trang.html"])
        #expect(errors.allSatisfy { $0.hint?.contains(".pdf") == true })
        #expect(errors.last?.message.contains("'.html'") == true)
        let checked = SiteChecker.check(site.options()).diagnostics.filter { $0.severity == .error }
        #expect(checked == errors)
        try site.remove("content/tai-lieu/trang.html")
        try site.remove("content/tai-lieu/ghi-chu")
        try site.build()
        #expect(site.exists("tai-lieu/anh.png"))
    }
}

import Foundation
import Testing
@testable import BantinKit

/// Every output path has one owner: an article or a content file landing on a name the site
/// uses, on another article's folder or on another file is an error at its source naming the
/// other, in `site build` (before anything is written) and in `site check`.
@Suite struct ReservedPathTests {
    private func errors(of site: TestSite) -> [Diagnostic] {
        let built = site.failingBuild()
        #expect(!FileManager.default.fileExists(atPath: site.output.path), "something was written")
        #expect(SiteChecker.check(site.options()).diagnostics.filter { $0.severity == .error } == built)
        return built
    }

    @Test(arguments: ["index.html", "404.html", "rss.xml", "sitemap.xml", "sitemap-2.xml", "robots.txt", "assets", "trang", "dia-phuong", "tim-kiem", "tac-gia", "tu-khoa", ".bantin-output"])
    func anArticleCannotTakeANameOfTheSite(slug: String) throws {
        let site = try TestSite([
            "site.yaml": TestSite.defaultConfig + "\npermalinks: /:slug/\n",
            "content/a.md": article("title: Bài A\ndate: 21/02/2024\nslug: \"\(slug)\""),
        ])
        defer { site.cleanUp() }
        let found = errors(of: site)
        #expect(found.map(\.code) == [.pathClash])
        #expect(found.first?.location == SourceLocation(file: "content/a.md", line: 4, column: 7))
    }

    @Test(arguments: [".an", "..x", ".htaccess"])
    func anAddressPartStartingWithADotIsRefused(slug: String) throws {
        let site = try TestSite(["content/a.md": article("title: Bài A\ndate: 21/02/2024\nslug: \"\(slug)\"")])
        defer { site.cleanUp() }
        #expect(errors(of: site).map(\.code) == [.unsafeSlug])
    }

    @Test func anAddressTooLongForAFileNameIsAnErrorAtTheTitle() throws {
        let title = String(repeating: "Công an tỉnh Tuyên Quang ", count: 12)
        let site = try TestSite([
            "content/a.md": article("title: \(title)\ndate: 21/02/2024"),
            "content/b.md": article("title: Bài B\ndate: 21/02/2024\nslug: \(String(repeating: "x", count: 256))"),
            "content/c.md": article("title: Bài C\ndate: 21/02/2024\nslug: \(String(repeating: "x", count: 255))"),
        ])
        defer { site.cleanUp() }
        let found = errors(of: site)
        #expect(found.map(\.code) == [.unsafeSlug, .unsafeSlug])
        #expect(found.compactMap(\.location?.file) == ["content/a.md", "content/b.md"])
        #expect(found.first?.message.contains("longer than a file name") == true)
    }

    @Test func aFileOnAnArticlesFolderNamesTheArticle() throws {
        let site = try TestSite([
            "content/2024/02/a.md": article("title: Bài A\ndate: 21/02/2024\nslug: bao-cao.pdf"),
            "content/2024/02/bao-cao.pdf": "pdf",
        ])
        defer { site.cleanUp() }
        let found = errors(of: site)
        #expect(found.map(\.code) == [.pathClash])
        #expect(found.first?.location == SourceLocation(file: "content/2024/02/bao-cao.pdf"))
        #expect(found.first?.message.contains("content/2024/02/a.md") == true)
    }

    @Test func aFolderNamedAfterAPageOfTheSiteIsAClash() throws {
        let site = try TestSite([
            "content/a.md": article("title: Bài A\ndate: 21/02/2024"),
            "content/index.html/anh.jpg": "jpg",
            "content/rss.xml/tep.pdf": "pdf",
            "content/dia-phuong/ban-do.png": "png",
        ])
        defer { site.cleanUp() }
        let found = errors(of: site)
        #expect(found.map(\.code) == [.pathClash, .pathClash, .pathClash])
        #expect(found.compactMap(\.location?.file) == ["content/dia-phuong/ban-do.png", "content/index.html/anh.jpg", "content/rss.xml/tep.pdf"])
    }

    @Test func twoFilesPublishedAtOnePathNameEachOther() throws {
        // The bundle's article is published at 2024/02/y/, where content/2024/02/y/ also is.
        let site = try TestSite([
            "content/bai/index.md": article("title: Bài\ndate: 21/02/2024\nslug: y", body: "![Ảnh](anh.jpg)"),
            "content/bai/anh.jpg": "bundle",
            "content/2024/02/y/anh.jpg": "other",
        ])
        defer { site.cleanUp() }
        let found = errors(of: site)
        #expect(found.map(\.code) == [.pathClash])
        #expect(found.first?.location == SourceLocation(file: "content/bai/anh.jpg"))
        #expect(found.first?.message.contains("content/2024/02/y/anh.jpg") == true)
    }

    @Test func addressesThatAreFineStayFine() {
        #expect(SiteModelBuilder.addressProblem("2024/02/a.b/") == nil)
        #expect(SiteModelBuilder.addressProblem("trang-chu/") == nil)
        #expect(SiteModelBuilder.addressProblem("assets-x/a/") == nil)
        #expect(SiteModelBuilder.addressProblem("")?.code == .pathClash)
        #expect(SiteModelBuilder.addressProblem("2024/.git/")?.code == .unsafeSlug)
    }
}

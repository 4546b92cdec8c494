import Foundation
import Testing
@testable import BantinKit

@Suite("SiteModelBuilder")
struct SiteModelBuilderTests {
    func source(_ path: String, title: String, slug: String? = nil) -> ArticleSource {
        let front = "title: \(title)\ndate: \"2024-03-0\(path.count % 9 + 1)\"\ncommunes: [Đông Thọ]" + (slug.map { "\nslug: \($0)" } ?? "")
        let (parsed, _) = ArticleParser.parse(Data("---\n\(front)\n---\nThân bài.\n".utf8), path: path, timeZone: SiteConfig().timeZone)
        return parsed!
    }

    func build(_ sources: [ArticleSource]) throws -> (Site, [Diagnostic]) {
        let (gazetteer, _) = try RealGazetteer.load()
        let builder = SiteModelBuilder(config: SiteConfig(), resolver: CommuneResolver(gazetteer), includeDrafts: false, includeFuture: false, now: BulletinDate(TestSite.fixedNow, in: SiteConfig().timeZone))
        return builder.build(sources: sources, resourceFiles: [])
    }

    @Test("an article's permalink is found by its source path, whatever order the sources came in")
    func permalinkBySource() throws {
        let paths = ["content/b/z.md", "content/a.md", "content/b/đ.md", "content/b/a.md", "content/c/index.md"]
        for order in [paths, paths.sorted(), paths.reversed()] {
            let (site, diagnostics) = try build(order.map { source($0, title: "Bài \($0)") })
            #expect(diagnostics.isEmpty)
            for path in paths {
                let article = try #require(site.articles.first { $0.sourcePath == path })
                #expect(site.permalink(ofSource: path) == article.permalink)
            }
            for missing in ["content/b.md", "content/b/", "content/c/index.m", "", "content/zz.md"] {
                #expect(site.permalink(ofSource: missing) == nil)
            }
        }
    }

    @Test("a file whose name is decomposed (NFD, as macOS writes it) is found by its composed name")
    func decomposedFileNames() throws {
        let decomposed = "content/tin-tu\u{031B}\u{0301}c.md", composed = "content/tin-tức.md"
        #expect(decomposed.utf8.count != composed.utf8.count)
        let (site, _) = try build([source("content/a.md", title: "A"), source(decomposed, title: "Tin tức"), source("content/z.md", title: "Z")])
        let article = try #require(site.articles.first { $0.title == "Tin tức" })
        #expect(site.permalink(ofSource: composed) == article.permalink)
        #expect(site.permalink(ofSource: decomposed) == article.permalink)
    }

    @Test("the first article in file order keeps a permalink; each later one is an error naming it")
    func duplicatePermalinks() throws {
        let sources = ["content/1.md", "content/2.md", "content/3.md", "content/4.md"].map { source($0, title: "Cùng tên", slug: "cung-ten") }
        let (site, diagnostics) = try build(sources)
        #expect(site.articles.map(\.sourcePath) == ["content/1.md"])
        #expect(diagnostics.map(\.code) == [.duplicatePermalink, .duplicatePermalink, .duplicatePermalink])
        #expect(diagnostics.allSatisfy { $0.message.hasSuffix("as content/1.md") })
        #expect(diagnostics.map { $0.location?.file } == ["content/2.md", "content/3.md", "content/4.md"])
    }

    @Test("several communes written as one name get a hint with the list to write")
    func severalCommunesInOneName() throws {
        for entry in ["Hùng Lợi và Trung Minh", "Hùng Lợi; Trung Minh"] {
            let (parsed, _) = ArticleParser.parse(Data("---\ntitle: A\ndate: \"2024-03-01\"\ncommunes: [\"\(entry)\"]\n---\nx\n".utf8), path: "content/a.md", timeZone: SiteConfig().timeZone)
            let (_, diagnostics) = try build([try #require(parsed)])
            #expect(diagnostics.map(\.code) == [.unknownCommune])
            #expect(diagnostics.first?.hint == "write each commune as an item of the list: communes: [Hùng Lợi, Trung Minh]")
        }
    }
}

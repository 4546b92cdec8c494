import Foundation
import Mustache
import Testing
@testable import BantinKit

/// Views hand swift-mustache their own value types for speed; themes must not see a difference:
/// escaping, sections, transforms and sorting work as with plain strings and numbers.
@Suite("Template views")
struct TemplateViewTests {
    func render(_ template: String, _ context: Any) throws -> String {
        let library = MustacheLibrary(templates: ["t": try MustacheTemplate(string: FastHTMLContentType.pragma + template)])
        return library.render(context, withTemplate: "t") ?? ""
    }

    @Test("texts, numbers and lists behave as strings, integers and arrays do")
    func transformsAndSections() throws {
        let site = try TestSite(fixture: "golden-site")
        defer { site.cleanUp() }
        let loaded = try #require(site.model())
        let article = try #require(loaded.articles.first { !$0.communeIDs.isEmpty })
        let links = LinkBuilder(base: loaded.config.baseURL, relative: false)
        let commune = try #require(loaded.gazetteer.communes.first { loaded.listedCount(of: $0.id) == 0 })
        let empty = CommuneView(id: commune.id, directory: CommuneDirectory(loaded), links: links, page: nil)
        let view = ArticleView(
            article: article, summary: "Tóm tắt <b>", summaryHTML: nil, bodyHTML: "<p>x</p>", imageURL: nil,
            communes: [empty], links: links, page: nil)

        #expect(try render("{{title}}|{{uppercased(title)}}|{{{bodyHTML}}}|{{summary}}", view)
            == "\(Escape.html(article.title))|\(Escape.html(article.title.uppercased()))|<p>x</p>|Tóm tắt &lt;b&gt;")
        #expect(try render("{{#summary}}[{{.}}]{{/summary}}{{^summary}}none{{/summary}}{{#updated}}u{{/updated}}{{^updated}}-{{/updated}}", view)
            == "[Tóm tắt &lt;b&gt;]" + (article.updated == nil ? "-" : "u"))
        #expect(try render("{{#communes}}{{label}}:{{articleCount}}:{{plusone(articleCount)}}:{{#equalzero(articleCount)}}zero{{/equalzero(articleCount)}}{{^equalzero(articleCount)}}some{{/equalzero(articleCount)}}{{/communes}}", view)
            == "\(commune.label):0:1:zero")
        let pager = PagerView(current: 2, total: 5, previousURL: "/", nextURL: nil)
        #expect(try render("{{current}}/{{total}} {{minusone(current)}} {{#even(current)}}even{{/even(current)}}{{#nextURL}}n{{/nextURL}}{{^nextURL}}last{{/nextURL}}", pager)
            == "2/5 1 evenlast")
        if article.tags.count > 1 {
            #expect(try render("{{#sorted(tags)}}{{.}},{{/sorted(tags)}}", view) == article.tags.sorted().map { Escape.html($0) + "," }.joined())
        }
        let tagged = ArticleView(article: article, summary: "", summaryHTML: nil, bodyHTML: nil, imageURL: nil, communes: [], links: links, page: nil)
        #expect(try render("{{count(tags)}}{{#empty(communes)}}{{/empty(communes)}}{{^communes}}no communes{{/communes}}", tagged)
            == (article.tags.isEmpty ? "" : "\(article.tags.count)") + "no communes")
    }

    @Test("sorting texts is sorting strings")
    func sorting() throws {
        let words = ["ơ", "b", "a", "Đ"]
        #expect(words.map(TemplateText.init).sorted().map(\.text) == words.sorted())
        #expect(try render("{{#sorted(.)}}{{.}} {{/sorted(.)}}", words.map(TemplateText.init)) == "a b Đ ơ ")
    }
}

/// List pages give themes `articles` as well as `cardsHTML`; the views are made only when a
/// template asks, so a theme that asks must get them, in both kinds of links.
@Suite struct ListArticlesTests {
    @Test(arguments: [false, true])
    func aThemeListingArticlesGetsThePagesArticles(relativeLinks: Bool) throws {
        let site = try TestSite(fixture: "golden-site")
        defer { site.cleanUp() }
        try site.write("templates/home.mustache", "{{#articles}}[{{title}}|{{url}}]{{/articles}}{{^articles}}none{{/articles}}\n")
        try site.write("templates/taxonomy.mustache", "{{count(articles)}}:{{#articles}}[{{title}}]{{/articles}}\n")
        try site.build { $0.relativeLinks = relativeLinks }
        let model = try #require(site.model())
        let links = LinkBuilder(base: model.config.baseURL, relative: relativeLinks)
        let page = SitePaths.homePage(2)
        #expect(model.articles.count > model.config.paginate)
        let expected = model.articles.indices.page(2, paginate: model.config.paginate).map { model.articles[$0] }.map { "[\(Escape.html($0.title))|\(Escape.html(links.href($0.permalink, from: page)))]" }.joined()
        #expect(try site.read(SitePaths.file(page)) == expected + "\n")
        let tags = Taxonomy(.tag, articles: model.articles)
        let term = try #require(tags.terms.first)
        let onPage = term.articles.prefix(model.config.paginate).map { "[\(Escape.html(model.articles[$0].title))]" }.joined()
        #expect(try site.read(SitePaths.file(SitePaths.termPage(tags, term, 1))) == "\(min(term.articles.count, model.config.paginate)):\(onPage)\n")
    }
}

import Foundation
import Testing
@testable import BantinKit

/// A theme that would make swift-mustache recurse until the stack overflows (exit 139) is a
/// located error when templates load; a syntax error is said in words at its place.
@Suite struct TemplateRecursionTests {
    private func themeErrors(_ templates: [String: String]) throws -> [Diagnostic] {
        let site = try TestSite(["content/a.md": article("title: Bài A\ndate: 21/02/2024")])
        defer { site.cleanUp() }
        for (name, text) in templates { try site.write("templates/\(name).mustache", text) }
        let built = site.failingBuild()
        #expect(SiteChecker.check(site.options()).diagnostics.filter { $0.severity == .error } == built)
        return built.filter { $0.severity == .error }
    }

    @Test func aPartialIncludingItself() throws {
        let errors = try themeErrors(["article-card": "<li>{{title}}\n{{#tags}}{{> article-card}}{{/tags}}</li>\n"])
        #expect(errors.map(\.code) == [.templateCycle])
        #expect(errors.first?.location == SourceLocation(file: "templates/article-card.mustache", line: 2, column: 10))
        #expect(errors.first?.message == "template 'article-card' includes itself")
    }

    @Test func aCycleOfPartialsIsOneErrorNamingTheWayRound() throws {
        let errors = try themeErrors([
            "vong-a": "{{> vong-b}}", "vong-b": "x\n{{> vong-c}}", "vong-c": "{{> vong-a}}",
            "article-card": "{{> vong-b}}",
        ])
        #expect(errors.map(\.code) == [.templateCycle])
        #expect(errors.first?.message.contains("'vong-a' → 'vong-b' → 'vong-c' → 'vong-a'") == true)
        #expect(errors.first?.location?.file == "templates/vong-a.mustache")
    }

    @Test func aTemplateInheritingFromItself() throws {
        let errors = try themeErrors(["404": "{{< 404}}{{$main}}x{{/main}}{{/404}}"])
        #expect(errors.map(\.code) == [.templateCycle])
        #expect(errors.first?.message == "template '404' inherits from itself")
    }

    @Test(arguments: [150, 5_000])
    func thousandsOfNestedSections(depth: Int) throws {
        let text = "<p>\n" + String(repeating: "{{#a}}", count: depth) + String(repeating: "{{/a}}", count: depth)
        let errors = try themeErrors(["404": text])
        #expect(errors.map(\.code) == [.templateSyntax])
        #expect(errors.first?.location == SourceLocation(file: "templates/404.mustache", line: 2, column: 1 + 6 * TemplateOutline.maximumDepth))
        #expect(errors.first?.message.contains("nested more than 100 deep") == true)
    }

    @Test func nestingWithinTheLimitIsFine() {
        let text = String(repeating: "{{^a}}", count: 100) + String(repeating: "{{/a}}", count: 100)
        #expect(TemplateOutline(text).problems.isEmpty)
    }

    @Test func aTagInsideAnInheritedSectionIsSaidInWordsAtItsPlace() throws {
        let errors = try themeErrors(["404": "{{< baseof}}\n{{$main}}ok{{/main}}\n  {{title}}\n{{/baseof}}\n"])
        #expect(errors.map(\.code) == [.templateSyntax])
        #expect(errors.first?.location == SourceLocation(file: "templates/404.mustache", line: 3, column: 3))
        #expect(errors.first?.message.contains("{{title}} is inside {{<baseof}} (line 1)") == true)
        #expect(!errors.contains { $0.message.contains("illegalToken") })
    }

    @Test func anUnclosedSectionIsReportedAtItsOpeningTag() throws {
        let errors = try themeErrors(["404": "<main>\n  {{#site}}\n  <p>{{title}}</p>\n</main>\n"])
        #expect(errors.map(\.code) == [.templateSyntax])
        #expect(errors.first?.location == SourceLocation(file: "templates/404.mustache", line: 2, column: 3))
        #expect(errors.first?.message == "template syntax error: {{#site}} is never closed")
    }

    @Test func aClosingTagThatDoesNotMatchNamesTheOpenSection() {
        let problems = TemplateOutline("{{#a}}\n  {{#b}}x\n{{/a}}").problems
        #expect(problems == [TemplateOutline.Problem(message: "{{/a}} does not close {{#b}} (line 2), which is still open", hint: "add {{/b}} before it, or fix the name", line: 3, column: 1)])
        #expect(TemplateOutline("x {{/a}}").problems.first?.message == "{{/a}} closes no section")
    }

    @Test(arguments: ["{{>*title}}", "{{> *title}}", "{{<*title}}{{/*title}}"])
    func aTemplateChosenByAValueIsRefused(tag: String) throws {
        let errors = try themeErrors(["article-card": "<li>\n\(tag)</li>\n"])
        #expect(errors.map(\.code) == [.templateSyntax])
        #expect(errors.first?.location == SourceLocation(file: "templates/article-card.mustache", line: 2, column: 1))
        #expect(errors.first?.message.contains("chooses the template by a value") == true)
    }

    @Test func outlinesFollowSetDelimitersAndCountLines() {
        let outline = TemplateOutline("a\n{{=<% %>=}}\n<%> p%>\n<%={{ }}=%>{{{x}}}\n{{! note\nnote }}{{> q}}")
        #expect(outline.references.map(\.name) == ["p", "q"])
        #expect(outline.references.map(\.line) == [3, 6])
        #expect(outline.tags.map { $0.sigil.map(String.init) ?? "" } == ["=", ">", "=", "{", "!", ">"])
    }
}

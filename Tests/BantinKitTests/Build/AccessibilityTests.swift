import Foundation
import Testing
@testable import BantinKit

/// What the default theme promises readers who use a keyboard or a screen reader, on every
/// page of the golden sites: the language, a skip link to the main content, one `h1` first and
/// no heading level skipped, and alternative text on every image.
@Suite struct AccessibilityTests {
    @Test(arguments: GoldenSiteTests.sites.map(\.name))
    func everyPageOfTheDefaultTheme(_ name: String) throws {
        let site = try TestSite(fixture: name)
        defer { site.cleanUp() }
        let now = try #require(GoldenSiteTests.sites.first { $0.name == name }?.now)
        try site.build { $0.now = now }
        let pages = site.outputTree().filter { $0.key.hasSuffix(".html") }
        #expect(pages.count > 10)
        for (path, data) in pages.sorted(by: { $0.key < $1.key }) {
            let html = String(decoding: data, as: UTF8.self)
            #expect(html.contains("<html lang=\"vi\">"), "\(path)")
            #expect(html.contains("<a class=\"skip-link\" href=\"#noi-dung\">") && html.contains("<main class=\"wrap\" id=\"noi-dung\""), "\(path): skip link and its target")
            let levels = html.matches(of: #/<h([1-6])[ >]/#).compactMap { Int($0.1) }
            #expect(levels.first == 1 && levels.filter { $0 == 1 }.count == 1, "\(path): one h1, first: \(levels)")
            for (level, next) in zip(levels, levels.dropFirst()) where next > level + 1 {
                Issue.record("\(path): h\(level) followed by h\(next)")
            }
            for image in html.matches(of: #/<img [^>]*>/#) where !image.0.contains(" alt=") {
                Issue.record("\(path): \(image.0) has no alt")
            }
        }
    }
}

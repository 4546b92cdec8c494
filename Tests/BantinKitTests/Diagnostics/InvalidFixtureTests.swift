import Foundation
import Testing
@testable import BantinKit

/// Sites with mistakes, one folder per case under `Tests/Fixtures/invalid/`, each with the exact
/// diagnostics `site check` must print in its `expected.txt` (re-record with
/// `BANTIN_RECORD_GOLDEN=1`, then review). A build of each must fail and leave the previous output as it was.
@Suite struct InvalidFixtureTests {
    static let cases = ["ten-mistakes", "bad-config", "bad-gazetteer", "bad-templates", "ambiguous-commune", "encodings"]

    @Test(arguments: cases)
    func diagnosticsAreExactlyTheExpectedOnes(_ name: String) throws {
        let site = try TestSite(fixture: "invalid/\(name)")
        defer { site.cleanUp() }
        let report = SiteChecker.check(site.options())
        let text = report.diagnostics.map { $0.formatted() }.joined(separator: "\n") + "\n"
        let expectedFile = repositoryRoot.appendingPathComponent("Tests/Fixtures/invalid/\(name)/expected.txt")
        if ProcessInfo.processInfo.environment["BANTIN_RECORD_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: expectedFile)
            return
        }
        let expected = try String(contentsOf: expectedFile, encoding: .utf8)
        #expect(text == expected)
    }

    @Test(arguments: cases)
    func failingBuildLeavesThePreviousOutputUntouched(_ name: String) throws {
        let site = try TestSite(fixture: "invalid/\(name)")
        defer { site.cleanUp() }
        let errors = SiteChecker.check(site.options()).diagnostics.filter { $0.severity == .error }
        try site.write("public/\(SitePaths.marker)", OutputPolicy.markerText.description)
        try site.write("public/index.html", "bản trước")
        let before = site.outputTree()
        let diagnostics = site.failingBuild()
        if errors.isEmpty {
            #expect(diagnostics.isEmpty)
            #expect(try site.read("index.html") != "bản trước")
        } else {
            #expect(diagnostics.filter { $0.severity == .error } == errors)
            #expect(site.outputTree() == before)
        }
    }

    @Test func tenMistakesInTenFilesAreAllReportedAtTheirPlace() throws {
        let site = try TestSite(fixture: "invalid/ten-mistakes")
        defer { site.cleanUp() }
        let errors = SiteChecker.check(site.options()).diagnostics.filter { $0.severity == .error }
        #expect(Set(errors.compactMap { $0.location?.file }).count == 10)
        #expect(Set(errors.map(\.code)).count >= 9)
        #expect(errors.allSatisfy { ($0.location?.line ?? 0) >= 1 && ($0.location?.column ?? 0) >= 1 })
    }

    @Test func byteOrderMarkCRLFAndNFDAreNormalised() throws {
        let site = try TestSite(fixture: "invalid/encodings")
        defer { site.cleanUp() }
        try site.build()
        let page = try site.read("2024/01/ham-yen-co-bom-va-crlf/index.html")
        #expect(page.contains("<h1>Hàm Yên có BOM và CRLF</h1>"))
        #expect(page.contains("href=\"/bantin/dia-phuong/yen-son/hung-loi/\""))
        #expect(!page.contains("\r"))
    }
}

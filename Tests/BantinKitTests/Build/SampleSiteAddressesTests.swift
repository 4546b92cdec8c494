import Foundation
import Testing
@testable import BantinKit

/// Every commune page and feed the previous release wrote for the repository's sample site
/// (`Tests/Fixtures/sample-site-commune-addresses.txt`, its `dia-phuong/` files) is still written:
/// the units of 2023 keep `dia-phuong/<district>/<commune>/` now that the gazetteer has later maps.
@Suite struct SampleSiteAddressesTests {
    static let fixture = repositoryRoot.appendingPathComponent("Tests/Fixtures/sample-site-commune-addresses.txt")

    static func addresses() throws -> [String] {
        let text = try String(contentsOf: fixture, encoding: .utf8)
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// 2025-06-01 10:00 in Vietnam: the last month of the 2023 map, as the previous release was built
    /// (it has the pages of July 2024 articles, after `TestSite.fixedNow`).
    static let mid2025 = Date(timeIntervalSince1970: 1_748_746_800)

    /// 2026-12-01 10:00 in Vietnam: every sample article but the embargoed 2027 one is published.
    static let late2026 = Date(timeIntervalSince1970: 1_796_094_000)

    /// The sample site (site.yaml, content/, templates/) built in a temporary folder at `now`.
    static func buildSample(now: Date) throws -> (root: URL, report: BuildReport) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-sample-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for item in ["site.yaml", "content", "templates"] {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(item), to: root.appendingPathComponent(item))
        }
        let report = try SiteBuilder.build(BuildOptions(sourceRoot: root, now: now))
        return (root, report)
    }

    @Test("the fixture lists the previous release's commune pages and feeds")
    func fixtureShape() throws {
        let addresses = try Self.addresses()
        #expect(addresses.count >= 80)
        #expect(Set(addresses).count == addresses.count)
        #expect(addresses.contains("dia-phuong/index.html"))
        #expect(addresses.contains("dia-phuong/yen-son/hung-loi/index.html"))
        #expect(addresses.allSatisfy { $0.hasPrefix("dia-phuong/") && ($0.hasSuffix("/index.html") || $0.hasSuffix("/rss.xml")) })
    }

    @Test("every commune address of the previous release is written again", arguments: [mid2025, late2026])
    func everyOldAddressStillAnswers(now: Date) throws {
        let (root, _) = try Self.buildSample(now: now)
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("public")
        var missing: [String] = []
        for address in try Self.addresses() where !FileManager.default.fileExists(atPath: output.appendingPathComponent(address).path) {
            missing.append(address)
        }
        #expect(missing.isEmpty, "not written any more: \(missing)")
    }

    @Test("the old addresses are still the pages of the 2023 units, with their district")
    func oldAddressesAreOldUnits() throws {
        let (root, _) = try Self.buildSample(now: Self.late2026)
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("public")
        let hungLoi = try String(contentsOf: output.appendingPathComponent("dia-phuong/yen-son/hung-loi/index.html"), encoding: .utf8)
        #expect(hungLoi.contains("<title>Xã Hùng Lợi, huyện Yên Sơn – "))
        #expect(hungLoi.contains("class=\"era-note\""))
        let yLa = try String(contentsOf: output.appendingPathComponent("dia-phuong/tuyen-quang/y-la/index.html"), encoding: .utf8)
        #expect(yLa.contains("<title>Phường Ỷ La, thành phố Tuyên Quang – "))
        #expect(yLa.contains("dia-phuong/phuong-minh-xuan/"))
        // And the units formed in 2025 have their own folders beside them.
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("dia-phuong/xa-hung-loi/index.html").path))
    }
}

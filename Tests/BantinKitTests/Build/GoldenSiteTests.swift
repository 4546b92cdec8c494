import Foundation
import Testing
@testable import BantinKit

/// Builds each golden site under `Tests/Fixtures/` at a fixed clock and compares every output
/// file with `Tests/Fixtures/<name>.expected`. Re-record with `BANTIN_RECORD_GOLDEN=1 swift test`,
/// then review the diff before committing it. `golden-site`: one map, every kind of page;
/// `golden-eras-site`: the 2023 maps of two provinces and the 2025 reform (merger, split), built
/// in December 2026.
@Suite struct GoldenSiteTests {
    static let sites: [(name: String, now: Date)] = [
        ("golden-site", TestSite.fixedNow),
        ("golden-eras-site", Date(timeIntervalSince1970: 1_796_083_200)),
    ]

    @Test(arguments: sites.map(\.name))
    func wholeSiteMatchesExpectedTree(_ name: String) throws {
        let expectedTree = repositoryRoot.appendingPathComponent("Tests/Fixtures/\(name).expected")
        let site = try TestSite(fixture: name)
        defer { site.cleanUp() }
        let now = try #require(Self.sites.first { $0.name == name }?.now)
        try site.build { $0.now = now }
        let actual = site.outputTree()

        if ProcessInfo.processInfo.environment["BANTIN_RECORD_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(at: expectedTree)
            for (path, data) in actual {
                let url = expectedTree.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
            return
        }
        let expected = site.tree(at: expectedTree)
        #expect(!expected.isEmpty, "no expected tree: record it with BANTIN_RECORD_GOLDEN=1")
        #expect(Set(actual.keys) == Set(expected.keys))
        for (path, data) in expected.sorted(by: { $0.key < $1.key }) {
            guard let got = actual[path] else { continue }
            if got != data {
                Issue.record("\(path) differs from the expected file:\n\(firstDifference(String(decoding: data, as: UTF8.self), String(decoding: got, as: UTF8.self)))")
            }
        }
    }

    private func firstDifference(_ a: String, _ b: String) -> String {
        let left = a.split(separator: "\n", omittingEmptySubsequences: false)
        let right = b.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(left.count, right.count) {
            let l = i < left.count ? String(left[i]) : "<end>"
            let r = i < right.count ? String(right[i]) : "<end>"
            if l != r { return "line \(i + 1):\n  expected: \(l)\n  actual:   \(r)" }
        }
        return "(same lines)"
    }
}

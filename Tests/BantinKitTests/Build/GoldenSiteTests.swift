import Foundation
import Testing
@testable import BantinKit

/// Builds `Tests/Fixtures/golden-site` at a fixed clock and compares every output file with
/// `Tests/Fixtures/golden-site.expected`. Re-record with `BANTIN_RECORD_GOLDEN=1 swift test`,
/// then review the diff before committing it.
@Suite struct GoldenSiteTests {
    static let expected = repositoryRoot.appendingPathComponent("Tests/Fixtures/golden-site.expected")

    @Test func wholeSiteMatchesExpectedTree() throws {
        let site = try TestSite(fixture: "golden-site")
        defer { site.cleanUp() }
        try site.build()
        let actual = site.outputTree()

        if ProcessInfo.processInfo.environment["BANTIN_RECORD_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(at: Self.expected)
            for (path, data) in actual {
                let url = Self.expected.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
            return
        }
        let expected = site.tree(at: Self.expected)
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

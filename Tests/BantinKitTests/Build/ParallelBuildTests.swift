import Foundation
import Testing
@testable import BantinKit

/// Builds a site large enough that every parallel stage (parsing, Markdown, templates, writing)
/// runs on several threads at once. `make test` runs it under the thread sanitizer too.
@Suite struct ParallelBuildTests {
    @Test func aRebuildAgreesWithAFreshBuildOfTheSameSources() throws {
        var files: [String: String] = [:]
        let communes = ["Hùng Lợi", "Trung Minh", "Đông Thọ", "Phan Thiết", "An Tường", "Tân Thành (Hàm Yên)", "Tân Thanh (Sơn Dương)"]
        for n in 0..<300 {
            let month = 1 + n % 12
            files["content/2023/\(month < 10 ? "0" : "")\(month)/bai-\(n).md"] = article(
                "title: Bài số \(n)\ndate: \"2023-\(month < 10 ? "0" : "")\(month)-\(1 + n % 28 < 10 ? "0" : "")\(1 + n % 28)T0\(n % 10):15:00+07:00\"\ncommunes: [\"\(communes[n % communes.count])\", \"\(communes[(n / 7) % communes.count])\"]",
                body: "Đoạn đầu của bài \(n).\n\n## Mục\n\n- Ý một\n- Ý hai\n\n> Trích dẫn.\n\nXem [bài trước](bai-\(max(0, n - 12)).md).")
        }
        let site = try TestSite(files)
        defer { site.cleanUp() }
        let first = try site.build()
        #expect(first.articles == 300)
        let tree = site.outputTree()
        let edited = "content/2023/01/bai-0.md"
        try site.write(edited, files[edited]! + "\nMột đoạn mới.\n")
        let second = try site.build()
        #expect(second.files.changed >= 1 && second.files.unchanged > 300)
        let rebuilt = site.outputTree()
        #expect(rebuilt != tree)
        let fresh = site.root.appendingPathComponent("fresh")
        try site.build { $0.output = fresh }
        #expect(site.tree(at: fresh) == rebuilt)
    }
}

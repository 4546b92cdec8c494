import Foundation
import Testing
@testable import BantinKit

/// The build cache must never make output differ from a fresh build: after each edit, an
/// incremental rebuild is compared byte for byte with a fresh build of the edited site.
@Suite struct BuildCacheTests {
    /// Builds `site` incrementally (its cache and output kept), then a copy of it from scratch.
    func expectSameAsFresh(_ site: TestSite, now: Date = TestSite.fixedNow, _ comment: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> BuildReport {
        let incremental = try site.build { $0.now = now }
        let fresh = site.root.deletingLastPathComponent().appendingPathComponent("fresh-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: fresh) }
        try FileManager.default.copyItem(at: site.root, to: fresh)
        try? FileManager.default.removeItem(at: fresh.appendingPathComponent("public"))
        try? FileManager.default.removeItem(at: fresh.appendingPathComponent(".public.bantin-cache"))
        var options = BuildOptions(sourceRoot: fresh, now: now)
        options.output = fresh.appendingPathComponent("public")
        _ = try SiteBuilder.build(options)
        let expected = site.tree(at: fresh.appendingPathComponent("public"))
        let actual = site.outputTree()
        #expect(Set(actual.keys) == Set(expected.keys), "\(comment): different files", sourceLocation: sourceLocation)
        for (path, data) in expected where actual[path] != data {
            Issue.record("\(comment): \(path) differs from a fresh build", sourceLocation: sourceLocation)
        }
        return incremental
    }

    func edit(_ site: TestSite, _ path: String, _ change: (String) -> String) throws {
        let url = site.root.appendingPathComponent(path)
        try site.write(path, change(try String(contentsOf: url, encoding: .utf8)))
    }

    @Test func incrementalRebuildsMatchFreshBuildsAfterEveryKindOfEdit() throws {
        let site = try TestSite(fixture: "golden-site")
        defer { site.cleanUp() }
        try site.build()
        #expect(BuildCache.load(for: site.output) != nil)

        let unchanged = try expectSameAsFresh(site, "no change")
        #expect(unchanged.files.added == 0 && unchanged.files.changed == 0 && unchanged.files.removed == 0)

        try edit(site, "content/2024/03/giao-thong.md") { $0.replacingOccurrences(of: "Xử lý xe quá tải.", with: "Xử lý xe quá tải và xe cơi nới.") }
        let bodyEdit = try expectSameAsFresh(site, "body edited")
        #expect(bodyEdit.files.changed == 2)

        try edit(site, "content/2024/03/giao-thong.md") { $0.replacingOccurrences(of: "slug: ra-quan-giao-thong", with: "slug: ra-quan-bao-dam-giao-thong") }
        _ = try expectSameAsFresh(site, "permalink changed")

        try edit(site, "content/2024/02/lu-quet/index.md") { $0.replacingOccurrences(of: "communes: [Đông Thọ]", with: "communes: [Đông Thọ, Hùng Lợi]") }
        _ = try expectSameAsFresh(site, "communes changed")

        try site.write("content/2024/05/moi.md", article("title: Bài mới\ndate: \"2024-05-20\"\ncommunes: [Trung Minh]", body: "Xem [lũ quét](../02/lu-quet/index.md)."))
        _ = try expectSameAsFresh(site, "article added")

        try site.remove("content/2024/01/hoi-nghi.md")
        _ = try expectSameAsFresh(site, "article removed")

        // Đông Thọ's list grows to a second page (paginate: 2), then back to one.
        for day in ["21", "22"] {
            try site.write("content/2024/05/dong-tho-\(day).md", article("title: Đông Thọ ngày \(day)\ndate: \"2024-05-\(day)\"\ncommunes: [Đông Thọ]", body: "Tin ngày \(day)."))
        }
        _ = try expectSameAsFresh(site, "commune on two pages")
        #expect(site.exists("dia-phuong/yen-son/dong-tho/trang/2/index.html"))
        try site.remove("content/2024/05/dong-tho-22.md")
        _ = try expectSameAsFresh(site, "commune back on one page")
        #expect(!site.exists("dia-phuong/yen-son/dong-tho/trang/2/index.html"))

        try edit(site, "templates/article.mustache") { $0.replacingOccurrences(of: "<h1>{{title}}</h1>", with: "<h1 class=\"tieu-de\">{{title}}</h1>") }
        _ = try expectSameAsFresh(site, "template changed")

        try edit(site, "templates/assets/style.css") { $0 + "\n.tieu-de { color: navy; }\n" }
        _ = try expectSameAsFresh(site, "asset changed")

        try edit(site, "site.yaml") { $0.replacingOccurrences(of: "limit: 3", with: "limit: 1") }
        _ = try expectSameAsFresh(site, "settings changed")

        try edit(site, "content/communes.yaml") { $0.replacingOccurrences(of: "Trung Minh", with: "Trung Minh Mới") }
        try edit(site, "content/2024/05/moi.md") { $0.replacingOccurrences(of: "[Trung Minh]", with: "[Trung Minh Mới]") }
        _ = try expectSameAsFresh(site, "gazetteer changed")

        // Touched without a change: the stamp differs, the content does not.
        try edit(site, "content/2024/05/moi.md") { $0 }
        let touched = try expectSameAsFresh(site, "touched")
        #expect(touched.files.changed == 0 && touched.files.added == 0)
    }

    @Test func anArticleDueLaterIsPublishedByTheFirstBuildAfterItsTime() throws {
        let site = try TestSite(fixture: "golden-site")
        defer { site.cleanUp() }
        try site.build()
        #expect(!site.exists("2025/01/bai-hen-gio-dang/index.html"))
        let later = Date(timeIntervalSince1970: 1_735_700_000)
        _ = try expectSameAsFresh(site, now: later, "future article now due")
        #expect(site.exists("2025/01/bai-hen-gio-dang/index.html"))
    }

    /// Rebuilds append their new digests to articles.bin; it is written anew before it grows past
    /// twice what it holds.
    @Test func theDigestsFileStaysBoundedOverManyEdits() throws {
        let site = try TestSite(fixture: "golden-site")
        defer { site.cleanUp() }
        try site.build()
        let digests = BuildCache.folder(for: site.output).appendingPathComponent("articles.bin")
        func size() throws -> Int { try FileManager.default.attributesOfItem(atPath: digests.path)[.size] as? Int ?? 0 }
        let first = try size()
        var sizes: [Int] = []
        for round in 1...12 {
            try edit(site, "content/2024/03/giao-thong.md") { $0 + "\nCâu thứ \(round).\n" }
            try site.build()
            sizes.append(try size())
        }
        #expect(sizes.contains { $0 > first }, "appended to")
        #expect(zip(sizes, sizes.dropFirst()).contains { $1 < $0 }, "written anew")
        #expect(sizes.allSatisfy { $0 <= 3 * first })
        _ = try expectSameAsFresh(site, "after many appends")
    }

    @Test func aDamagedOrForeignCacheIsIgnored() throws {
        let site = try TestSite(fixture: "golden-site")
        defer { site.cleanUp() }
        try site.build()
        let file = BuildCache.folder(for: site.output).appendingPathComponent("cache.bin")
        var bytes = try Data(contentsOf: file)
        bytes.removeLast(bytes.count / 2)
        try bytes.write(to: file)
        #expect(BuildCache.load(for: site.output) == nil)
        _ = try expectSameAsFresh(site, "damaged cache")

        // The digests file cut short: read as no digests. Bytes overwritten in its middle: either
        // its index no longer checks out, or the blobs hit are refused and rendered again.
        let digests = BuildCache.folder(for: site.output).appendingPathComponent("articles.bin")
        for damage in ["cut", "overwritten"] {
            var bytes = try Data(contentsOf: digests)
            if damage == "cut" {
                bytes.removeLast(9)
            } else {
                bytes.replaceSubrange(bytes.count / 2 ..< bytes.count / 2 + 16, with: [UInt8](repeating: 0xFF, count: 16))
            }
            try bytes.write(to: digests)
            let archive = BuildCache.load(for: site.output)?.openDigests(for: site.output)
            if damage == "cut" {
                #expect(archive == nil)
            } else if let archive {
                #expect((0..<archive.count).contains { !archive.isIntact(archive.record(at: $0)) })
            }
            try edit(site, "content/2024/03/giao-thong.md") { $0 + "\nThêm một câu (\(damage)).\n" }
            _ = try expectSameAsFresh(site, "digests \(damage)")
        }

        // A blob that claims an impossible path length (its index intact): refused, and looking
        // an article up does not read past it.
        try site.build()
        var crafted = [UInt8](try Data(contentsOf: digests))
        func word(_ at: Int) -> Int {
            var value: UInt64 = 0
            for i in 0..<8 { value |= UInt64(crafted[at + i]) << UInt64(8 * i) }
            return Int(value)
        }
        let indexOffset = word(crafted.count - 16)
        let firstBlob = word(indexOffset + 5 * 8)
        crafted.replaceSubrange(firstBlob..<(firstBlob + 8), with: [UInt8](repeating: 0xFF, count: 8))
        try Data(crafted).write(to: digests)
        let archive = try #require(BuildCache.load(for: site.output)?.openDigests(for: site.output), "crafted path length")
        #expect(!archive.isIntact(archive.record(at: 0)))
        #expect(archive.find("content/2024/03/giao-thong.md").map(archive.isIntact) != false)
        try edit(site, "content/2024/03/giao-thong.md") { $0 + "\nThêm một câu nữa.\n" }
        _ = try expectSameAsFresh(site, "digests with a crafted path length")

        // An output edited by hand is noticed: the build restores it.
        try Data("sửa tay".utf8).write(to: site.output.appendingPathComponent("index.html"))
        _ = try expectSameAsFresh(site, "output edited by hand")
    }

    /// Blobs are checked when used, not when their page is kept: one found damaged then makes the
    /// build start again without its cache, and the output is still a fresh build's.
    @Test func aDigestFoundDamagedWhenUsedRestartsTheBuildWithoutCache() throws {
        let site = try TestSite(fixture: "golden-site")
        defer { site.cleanUp() }
        let first = try site.build()
        let digests = BuildCache.folder(for: site.output).appendingPathComponent("articles.bin")
        var bytes = [UInt8](try Data(contentsOf: digests))
        func word(_ at: Int) -> Int {
            var value: UInt64 = 0
            for i in 0..<8 { value |= UInt64(bytes[at + i]) << UInt64(8 * i) }
            return Int(value)
        }
        // The last byte of every blob flipped; the index (and its checksum) left as it was.
        let count = word(bytes.count - 24), indexOffset = word(bytes.count - 16)
        for record in 0..<count {
            let offset = word(indexOffset + record * 72 + 5 * 8), length = word(indexOffset + record * 72 + 6 * 8)
            bytes[offset + length - 1] ^= 0xFF
        }
        try Data(bytes).write(to: digests)
        let archive = try #require(BuildCache.load(for: site.output)?.openDigests(for: site.output))
        #expect((0..<archive.count).allSatisfy { !archive.isIntact(archive.record(at: $0)) })

        // The home page lists the edited article with others, whose digests are needed.
        try edit(site, "content/2024/03/giao-thong.md") { $0.replacingOccurrences(of: "Xử lý xe quá tải.", with: "Xử lý xe quá tải, kể cả xe khách.") }
        let rebuilt = try expectSameAsFresh(site, "damaged digests")
        #expect(rebuilt.articlesRendered == first.articles, "every article rendered again, without the cache")
        #expect(rebuilt.warnings.map(\.code) == ["damaged-cache"])
        let again = try expectSameAsFresh(site, "after the cache was dropped")
        #expect(again.files.changed == 0 && again.files.added == 0)
    }
}

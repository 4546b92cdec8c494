import Foundation
import Testing
@testable import BantinKit

/// Safe publishing: atomic replacement, refusal of dangerous folders, unchanged files left alone.
@Suite struct PublishTests {
    @Test func failedBuildLeavesThePreviousOutputUntouched() throws {
        let site = try TestSite(fixture: "golden-site")
        defer { site.cleanUp() }
        try site.build()
        let before = site.outputTree()
        try site.write("content/2024/05/hong.md", article("title: Hỏng\ndate: \"hôm qua\""))
        let diagnostics = site.failingBuild()
        #expect(diagnostics.contains { $0.code == .badDate })
        #expect(site.outputTree() == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.contains("bantin-staging") }
        #expect(leftovers.isEmpty)
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let site = try TestSite(fixture: "golden-site")
        defer { site.cleanUp() }
        try site.build()
        let first = site.outputTree()
        try FileManager.default.removeItem(at: site.output)
        try site.build()
        #expect(site.outputTree() == first)
    }

    @Test func unchangedFilesKeepTheirModificationTimeAndDeletedArticlesDisappear() throws {
        let site = try TestSite(fixture: "golden-site")
        defer { site.cleanUp() }
        try site.build()
        func mtimes() -> [String: Date] {
            var result: [String: Date] = [:]
            for path in site.outputTree().keys {
                let attributes = try? FileManager.default.attributesOfItem(atPath: site.output.appendingPathComponent(path).path)
                result[path] = attributes?[.modificationDate] as? Date
            }
            return result
        }
        let before = mtimes()
        Thread.sleep(forTimeInterval: 1.1)
        let same = try site.build()
        #expect(same.files.changed == 0 && same.files.added == 0 && same.files.removed == 0)
        #expect(mtimes() == before)

        // Edit the body of one article: only its page and the feed carrying its body change
        // (commune feeds carry summaries, and this article's summary is its first paragraph).
        let path = "content/2024/03/giao-thong.md"
        let original = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
        try site.write(path, original.replacingOccurrences(of: "2. Xử lý xe quá tải.", with: "2. Xử lý xe quá tải, xe cơi nới thành thùng."))
        let edited = try site.build()
        let after = mtimes()
        let changed = Set(before.keys.filter { before[$0] != after[$0] })
        #expect(changed == ["2024/03/ra-quan-giao-thong/index.html", "rss.xml"])
        #expect(edited.files.changed == changed.count)

        try site.remove(path)
        let removed = try site.build()
        #expect(!site.exists("2024/03/ra-quan-giao-thong/index.html"))
        #expect(!site.exists("dia-phuong/ham-yen/tan-thanh/index.html"))
        #expect(removed.files.removed >= 5)
    }

    @Test func refusesDangerousOutputFolders() throws {
        let site = try TestSite(fixture: "golden-site")
        defer { site.cleanUp() }
        let home = site.root.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        for folder in [URL(fileURLWithPath: "/"), site.root, site.root.deletingLastPathComponent(), site.root.appendingPathComponent("content"),
                       site.root.appendingPathComponent("content/2024"), site.root.appendingPathComponent("templates"), home] {
            let diagnostics = site.failingBuild { $0.output = folder; $0.homeDirectory = home }
            #expect(diagnostics.map(\.code) == [.unsafeOutput], "output \(folder.path) was not refused")
        }
    }

    @Test func refusesToReplaceAFolderItDidNotCreateUnlessForced() throws {
        let site = try TestSite(fixture: "golden-site")
        defer { site.cleanUp() }
        let precious = site.root.appendingPathComponent("www")
        try FileManager.default.createDirectory(at: precious, withIntermediateDirectories: true)
        try Data("giữ lại".utf8).write(to: precious.appendingPathComponent("important.txt"))
        let diagnostics = site.failingBuild { $0.output = precious }
        #expect(diagnostics.map(\.code) == [.unsafeOutput])
        #expect(FileManager.default.fileExists(atPath: precious.appendingPathComponent("important.txt").path))

        try site.build { $0.output = precious; $0.force = true }
        #expect(!FileManager.default.fileExists(atPath: precious.appendingPathComponent("important.txt").path))
        #expect(FileManager.default.fileExists(atPath: precious.appendingPathComponent(SitePaths.marker).path))
        // Once Bantin made it, rebuilding needs no --force.
        try site.build { $0.output = precious }
    }

    @Test func hostileSlugsAndPathsNeverLeaveTheOutputFolder() throws {
        for slug in ["../../etc", "/etc/passwd", "%2e%2e", "a/b", "..", "x\u{0}y"] {
            #expect(!Slug.isSafe(slug) || !slug.contains("/") && !slug.contains(".."), "slug \(slug) accepted")
        }
        for path in ["../x", "a/../../x", "/etc/passwd", "a//b", "a/./b", "", "a/", ".bantin-output", "a/.bantin-output", "a\\b", "a\u{7F}b"] {
            #expect(!SitePaths.isSafe(path), "path \(path) accepted")
        }
        for path in ["index.html", "2023/02/hoi-nghi/index.html", "dia-phuong/xa-dong-tho/rss.xml", "..a/b.", "a/.well-known/x", "ảnh/đồng-quý.jpg"] {
            #expect(SitePaths.isSafe(path), "path \(path) refused")
        }
        let site = try TestSite([
            "content/a.md": article("title: A\ndate: \"2024-01-01\"\nslug: \"../../etc\""),
            "content/b.md": article("title: B\ndate: \"2024-01-01\"\nslug: \"%2e%2e\""),
        ])
        defer { site.cleanUp() }
        let diagnostics = site.failingBuild()
        #expect(diagnostics.filter { $0.code == .unsafeSlug }.compactMap { $0.location?.file }.sorted() == ["content/a.md", "content/b.md"])
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    /// A killed build leaves its staging folder, maybe holding hard links to the output's
    /// files: the next build starts from an empty one, and writes through none of them.
    @Test func whatAKilledBuildStagedIsNeverTrustedNorWrittenThrough() throws {
        let site = try TestSite(fixture: "golden-site")
        defer { site.cleanUp() }
        try site.build()
        let expected = site.outputTree()
        let staging = site.root.appendingPathComponent(".public.bantin-staging")
        let page = "2024/03/ra-quan-giao-thong/index.html"
        try FileManager.default.createDirectory(at: staging.appendingPathComponent("2024/03/ra-quan-giao-thong"), withIntermediateDirectories: true)
        // A hard link to a published page (and a third name for that file, to read it after),
        // a stray hidden file, a file where a folder belongs.
        #expect(link(site.output.appendingPathComponent(page).path, staging.appendingPathComponent(page).path) == 0)
        let thirdName = site.root.appendingPathComponent("same-inode.html")
        #expect(link(site.output.appendingPathComponent(page).path, thirdName.path) == 0)
        let published = try Data(contentsOf: thirdName)
        try Data("Deny from all".utf8).write(to: staging.appendingPathComponent(".htaccess"))
        try Data("không phải thư mục".utf8).write(to: staging.appendingPathComponent("trang"))

        let source = "content/2024/03/giao-thong.md"
        try site.write(source, try String(contentsOf: site.root.appendingPathComponent(source), encoding: .utf8) + "\nĐoạn mới.\n")
        try site.build()
        let after = site.outputTree()
        #expect(String(decoding: after[page] ?? Data(), as: UTF8.self).contains("Đoạn mới."))
        #expect(try Data(contentsOf: thirdName) == published)
        #expect(after["trang/2/index.html"] == expected["trang/2/index.html"])
        #expect(!site.exists(".htaccess"))
        #expect(Set(after.keys) == Set(expected.keys))
        #expect(!FileManager.default.fileExists(atPath: staging.path))
    }

    @Test func symbolicLinksInTheOutputAreNeverFollowed() throws {
        let site = try TestSite(fixture: "golden-site")
        defer { site.cleanUp() }
        let elsewhere = site.root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try Data("giữ nguyên".utf8).write(to: elsewhere.appendingPathComponent("style.css"))
        try site.build()
        // Someone links a folder into the published site, under a name the build writes to.
        try FileManager.default.removeItem(at: site.output.appendingPathComponent("assets"))
        try FileManager.default.createSymbolicLink(at: site.output.appendingPathComponent("assets"), withDestinationURL: elsewhere)
        for n in 1...3 {
            try site.write("content/2024/04/moi-\(n).md", article("title: Bài mới \(n)\ndate: \"2024-04-0\(n)\""))
            try site.build()
        }
        #expect(try String(contentsOf: elsewhere.appendingPathComponent("style.css"), encoding: .utf8) == "giữ nguyên")
        var info = stat()
        #expect(lstat(site.output.appendingPathComponent("assets").path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR)
    }

    @Test func filesAddedToTheOutputByHandDisappearLikeInAFreshBuild() throws {
        let site = try TestSite(fixture: "golden-site")
        defer { site.cleanUp() }
        try site.build()
        try Data("thêm tay".utf8).write(to: site.output.appendingPathComponent("google123.html"))
        let report = try site.build()
        #expect(!site.exists("google123.html"))
        #expect(report.files.removed == 1)
    }

    /// A link put in the output where a page is, to a file with the page's very bytes: never
    /// taken for the page (it would be linked into the next version, pointing elsewhere).
    @Test func aLinkInPlaceOfAPageIsNotKept() throws {
        let site = try TestSite(fixture: "golden-site")
        defer { site.cleanUp() }
        try site.build()
        let sitePath = "2024/03/ra-quan-giao-thong/index.html"
        let page = site.output.appendingPathComponent(sitePath)
        // The page itself moved away (same inode, size and time) and linked to; and no copy of
        // it staged, so a build that took the link for the page would link the link.
        let elsewhere = site.root.appendingPathComponent("elsewhere.html")
        try FileManager.default.moveItem(at: page, to: elsewhere)
        try FileManager.default.createSymbolicLink(at: page, withDestinationURL: elsewhere)
        try site.write("content/2024/05/moi.md", article("title: Bài mới\ndate: \"10:00, 20/05/2024\""))
        try site.build()
        var info = stat()
        #expect(lstat(page.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG)
        try site.build()
        #expect(lstat(page.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG)
    }

    @Test func aSiteLeftAsideByTwoNonAtomicRenamesIsPutBack() throws {
        let site = try TestSite(fixture: "golden-site")
        defer { site.cleanUp() }
        try site.build()
        let before = site.outputTree()
        // What a build killed between "public → -old" and "staging → public" leaves.
        try FileManager.default.moveItem(at: site.output, to: site.root.appendingPathComponent(".public.bantin-staging-old"))
        try site.write("content/rss.xml", "một tệp trùng tên với bản tin RSS")
        _ = site.failingBuild()
        #expect(site.outputTree() == before)
    }
}

import Foundation
import Testing
@testable import BantinKit

/// The output, its lock and its staging folder are checked where they really are, links
/// resolved; a planted link is never followed; a build that finds no site makes nothing.
@Suite struct OutputPathTests {
    private func link(_ path: URL, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path.path, withDestinationPath: target)
    }

    private func contentTree(_ site: TestSite) -> [String: Data] {
        site.tree(at: site.root.appendingPathComponent("content"))
    }

    @Test(arguments: ["clink/pub", "clink", "tlink/x/y", "deep/clink2/pub"])
    func anOutputThroughALinkIntoTheSourcesIsRefused(output: String) throws {
        let site = try TestSite(["content/a.md": article("title: Bài A\ndate: 21/02/2024")])
        defer { site.cleanUp() }
        try link(site.root.appendingPathComponent("clink"), to: "content")
        try link(site.root.appendingPathComponent("tlink"), to: site.root.appendingPathComponent("templates").path)
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent("deep"), withIntermediateDirectories: true)
        try link(site.root.appendingPathComponent("deep/clink2"), to: "../content")
        let before = contentTree(site)
        let errors = site.failingBuild { $0.output = site.root.appendingPathComponent(output) }
        #expect(errors.map(\.code) == [.unsafeOutput])
        #expect(errors.first?.message.contains(output.hasPrefix("tlink") ? "templates/" : "content/") == true)
        #expect(contentTree(site) == before)
        let litter = try FileManager.default.contentsOfDirectory(atPath: site.root.appendingPathComponent("content").path).filter { $0.hasPrefix(".") }
        #expect(litter.isEmpty)
    }

    @Test func anOutputThroughALinkThatPointsNowhereOrLoopsIsRefused() throws {
        let site = try TestSite(["content/a.md": article("title: Bài A\ndate: 21/02/2024")])
        defer { site.cleanUp() }
        try link(site.root.appendingPathComponent("vong"), to: "vong")
        let errors = site.failingBuild { $0.output = site.root.appendingPathComponent("vong/pub") }
        #expect(errors.map(\.code) == [.unsafeOutput])
        #expect(errors.first?.message.contains("points nowhere or to itself") == true)
    }

    @Test func anOutputThroughAnHonestLinkIsBuiltWhereTheLinkPoints() throws {
        let site = try TestSite(["content/a.md": article("title: Bài A\ndate: 21/02/2024")])
        defer { site.cleanUp() }
        let elsewhere = site.root.appendingPathComponent("ngoai")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try link(site.root.appendingPathComponent("web"), to: "ngoai")
        try site.build { $0.output = site.root.appendingPathComponent("web/pub") }
        #expect(FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("pub/index.html").path))
    }

    @Test func realPathsResolveLinksAlsoBeforeWhatDoesNotExistYet() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-real-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("a/b"), withIntermediateDirectories: true)
        try link(root.appendingPathComponent("l"), to: "a/b")
        let real = RealPath.resolve(root.path)!
        #expect(RealPath.resolve(root.path + "/l/x/y") == real + "/a/b/x/y")
        #expect(RealPath.resolve(root.path + "/l/../c") == real + "/a/c")
        #expect(RealPath.resolve(root.path + "/a/./b/") == real + "/a/b")
        #expect(RealPath.resolve("/") == "/")
        try link(root.appendingPathComponent("dangling"), to: "khong-co")
        #expect(RealPath.resolve(root.path + "/dangling/x") == nil)
    }

    @Test func aLinkPlantedAsTheLockIsRemovedNotWrittenThrough() throws {
        let site = try TestSite(["content/a.md": article("title: Bài A\ndate: 21/02/2024")])
        defer { site.cleanUp() }
        try link(site.root.appendingPathComponent(".public.bantin-lock"), to: "content/a.md")
        let before = contentTree(site)
        try site.build()
        #expect(contentTree(site) == before)
        var info = stat()
        #expect(lstat(site.root.appendingPathComponent(".public.bantin-lock").path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG)
        try site.build()
        #expect(contentTree(site) == before)
    }

    /// The staging folder, and the one a build without an atomic exchange leaves as "-old", are
    /// taken only as real folders: a link under their names is never written through nor made
    /// the output.
    @Test(arguments: [".public.bantin-staging", ".public.bantin-staging-old"])
    func aLinkPlantedAsAStagingFolderIsNeverUsed(name: String) throws {
        let site = try TestSite(["content/a.md": article("title: Bài A\ndate: 21/02/2024")])
        defer { site.cleanUp() }
        try link(site.root.appendingPathComponent(name), to: "content")
        let before = contentTree(site)
        try site.build()
        try site.build()
        #expect(contentTree(site) == before)
        var info = stat()
        #expect(lstat(site.output.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR)
        #expect(site.exists("index.html"))
    }

    @Test(arguments: ["typo/dir", "khong-co"])
    func aBuildThatFindsNoSiteMakesNothing(source: String) throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-none-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: parent) }
        do {
            _ = try SiteBuilder.build(BuildOptions(sourceRoot: parent.appendingPathComponent(source), now: TestSite.fixedNow))
            Issue.record("the build succeeded")
        } catch {
            #expect(error.diagnostics.map(\.code).contains(.missingConfig))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path).isEmpty)
    }

    @Test func aFolderWithSettingsButNoContentMakesNothing() throws {
        let site = try TestSite([:])
        defer { site.cleanUp() }
        try site.remove("content")
        let before = try FileManager.default.contentsOfDirectory(atPath: site.root.path).sorted()
        #expect(site.failingBuild().map(\.code).contains(.missingGazetteer))
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).sorted() == before)
    }
}

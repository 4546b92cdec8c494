import Foundation
import Testing
@testable import BantinKit

/// A folder under `content/` the build cannot read is an error naming it, never a site without
/// its articles. Tests run as root, which permissions do not stop: the listing is made to fail
/// by a path longer than the system allows.
@Suite struct UnreadableContentTests {
    /// Makes `content/<deep>/…`, a relative path of exactly `length` bytes, folder by folder
    /// relative to the one before (no path given to the system is too long), with an article
    /// at the bottom.
    private func makeDeepFolder(in root: URL, length: Int) throws -> String {
        var descriptor = open(root.appendingPathComponent("content").path, O_RDONLY | O_DIRECTORY)
        var relative = ""
        while relative.utf8.count < length {
            let room = length - relative.utf8.count - (relative.isEmpty ? 0 : 1)
            let name = String(String(repeating: "thu-muc-", count: 30).prefix(min(240, room)))
            #expect(mkdirat(descriptor, name, 0o755) == 0)
            let next = openat(descriptor, name, O_RDONLY | O_DIRECTORY)
            close(descriptor)
            descriptor = next
            relative += (relative.isEmpty ? "" : "/") + name
        }
        let text = article("title: Bài sâu\ndate: 21/02/2024")
        let file = openat(descriptor, "bai.md", O_WRONLY | O_CREAT, 0o644)
        _ = text.utf8CString.withUnsafeBufferPointer { write(file, $0.baseAddress!, text.utf8.count) }
        close(file)
        close(descriptor)
        return relative
    }

    @Test func aFolderTooDeepToReadIsAnErrorAndTheSiteStays() throws {
        let site = try TestSite(["content/a.md": article("title: Bài A\ndate: 21/02/2024")])
        defer { site.cleanUp() }
        try site.build()
        let before = site.outputTree()
        _ = try makeDeepFolder(in: site.root, length: Int(PATH_MAX) + 100)
        let errors = site.failingBuild()
        #expect(errors.map(\.code) == [.io])
        #expect(errors.first?.message.contains("File name too long") == true)
        #expect(errors.first?.location?.file.hasPrefix("content/thu-muc-") == true)
        #expect(errors.first?.hint?.contains("shorten") == true)
        #expect(site.outputTree() == before)
        #expect(SiteChecker.check(site.options()).diagnostics.filter { $0.severity == .error } == errors)
    }

    /// Listed (relative to `content/`, the path fits) but not readable by its full path.
    @Test func anArticleThatCannotBeReadSaysWhy() throws {
        let site = try TestSite(["content/a.md": article("title: Bài A\ndate: 21/02/2024")])
        defer { site.cleanUp() }
        let contentPath = site.root.appendingPathComponent("content").path.utf8.count
        let relative = try makeDeepFolder(in: site.root, length: Int(PATH_MAX) - contentPath)
        #expect(relative.utf8.count + "/bai.md".utf8.count < Int(PATH_MAX))
        let errors = site.failingBuild()
        #expect(errors.map(\.code) == [.io])
        #expect(errors.first?.location?.file == "content/\(relative)/bai.md")
        #expect(errors.first?.message == "cannot read the file: File name too long")
        #expect(SiteChecker.check(site.options()).diagnostics.filter { $0.severity == .error } == errors)
    }

    @Test func aListingThatFailsReportsTheFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-list-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // Not a folder at all: the root cannot be listed.
        try Data("x".utf8).write(to: folder)
        let listing = FileTree.listing(under: folder)
        #expect(listing.unreadable.map(\.path) == [""])
        #expect(listing.unreadable.first?.error == ENOTDIR)
        let problems = SiteLoader.listingProblems(listing, in: "content")
        #expect(problems.map(\.code) == [.io] && problems.first?.location?.file == "content")
    }

    /// A folder of articles replaced by a link (moved to another disk) would take its articles
    /// off the site: the build stops instead, and the site stays.
    @Test func symbolicLinksUnderContentAreErrorsAndTheSiteStays() throws {
        let site = try TestSite([
            "content/a.md": article("title: Bài A\ndate: 21/02/2024"),
            "content/2024/02/b.md": article("title: Bài B\ndate: 21/02/2024"),
        ])
        defer { site.cleanUp() }
        try site.build()
        let before = site.outputTree()
        let content = site.root.appendingPathComponent("content")
        let moved = site.root.appendingPathComponent("kho-khac")
        try FileManager.default.moveItem(at: content.appendingPathComponent("2024/02"), to: moved)
        try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent("2024/02").path, withDestinationPath: moved.path)
        try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent("kho").path, withDestinationPath: "/nowhere")
        try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent("vong").path, withDestinationPath: "vong")
        let errors = site.failingBuild()
        #expect(errors.map(\.code) == [.notFollowed, .notFollowed, .notFollowed])
        #expect(errors.compactMap(\.location?.file) == ["content/2024/02", "content/kho", "content/vong"])
        #expect(site.outputTree() == before)
        #expect(SiteChecker.check(site.options()).diagnostics.filter { $0.severity == .error } == errors)
    }
}

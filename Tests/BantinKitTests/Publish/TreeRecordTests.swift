import Foundation
import Testing
@testable import BantinKit

/// Listings of the output and staging trees from a record of each folder's stamp and entries:
/// a folder whose stamp matches is taken from the record, any other is read.
@Suite struct TreeRecordTests {
    /// A small tree: a few folders deep, files at several levels.
    private func makeTree() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-tree-\(UUID().uuidString)")
        for file in ["index.html", "rss.xml", "2024/03/a/index.html", "2024/03/b/index.html", "2024/04/c/index.html", "xa/hung-loi/index.html", "assets/style.css"] {
            let url = root.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.utf8).write(to: url)
        }
        return root
    }

    /// What a plain walk finds: files with their inodes, and other entries.
    private func walked(_ root: URL) -> (files: [String: UInt64], others: Set<String>) {
        let listing = FileTree.listing(under: root, includingHidden: true)
        return (Dictionary(uniqueKeysWithValues: zip(listing.files, listing.inodes)), Set(listing.others))
    }

    private func files(_ listing: FileTree.Listing) -> [String: UInt64] {
        Dictionary(uniqueKeysWithValues: zip(listing.files, listing.inodes))
    }

    /// Folders last changed more than `settled` ago get a stamp; the tree is left alone that long.
    private let settled: Int64 = 50_000_000

    private func settle() { Thread.sleep(forTimeInterval: 0.08) }

    @Test func aListingWithItsOwnRecordFindsTheSameTree() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        settle()
        let (first, record) = FileTree.listing(under: root.path, record: TreeRecord(), settledFor: settled)
        #expect(files(first) == walked(root).files)
        #expect(record.stamps.allSatisfy { $0 != nil })
        let (second, again) = FileTree.listing(under: root.path, record: record, settledFor: settled)
        #expect(files(second) == walked(root).files)
        #expect(Set(second.folders) == Set(first.folders))
        #expect(again.folders == record.folders && again.stamps == record.stamps)
    }

    @Test func aFolderWhoseStampMatchesIsTakenFromTheRecordAndAnyOtherIsRead() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        settle()
        var (_, record) = FileTree.listing(under: root.path, record: TreeRecord(), settledFor: settled)
        // A file the record invents in an unchanged folder is believed: the folder is not read.
        let folder = try #require(record.folders.firstIndex(of: "2024/03/a"))
        record.files[record.fileStarts[folder]] = "2024/03/a/from-the-record.html"
        let (trusted, _) = FileTree.listing(under: root.path, record: record, settledFor: settled)
        #expect(trusted.files.contains("2024/03/a/from-the-record.html"))
        // Once the folder changes, it is read.
        try Data("x".utf8).write(to: root.appendingPathComponent("2024/03/a/new.html"))
        let (read, _) = FileTree.listing(under: root.path, record: record, settledFor: settled)
        #expect(!read.files.contains("2024/03/a/from-the-record.html"))
        #expect(files(read) == walked(root).files)
    }

    @Test func changesAnywhereShowThroughARecord() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        settle()
        let (_, record) = FileTree.listing(under: root.path, record: TreeRecord(), settledFor: settled)
        let manager = FileManager.default
        try Data("added".utf8).write(to: root.appendingPathComponent("2024/04/c/added.html"))
        try manager.removeItem(at: root.appendingPathComponent("2024/03/b/index.html"))
        try manager.createDirectory(at: root.appendingPathComponent("2024/05/d"), withIntermediateDirectories: true)
        try Data("new".utf8).write(to: root.appendingPathComponent("2024/05/d/index.html"))
        // A folder replaced by a link: listed as an odd entry, never followed.
        let outside = try makeTree()
        defer { try? manager.removeItem(at: outside) }
        try manager.removeItem(at: root.appendingPathComponent("xa/hung-loi"))
        try manager.createSymbolicLink(at: root.appendingPathComponent("xa/hung-loi"), withDestinationURL: outside)
        // A file replaced by another with the same name.
        try manager.removeItem(at: root.appendingPathComponent("rss.xml"))
        try Data("other".utf8).write(to: root.appendingPathComponent("rss.xml"))

        let (listing, _) = FileTree.listing(under: root.path, record: record, settledFor: settled)
        let expected = walked(root)
        #expect(files(listing) == expected.files)
        #expect(Set(listing.others) == expected.others)
        #expect(expected.others == ["xa/hung-loi"])
        #expect(!listing.files.contains { $0.hasPrefix("xa/hung-loi/") })
    }

    @Test func filesAreCountedFromAnEncodedRecord() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        settle()
        let (_, record) = FileTree.listing(under: root.path, record: TreeRecord(), settledFor: settled)
        let block = record.encoded()
        #expect(TreeRecord.countFiles(under: root.path, block: block) == walked(root).files.count)
        try Data("added".utf8).write(to: root.appendingPathComponent("2024/04/c/added.html"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("2024/04/c/new/deeper"), withIntermediateDirectories: true)
        try Data("new".utf8).write(to: root.appendingPathComponent("2024/04/c/new/deeper/index.html"))
        try FileManager.default.removeItem(at: root.appendingPathComponent("xa/hung-loi/index.html"))
        #expect(TreeRecord.countFiles(under: root.path, block: block) == walked(root).files.count)
        #expect(TreeRecord.countFiles(under: root.path, block: TreeRecord.Block(bytes: block.bytes.dropLast())) == nil)
    }

    @Test func foldersChangedJustNowAreNotTrusted() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let (_, record) = FileTree.listing(under: root.path, record: TreeRecord(), settledFor: 10_000_000_000)
        #expect(record.stamps.allSatisfy { $0 == nil })
    }

    @Test func aStampSettlesAfterOneTickOrTwoSecondsForWholeSecondTimes() {
        let now: Int64 = 1_700_000_000_123_456_789
        func stamp(_ age: Int64, wholeSeconds: Bool = false) -> FolderStamp {
            var time = now - age
            if wholeSeconds { time -= time % 1_000_000_000 }
            return FolderStamp(inode: 1, modifiedNanoseconds: time, changedNanoseconds: time)
        }
        #expect(!stamp(50_000_000).isSettled(now: now))
        #expect(stamp(150_000_000).isSettled(now: now))
        // FAT, ext3: a change within the same two seconds may leave the time as it was.
        #expect(!stamp(1_000_000_000, wholeSeconds: true).isSettled(now: now))
        #expect(stamp(3_000_000_000, wholeSeconds: true).isSettled(now: now))
        #expect(!stamp(150_000_000).isSettled(now: now, settlingTime: 1_000_000_000))
    }

    @Test func aRecordMadeFromFilesKeepsSubtreesWhoseNamesEndInJoiningCharacters() throws {
        // "x\u{600}" is not a prefix of "x\u{600}/y" character by character (U+0600 joins with
        // what follows): the record must still put "x\u{600}/y" inside "x\u{600}".
        let files = ["x\u{600}/y/index.html", "x\u{600}/a.html", "xz/b.html", "index.html"]
        let record = TreeRecord(files: files.enumerated().map { ($1, UInt64($0 + 1)) }) { _ in nil }
        let parent = try #require(record.folders.firstIndex(of: "x\u{600}"))
        let child = try #require(record.folders.firstIndex(of: "x\u{600}/y"))
        #expect(child > parent && child < record.subtreeEnds[parent])
        #expect(record.subtreeEnds[0] == record.folders.count)
        #expect(Set(record.files) == Set(files))
    }

    @Test func foldersWithNoPlacedFileBelowThemAreRecordedToBeRead() throws {
        let stamp = FolderStamp(inode: 7, modifiedNanoseconds: 1, changedNanoseconds: 1)
        let record = TreeRecord(files: [("a/b/index.html", 1), ("index.html", 2)], folders: ["a/b", "a/left", "old/left"]) { _ in stamp }
        #expect(Set(record.folders) == ["", "a", "a/b", "a/left", "old", "old/left"])
        for (folder, recorded) in zip(record.folders, record.stamps) {
            #expect((recorded == nil) == ["a/left", "old", "old/left"].contains(folder), "\(folder)")
        }
        let old = try #require(record.folders.firstIndex(of: "old"))
        let left = try #require(record.folders.firstIndex(of: "old/left"))
        #expect(left > old && left < record.subtreeEnds[old])
    }

    @Test func aRecordMadeFromPlacedFilesIsTrustedLikeAListedOne() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        settle()
        let placed = walked(root).files
        let descriptor = open(root.path, O_RDONLY | O_DIRECTORY)
        defer { close(descriptor) }
        let now = FolderStamp.now
        let record = TreeRecord(files: placed.map { ($0.key, $0.value) }) { folder in
            var info = stat()
            guard (folder.isEmpty ? "." : folder).withCString({ fstatat(descriptor, $0, &info, AT_SYMLINK_NOFOLLOW) }) == 0 else { return nil }
            return FolderStamp(info).isSettled(now: now, settlingTime: settled) ? FolderStamp(info) : nil
        }
        #expect(record.folders.first == "")
        #expect(Set(record.folders) == ["", "2024", "2024/03", "2024/03/a", "2024/03/b", "2024/04", "2024/04/c", "xa", "xa/hung-loi", "assets"])
        let (trusted, _) = FileTree.listing(under: root.path, record: record, settledFor: settled)
        #expect(trusted.foldersRead == 0)
        #expect(files(trusted) == placed)
        try Data("added".utf8).write(to: root.appendingPathComponent("2024/03/a/added.html"))
        let (read, _) = FileTree.listing(under: root.path, record: record, settledFor: settled)
        #expect(read.foldersRead == 1)
        #expect(files(read) == walked(root).files)
    }

    @Test func aRecordIsSavedAndLoadedAndADamagedOrCraftedOneIsIgnored() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        settle()
        let (_, record) = FileTree.listing(under: root.path, record: TreeRecord(), settledFor: settled)
        let file = root.appendingPathComponent("trees.bin").path
        TreeRecord.save(output: record.encoded(), staging: record.forgetting(["2024"]).encoded(), to: file)
        let loaded = TreeRecord.load(file)
        let output = try #require(loaded.output.flatMap { TreeRecord($0) })
        let staging = try #require(loaded.staging.flatMap { TreeRecord($0) })
        for (got, want) in [(output, record), (staging, record.forgetting(["2024"]))] {
            #expect(got.folders == want.folders && got.stamps == want.stamps && got.files == want.files && got.inodes == want.inodes)
            #expect(got.subtreeEnds == want.subtreeEnds && got.fileStarts == want.fileStarts && got.fileEnds == want.fileEnds)
        }
        #expect(staging.stamps[try #require(record.folders.firstIndex(of: "2024"))] == nil)

        var bytes = try #require(FileManager.default.contents(atPath: file))
        bytes[bytes.count / 2] ^= 0x40
        try bytes.write(to: URL(fileURLWithPath: file))
        #expect(TreeRecord.load(file).output == nil)

        // A name that would lead out of the tree, with a valid checksum.
        var crafted = record
        crafted.files[0] = "../../escaped"
        TreeRecord.save(output: crafted.encoded(), staging: record.encoded(), to: file)
        #expect(TreeRecord.load(file).output.flatMap { TreeRecord($0) } == nil)
    }

    /// Through whole builds: files added by hand to the output or to the staging folder, in folders
    /// the record vouches for, never survive a build, and the output stays that of a fresh build.
    @Test func handAddedFilesAreRemovedWhenFoldersAreKnown() throws {
        let site = try TestSite(fixture: "golden-site")
        defer { site.cleanUp() }
        try site.build()
        let fresh = site.outputTree()
        // Folders become trustworthy two seconds after their last change.
        Thread.sleep(forTimeInterval: 2.1)
        try site.build()
        try site.build()
        let page = "2024/03/ra-quan-giao-thong"
        try Data("stray".utf8).write(to: site.output.appendingPathComponent("\(page)/stray.html"))
        let staging = site.root.appendingPathComponent(".public.bantin-staging")
        try Data("stray".utf8).write(to: staging.appendingPathComponent("\(page)/staged-stray.html"))
        let report = try site.build()
        #expect(report.files.removed == 1)
        #expect(site.outputTree() == fresh)
        // The next build makes the other tree the output: nothing stray comes back.
        try site.build()
        #expect(site.outputTree() == fresh)

        // A file added by hand before a build that changes something (the output is then not
        // listed; its files are counted after the swap): counted among the removed files.
        try Data("stray".utf8).write(to: site.output.appendingPathComponent("\(page)/stray.html"))
        let path = "content/2024/03/giao-thong.md"
        let original = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
        try site.write(path, original.replacingOccurrences(of: "2. Xử lý xe quá tải.", with: "2. Xử lý xe quá tải và xe cơi nới."))
        let edited = try site.build()
        #expect(edited.files.changed == 2)
        #expect(edited.files.removed == 1)
        #expect(!site.exists("\(page)/stray.html"))
    }
}

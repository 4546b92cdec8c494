import Foundation
import Testing
@testable import BantinKit

/// `site serve`'s in-memory site: the same bytes as `site build`, after any series of edits, with
/// only what an edit touches rendered again.
@Suite struct PreviewSiteTests {
    /// The golden eras site (two maps, a merger and a split), in December 2026.
    static let now = Date(timeIntervalSince1970: 1_796_083_200)

    /// The preview's files as bytes, copies read from their source files.
    static func bytes(_ preview: PreviewSite) -> [String: Data] {
        preview.files.mapValues { file in
            switch file {
            case .bytes(let data): data
            case .copy(of: let source): FileManager.default.contents(atPath: source) ?? Data()
            }
        }
    }

    /// What `site build` writes, without the marker file that says Bantin made the folder.
    static func built(_ site: TestSite) throws -> [String: Data] {
        try site.build { $0.now = now }
        return site.outputTree().filter { $0.key != SitePaths.marker }
    }

    /// The preview equals both a fresh in-memory build and `site build`, file by file.
    static func expectSameAsFreshBuild(_ preview: PreviewSite, _ site: TestSite, after step: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        #expect(!preview.failed, "\(step): \(preview.diagnostics.map { $0.formatted() })", sourceLocation: sourceLocation)
        let options = site.options(now: now)
        let freshPreview = PreviewSite(options)
        #expect(preview.diagnostics == freshPreview.diagnostics, "\(step): other problems than a fresh build's", sourceLocation: sourceLocation)
        let fresh = bytes(freshPreview)
        let served = bytes(preview)
        let differing = Set(fresh.keys).union(served.keys).filter { fresh[$0] != served[$0] }.sorted()
        #expect(differing == [], "\(step): files differ from a fresh build", sourceLocation: sourceLocation)
        #expect(served == (try built(site)), "\(step): differs from site build", sourceLocation: sourceLocation)
    }

    @Test func aFreshPreviewIsWhatSiteBuildWrites() throws {
        let site = try TestSite(fixture: "golden-eras-site")
        defer { site.cleanUp() }
        let preview = PreviewSite(site.options(now: Self.now))
        #expect(preview.files.count > 20)
        #expect(Self.bytes(preview) == (try Self.built(site)))
    }

    /// Each kind of edit an editor makes, one after the other; after each, the preview is what a
    /// fresh build makes, and only what the edit touched was rendered.
    @Test func afterEverySeriesOfEditsThePreviewIsAFreshBuild() throws {
        let site = try TestSite(fixture: "golden-eras-site")
        defer { site.cleanUp() }
        // Article pages that show other articles' counts, through the units before and after.
        let articleTemplate = try String(contentsOf: site.root.appendingPathComponent("templates/article.mustache"), encoding: .utf8)
        try site.write("templates/article.mustache", articleTemplate.replacingOccurrences(of: "</article>", with: """
            {{#communes}}[{{label}} {{articleCount}} {{url}}{{#successors}} → {{label}} {{articleCount}}{{/successors}}{{#formerUnits}} ← {{label}} {{articleCount}}{{#formerUnits}} ← {{label}} {{articleCount}}{{/formerUnits}}{{/formerUnits}}]{{/communes}}
            </article>
            """))
        // Cards that show their communes' successors' counts: a move changes other articles' cards.
        let cardTemplate = try String(contentsOf: site.root.appendingPathComponent("templates/article-card.mustache"), encoding: .utf8)
        try site.write("templates/article-card.mustache", cardTemplate + "{{#communes}}({{label}} {{articleCount}}{{#successors}} → {{label}} {{articleCount}}{{/successors}}){{/communes}}\n")
        let preview = PreviewSite(site.options(now: Self.now))
        let camera = "content/2026/02/camera-an-ninh.md"
        let original = try String(contentsOf: site.root.appendingPathComponent(camera), encoding: .utf8)

        func edit(_ path: String, _ text: String, _ step: String, expect work: PreviewSite.Work? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
            try site.write(path, text)
            let done = preview.update(changed: [path], now: Self.now)
            if let work { #expect(done == work, "\(step)", sourceLocation: sourceLocation) }
            try Self.expectSameAsFreshBuild(preview, site, after: step, sourceLocation: sourceLocation)
        }

        try edit(camera, original + "\nThêm một đoạn ở cuối bài.\n", "a paragraph added at the end: rss.xml only",
                 expect: .articles(rendered: 1, files: 1))
        let all = preview.files.count
        try edit(camera, original.replacingOccurrences(of: "lắp camera an ninh", with: "lắp thêm camera"), "the first paragraph (the summary) edited")
        let written = try #require({ if case .articles(1, let files) = preview.lastWork { files } else { nil } }())
        #expect(written > 1 && written < all - 5, "only the lists that show the article: \(written) of \(all)")
        try edit(camera, original.replacingOccurrences(of: "communes: [Hùng Lợi, Tân Quang, Hà Giang 1]", with: "communes: [Tân Quang, Hà Giang 1]"),
                 "a commune taken off: its page, counts and the other articles showing it change")
        try edit(camera, original.replacingOccurrences(of: "communes: [Hùng Lợi, Tân Quang, Hà Giang 1]", with: "communes: [Hùng Lợi, Tân Quang]"),
                 "a commune left without articles: its page goes")
        #expect(preview.snapshot.file("dia-phuong/phuong-ha-giang-1/index.html") == nil)
        try edit(camera, original.replacingOccurrences(of: "title: \"Camera", with: "title: \"Hệ thống camera"), "the title changed")
        // Authors and tags: pages come and go with their articles, slugs move on a collision.
        let tagged = original.replacingOccurrences(of: "authors: [Thu Hà, Minh Anh]", with: "authors: [Thu Hà, Lan Chi]\ntags: [an ninh, camera]")
        try edit(camera, tagged, "an author replaced, tags added: pages appear, one author loses an article")
        #expect(preview.snapshot.file("tac-gia/lan-chi/index.html") != nil && preview.snapshot.file("tu-khoa/camera/rss.xml") != nil)
        try edit(camera, tagged.replacingOccurrences(of: "tags: [an ninh, camera]", with: "tags: [an ninh, giao thông]"),
                 "a tag replaced: its page goes, another appears")
        #expect(preview.snapshot.file("tu-khoa/camera/index.html") == nil && preview.snapshot.file("tu-khoa/camera/rss.xml") == nil)
        try edit(camera, tagged.replacingOccurrences(of: "Lan Chi", with: "Thu HA"),
                 "an author whose slug another had: the other's pages move to thu-ha-2 and its articles link there")
        #expect(preview.snapshot.file("tac-gia/thu-ha-2/index.html") != nil)
        try edit(camera, original, "back as it was")
        #expect(preview.snapshot.file("tac-gia/thu-ha-2/index.html") == nil && preview.snapshot.file("tu-khoa/index.html") != nil)
        try edit(camera, original.replacingOccurrences(of: "10/02/2026", with: "10/03/2026"), "the date changed: a new address", expect: .everything)
        let trungMinh = "content/2026/06/trung-minh-cu.md"
        let trungMinhText = try String(contentsOf: site.root.appendingPathComponent(trungMinh), encoding: .utf8)
        try edit(trungMinh, trungMinhText + "\nXem [bài sắp viết](moi.md).\n", "a link to an article not written yet (a warning)")
        #expect(preview.diagnostics.contains { $0.code == .brokenLink })
        try edit("content/2026/06/moi.md", article("title: Bài mới\ndate: \"08:00, 01/07/2026\"", body: "Xem [bài camera](../02/camera-an-ninh.md)."),
                 "a new article linking to another")
        try edit("content/2026/06/moi.md", article("title: Bài mới\ndate: \"08:00, 01/07/2026\"\ndraft: true", body: "Nháp."), "the new article made a draft")
        try site.remove("content/2026/06/moi.md")
        preview.update(changed: ["content/2026/06/moi.md"], now: Self.now)
        try Self.expectSameAsFreshBuild(preview, site, after: "the new article removed")
        let template = try String(contentsOf: site.root.appendingPathComponent("templates/article-card.mustache"), encoding: .utf8)
        try edit("templates/article-card.mustache", template + "<!-- thẻ -->\n", "a template edited", expect: .everything)
        try edit("site.yaml", "title: \"Bản tin đã đổi tên\"\nbaseURL: \"https://example.gov.vn/bantin/\"\npaginate: 3\n", "site.yaml edited", expect: .everything)
    }

    /// List pages kept deflated are served as they were written, and later edits still give a
    /// fresh build's files.
    @Test func listPagesKeptDeflatedAreServedAsWritten() throws {
        let site = try TestSite(fixture: "golden-eras-site")
        defer { site.cleanUp() }
        let preview = PreviewSite(site.options(now: Self.now))
        let written = Self.bytes(preview)
        #expect(preview.compact(deflateAfter: .max) == false)
        #expect(preview.compact(deflateAfter: 0))
        #expect(Self.bytes(preview) == written)
        #expect(preview.compact(deflateAfter: 0), "nothing left to deflate, but asked to: the same files")
        #expect(Self.bytes(preview) == written)

        let camera = "content/2026/02/camera-an-ninh.md"
        let original = try String(contentsOf: site.root.appendingPathComponent(camera), encoding: .utf8)
        try site.write(camera, original.replacingOccurrences(of: "communes: [Hùng Lợi, Tân Quang, Hà Giang 1]", with: "communes: [Tân Quang]"))
        preview.update(changed: [camera], now: Self.now)
        try Self.expectSameAsFreshBuild(preview, site, after: "a commune move after deflating")
        #expect(preview.compact(deflateAfter: 0))
        try Self.expectSameAsFreshBuild(preview, site, after: "deflated again")
    }

    @Test func aDeflatedFileInflatesToItsBytes() {
        let page = Data(String(repeating: "<li><a href=\"/bantin/2026/02/camera/\">Camera an ninh ở xã Hùng Lợi</a></li>\n", count: 200).utf8)
        let kept = KeptFile.file(.bytes(page)).deflated
        guard case .deflated(let data, let size) = kept else { Issue.record("not deflated"); return }
        #expect(size == page.count && data.count < page.count / 10)
        #expect(kept.file == .bytes(page))
        let small = KeptFile.file(.bytes(Data("<p>ngắn</p>".utf8))).deflated
        #expect({ if case .file = small { true } else { false } }(), "a small file is kept as it is")
    }

    /// With `communes: detect: tag` a body names communes too: saving a body that names another
    /// one lists the article there, and an edit that names no other keeps every list.
    @Test func withDetectionABodyThatNamesAnotherCommuneListsTheArticleThere() throws {
        let site = try TestSite(fixture: "golden-eras-site")
        defer { site.cleanUp() }
        try site.write("site.yaml", "title: \"Bản tin hai thời kỳ\"\nbaseURL: \"https://example.gov.vn/bantin/\"\npaginate: 2\ncommunes:\n  detect: tag\n")
        let preview = PreviewSite(site.options(now: Self.now))
        let camera = "content/2026/02/camera-an-ninh.md"
        let original = try String(contentsOf: site.root.appendingPathComponent(camera), encoding: .utf8)
        let haGiang2 = "dia-phuong/phuong-ha-giang-2/index.html"
        func listsCamera() -> Bool {
            guard case .bytes(let data)? = preview.snapshot.file(haGiang2) else { return false }
            return String(decoding: data, as: UTF8.self).contains("Camera an ninh")
        }
        #expect(!listsCamera())

        try site.write(camera, original + "\nCông an phường Hà Giang 2 cũng lắp thêm camera.\n")
        preview.update(changed: [camera], now: Self.now)
        #expect(listsCamera())
        try Self.expectSameAsFreshBuild(preview, site, after: "a body naming phường Hà Giang 2")

        try site.write(camera, original + "\nMột đoạn thêm.\n\nCông an phường Hà Giang 2 cũng lắp thêm camera.\n")
        #expect(preview.update(changed: [camera], now: Self.now) == .articles(rendered: 1, files: 1), "the article's item in rss.xml only")
        #expect(listsCamera())
        try Self.expectSameAsFreshBuild(preview, site, after: "a paragraph put before the sentence naming it")

        try site.write(camera, original)
        preview.update(changed: [camera], now: Self.now)
        #expect(!listsCamera())
        try Self.expectSameAsFreshBuild(preview, site, after: "the sentence naming it taken out")
    }

    @Test func aBrokenArticleKeepsTheLastGoodSiteAndSaysWhereUntilItIsFixed() throws {
        let site = try TestSite(fixture: "golden-eras-site")
        defer { site.cleanUp() }
        let preview = PreviewSite(site.options(now: Self.now))
        let good = preview.files
        let path = "content/2023/10/chua-chay-tan-quang.md"
        let original = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)

        try site.write(path, original.replacingOccurrences(of: "date: \"2023-10-05\"", with: "date: \"31/02/2023\""))
        #expect(preview.update(changed: [path], now: Self.now) == .failed)
        #expect(preview.failed)
        #expect(preview.files == good)
        let error = try #require(preview.diagnostics.first { $0.severity == .error })
        #expect(error.code == .badDate)
        #expect(error.location?.file == path && error.location?.line == 3)

        // Another article's body saved meanwhile: the site is still broken, at the same place.
        let other = "content/2023/05/to-tu-quan.md"
        let otherText = try String(contentsOf: site.root.appendingPathComponent(other), encoding: .utf8)
        try site.write(other, otherText + "\nThêm một câu.\n")
        #expect(preview.update(changed: [other], now: Self.now) == .failed)
        #expect(preview.diagnostics.first { $0.severity == .error }?.location?.file == path)
        // And an unknown commune, which only the model stage finds, stays found too.
        try site.write(path, original.replacingOccurrences(of: "communes: [", with: "communes: [Không Có, "))
        #expect(preview.update(changed: [path], now: Self.now) == .failed)
        try site.write(other, otherText + "\nThêm hai câu.\n")
        #expect(preview.update(changed: [other], now: Self.now) == .failed)
        #expect(preview.diagnostics.contains { $0.severity == .error && $0.location?.file == path && $0.message.contains("Không Có") })
        #expect(preview.files == good)

        try site.write(other, otherText)
        try site.write(path, original.replacingOccurrences(of: "diễn tập", with: "tổ chức diễn tập"))
        preview.update(changed: [path, other], now: Self.now)
        try Self.expectSameAsFreshBuild(preview, site, after: "the date and commune fixed, the body edited")
    }

    /// A broken template or site.yaml fails the full rebuild it starts: the last good site,
    /// at its own base path, is served until the fix.
    @Test func aBrokenTemplateKeepsTheLastGoodSite() throws {
        let site = try TestSite(fixture: "golden-eras-site")
        defer { site.cleanUp() }
        let preview = PreviewSite(site.options(now: Self.now))
        let good = preview.files
        let template = "templates/article-card.mustache"
        let text = try String(contentsOf: site.root.appendingPathComponent(template), encoding: .utf8)
        try site.write(template, text + "{{#unclosed}}")
        #expect(preview.update(changed: [template], now: Self.now) == .failed)
        #expect(preview.diagnostics.contains { $0.code == .templateSyntax })
        #expect(preview.files == good)
        #expect(preview.snapshot.basePath == "/bantin/")
        try site.write("site.yaml", "title: [không đóng\n")
        #expect(preview.update(changed: ["site.yaml"], now: Self.now) == .failed)
        #expect(preview.files == good && preview.snapshot.basePath == "/bantin/")
        try site.write(template, text)
        try site.write("site.yaml", "title: \"Bản tin hai thời kỳ\"\nbaseURL: \"https://example.gov.vn/bantin/\"\npaginate: 2\n")
        #expect(preview.update(changed: [template, "site.yaml"], now: Self.now) == .everything)
        try Self.expectSameAsFreshBuild(preview, site, after: "the template and site.yaml fixed")
    }

    /// With no edit, time alone changes the site: an article comes due; a new day begins.
    @Test func anArticleComesDueWithoutAnyEdit() throws {
        let site = try TestSite(fixture: "golden-eras-site")
        defer { site.cleanUp() }
        // Self.now is 07:00 on 01/12/2026 in Vietnam; the article is due at 09:00 that day.
        try site.write("content/2026/12/sap-dang.md", article("title: Bài hẹn giờ\ndate: \"09:00, 01/12/2026\"\ncommunes: [Hùng Lợi]"))
        let preview = PreviewSite(site.options(now: Self.now))
        #expect(!preview.files.keys.contains { $0.hasPrefix("2026/12/") })
        #expect(preview.update(changed: [], now: Self.now + 3600) == .articles(rendered: 0, files: 0))
        let due = Self.now + 10 * 3600
        #expect(preview.update(changed: [], now: due) == .everything)
        #expect(preview.files.keys.contains("2026/12/bai-hen-gio/index.html"))
        #expect(Self.bytes(preview) == Self.bytes(PreviewSite(site.options(now: due))))
    }
}

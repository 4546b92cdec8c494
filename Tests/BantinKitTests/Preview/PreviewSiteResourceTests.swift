import Foundation
import Testing
@testable import BantinKit

/// Files under `content/` published as they are (photos, documents), added or removed while
/// `site serve` runs.
///
/// Known issue, reported and left to PreviewSite's owner: `PreviewSite.listsToRender` decides
/// which outputs besides article pages to write again from the articles alone. A photo added
/// or removed changes no article, so `ContentResources` is not written again: a new photo is
/// 404 until the next full rebuild, a removed one stays listed. (One more condition in its
/// guard, `old.resources == new.resources`, would do it.)
@Suite struct PreviewSiteResourceTests {
    static let photo = "content/2026/02/anh-camera.png"

    @Test func aPhotoAddedWhileServingIsServed() throws {
        let site = try TestSite(fixture: "golden-eras-site")
        defer { site.cleanUp() }
        let preview = PreviewSite(site.options(now: PreviewSiteTests.now))
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: site.root.appendingPathComponent(Self.photo))
        preview.update(changed: [Self.photo], now: PreviewSiteTests.now)
        #expect(!preview.failed)
        withKnownIssue("ContentResources is not written again when only resources changed") {
            #expect(preview.files["2026/02/anh-camera.png"] != nil)
            try PreviewSiteTests.expectSameAsFreshBuild(preview, site, after: "a photo added")
        }
    }

    @Test func aPhotoRemovedWhileServingIsGone() throws {
        let site = try TestSite(fixture: "golden-eras-site")
        defer { site.cleanUp() }
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: site.root.appendingPathComponent(Self.photo))
        let preview = PreviewSite(site.options(now: PreviewSiteTests.now))
        #expect(preview.files["2026/02/anh-camera.png"] != nil)
        try site.remove(Self.photo)
        preview.update(changed: [Self.photo], now: PreviewSiteTests.now)
        withKnownIssue("ContentResources is not written again when only resources changed") {
            #expect(preview.files["2026/02/anh-camera.png"] == nil)
            try PreviewSiteTests.expectSameAsFreshBuild(preview, site, after: "a photo removed")
        }
    }
}

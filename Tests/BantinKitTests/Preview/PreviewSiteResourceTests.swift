import Foundation
import Testing
@testable import BantinKit

/// Files under `content/` published as they are (photos, documents), added or removed while
/// `site serve` runs: every output is written again, since links and photos may resolve otherwise.
@Suite struct PreviewSiteResourceTests {
    static let photo = "content/2026/02/anh-camera.png"

    @Test func aPhotoAddedWhileServingIsServed() throws {
        let site = try TestSite(fixture: "golden-eras-site")
        defer { site.cleanUp() }
        let preview = PreviewSite(site.options(now: PreviewSiteTests.now))
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: site.root.appendingPathComponent(Self.photo))
        preview.update(changed: [Self.photo], now: PreviewSiteTests.now)
        #expect(!preview.failed)
        #expect(preview.files["2026/02/anh-camera.png"] != nil)
        try PreviewSiteTests.expectSameAsFreshBuild(preview, site, after: "a photo added")
    }

    @Test func aPhotoRemovedWhileServingIsGone() throws {
        let site = try TestSite(fixture: "golden-eras-site")
        defer { site.cleanUp() }
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: site.root.appendingPathComponent(Self.photo))
        let preview = PreviewSite(site.options(now: PreviewSiteTests.now))
        #expect(preview.files["2026/02/anh-camera.png"] != nil)
        try site.remove(Self.photo)
        preview.update(changed: [Self.photo], now: PreviewSiteTests.now)
        #expect(preview.files["2026/02/anh-camera.png"] == nil)
        try PreviewSiteTests.expectSameAsFreshBuild(preview, site, after: "a photo removed")
    }
}

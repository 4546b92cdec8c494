import Foundation
import Testing
@testable import BantinKit

/// Files under `content/` that are published as they are (photos, documents) are read from disk
/// when served: whatever was put in their place since the build, the server reads only a regular
/// file below the site's folder, through no symbolic link, and never blocks or crashes.
@Suite struct PreviewCopiesTests {
    static func get(_ target: String, _ site: CopiedFiles, files: [String: MemoryOutput.File]? = nil) -> PreviewResponse {
        let files = files ?? ["anh/that.png": site.copy("anh/that.png"), "404.html": .bytes(Data("<p>404</p>".utf8))]
        return PreviewResponder.respond(method: "GET", target: target, files: files, sourceRoot: site.root.path, basePath: "/", version: 1, problems: [])
    }

    @Test func aCopyIsReadWhenServedSoAnEditedPhotoShows() throws {
        let site = try CopiedFiles()
        defer { site.cleanUp() }
        let first = Self.get("/anh/that.png", site)
        #expect(first.status == 200 && first.body == PreviewResponderTests.png)
        #expect(first.headers["Content-Type"] == "image/png")
        try Data("edited".utf8).write(to: site.root.appendingPathComponent("content/anh/that.png"))
        #expect(Self.get("/anh/that.png", site).body == Data("edited".utf8))
        try Data().write(to: site.root.appendingPathComponent("content/anh/that.png"))
        let empty = Self.get("/anh/that.png", site)
        #expect(empty.status == 200 && empty.body.isEmpty && empty.headers["Content-Length"] == "0")
    }

    @Test func aCopyReplacedByALinkIsNotFollowed() throws {
        let site = try CopiedFiles()
        defer { site.cleanUp() }
        let photo = site.root.appendingPathComponent("content/anh/that.png").path
        try FileManager.default.removeItem(atPath: photo)
        try FileManager.default.createSymbolicLink(atPath: photo, withDestinationPath: site.root.appendingPathComponent("site.yaml").path)
        let response = Self.get("/anh/that.png", site)
        #expect(response.status == 404)
        #expect(!String(decoding: response.body, as: UTF8.self).contains("SECRET"))
    }

    /// The folder a photo is in, swapped for a link to a folder elsewhere holding a file of that name.
    @Test func aFolderReplacedByALinkIsNotFollowed() throws {
        let site = try CopiedFiles()
        defer { site.cleanUp() }
        let elsewhere = site.root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try Data("SECRET elsewhere".utf8).write(to: elsewhere.appendingPathComponent("that.png"))
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/anh"))
        try FileManager.default.createSymbolicLink(at: site.root.appendingPathComponent("content/anh"), withDestinationURL: elsewhere)
        let response = Self.get("/anh/that.png", site)
        #expect(response.status == 404)
        #expect(!String(decoding: response.body, as: UTF8.self).contains("SECRET"))
    }

    /// As a build lists it, content/ itself may be a link (the articles kept elsewhere): its
    /// files are served, but still through no link below it.
    @Test func contentItselfMayBeALink() throws {
        let site = try CopiedFiles()
        defer { site.cleanUp() }
        let elsewhere = site.root.appendingPathComponent("elsewhere")
        try FileManager.default.moveItem(at: site.root.appendingPathComponent("content"), to: elsewhere)
        try FileManager.default.createSymbolicLink(at: site.root.appendingPathComponent("content"), withDestinationURL: elsewhere)
        #expect(Self.get("/anh/that.png", site).body == PreviewResponderTests.png)
        try FileManager.default.moveItem(at: elsewhere.appendingPathComponent("anh"), to: site.root.appendingPathComponent("anh"))
        try FileManager.default.createSymbolicLink(at: elsewhere.appendingPathComponent("anh"), withDestinationURL: site.root.appendingPathComponent("anh"))
        #expect(Self.get("/anh/that.png", site).status == 404)
    }

    @Test func aCopyReplacedByAFolderIsNotFoundAndDoesNotCrash() throws {
        let site = try CopiedFiles()
        defer { site.cleanUp() }
        let photo = site.root.appendingPathComponent("content/anh/that.png")
        try FileManager.default.removeItem(at: photo)
        try FileManager.default.createDirectory(at: photo, withIntermediateDirectories: false)
        #expect(Self.get("/anh/that.png", site).status == 404)
        try FileManager.default.removeItem(at: photo)
        #expect(Self.get("/anh/that.png", site).status == 404)
    }

    /// A named pipe in place of a photo: opening it for reading would wait for a writer, and hold
    /// one of the server's few threads for ever.
    @Test func aCopyReplacedByANamedPipeAnswersAtOnce() throws {
        let site = try CopiedFiles()
        defer { site.cleanUp() }
        let photo = site.root.appendingPathComponent("content/anh/that.png").path
        try FileManager.default.removeItem(atPath: photo)
        #expect(mkfifo(photo, 0o644) == 0)
        let answered = DispatchSemaphore(value: 0)
        let status = Locked(0)
        Thread {
            status.withLock { $0 = Self.get("/anh/that.png", site).status }
            answered.signal()
        }.start()
        let inTime = answered.wait(timeout: .now() + 5) == .success
        if !inTime {
            // Unblock the reader so the thread ends.
            let writer = open(photo, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
            _ = answered.wait(timeout: .now() + 5)
        }
        #expect(inTime, "reading a named pipe blocked")
        #expect(status.withLock { $0 } == 404)
    }

    @Test func aCopyOutsideTheSitesFolderIsNeverRead() throws {
        let site = try CopiedFiles()
        defer { site.cleanUp() }
        for source in ["/etc/passwd", site.root.path + "/../" + site.root.lastPathComponent + "/site.yaml", site.root.path + "/content/../site.yaml", site.root.path + "x/site.yaml", site.root.path + "/content//anh/that.png"] {
            let response = Self.get("/x.txt", site, files: ["x.txt": .copy(of: source)])
            #expect(response.status == 404, "\(source)")
        }
    }
}

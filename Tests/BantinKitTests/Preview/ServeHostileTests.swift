import Foundation
import Testing
@testable import BantinKit

extension ServeCommandTests {
    /// What a hostile or careless user does to the site's folder while it is served.
    @Suite struct Hostile {
        typealias Serve = ServeCommandTests
        static let overlay = "id=\"bantin-errors\""

        @Test func aLinkPutIntoContentIsNeverFollowed() throws {
            let site = try TestSite(fixture: "golden-eras-site")
            defer { site.cleanUp() }
            let server = try Serve.serve(site)
            defer { server.process.kill() }
            let content = site.root.appendingPathComponent("content")
            try FileManager.default.createSymbolicLink(atPath: content.path + "/2026/02/passwd.txt", withDestinationPath: "/etc/passwd")
            try FileManager.default.createSymbolicLink(atPath: content.path + "/etc", withDestinationPath: "/etc")
            let home = try server.poll("") { $0.text.contains("[not-followed]") }
            #expect(home.text.contains(Self.overlay) && home.text.contains("content/2026/02/passwd.txt"), "no overlay for the link")
            for target in ["2026/02/passwd.txt", "etc/passwd", "etc/hostname", "../etc/passwd"] {
                let reply = try server.get(target)
                #expect(reply.status == 404, "\(target)")
                #expect(!reply.text.contains("root:x:0"), "\(target)")
            }
            try site.remove("content/2026/02/passwd.txt")
            try site.remove("content/etc")
            #expect(!(try server.poll("") { !$0.text.contains(Self.overlay) }).text.contains(Self.overlay))
        }

        /// A photo served from disk, its folder swapped (while the site fails to build, so the last
        /// good site stays) for a link, then a named pipe and a folder in the photo's place.
        @Test func whatIsPutInAPhotosPlaceIsNeverReadAndNeverStopsTheServer() throws {
            let site = try TestSite(fixture: "golden-eras-site")
            defer { site.cleanUp() }
            let photo = Data([0x89, 0x50, 0x4E, 0x47, 1, 2, 3])
            try FileManager.default.createDirectory(at: site.root.appendingPathComponent("content/tai-lieu"), withIntermediateDirectories: true)
            try photo.write(to: site.root.appendingPathComponent("content/tai-lieu/anh.png"))
            let server = try Serve.serve(site)
            defer { server.process.kill() }
            #expect(try server.get("tai-lieu/anh.png").body == photo)
            try site.write(Serve.fire, try Serve.text(site, Serve.fire).replacingOccurrences(of: "2023-10-05", with: "31/02/2023"))
            _ = try server.poll("") { $0.text.contains(Self.overlay) }

            let elsewhere = site.root.appendingPathComponent("elsewhere")
            try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
            try Data("SECRET".utf8).write(to: elsewhere.appendingPathComponent("anh.png"))
            try FileManager.default.moveItem(at: site.root.appendingPathComponent("content/tai-lieu"), to: site.root.appendingPathComponent("aside"))
            try FileManager.default.createSymbolicLink(at: site.root.appendingPathComponent("content/tai-lieu"), withDestinationURL: elsewhere)
            let throughLink = try server.get("tai-lieu/anh.png")
            #expect(throughLink.status == 404 && !throughLink.text.contains("SECRET"))

            try site.remove("content/tai-lieu")
            try FileManager.default.createDirectory(at: site.root.appendingPathComponent("content/tai-lieu"), withIntermediateDirectories: true)
            #expect(mkfifo(site.root.path + "/content/tai-lieu/anh.png", 0o644) == 0)
            for _ in 0..<4 {
                #expect(try LoopbackHTTP.get("/bantin/tai-lieu/anh.png", port: server.port, timeout: 5).status == 404)
            }
            try site.remove("content/tai-lieu/anh.png")
            try FileManager.default.createDirectory(at: site.root.appendingPathComponent("content/tai-lieu/anh.png"), withIntermediateDirectories: true)
            #expect(try server.get("tai-lieu/anh.png").status == 404)
            #expect(try LoopbackHTTP.get("/bantin/", port: server.port, timeout: 5).status == 200, "the server stopped answering")
            #expect(server.process.process.isRunning, "\(server.process.stderr)")
        }

        @Test func contentDeletedWhileServingKeepsTheLastGoodSiteUntilItIsBack() throws {
            let site = try TestSite(fixture: "golden-eras-site")
            defer { site.cleanUp() }
            let server = try Serve.serve(site)
            defer { server.process.kill() }
            let aside = site.root.deletingLastPathComponent().appendingPathComponent("bantin-aside-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: aside) }
            try FileManager.default.copyItem(at: site.root.appendingPathComponent("content"), to: aside)
            try site.remove("content")
            let gone = try server.poll(Serve.cameraPage) { $0.text.contains(Self.overlay) }
            #expect(gone.status == 200 && gone.text.contains("lắp camera an ninh"))
            #expect(gone.text.contains("[missing-gazetteer]"))
            #expect(server.process.lines.allSatisfy { $0.count < 300 }, "a line per deleted file")
            try FileManager.default.copyItem(at: aside, to: site.root.appendingPathComponent("content"))
            let back = try server.poll(Serve.cameraPage) { !$0.text.contains(Self.overlay) }
            #expect(!back.text.contains(Self.overlay))
            // content/ is watched again.
            try site.write(Serve.camera, try Serve.text(site, Serve.camera).replacingOccurrences(of: "lắp camera", with: "lắp lại camera"))
            #expect(try server.poll(Serve.cameraPage) { $0.text.contains("lắp lại camera") }.text.contains("lắp lại camera"))
        }

        @Test func anArticleRenamedOutAndBackIn() throws {
            let site = try TestSite(fixture: "golden-eras-site")
            defer { site.cleanUp() }
            let server = try Serve.serve(site)
            defer { server.process.kill() }
            let outside = site.root.deletingLastPathComponent().appendingPathComponent("bantin-out-\(UUID().uuidString).md")
            defer { try? FileManager.default.removeItem(at: outside) }
            try FileManager.default.moveItem(at: site.root.appendingPathComponent(Serve.camera), to: outside)
            #expect(try server.poll(Serve.cameraPage) { $0.status == 404 }.status == 404)
            #expect(!(try server.get("").text.contains("Camera an ninh")))
            try FileManager.default.moveItem(at: outside, to: site.root.appendingPathComponent(Serve.camera))
            #expect(try server.poll(Serve.cameraPage) { $0.status == 200 }.status == 200)
            // Renamed within content/: the same page, from its new file.
            try FileManager.default.moveItem(at: site.root.appendingPathComponent(Serve.camera), to: site.root.appendingPathComponent("content/2026/02/camera-moi.md"))
            try site.write("content/2026/02/camera-moi.md", try Serve.text(site, "content/2026/02/camera-moi.md").replacingOccurrences(of: "lắp camera", with: "lắp đặt camera"))
            #expect(try server.poll(Serve.cameraPage) { $0.text.contains("lắp đặt camera") }.text.contains("lắp đặt camera"))
        }

        @Test func foldersOfArticlesMadeMovedInAndMovedOut() throws {
            let site = try TestSite(fixture: "golden-eras-site")
            defer { site.cleanUp() }
            let server = try Serve.serve(site)
            defer { server.process.kill() }
            try site.write("content/2026/11/a/b/mot.md", article("title: \"Bài một trong thư mục mới\"\ndate: \"08:00, 01/11/2026\""))
            #expect(try server.poll("") { $0.text.contains("Bài một trong thư mục mới") }.text.contains("Bài một trong thư mục mới"))
            // A folder made elsewhere, moved in: watched, so an edit inside shows.
            let prepared = site.root.deletingLastPathComponent().appendingPathComponent("bantin-folder-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: prepared) }
            let inside = prepared.appendingPathComponent("x/hai.md")
            try FileManager.default.createDirectory(at: inside.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(article("title: \"Bài hai chuyển vào\"\ndate: \"08:00, 02/11/2026\"").utf8).write(to: inside)
            try FileManager.default.moveItem(at: prepared, to: site.root.appendingPathComponent("content/2026/12"))
            #expect(try server.poll("") { $0.text.contains("Bài hai chuyển vào") }.text.contains("Bài hai chuyển vào"))
            try site.write("content/2026/12/x/hai.md", article("title: \"Bài hai đã sửa\"\ndate: \"08:00, 02/11/2026\""))
            #expect(try server.poll("") { $0.text.contains("Bài hai đã sửa") }.text.contains("Bài hai đã sửa"))
            // Moved out: its articles go, and it is watched no more.
            try FileManager.default.moveItem(at: site.root.appendingPathComponent("content/2026/12"), to: prepared)
            #expect(!(try server.poll("") { !$0.text.contains("Bài hai đã sửa") }).text.contains("Bài hai đã sửa"))
            try server.process.waitForRebuild(after: 0, quiet: 0.3)
            let count = server.process.rebuilds
            try Data(article("title: \"Ngoài trang\"\ndate: \"08:00, 02/11/2026\"").utf8).write(to: inside)
            Thread.sleep(forTimeInterval: 1)
            #expect(server.process.rebuilds == count, "a folder moved out is still watched: \(server.process.lines.suffix(2))")
        }

        /// Editors write a temporary file and rename it over the article (hidden, or not).
        @Test func anEditorSavingByRenameIsSeen() throws {
            let site = try TestSite(fixture: "golden-eras-site")
            defer { site.cleanUp() }
            let server = try Serve.serve(site)
            defer { server.process.kill() }
            for (step, temporary) in ["content/2026/02/.camera-an-ninh.md.swp", "content/2026/02/camera-an-ninh.md.tmp4913", "content/2026/02/4913"].enumerated() {
                let marker = "bản lưu số \(step)"
                try site.write(temporary, try Serve.text(site, Serve.camera).replacingOccurrences(of: "lắp camera an ninh", with: "lắp camera an ninh (\(marker))"))
                try FileManager.default.removeItem(at: site.root.appendingPathComponent(Serve.camera))
                try FileManager.default.moveItem(at: site.root.appendingPathComponent(temporary), to: site.root.appendingPathComponent(Serve.camera))
                let page = try server.poll(Serve.cameraPage) { $0.text.contains(marker) && !$0.text.contains(Self.overlay) }
                #expect(page.text.contains(marker), "\(temporary)")
                #expect(!page.text.contains(Self.overlay), "\(temporary)")
            }
        }

        @Test func aBrokenSiteYamlKeepsServingTheLastGoodSiteAtItsAddress() throws {
            let site = try TestSite(fixture: "golden-eras-site")
            defer { site.cleanUp() }
            let server = try Serve.serve(site)
            defer { server.process.kill() }
            let original = try Serve.text(site, "site.yaml")
            for broken in ["title: \"Bản tin\nbaseURL: [\n", "title: \"Bản tin\"\nbaseURL: \"https://example.gov.vn/khac/\"\npaginate: không\n"] {
                try site.write("site.yaml", broken)
                let home = try server.poll("") { $0.text.contains(Self.overlay) }
                #expect(home.status == 200 && home.text.contains(Self.overlay), "\(broken)")
                #expect(try server.get(Serve.cameraPage).status == 200)
                #expect(try LoopbackHTTP.get("/", port: server.port).headers["location"] == "/bantin/")
            }
            try site.write("site.yaml", original)
            #expect(!(try server.poll("") { !$0.text.contains(Self.overlay) }).text.contains(Self.overlay))
        }

        /// `--source` a link to the site's folder: site.yaml is watched all the same.
        @Test func aSiteFolderReachedThroughALinkIsWatched() throws {
            let site = try TestSite(fixture: "golden-eras-site")
            defer { site.cleanUp() }
            let link = site.root.deletingLastPathComponent().appendingPathComponent("bantin-link-\(UUID().uuidString)")
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: site.root)
            defer { try? FileManager.default.removeItem(at: link) }
            let process = try ServeProcess(["--port", "0", "--source", link.path], in: site.root)
            defer { process.kill() }
            let (_, port, _) = try process.address()
            try site.write("site.yaml", try Serve.text(site, "site.yaml").replacingOccurrences(of: "Bản tin hai thời kỳ", with: "Bản tin đổi tên"))
            #expect(ServeProcess.wait { (try? LoopbackHTTP.get("/bantin/", port: port).text.contains("Bản tin đổi tên")) == true }, "\(process.stdout)")
        }

        /// content/ a link to the articles kept elsewhere, as `site build` allows: served,
        /// watched, and watched again when the link is pointed elsewhere.
        @Test func contentKeptElsewhereBehindALink() throws {
            let site = try TestSite(fixture: "golden-eras-site")
            defer { site.cleanUp() }
            let kept = site.root.deletingLastPathComponent().appendingPathComponent("bantin-kept-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: kept) }
            try FileManager.default.moveItem(at: site.root.appendingPathComponent("content"), to: kept)
            try FileManager.default.createSymbolicLink(at: site.root.appendingPathComponent("content"), withDestinationURL: kept)
            try FileManager.default.createDirectory(at: kept.appendingPathComponent("tai-lieu"), withIntermediateDirectories: true)
            try Data("báo cáo".utf8).write(to: kept.appendingPathComponent("tai-lieu/bao-cao.txt"))
            let server = try Serve.serve(site)
            defer { server.process.kill() }
            #expect(try server.get("tai-lieu/bao-cao.txt").text == "báo cáo")
            try site.write(Serve.camera, try Serve.text(site, Serve.camera).replacingOccurrences(of: "lắp camera", with: "lắp mới camera"))
            #expect(try server.poll(Serve.cameraPage) { $0.text.contains("lắp mới camera") }.text.contains("lắp mới camera"))
            // The link pointed at a copy: that copy is served and watched.
            let copy = kept.appendingPathExtension("copy")
            defer { try? FileManager.default.removeItem(at: copy) }
            try FileManager.default.copyItem(at: kept, to: copy)
            try site.remove("content")
            try FileManager.default.createSymbolicLink(at: site.root.appendingPathComponent("content"), withDestinationURL: copy)
            let path = copy.appendingPathComponent("2026/02/camera-an-ninh.md")
            try Data(try String(contentsOf: path, encoding: .utf8).replacingOccurrences(of: "lắp mới camera", with: "lắp bản sao camera").utf8).write(to: path)
            #expect(try server.poll(Serve.cameraPage) { $0.text.contains("lắp bản sao camera") }.text.contains("lắp bản sao camera"))
            let count = server.process.rebuilds
            try site.write("content/2026/02/camera-an-ninh.md", try Serve.text(site, Serve.camera) + "\nThêm.\n")
            try server.process.waitForRebuild(after: count)
            let settled = server.process.rebuilds
            try Data("Không còn là trang.".utf8).write(to: kept.appendingPathComponent("2026/02/camera-an-ninh.md"))
            Thread.sleep(forTimeInterval: 1)
            #expect(server.process.rebuilds == settled, "the folder the link left is still watched")
        }

        /// site.yaml's baseURL given another path: the site moves there, and the terminal says so.
        @Test func aNewBasePathIsServedAndAnnounced() throws {
            let site = try TestSite(fixture: "golden-eras-site")
            defer { site.cleanUp() }
            let server = try Serve.serve(site)
            defer { server.process.kill() }
            try site.write("site.yaml", try Serve.text(site, "site.yaml").replacingOccurrences(of: "/bantin/", with: "/b%E1%BA%A3n-tin/"))
            #expect(ServeProcess.wait { server.process.lines.contains("Serving at \(server.origin)/b%E1%BA%A3n-tin/") }, "\(server.process.stdout)")
            let moved = try LoopbackHTTP.get("/b%E1%BA%A3n-tin/" + Serve.cameraPage, port: server.port)
            #expect(moved.status == 200 && moved.text.contains("\(server.origin)/b%E1%BA%A3n-tin/"))
            #expect(try LoopbackHTTP.get("/", port: server.port).headers["location"] == "/b%E1%BA%A3n-tin/")
            #expect(try server.get(Serve.cameraPage).status == 404)
        }

        @Test func pagesClosedMidStreamDoNotHurtTheServer() throws {
            let site = try TestSite(fixture: "golden-eras-site")
            defer { site.cleanUp() }
            let server = try Serve.serve(site)
            defer { server.process.kill() }
            for _ in 0..<5 {
                let events = try LoopbackHTTP.EventStream(port: server.port)
                _ = events.next()
                events.close()
            }
            // Half a request, then gone.
            let half = try LoopbackHTTP.Connection(port: server.port, timeout: 5)
            try half.write("GET /bantin/ HTTP/1.1\r\nHost: 127")
            half.close()
            for step in 0..<2 {
                let count = server.process.rebuilds
                try site.write(Serve.camera, try Serve.text(site, Serve.camera) + "\nĐoạn \(step).\n")
                try server.process.waitForRebuild(after: count)
            }
            let events = try LoopbackHTTP.EventStream(port: server.port)
            defer { events.close() }
            #expect(events.next() != nil)
            #expect(try server.get(Serve.cameraPage).text.contains("Đoạn 1."))
        }
    }
}

import Foundation
import Testing
@testable import BantinKit

/// `site serve` as an editor runs it: the built binary on port 0 over loopback, the golden eras
/// site (base path /bantin/) in a temporary folder, edited on disk while it serves. One test at a
/// time: each starts a server and waits for rebuilds, and two at once on two cores make the
/// waits long.
@Suite(.serialized) struct ServeCommandTests {
    static let camera = "content/2026/02/camera-an-ninh.md"
    static let cameraPage = "2026/02/camera-an-ninh-o-xa-hung-loi-xa-tan-quang-va-phuong-ha-giang-1/"
    static let fire = "content/2023/10/chua-chay-tan-quang.md"
    static let firePage = "2023/10/dien-tap-chua-chay-tai-phuong-tan-quang/"

    /// A server on the site, and where it answers.
    struct Running {
        let process: ServeProcess
        let origin: String
        let port: UInt16
        let base: String

        func get(_ sitePath: String, method: String = "GET") throws -> LoopbackHTTP.Reply {
            try LoopbackHTTP.get(base + sitePath, port: port, method: method)
        }

        /// Fetches `sitePath` until `condition` holds; the last answer, or a failure after `timeout` seconds.
        func poll(_ sitePath: String, timeout: Double = 10, until condition: (LoopbackHTTP.Reply) -> Bool) throws -> LoopbackHTTP.Reply {
            var last = try get(sitePath)
            _ = try ServeProcess.wait(timeout: timeout) {
                last = try get(sitePath)
                return condition(last)
            }
            return last
        }
    }

    static func serve(_ site: TestSite, _ arguments: [String] = []) throws -> Running {
        let process = try ServeProcess(["--port", "0", "--source", site.root.path] + arguments, in: site.root)
        do {
            let (origin, port, base) = try process.address()
            return Running(process: process, origin: origin, port: port, base: base)
        } catch {
            process.kill()
            throw error
        }
    }

    static func text(_ site: TestSite, _ path: String) throws -> String {
        try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func servesTheSitesPagesUnderItsBasePath() throws {
        let site = try TestSite(fixture: "golden-eras-site")
        defer { site.cleanUp() }
        let server = try Self.serve(site)
        defer { server.process.kill() }
        #expect(server.base == "/bantin/")
        #expect(server.origin.hasPrefix("http://127.0.0.1:"))
        let root = try LoopbackHTTP.get("/", port: server.port)
        #expect(root.status == 301 && root.headers["location"] == "/bantin/")
        let home = try server.get("")
        #expect(home.status == 200)
        #expect(home.headers["content-type"] == "text/html; charset=utf-8")
        #expect(home.headers["cache-control"] == "no-store")
        #expect(home.text.contains("Camera an ninh ở xã Hùng Lợi"))
        #expect(home.text.contains("new EventSource(\"/__bantin/events\")"))
        // Links take the served origin.
        #expect(home.text.contains("\(server.origin)/bantin/"))
        #expect(!home.text.contains("https://example.gov.vn"))
        let page = try server.get(Self.cameraPage)
        #expect(page.status == 200 && page.text.contains("lắp camera an ninh"))
        let feed = try server.get("rss.xml")
        #expect(feed.status == 200 && feed.headers["content-type"] == "application/rss+xml; charset=utf-8")
        #expect(!feed.text.contains("EventSource"))
        let missing = try server.get("khong-co/")
        #expect(missing.status == 404 && missing.text.contains("EventSource"))
        let head = try server.get(Self.cameraPage, method: "HEAD")
        #expect(head.status == 200 && head.body.isEmpty && head.headers["content-length"] == String(page.body.count))
        let post = try LoopbackHTTP.send("POST /bantin/ HTTP/1.1\r\nHost: localhost:\(server.port)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", port: server.port)
        #expect(post.status == 405 && post.headers["allow"] == "GET, HEAD")
        // A page of another site whose name was made to point at 127.0.0.1 (DNS rebinding).
        let rebound = try LoopbackHTTP.send("GET /bantin/\(Self.cameraPage) HTTP/1.1\r\nHost: attacker.example:\(server.port)\r\nConnection: close\r\n\r\n", port: server.port)
        #expect(rebound.status == 403 && !rebound.text.contains("camera"))
        #expect(server.process.stderr.contains("[former-commune]"), "warnings are printed")
    }

    @Test func anEditedBodyIsServedWithinSecondsAndAnnouncedByAnEvent() throws {
        let site = try TestSite(fixture: "golden-eras-site")
        defer { site.cleanUp() }
        let server = try Self.serve(site)
        defer { server.process.kill() }
        let events = try LoopbackHTTP.EventStream(port: server.port)
        defer { events.close() }
        let first = try #require(events.next(), "no event at connect")
        #expect(try server.get(Self.cameraPage).text.contains("event.data !== \"\(first)\""))

        let saved = Date()
        try site.write(Self.camera, try Self.text(site, Self.camera).replacingOccurrences(of: "lắp camera an ninh", with: "lắp camera an ninh thông minh"))
        let page = try server.poll(Self.cameraPage, timeout: 5) { $0.text.contains("lắp camera an ninh thông minh") }
        #expect(page.text.contains("lắp camera an ninh thông minh"), "the edit is not served after 5 s")
        #expect(Date().timeIntervalSince(saved) < 5)
        let next = try #require(events.next(timeout: 5), "no event after the rebuild")
        #expect(next != first)
        #expect(page.text.contains("event.data !== \"\(next)\""))
        // The line is printed after the new version is served, so it may come a moment later.
        #expect(ServeProcess.wait { server.process.lines.contains { $0.hasPrefix("Rebuilt in ") && $0.contains(Self.camera) } }, "\(server.process.lines.suffix(3))")
        // The home page shows the new summary too.
        #expect(try server.get("").text.contains("thông minh"))
    }

    @Test func brokenFrontMatterPutsTheErrorsOnEveryPageUntilItIsFixed() throws {
        let site = try TestSite(fixture: "golden-eras-site")
        defer { site.cleanUp() }
        let server = try Self.serve(site)
        defer { server.process.kill() }
        let events = try LoopbackHTTP.EventStream(port: server.port)
        defer { events.close() }
        let first = try #require(events.next())
        let original = try Self.text(site, Self.fire)

        try site.write(Self.fire, original.replacingOccurrences(of: "date: \"2023-10-05\"", with: "date: \"31/02/2023\"").replacingOccurrences(of: "diễn tập", with: "DIỄN TẬP MỚI"))
        let broken = try server.poll("") { $0.text.contains("id=\"bantin-errors\"") }
        #expect(broken.text.contains("id=\"bantin-errors\""), "no error overlay after 10 s")
        #expect(try #require(events.next(timeout: 5)) != first)
        for page in ["", Self.firePage, Self.cameraPage, "dia-phuong/", "khong-co/"] {
            let answer = try server.get(page)
            #expect(answer.text.contains("id=\"bantin-errors\""), "\(page)")
            #expect(answer.text.contains("content/2023/10/chua-chay-tan-quang.md:3:"), "\(page)")
            #expect(answer.text.contains("[bad-date]"), "\(page)")
        }
        // The last good site is still served.
        let last = try server.get(Self.firePage)
        #expect(last.status == 200 && last.text.contains("diễn tập chữa cháy") && !last.text.contains("DIỄN TẬP MỚI"))
        #expect(try server.get("rss.xml").text.contains("bantin-errors") == false)
        #expect(server.process.lines.contains { $0.hasPrefix("Rebuild failed: still serving the last good site") })
        #expect(server.process.stderr.contains("content/2023/10/chua-chay-tan-quang.md:3:7: error: there is no such date or time as \"31/02/2023\" [bad-date]"))

        try site.write(Self.fire, original.replacingOccurrences(of: "diễn tập", with: "DIỄN TẬP MỚI"))
        let fixed = try server.poll(Self.firePage) { !$0.text.contains("bantin-errors") }
        #expect(!fixed.text.contains("bantin-errors"), "the overlay stays after the fix")
        #expect(fixed.text.contains("DIỄN TẬP MỚI"))
        for page in ["", Self.cameraPage, "khong-co/"] {
            #expect(!(try server.get(page).text.contains("bantin-errors")), "\(page)")
        }
    }

    /// Request lines as sent by hand: HTTP libraries would normalise the `..` away.
    @Test func traversalAttemptsOverTheSocketAnswer404() throws {
        let site = try TestSite(fixture: "golden-eras-site")
        defer { site.cleanUp() }
        let server = try Self.serve(site)
        defer { server.process.kill() }
        let secrets = ["paginate: 2", "districts:", "---\ntitle:", "root:x:0:0"]
        let targets = [
            "/bantin/../site.yaml", "/../site.yaml", "/bantin/../../../../../etc/passwd", "/bantin/%2e%2e/site.yaml",
            "/bantin/%2E%2E%2Fsite.yaml", "/bantin/..%2fsite.yaml", "/bantin/..%2Fcontent/communes.yaml",
            "/bantin/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/bantin/..%5csite.yaml", "/bantin/%5c..%5csite.yaml",
            "/bantin/..\\site.yaml", "/bantin/site.yaml%00", "/bantin/%00/../site.yaml", "/bantin/%zz/../site.yaml",
            "//bantin/../site.yaml", "/bantin//../site.yaml", "/bantin/./../site.yaml", "/bantin/.%2e/site.yaml",
            "/bantin/2023/10/chua-chay-tan-quang.md", "/bantin/content/communes.yaml", "/site.yaml", "/bantin/site.yaml",
            "../site.yaml", "/bantin/%c0%ae%c0%ae/site.yaml",
        ]
        for target in targets {
            for method in ["GET", "HEAD"] {
                let reply = try LoopbackHTTP.send("\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", port: server.port, bodyExpected: method == "GET")
                #expect(reply.status == 404, "\(method) \(target)")
                for secret in secrets { #expect(!reply.text.contains(secret), "\(target) served \(secret)") }
            }
        }
        #expect(try server.get("").status == 200, "the server still answers")
    }

    /// After edits of a body, communes, a new article and a removal, every file `site build`
    /// writes (for the same address) is served with the same bytes, but for the reload script.
    @Test func afterASeriesOfEditsTheServedSiteIsAFreshBuild() throws {
        let site = try TestSite(fixture: "golden-eras-site")
        defer { site.cleanUp() }
        let server = try Self.serve(site)
        defer { server.process.kill() }
        func edit(_ path: String, _ change: (String) -> String) throws {
            let count = server.process.rebuilds
            let old = FileManager.default.fileExists(atPath: site.root.appendingPathComponent(path).path) ? try Self.text(site, path) : ""
            try site.write(path, change(old))
            try server.process.waitForRebuild(after: count)
        }
        try edit(Self.camera) { $0 + "\nMột đoạn thêm ở cuối bài.\n" }
        try edit(Self.camera) { $0.replacingOccurrences(of: "communes: [Hùng Lợi, Tân Quang, Hà Giang 1]", with: "communes: [Tân Quang, Hà Giang 1]") }
        try edit(Self.fire) { $0.replacingOccurrences(of: "communes: [Tân Quang]", with: "communes: [Tân Quang, Hùng Lợi]") }
        try edit("content/2026/06/moi.md") { _ in article("title: \"Bài mới ở Hà Giang 1\"\ndate: \"08:00, 01/07/2026\"\ncommunes: [Hà Giang 1]", body: "Xem [bài camera](../02/camera-an-ninh.md).") }
        var count = server.process.rebuilds
        try site.remove("content/2023/05/to-tu-quan.md")
        try server.process.waitForRebuild(after: count)
        try edit("content/2026/06/moi.md") { $0.replacingOccurrences(of: "Xem", with: "Đọc thêm") }
        count = server.process.rebuilds
        try site.remove("content/2026/06/moi.md")
        try server.process.waitForRebuild(after: count)
        try edit(Self.camera) { $0.replacingOccurrences(of: "title: \"Camera", with: "title: \"Hệ thống camera") }
        #expect(!server.process.lines.contains { $0.hasPrefix("Rebuild failed") }, "\(server.process.stdout)")

        let built = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-built-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: built) }
        let build = try SiteCommandTests().run(["build", "--quiet", "--source", site.root.path, "--output", built.path, "--base-url", server.origin + server.base], in: site.root)
        #expect(build.status == 0, "\(build.stderr)")
        let files = site.tree(at: built).filter { $0.key != SitePaths.marker }
        #expect(files.count > 20)
        #expect(files.keys.contains("2026/02/he-thong-camera-an-ninh-o-xa-hung-loi-xa-tan-quang-va-phuong-ha-giang-1/index.html"))
        for (path, bytes) in files.sorted(by: { $0.key < $1.key }) {
            let sitePath = path.hasSuffix("/index.html") ? String(path.dropLast("index.html".count)) : path == "index.html" ? "" : path
            let reply = try server.get(sitePath)
            #expect(reply.status == 200, "\(path)")
            #expect(Self.withoutReloadScript(reply.body, path) == bytes, "\(path) differs from site build")
        }
        // And what the build no longer writes is no longer served.
        for gone in ["2023/05/xa-hung-loi-ra-mat-to-tu-quan/", Self.cameraPage] {
            #expect(try server.get(gone).status == 404, "\(gone)")
        }
    }

    /// A served HTML page without the one line serve adds.
    static func withoutReloadScript(_ body: Data, _ path: String) -> Data {
        guard path.hasSuffix(".html") else { return body }
        let text = String(decoding: body, as: UTF8.self)
        guard let start = text.range(of: "<script>(() => { const events = new EventSource("),
              let end = text.range(of: "</script>\n", range: start.upperBound..<text.endIndex) else { return body }
        return Data((text[..<start.lowerBound] + text[end.upperBound...]).utf8)
    }
}

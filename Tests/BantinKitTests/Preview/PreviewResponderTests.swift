import Foundation
import Testing
@testable import BantinKit

/// What `site serve` answers, without a socket: `PreviewResponder` over a small site in memory.
@Suite struct PreviewResponderTests {
    static let home = "<!doctype html><html><body><h1>Trang chủ</h1></body></html>"
    static let notFoundPage = "<!doctype html><html><body><p>Không tìm thấy trang này.</p></body></html>"
    static let css = "body { color: #222 }\n"
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF])

    static let files: [String: MemoryOutput.File] = [
        "index.html": .bytes(Data(home.utf8)),
        "404.html": .bytes(Data(notFoundPage.utf8)),
        "dia-phuong/index.html": .bytes(Data("<html><body>Địa phương</body></html>".utf8)),
        "dia-phuong/xa-hung-loi/index.html": .bytes(Data("<html><BODY>Hùng Lợi</BODY></html>".utf8)),
        "dia-phuong/xa-hung-loi/rss.xml": .bytes(Data("<rss/>".utf8)),
        "dia-phuong/communes.opml": .bytes(Data("<opml/>".utf8)),
        "khong-than.html": .bytes(Data("<p>Một trang không có thẻ đóng".utf8)),
        "assets/style.css": .bytes(Data(css.utf8)),
        "assets/app.js": .bytes(Data("console.log(1)\n".utf8)),
        "assets/logo.svg": .bytes(Data("<svg/>".utf8)),
        "rss.xml": .bytes(Data("<rss/>".utf8)),
        "sitemap.xml": .bytes(Data("<urlset/>".utf8)),
        "robots.txt": .bytes(Data("User-agent: *\n".utf8)),
        "anh/a.png": .bytes(png),
        "anh/b.jpg": .bytes(png),
        "anh/c.webp": .bytes(png),
        "tep/bao-cao.pdf": .bytes(Data("%PDF".utf8)),
    ]

    static func get(_ target: String, method: String = "GET", files: [String: MemoryOutput.File] = files, root: String = "/nowhere", base: String = "/bantin/", problems: [Diagnostic] = []) -> PreviewResponse {
        PreviewResponder.respond(method: method, target: target, files: files, sourceRoot: root, basePath: base, version: 7, problems: problems)
    }

    static func text(_ response: PreviewResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    static let reloadScript = "new EventSource(\"/__bantin/events\")"

    // MARK: Paths

    @Test(arguments: [
        "/../", "/..", "/bantin/../site.yaml", "/../site.yaml", "/bantin/../../etc/passwd",
        "/bantin/%2e%2e/site.yaml", "/bantin/%2E%2E/site.yaml", "/bantin/%2E%2E%2Fsite.yaml", "/bantin/.%2e/site.yaml",
        "/bantin/..%2fsite.yaml", "/bantin/..%2Fsite.yaml", "/bantin/anh%2fa.png", "/bantin%2findex.html",
        "/bantin/anh%5ca.png", "/bantin/..%5csite.yaml", "/bantin/index.html%00", "/bantin/index.html%00.png",
        "/bantin/%zz", "/bantin/%", "/bantin/%e", "/bantin/%c0%ae%c0%ae/site.yaml", "/bantin/%ff",
        "//bantin/index.html", "/bantin//index.html", "/bantin//", "//", "/bantin/anh//a.png",
        "/bantin/./index.html", "/bantin/%2e/index.html", "/bantin/anh/../index.html", "/bantin/anh/..",
        "bantin/index.html", "", "*", "http://127.0.0.1/bantin/index.html",
    ])
    func traversalAttemptsAnswerTheNotFoundPage(target: String) throws {
        let site = try CopiedFiles()
        defer { site.cleanUp() }
        var files = Self.files
        files["anh/that.png"] = site.copy("anh/that.png")
        for method in ["GET", "HEAD"] {
            let response = Self.get(target, method: method, files: files, root: site.root.path)
            #expect(response.status == 404, "\(method) \(target)")
            #expect(response.headers["Content-Type"] == "text/html; charset=utf-8")
        }
        let body = Self.text(Self.get(target, files: files, root: site.root.path))
        #expect(body.contains("Không tìm thấy trang này."), "\(target)")
        #expect(!body.contains("SECRET") && !body.contains("Trang chủ") && !body.contains("root:"), "\(target) served a file")
    }

    @Test func theBasePathIsTheSiteAndTheHostRedirectsToIt() {
        for target in ["/", "/bantin"] {
            let response = Self.get(target)
            #expect(response.status == 301, "\(target)")
            #expect(response.headers["Location"] == "/bantin/")
            #expect(response.body.isEmpty)
        }
        #expect(Self.get("/bantin/").status == 200)
        #expect(Self.text(Self.get("/bantin/")).contains("Trang chủ"))
        #expect(Self.get("/bantin/index.html").status == 200)
        for outside in ["/index.html", "/other/", "/bantinx/", "/bantinx/index.html", "/BANTIN/", "/assets/style.css", "/ba"] {
            #expect(Self.get(outside).status == 404, "\(outside)")
        }
        // At the root of the host.
        #expect(Self.get("/", base: "/").status == 200)
        #expect(Self.get("/assets/style.css", base: "/").status == 200)
        #expect(Self.get("/bantin/", base: "/").status == 404)
    }

    /// A base path out of Vietnamese words is percent-encoded in site.yaml's baseURL, as a browser sends it.
    @Test func aBasePathWithVietnameseLettersIsMatchedDecoded() {
        let base = "/b%E1%BA%A3n-tin/"
        #expect(Self.get("/b%E1%BA%A3n-tin/", base: base).status == 200)
        #expect(Self.get("/b%E1%BA%A3n-tin/assets/style.css", base: base).status == 200)
        let bare = Self.get("/b%E1%BA%A3n-tin", base: base)
        #expect(bare.status == 301 && bare.headers["Location"] == base)
        #expect(Self.get("/", base: base).headers["Location"] == base)
        #expect(Self.get("/ban-tin/", base: base).status == 404)
    }

    @Test func aFolderIsItsIndexAndAFolderWithoutSlashRedirects() {
        let folder = Self.get("/bantin/dia-phuong/")
        #expect(folder.status == 200)
        #expect(Self.text(folder).contains("Địa phương"))
        let noSlash = Self.get("/bantin/dia-phuong")
        #expect(noSlash.status == 301)
        #expect(noSlash.headers["Location"] == "/bantin/dia-phuong/")
        #expect(Self.get("/bantin/dia-phuong/xa-hung-loi").headers["Location"] == "/bantin/dia-phuong/xa-hung-loi/")
        // A folder without index.html is not listed.
        for target in ["/bantin/assets/", "/bantin/assets", "/bantin/anh/"] {
            #expect(Self.get(target).status == 404, "\(target)")
        }
        // A file with a slash after it is no folder.
        #expect(Self.get("/bantin/assets/style.css/").status == 404)
    }

    @Test func anUnknownPathIsTheThemesNotFoundPageWithStatus404() {
        let response = Self.get("/bantin/khong-co/")
        #expect(response.status == 404)
        #expect(response.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(Self.text(response).contains("Không tìm thấy trang này."))
        #expect(Self.text(response).contains(Self.reloadScript))
        var withoutTheme = Self.files
        withoutTheme["404.html"] = nil
        let plain = Self.get("/bantin/khong-co/", files: withoutTheme)
        #expect(plain.status == 404)
        #expect(Self.text(plain).contains(Self.reloadScript))
    }

    // MARK: Methods and headers

    @Test(arguments: ["/bantin/", "/bantin/assets/style.css", "/bantin/anh/a.png", "/bantin/rss.xml", "/bantin/khong-co", "/bantin/dia-phuong", "/"])
    func headHasTheHeadersOfGetButNoBody(target: String) {
        let get = Self.get(target)
        let head = Self.get(target, method: "HEAD")
        #expect(head.status == get.status)
        #expect(head.headers == get.headers)
        #expect(head.headers["Content-Length"] == String(get.body.count))
        #expect(head.body.isEmpty)
    }

    @Test(arguments: ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "get"])
    func otherMethodsAre405WithAllow(method: String) {
        for target in ["/bantin/", "/bantin/khong-co", "/bantin/../site.yaml"] {
            let response = Self.get(target, method: method)
            #expect(response.status == 405, "\(method) \(target)")
            #expect(response.headers["Allow"] == "GET, HEAD")
            #expect(response.headers["Cache-Control"] == "no-store")
            #expect(response.headers["Content-Length"] == String(response.body.count))
        }
    }

    @Test(arguments: [
        ("/bantin/", "text/html; charset=utf-8"),
        ("/bantin/index.html", "text/html; charset=utf-8"),
        ("/bantin/assets/style.css", "text/css; charset=utf-8"),
        ("/bantin/assets/app.js", "text/javascript; charset=utf-8"),
        ("/bantin/assets/logo.svg", "image/svg+xml; charset=utf-8"),
        ("/bantin/sitemap.xml", "application/xml; charset=utf-8"),
        ("/bantin/rss.xml", "application/rss+xml; charset=utf-8"),
        ("/bantin/dia-phuong/xa-hung-loi/rss.xml", "application/rss+xml; charset=utf-8"),
        ("/bantin/dia-phuong/communes.opml", "text/x-opml; charset=utf-8"),
        ("/bantin/robots.txt", "text/plain; charset=utf-8"),
        ("/bantin/anh/a.png", "image/png"),
        ("/bantin/anh/b.jpg", "image/jpeg"),
        ("/bantin/anh/c.webp", "image/webp"),
        ("/bantin/tep/bao-cao.pdf", "application/pdf"),
    ])
    func contentTypes(target: String, type: String) {
        let response = Self.get(target)
        #expect(response.status == 200, "\(target)")
        #expect(response.headers["Content-Type"] == type, "\(target)")
    }

    @Test func onlyTheFeedIsServedAsAFeed() {
        #expect(PreviewResponder.contentType("dia-phuong/khong-rss.xml") == "application/xml; charset=utf-8")
        #expect(PreviewResponder.contentType("anh/A.PNG") == "image/png")
        #expect(PreviewResponder.contentType("LICENSE") == "application/octet-stream")
    }

    @Test func nothingIsCachedWhateverTheAnswer() {
        for target in ["/", "/bantin/", "/bantin/dia-phuong", "/bantin/assets/style.css", "/bantin/anh/a.png", "/bantin/khong-co", "/bantin/../x", "/bantin/%zz"] {
            for method in ["GET", "HEAD", "POST"] {
                #expect(Self.get(target, method: method).headers["Cache-Control"] == "no-store", "\(method) \(target)")
            }
        }
    }

    // MARK: What is added to pages

    @Test func theReloadScriptIsInHTMLOnlyBeforeTheBodyEnds() {
        let page = Self.text(Self.get("/bantin/"))
        #expect(page.contains(Self.reloadScript))
        #expect(page.contains("event.data !== \"7\""))
        #expect(page.hasPrefix("<!doctype html><html><body><h1>Trang chủ</h1><script>"))
        #expect(page.hasSuffix("</script>\n</body></html>"))
        // </BODY> in capitals too.
        let upper = Self.text(Self.get("/bantin/dia-phuong/xa-hung-loi/"))
        #expect(upper.hasSuffix("</script>\n</BODY></html>"))
        for target in ["/bantin/assets/style.css", "/bantin/assets/app.js", "/bantin/rss.xml", "/bantin/sitemap.xml", "/bantin/anh/a.png", "/bantin/robots.txt", "/bantin/assets/logo.svg"] {
            let response = Self.get(target)
            #expect(!Self.text(response).contains("EventSource"), "\(target)")
        }
        #expect(Self.get("/bantin/anh/a.png").body == Self.png)
        #expect(Self.get("/bantin/assets/style.css").body == Data(Self.css.utf8))
    }

    @Test func aPageWithoutABodyEndStillGetsTheScript() {
        let page = Self.text(Self.get("/bantin/khong-than.html"))
        #expect(page.hasPrefix("<p>Một trang không có thẻ đóng"))
        #expect(page.contains(Self.reloadScript))
    }

    static let hostile = Diagnostic.error(
        .badDate, "there is no such date as \"</script><script>alert(1)</script>\" & <b>bold</b>",
        hint: "write \"dd/mm/yyyy\" <i>or</i> 'yyyy-mm-dd'", at: SourceLocation(file: "content/2024/05/<img src=x onerror=alert(2)>.md", line: 3, column: 7))

    @Test func theErrorOverlayIsOnEveryPageOnlyWhenThereAreProblemsAndEscaped() {
        let clean = Self.text(Self.get("/bantin/"))
        #expect(!clean.contains("bantin-errors"))
        let second = Diagnostic.error(.unknownCommune, "unknown commune \"Hùng Lơi\"", at: SourceLocation(file: "content/b.md", line: 4, column: 12))
        for target in ["/bantin/", "/bantin/dia-phuong/", "/bantin/khong-co", "/bantin/khong-than.html"] {
            let page = Self.text(Self.get(target, problems: [Self.hostile, second]))
            #expect(page.contains("id=\"bantin-errors\""), "\(target)")
            #expect(page.contains("content/b.md:4:12: error: unknown commune &quot;Hùng Lơi&quot;"), "\(target)")
            #expect(page.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(page.contains("&amp; &lt;b&gt;bold&lt;/b&gt;"))
            #expect(page.contains("&lt;i&gt;or&lt;/i&gt;"))
            #expect(page.contains("content/2024/05/&lt;img src=x onerror=alert(2)&gt;.md:3:7"))
            #expect(!page.contains("<script>alert(1)"))
            #expect(!page.contains("<img src=x"))
            #expect(!page.contains("<b>bold") && !page.contains("<i>or"))
            // Only the reload script's own tag.
            #expect(page.components(separatedBy: "<script").count == 2, "\(target)")
        }
        let css = Self.get("/bantin/assets/style.css", problems: [Self.hostile])
        #expect(css.body == Data(Self.css.utf8))
    }
}

/// A site's folder on disk with `site.yaml` (holding SECRET) and `content/anh/that.png`: copies
/// are read from it when served.
struct CopiedFiles {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-copies-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content/anh"), withIntermediateDirectories: true)
        try Data("SECRET: site.yaml\n".utf8).write(to: root.appendingPathComponent("site.yaml"))
        try PreviewResponderTests.png.write(to: root.appendingPathComponent("content/anh/that.png"))
    }

    func copy(_ path: String) -> MemoryOutput.File { .copy(of: root.path + "/content/" + path) }

    func cleanUp() { try? FileManager.default.removeItem(at: root) }
}

import Foundation
import Testing
@testable import BantinKit

/// The sample site's search page in headless Chromium, opened from disk (`--relative-links`): the
/// script reads the index and lists the articles about xã Đông Thọ, however the query is written.
@Suite struct SearchInBrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The page's DOM once its scripts ran, and what Chromium logged (console messages included).
    static func dump(_ url: URL) throws -> (dom: String, log: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(chromium))
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)",
                             "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000", "--dump-dom", url.absoluteString]
        // The log goes to a file: reading two pipes one after the other could stall Chromium.
        let logFile = profile.appendingPathExtension("log")
        defer { try? FileManager.default.removeItem(at: logFile) }
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: logFile)
        try process.run()
        let dom = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (dom, try String(contentsOf: logFile, encoding: .utf8))
    }

    @Test(.enabled(if: chromium != nil), arguments: ["dong+tho", "%C4%91%C3%B4ng+th%E1%BB%8D", "Dong%20Tho"])
    func theSampleSiteFindsDongThoFromDisk(query: String) throws {
        var options = BuildOptions(sourceRoot: try Self.sampleCopy(), now: SampleSiteAddressesTests.late2026)
        options.relativeLinks = true
        defer { try? FileManager.default.removeItem(at: options.sourceRoot) }
        _ = try SiteBuilder.build(options)
        let page = options.outputFolder.appendingPathComponent("tim-kiem/index.html")
        let url = try #require(URL(string: page.absoluteString + "?q=" + query))
        let (dom, log) = try Self.dump(url)
        let results = dom.components(separatedBy: "<li><a href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(results.contains("../2026/09/xa-dong-tho-dien-tap-phong-chay-chua-chay-o-khu-dan-cu/index.html"))
        #expect(dom.contains("bài viết cho"))
        #expect(!log.contains("Uncaught"), "console error: \(log)")
    }

    static func sampleCopy() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-search-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for item in ["site.yaml", "content", "templates"] {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(item), to: root.appendingPathComponent(item))
        }
        return root
    }
}

import Foundation
import Testing
@testable import BantinKit

extension ServeCommandTests {
    /// How `site serve` starts and stops, and that it writes nothing.
    @Suite struct Lifecycle {
        /// Every entry under `root` (hidden ones too, links not followed): kind, size, mtime and inode.
        static func listing(_ root: URL) -> [String: String] {
            var result: [String: String] = [:]
            let paths = [""] + (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? [])
            for path in paths {
                var info = stat()
                guard lstat(root.path + "/" + path, &info) == 0 else { continue }
                result[path] = "\(info.st_mode) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ino)"
            }
            return result
        }

        @Test func servingWritesNothingInTheSitesFolderNorInPublic() throws {
            let site = try TestSite(fixture: "golden-eras-site")
            defer { site.cleanUp() }
            #expect(try SiteCommandTests().run(["build", "--quiet"], in: site.root).status == 0)
            #expect(site.exists("index.html"))
            let before = Self.listing(site.root)
            let server = try ServeCommandTests.serve(site)
            defer { server.process.kill() }
            let events = try LoopbackHTTP.EventStream(port: server.port)
            defer { events.close() }
            _ = events.next()
            for page in ["", ServeCommandTests.cameraPage, "rss.xml", "khong-co/", "assets/style.css"] {
                _ = try server.get(page)
                _ = try server.get(page, method: "HEAD")
            }
            #expect(Self.listing(site.root) == before, "serving wrote in the site's folder")

            let count = server.process.rebuilds
            try site.write(ServeCommandTests.camera, try ServeCommandTests.text(site, ServeCommandTests.camera) + "\nThêm.\n")
            try server.process.waitForRebuild(after: count)
            _ = try server.get(ServeCommandTests.cameraPage)
            #expect(server.process.stop() == 0)
            let after = Self.listing(site.root)
            let edited: Set<String> = [ServeCommandTests.camera, "content/2026/02"]
            #expect(after.filter { !edited.contains($0.key) } == before.filter { !edited.contains($0.key) }, "a rebuild wrote in the site's folder")
            #expect(after.filter { $0.key.hasPrefix("public") } == before.filter { $0.key.hasPrefix("public") })
        }

        @Test func sigtermAndCtrlCStopItCleanly() throws {
            for signal in [SIGTERM, SIGINT] {
                let site = try TestSite(fixture: "golden-eras-site")
                defer { site.cleanUp() }
                let server = try ServeCommandTests.serve(site)
                defer { server.process.kill() }
                // An open page's event stream does not hold it.
                let events = try LoopbackHTTP.EventStream(port: server.port)
                defer { events.close() }
                _ = events.next()
                #expect(server.process.stop(signal) == 0, "signal \(signal): \(server.process.stderr)")
                #expect(server.process.lines.last == "Stopped.", "signal \(signal)")
                #expect(!server.process.stderr.contains("error"))
                #expect(throws: (any Error).self) { try LoopbackHTTP.get("/bantin/", port: server.port, timeout: 2) }
            }
        }

        @Test func aSecondServerOnAPortInUseFailsAtOnceWithAClearError() throws {
            let site = try TestSite(fixture: "golden-eras-site")
            defer { site.cleanUp() }
            let first = try ServeCommandTests.serve(site)
            defer { first.process.kill() }
            let second = try ServeProcess(["--port", String(first.port), "--source", site.root.path], in: site.root)
            defer { second.kill() }
            #expect(second.exitStatus(timeout: 5) == 1, "still running or another status: \(second.stderr)")
            #expect(second.stderr.contains("cannot listen on 127.0.0.1 port \(first.port): the port is already in use"))
            #expect(second.stderr.contains("--port 0"))
            #expect(!second.stdout.contains("Serving at"))
            #expect(try first.get("").status == 200, "the first server still serves")
        }

        @Test func listeningOnEveryAddressMustBeAskedForAndWarns() throws {
            let site = try TestSite(fixture: "golden-eras-site")
            defer { site.cleanUp() }
            let quiet = try ServeCommandTests.serve(site)
            defer { quiet.process.kill() }
            #expect(!quiet.process.stderr.contains("warning: serving on"))
            let open = try ServeCommandTests.serve(site, ["--bind", "0.0.0.0"])
            defer { open.process.kill() }
            #expect(open.process.stderr.contains("warning: serving on 0.0.0.0: other machines on the network can read the preview"))
            #expect(open.origin.hasPrefix("http://127.0.0.1:"))
            #expect(try open.get("").status == 200)
        }

        @Test func aBadAddressOrPortIsRefused() throws {
            let site = try TestSite(fixture: "golden-eras-site")
            defer { site.cleanUp() }
            for (arguments, message) in [(["--bind", "localhost.example"], "it is not an IP address"), (["--port", "70000"], "--port must be between 0 and 65535")] {
                let process = try ServeProcess(["--source", site.root.path] + arguments, in: site.root)
                defer { process.kill() }
                let status = process.exitStatus(timeout: 10)
                #expect(status != nil && status != 0, "\(arguments)")
                #expect(process.stderr.contains(message), "\(arguments): \(process.stderr)")
            }
        }
    }
}

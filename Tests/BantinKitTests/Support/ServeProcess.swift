import Foundation
@testable import BantinKit

/// `site serve` running as a child process: its output read as it comes, its address taken from
/// the `Serving at` line. Every wait has a deadline; `kill()` (in a `defer`) ends it whatever
/// happened.
final class ServeProcess: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let process = Process()
    private let out = Locked(Data())
    private let err = Locked(Data())
    private let readers = DispatchGroup()

    /// Starts `site serve` with `arguments` (after `serve`) in `folder`.
    init(_ arguments: [String], in folder: URL) throws {
        process.executableURL = SiteCommandTests.executable
        process.arguments = ["serve"] + arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        for (pipe, buffer) in [(outPipe, out), (errPipe, err)] {
            let handle = pipe.fileHandleForReading
            readers.enter()
            Thread { [readers] in
                while true {
                    let data = handle.availableData
                    if data.isEmpty { break }
                    buffer.withLock { $0.append(data) }
                }
                readers.leave()
            }.start()
        }
    }

    var stdout: String { String(decoding: out.withLock { $0 }, as: UTF8.self) }
    var stderr: String { String(decoding: err.withLock { $0 }, as: UTF8.self) }
    var lines: [String] { stdout.split(separator: "\n").map(String.init) }

    /// Waits until `condition` holds, checking every 20 ms; false if it did not within `timeout` seconds.
    static func wait(timeout: Double = 10, for condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return try condition()
    }

    /// The address of the `Serving at` line: origin and base path.
    func address(timeout: Double = 30) throws -> (origin: String, port: UInt16, basePath: String) {
        var found: (String, UInt16, String)?
        _ = Self.wait(timeout: timeout) {
            guard let line = lines.first(where: { $0.hasPrefix("Serving at ") }),
                  let url = URLComponents(string: String(line.dropFirst("Serving at ".count))),
                  let port = url.port, let host = url.host else { return !process.isRunning }
            found = ("http://\(host):\(port)", UInt16(port), url.percentEncodedPath)
            return true
        }
        guard let found else {
            throw Failure(description: "no Serving at line (running: \(process.isRunning))\nstdout: \(stdout)\nstderr: \(stderr)")
        }
        return found
    }

    /// Lines about rebuilds printed so far.
    var rebuilds: Int { lines.filter { $0.hasPrefix("Rebuil") }.count }

    /// Waits for one more rebuild than `count`, then for `quiet` seconds without another: what
    /// one save changed is then served.
    func waitForRebuild(after count: Int, timeout: Double = 10, quiet: Double = 0.3) throws {
        guard Self.wait(timeout: timeout, for: { rebuilds > count }) else {
            throw Failure(description: "no rebuild within \(timeout) s\nstdout: \(stdout)\nstderr: \(stderr)")
        }
        var seen = rebuilds
        var calmSince = Date()
        while Date().timeIntervalSince(calmSince) < quiet {
            Thread.sleep(forTimeInterval: 0.05)
            if rebuilds != seen {
                seen = rebuilds
                calmSince = Date()
            }
        }
    }

    /// Sends `signal` and waits for the process to end; its exit status, or nil if it did not end.
    func stop(_ signal: Int32 = SIGTERM, timeout: Double = 10) -> Int32? {
        guard process.isRunning else { return process.terminationStatus }
        Glibc.kill(process.processIdentifier, signal)
        guard Self.wait(timeout: timeout, for: { !process.isRunning }) else { return nil }
        _ = readers.wait(timeout: .now() + 5)
        return process.terminationStatus
    }

    /// Waits for the process to end by itself; its exit status, or nil.
    func exitStatus(timeout: Double = 10) -> Int32? {
        guard Self.wait(timeout: timeout, for: { !process.isRunning }) else { return nil }
        _ = readers.wait(timeout: .now() + 5)
        return process.terminationStatus
    }

    /// Ends the process at once if it still runs.
    func kill() {
        if process.isRunning {
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

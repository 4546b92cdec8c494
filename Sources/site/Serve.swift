import ArgumentParser
import BantinKit
import Foundation

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site: build it in memory, serve it, rebuild what each saved change touches.",
        discussion: "Open pages reload after each rebuild; a failed rebuild keeps the last good site and shows the errors on every page. Nothing is written to the site's folder or public/.")

    @OptionGroup var source: SourceOptions

    @Option(name: .long, help: "Port to listen on (0: any free one).")
    var port: Int = 1313

    @Option(name: .long, help: "Address to listen on; 0.0.0.0 lets other machines see the preview.")
    var bind: String = "127.0.0.1"

    /// The base URL's path is kept on the preview server; its host becomes the server's.
    @OptionGroup var publishing: PublishingOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        var options = BuildOptions(sourceRoot: source.sourceURL, now: Date())
        publishing.apply(to: &options)
        let printer = DiagnosticPrinter(sourceRoot: options.sourceRoot)
        // From the start: a signal while the site builds still stops the server cleanly.
        let stop = Stop()
        if !["127.0.0.1", "::1", "localhost"].contains(bind) {
            printer.line("warning: serving on \(bind): other machines on the network can read the preview, drafts included")
        }
        let server: PreviewServer
        let listening: UInt16
        do throws(Diagnostic) {
            server = try PreviewServer(bind: bind == "localhost" ? "127.0.0.1" : bind, port: UInt16(port))
            listening = try await server.start()
        } catch {
            printer.print([error])
            throw ExitCode(1)
        }
        let host = ["0.0.0.0", "localhost"].contains(bind) ? "127.0.0.1" : bind == "::" ? "[::1]" : bind.contains(":") ? "[\(bind)]" : bind
        options.servedOrigin = "http://\(host):\(listening)"
        let watcher: FileWatcher
        do {
            watcher = try FileWatcher(root: options.sourceRoot)
        } catch {
            printer.print([error])
            throw ExitCode(1)
        }
        let origin = options.servedOrigin ?? ""
        let thread = Thread { [options] in
            let preview = PreviewSite(options)
            server.serve(preview)
            Self.report(preview, printer: printer)
            Self.say("Serving at \(origin)\(preview.snapshot.basePath)")
            if preview.compact() { server.serve(preview, reload: false) }
            var shownBase = preview.snapshot.basePath
            while true {
                // Once a minute without a change too: an article comes due, or a new day begins
                // (which decides the communes in force).
                let changed = watcher.next(idle: 60_000)
                let started = DispatchTime.now().uptimeNanoseconds
                let work = preview.update(changed: changed, now: Date())
                if changed.isEmpty, work == .articles(rendered: 0, files: 0) { continue }
                server.serve(preview)
                let ms = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
                if preview.compact() { server.serve(preview, reload: false) }
                Self.report(preview, printer: printer)
                switch work {
                case .failed: Self.say("Rebuild failed: still serving the last good site (\(Self.shown(changed)))")
                case .everything: Self.say(String(format: "Rebuilt everything in %.0f ms", ms))
                case .articles(let rendered, let lists):
                    Self.say(String(format: "Rebuilt in %.0f ms: %d article%@, %d other file%@ (%@)", ms, rendered, rendered == 1 ? "" : "s", lists, lists == 1 ? "" : "s", Self.shown(changed)))
                }
                // site.yaml's baseURL took another path (or the first good build gave it one).
                if !preview.failed, preview.snapshot.basePath != shownBase {
                    shownBase = preview.snapshot.basePath
                    Self.say("Serving at \(origin)\(shownBase)")
                }
            }
        }
        thread.start()
        await stop.signalled()
        await server.stop()
        Self.say("Stopped.")
    }

    /// The paths of a batch of changes, the first few only (deleting a folder changes hundreds).
    static func shown(_ changed: Set<String>) -> String {
        let sorted = changed.sorted()
        return sorted.count <= 5 ? sorted.joined(separator: ", ") : sorted.prefix(4).joined(separator: ", ") + " and \(sorted.count - 4) more"
    }

    static func report(_ preview: PreviewSite, printer: DiagnosticPrinter) {
        printer.print(preview.diagnostics.filter { $0.severity != .note })
    }

    /// A line on standard output at once, also when it is a pipe.
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

/// Ctrl-C and SIGTERM, caught from when it is made: `signalled()` returns once either came,
/// also if it came before it was called.
private final class Stop: @unchecked Sendable {
    private let lock = NSLock()
    private var fired = false
    private var waiting: CheckedContinuation<Void, Never>?
    private var sources: [any DispatchSourceSignal] = []

    init() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.fire() }
            source.resume()
            sources.append(source)
        }
    }

    func signalled() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = lock.withLock { () -> Bool in
                if fired { return true }
                waiting = continuation
                return false
            }
            if now { continuation.resume() }
        }
    }

    private func fire() {
        let continuation = lock.withLock { () -> CheckedContinuation<Void, Never>? in
            fired = true
            defer { waiting = nil }
            return waiting
        }
        continuation?.resume()
    }
}

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

    @Option(name: .customLong("base-url"), help: "Override site.yaml's baseURL; its path is kept on the preview server.")
    var baseURL: String?

    @Flag(name: .long, help: "Include articles with draft: true.")
    var drafts = false

    @Flag(name: .long, help: "Include articles dated in the future.")
    var future = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        var options = BuildOptions(sourceRoot: source.sourceURL, now: Date())
        options.baseURL = baseURL
        options.includeDrafts = drafts
        options.includeFuture = future
        let printer = DiagnosticPrinter(sourceRoot: options.sourceRoot)
        if !["127.0.0.1", "::1", "localhost"].contains(bind) {
            printer.line("warning: serving on \(bind): other machines on the network can read the preview, drafts included")
        }
        let server: PreviewServer
        let listening: UInt16
        do {
            server = try PreviewServer(bind: bind == "localhost" ? "127.0.0.1" : bind, port: UInt16(port))
            listening = try await server.start()
        } catch {
            printer.line("error: cannot listen on \(bind) port \(port): \(error)")
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
            while true {
                let changed = watcher.next()
                let started = DispatchTime.now().uptimeNanoseconds
                let work = preview.update(changed: changed, now: Date())
                server.serve(preview)
                let ms = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
                Self.report(preview, printer: printer)
                switch work {
                case .failed: Self.say("Rebuild failed: still serving the last good site (\(changed.sorted().joined(separator: ", ")))")
                case .everything: Self.say(String(format: "Rebuilt everything in %.0f ms", ms))
                case .articles(let rendered, let lists):
                    Self.say(String(format: "Rebuilt in %.0f ms: %d article%@, %d other file%@ (%@)", ms, rendered, rendered == 1 ? "" : "s", lists, lists == 1 ? "" : "s", changed.sorted().joined(separator: ", ")))
                }
            }
        }
        thread.start()
        await Self.interrupted()
        await server.stop()
        Self.say("Stopped.")
    }

    static func report(_ preview: PreviewSite, printer: DiagnosticPrinter) {
        printer.print(preview.diagnostics.filter { $0.severity != .note })
    }

    /// A line on standard output at once, also when it is a pipe.
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Returns on Ctrl-C or SIGTERM.
    static func interrupted() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let once = SignalOnce(continuation)
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { once.fire() }
                source.resume()
                once.keep(source)
            }
        }
    }
}

/// Resumes a continuation on the first signal only, keeping the signal sources alive.
private final class SignalOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Void, Never>?
    private var sources: [any DispatchSourceSignal] = []

    init(_ continuation: CheckedContinuation<Void, Never>) { self.continuation = continuation }

    func keep(_ source: any DispatchSourceSignal) { lock.withLock { sources.append(source) } }

    func fire() {
        let waiting = lock.withLock { () -> CheckedContinuation<Void, Never>? in
            defer { continuation = nil }
            return continuation
        }
        waiting?.resume()
    }
}

import ArgumentParser
import BantinKit
import Foundation

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site into the output folder (public/ by default).",
        discussion: "The output is replaced in one step only when the whole build succeeded; on any error it is left untouched.")

    @OptionGroup var source: SourceOptions

    @Option(name: .long, help: "Output folder (default: public/ under the source).")
    var output: String?

    @OptionGroup var publishing: PublishingOptions

    @Flag(name: .customLong("relative-links"), help: "Make every internal link relative, so the site also works opened from disk.")
    var relativeLinks = false

    @Flag(name: .long, help: "Replace an output folder that Bantin did not create.")
    var force = false

    @Flag(name: .long, help: "Fail (exit 1, output untouched) on warnings too.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Also print notes.")
    var verbose = false

    func run() throws {
        let started = Date()
        var options = BuildOptions(sourceRoot: source.sourceURL, now: started)
        options.output = output.map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL }
        publishing.apply(to: &options)
        options.relativeLinks = relativeLinks ? true : nil
        options.force = force
        options.homeDirectory = ProcessInfo.processInfo.environment["HOME"].map { URL(fileURLWithPath: $0) }
        if ProcessInfo.processInfo.environment["BANTIN_TRACE"] == "1" {
            StageTrace.begin()
            options.trace = StageTrace.print
        }
        let printer = DiagnosticPrinter(sourceRoot: options.sourceRoot)
        do {
            options.strict = strict
            let report = try SiteBuilder.build(options)
            if !quiet { printer.print(report.warnings.filter { verbose || $0.severity != .note }) }
            if !quiet {
                let seconds = Date().timeIntervalSince(started)
                let f = report.files
                print("Built \(report.articles) articles, \(report.pages) pages, \(report.communesWithArticles) communes in \(String(format: "%.2f", seconds)) s "
                    + "(files: \(f.added) added, \(f.changed) changed, \(f.removed) removed, \(f.unchanged) unchanged)")
            }
        } catch {
            let onlyWarnings = !error.diagnostics.contains { $0.severity == .error }
            printer.print(error.diagnostics.filter { !quiet || onlyWarnings ? $0.severity != .note || verbose : $0.severity == .error })
            let errors = error.diagnostics.filter { $0.severity == .error }.count
            let warnings = error.diagnostics.filter { $0.severity == .warning }.count
            let why = errors > 0 ? "\(errors) error\(errors == 1 ? "" : "s")" : "\(warnings) warning\(warnings == 1 ? "" : "s") with --strict"
            printer.line("Build failed: \(why); the output folder was not changed.")
            throw ExitCode(1)
        }
    }
}

/// `BANTIN_TRACE=1 site build` prints when each stage ends, for profiling: wall time since the
/// process started, CPU time of all threads (work done in parallel shows as CPU > wall), and the
/// peak memory so far (Linux's VmHWM).
enum StageTrace {
    private static let start = DispatchTime.now().uptimeNanoseconds

    static func begin() { _ = start }

    @Sendable static func print(_ stage: BuildStage) {
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        var cpu = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu)
        let cpuMs = Double(cpu.tv_sec) * 1e3 + Double(cpu.tv_nsec) / 1e6
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let peak = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }.map { $0.dropFirst(6).trimmingCharacters(in: .whitespaces) } ?? "?"
        FileHandle.standardError.write(Data(String(format: "[trace] %8.1f ms  %8.1f ms CPU  peak %@  %@\n", ms, cpuMs, peak, stage.rawValue).utf8))
    }
}

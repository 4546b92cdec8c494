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

    @Option(name: .customLong("base-url"), help: "Override site.yaml's baseURL, e.g. https://example.gov.vn/bantin/.")
    var baseURL: String?

    @Flag(name: .long, help: "Include articles with draft: true.")
    var drafts = false

    @Flag(name: .long, help: "Include articles dated in the future.")
    var future = false

    @Flag(name: .customLong("relative-links"), help: "Make every internal link relative, so the site also works opened from disk.")
    var relativeLinks = false

    @Flag(name: .long, help: "Replace an output folder that Bantin did not create.")
    var force = false

    @Flag(name: .long, help: "Fail (exit 1, output untouched) on warnings too.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Also print notes, and how many article pages were rendered or reused.")
    var verbose = false

    func run() throws {
        let started = Date()
        var options = BuildOptions(sourceRoot: source.sourceURL, now: started)
        options.output = output.map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL }
        options.baseURL = baseURL
        options.includeDrafts = drafts
        options.includeFuture = future
        options.relativeLinks = relativeLinks ? true : nil
        options.force = force
        options.homeDirectory = ProcessInfo.processInfo.environment["HOME"].map { URL(fileURLWithPath: $0) }
        let printer = DiagnosticPrinter(sourceRoot: options.sourceRoot)
        do {
            options.strict = strict
            let report = try SiteBuilder.build(options)
            PhaseTrace.mark("build returned")
            if !quiet { printer.print(report.warnings.filter { verbose || $0.severity != .note }) }
            if !quiet {
                let seconds = Date().timeIntervalSince(started)
                let f = report.files
                print("Built \(report.articles) articles, \(report.pages) pages, \(report.communesWithArticles) communes in \(String(format: "%.2f", seconds)) s "
                    + "(files: \(f.added) added, \(f.changed) changed, \(f.removed) removed, \(f.unchanged) unchanged)")
                if verbose { print("\(report.articlesRendered) article pages rendered, \(report.articles - report.articlesRendered) reused from the build cache") }
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

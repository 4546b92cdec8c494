import ArgumentParser
import BantinKit
import Foundation

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the whole site and report every problem, without writing anything.",
        discussion: "Also compares the communes each article's text names with its 'communes:' list.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var source: SourceOptions

    @Option(name: .long, help: "text (compiler-style lines) or json (an array of objects).")
    var format: Format = .text

    @Flag(name: .long, help: "Exit with status 1 on warnings too.")
    var strict = false

    func run() throws {
        let options = BuildOptions(sourceRoot: source.sourceURL, now: Date())
        let report = SiteChecker.check(options)
        let printer = DiagnosticPrinter(sourceRoot: options.sourceRoot)
        let errors = report.diagnostics.filter { $0.severity == .error }.count
        let warnings = report.diagnostics.filter { $0.severity == .warning }.count
        switch format {
        case .text:
            printer.print(report.diagnostics)
            print("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s") in \(report.articles) article\(report.articles == 1 ? "" : "s")")
        case .json:
            print(printer.json(report.diagnostics))
        }
        if errors > 0 || (strict && warnings > 0) { throw ExitCode(1) }
    }
}

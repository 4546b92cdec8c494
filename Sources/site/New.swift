import ArgumentParser
import BantinKit
import Foundation

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start an article: write content/YYYY/MM/<slug>.md, a draft dated now, and print its path.",
        discussion: "An existing file is never overwritten. Communes are checked against the gazetteer as of today.")

    // Every word, so that a title starting with '-' ("-Tin nhanh") is a title, not options.
    @Argument(parsing: .allUnrecognized, help: "The article's title, in quotes (words without quotes are joined with spaces).")
    var title: [String] = []

    @Option(name: .long, help: "The communes it is about, separated by commas, e.g. \"Hùng Lợi, Hà Giang 1\".")
    var communes: String = ""

    @OptionGroup var source: SourceOptions

    func validate() throws {
        // A mistyped option (`--draft`, `--commune=…`) would otherwise end up in the title.
        if !CommandLine.arguments.contains("--"), let option = title.first(where: Self.looksLikeOption) {
            throw ValidationError("Unknown option '\(option)' (the options are --communes and --source). A title that starts with '-' goes after '--': site new -- \"\(option) …\"")
        }
    }

    func run() throws {
        let options = BuildOptions(sourceRoot: source.sourceURL, now: Date())
        let printer = DiagnosticPrinter(sourceRoot: options.sourceRoot)
        do {
            let (draft, warnings) = try NewArticle.write(title: title.joined(separator: " "), communes: communes, options: options)
            printer.print(warnings)
            print(printer.path(draft.path))
        } catch {
            printer.print(error.diagnostics)
            printer.line("No article written.")
            throw ExitCode(1)
        }
    }

    /// `-x`, `--name` or `--name=value`: ASCII letters, digits and dashes after one or two dashes.
    static func looksLikeOption(_ word: String) -> Bool {
        let name = word.drop { $0 == "-" }.prefix { $0 != "=" }
        let dashes = word.count - word.drop { $0 == "-" }.count
        guard (1...2).contains(dashes), let first = name.first, first.isASCII, first.isLetter else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }
}

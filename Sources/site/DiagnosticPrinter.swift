import BantinKit
import Foundation

/// Prints diagnostics to standard error, with paths as the user can open them from where they ran the command.
struct DiagnosticPrinter {
    let prefix: String
    let color: Bool

    init(sourceRoot: URL) {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        let root = sourceRoot.standardizedFileURL.path
        if root == cwd {
            prefix = ""
        } else if root.hasPrefix(cwd + "/") {
            prefix = String(root.dropFirst(cwd.count + 1)) + "/"
        } else {
            prefix = root + "/"
        }
        color = isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    func print(_ diagnostics: [Diagnostic]) {
        for var diagnostic in diagnostics {
            if let location = diagnostic.location { diagnostic.location?.file = path(location.file) }
            line(diagnostic.formatted(color: color))
        }
    }

    /// `[{"file", "line", "column", "severity", "code", "message", "hint"}]`, for editors and CI.
    func json(_ diagnostics: [Diagnostic]) -> String {
        struct Entry: Encodable {
            let file: String?, line: Int?, column: Int?
            let severity: String, code: String, message: String, hint: String?
        }
        let entries = diagnostics.map {
            Entry(file: $0.location.map { path($0.file) }, line: $0.location?.line, column: $0.location?.column,
                  severity: $0.severity.rawValue, code: $0.code.rawValue, message: $0.message, hint: $0.hint)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(entries)) ?? Data("[]".utf8), as: UTF8.self)
    }

    /// A path of the site's folder as the user can open it; an option of the command line
    /// (`--communes`, where a diagnostic points into its text) as it is.
    func path(_ relative: String) -> String {
        relative.hasPrefix("--") ? relative : prefix + relative
    }

    func line(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

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
            if let location = diagnostic.location { diagnostic.location?.file = prefix + location.file }
            line(diagnostic.formatted(color: color))
        }
    }

    func line(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

import Foundation

/// A place in a source file: the path as shown to the user (relative to the site), 1-based line and column.
public struct SourceLocation: Sendable, Hashable, Comparable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 1, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// One problem found in the site's input, with where it is and how to fix it.
public struct Diagnostic: Error, Sendable, Hashable {
    public enum Severity: String, Sendable, Comparable {
        case error, warning, note

        private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var severity: Severity
    public var code: DiagnosticCode
    public var message: String
    public var hint: String?
    public var location: SourceLocation?

    public init(_ severity: Severity, _ code: DiagnosticCode, _ message: String, hint: String? = nil, at location: SourceLocation?) {
        self.severity = severity
        self.code = code
        self.message = message
        self.hint = hint
        self.location = location
    }

    public static func error(_ code: DiagnosticCode, _ message: String, hint: String? = nil, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.error, code, message, hint: hint, at: location)
    }

    public static func warning(_ code: DiagnosticCode, _ message: String, hint: String? = nil, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.warning, code, message, hint: hint, at: location)
    }
}

/// The stages of a build, in their order.
public enum BuildStage: String, Sendable {
    case settings, content, model, render, publish
}

/// Thrown when a stage found errors: carries every diagnostic found so far, warnings included,
/// and the stage that stopped.
public struct DiagnosticsError: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public var stage: BuildStage

    public init(_ diagnostics: [Diagnostic], stage: BuildStage) {
        self.diagnostics = diagnostics
        self.stage = stage
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, line and column so that output is stable whatever order the work ran in.
    public func sortedForDisplay() -> [Diagnostic] {
        sorted { a, b in
            switch (a.location, b.location) {
            case let (l?, r?) where l != r: return l < r
            case (nil, _?): return true
            case (_?, nil): return false
            default: return (a.severity, a.code.rawValue, a.message) < (b.severity, b.code.rawValue, b.message)
            }
        }
    }
}

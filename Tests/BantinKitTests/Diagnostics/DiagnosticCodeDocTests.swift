import Foundation
import Testing
@testable import BantinKit

/// The diagnostics table users read names exactly the codes Bantin can print.
@Suite struct DiagnosticCodeDocTests {
    /// The document with the table, from the repository root.
    static let documentPath = "docs/diagnostics.md"

    /// Codes in backticks in the first column of the table under `## Codes`.
    static func documentedCodes() throws -> [String] {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent(documentPath), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex { $0 == "## Codes" }, "no '## Codes' in \(documentPath)")
        let section = lines[(start + 1)...].prefix { !$0.hasPrefix("## ") }
        return section.filter { $0.hasPrefix("| `") }.flatMap { row in
            row.split(separator: "|")[0].split(separator: "`", omittingEmptySubsequences: false).enumerated()
                .filter { $0.offset % 2 == 1 }.map { String($0.element) }
        }
    }

    @Test func theTableNamesEveryCodeOnce() throws {
        let documented = try Self.documentedCodes()
        let codes = Set(DiagnosticCode.allCases.map(\.rawValue))
        #expect(codes.subtracting(documented).sorted() == [], "codes missing from \(Self.documentPath)")
        #expect(Set(documented).subtracting(codes).sorted() == [], "documented codes that do not exist")
        #expect(documented.count == Set(documented).count, "a code documented twice")
    }
}

import Foundation
import Testing
@testable import BantinKit

/// The sample site's gazetteer, read from the repository as the site loader reads it.
enum RealGazetteer {
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // Gazetteer
        .deletingLastPathComponent()   // BantinKitTests
        .deletingLastPathComponent()   // Tests
        .deletingLastPathComponent()   // package root
        .appendingPathComponent("content/communes.yaml")

    struct NotLoaded: Error { let diagnostics: [Diagnostic] }

    /// Read and parsed once for all tests (the file is large enough for this to matter).
    private static let cached = Result { () throws -> (Gazetteer, [Diagnostic]) in
        let data = try Data(contentsOf: url)
        let text: String
        switch SourceText.decode(data, file: Gazetteer.path) {
        case .success(let t): text = t
        case .failure(let d): throw d
        }
        let (gazetteer, diagnostics) = Gazetteer.load(text: text, file: Gazetteer.path)
        guard let gazetteer else { throw NotLoaded(diagnostics: diagnostics) }
        return (gazetteer, diagnostics)
    }

    static func load() throws -> (Gazetteer, [Diagnostic]) {
        try cached.get()
    }
}

/// Builds an inline gazetteer; the text is NFC-normalised first, as the loader's input is.
func inlineGazetteer(_ yaml: String) throws -> Gazetteer {
    let (gazetteer, diagnostics) = Gazetteer.load(text: yaml.nfc, file: "content/communes.yaml")
    #expect(diagnostics.isEmpty, "unexpected: \(diagnostics.map { $0.formatted() })")
    return try #require(gazetteer)
}

extension Gazetteer {
    func commune(code: String) throws -> Commune {
        try #require(communes.first { $0.code == code }, "no commune with code \(code)")
    }
}

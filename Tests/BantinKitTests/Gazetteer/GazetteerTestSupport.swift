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
        let root = url.deletingLastPathComponent().deletingLastPathComponent()
        let (gazetteer, diagnostics) = Gazetteer.load(text: text, file: Gazetteer.path) { path in
            (try? Data(contentsOf: root.appendingPathComponent(path))).map { SourceText.decode($0, file: path) }
        }
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

extension Day {
    /// A day of the 2023 map, which the tests written before the 2025 reform are about.
    static let in2023 = Day(year: 2023, month: 6, day: 1)
    static let in2026 = Day(year: 2026, month: 3, day: 10)
}

extension CommuneResolver {
    func resolve(_ entry: String) -> Resolution { resolve(entry, on: .in2023) }
    func unambiguousName(_ commune: Commune) -> String { unambiguousName(commune, on: .in2023) }
}

extension MentionDetector {
    func mentions(in text: String) -> [Mention] { mentions(in: text, on: .in2023) }
}

/// The units of the first map (Tuyên Quang, 2023) of the real gazetteer, as the tests written
/// before the 2025 reform knew it.
struct Gazetteer2023 {
    let districts: [District]
    let communes: [Commune]
    private let all: Gazetteer

    init(_ gazetteer: Gazetteer) {
        all = gazetteer
        let districts = Array(gazetteer.districts.prefix { $0.province == "Tuyên Quang" })
        self.districts = districts
        communes = gazetteer.communes.filter { ($0.districtID ?? .max) < districts.count && $0.since == nil }
    }

    func district(of commune: Commune) -> District? { all.district(of: commune) }

    func commune(code: String) throws -> Commune {
        try #require(communes.first { $0.code == code }, "no commune with code \(code)")
    }
}

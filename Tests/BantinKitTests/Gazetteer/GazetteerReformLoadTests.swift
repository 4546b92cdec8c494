import Foundation
import Testing
@testable import BantinKit

/// Small inline gazetteers of several maps (`maps:`), read through `Gazetteer.load(text:file:read:)`:
/// the errors of reform maps, located in the file and on the line that causes them, and the
/// spans, successors and slugs of a clean one.
@Suite struct GazetteerReformLoadTests {
    static let entryFile = "content/communes.yaml"
    static let oldFile = "content/communes/old-2023.yaml"
    static let reformFile = "content/communes/reform-2025.yaml"

    static let entry = """
    province: Tuyên Quang
    maps:
      - communes/old-2023.yaml
      - communes/reform-2025.yaml
    """

    static let old2023 = """
    province: Tuyên Quang
    districts:
      - name: Yên Sơn
        kind: huyện
        code: "073"
        communes:
          - { name: Hùng Lợi, kind: xã, code: "02455" }
          - { name: Trung Minh, kind: xã, code: "02440" }
          - { name: Thái Bình, kind: xã, code: "02494" }
      - name: Tuyên Quang
        kind: thành phố
        code: "070"
        communes:
          - { name: Nông Tiến, kind: phường, code: "02212" }
          - { name: Tân Quang, kind: phường, code: "02206" }
    """

    /// Loads `entry` with the maps in `files` (paths from the site's root); the texts are NFC first.
    static func load(_ files: [String: String], entry: String = entry) -> (Gazetteer?, [Diagnostic]) {
        Gazetteer.load(text: entry.nfc, file: entryFile) { path in files[path].map { .success($0.nfc) } }
    }

    static func load(reform: String) -> (Gazetteer?, [Diagnostic]) {
        load([oldFile: old2023, reformFile: reform])
    }

    /// The 1-based line of the first line of `text` containing `marker`.
    static func line(of marker: String, in text: String) -> Int {
        let lines = text.nfc.split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex { $0.contains(marker.nfc) } ?? -1) + 1
    }

    /// The one diagnostic, an error, with its code and location.
    static func single(_ diagnostics: [Diagnostic], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Diagnostic {
        try #require(diagnostics.count == 1, "\(diagnostics.map { $0.formatted() })", sourceLocation: sourceLocation)
        #expect(diagnostics[0].severity == .error, sourceLocation: sourceLocation)
        return diagnostics[0]
    }

    // MARK: Errors

    @Test("a former unit no earlier map has: gazetteer-successor at its line of the reform map")
    func unknownFormerUnit() throws {
        let reform = """
        effective: 2025-07-01
        resolution: "1684/NQ-UBTVQH15"
        communes:
          - name: Hùng Lợi
            kind: xã
            code: "02455"
            formerly:
              - { name: Hùng Lợi, kind: xã, district: Yên Sơn, code: "02455" }
              - { name: Trung Mính, kind: xã, district: Yên Sơn }
        """
        let (g, diagnostics) = Self.load(reform: reform)
        let d = try Self.single(diagnostics)
        #expect(d.code == .gazetteerSuccessor)
        #expect(d.location?.file == Self.reformFile)
        #expect(d.location?.line == Self.line(of: "Trung Mính", in: reform))
        #expect(d.message.contains("Trung Mính"), "\(d.message)")
        // The rest still loads: the other former unit ended.
        let hungLoi = try #require(g?.communes.first { $0.name == "Hùng Lợi" && $0.districtID != nil })
        #expect(hungLoi.until == Day(year: 2025, month: 6, day: 30))
    }

    @Test("a former unit in the wrong district is not found either")
    func formerUnitInWrongDistrict() throws {
        let reform = """
        effective: 2025-07-01
        communes:
          - name: Hùng Lợi
            kind: xã
            code: "09999"
            formerly:
              - { name: Hùng Lợi, kind: xã, district: Hàm Yên }
        """
        let d = try Self.single(Self.load(reform: reform).1)
        #expect(d.code == .gazetteerSuccessor)
        #expect(d.location?.file == Self.reformFile)
        #expect(d.location?.line == Self.line(of: "district: Hàm Yên", in: reform))
    }

    @Test("a unit ended twice without split: gazetteer-overlap at the second entry")
    func endedTwice() throws {
        let reform = """
        effective: 2025-07-01
        communes:
          - name: Hùng Lợi
            kind: xã
            code: "02455"
            formerly:
              - { name: Hùng Lợi, kind: xã, district: Yên Sơn }
          - name: Trung Minh
            kind: xã
            code: "02440"
            formerly:
              - { name: Trung Minh, kind: xã, district: Yên Sơn }
              - { name: Hùng Lợi, kind: xã, district: Yên Sơn, code: "02455" }
        """
        let d = try Self.single(Self.load(reform: reform).1)
        #expect(d.code == .gazetteerOverlap)
        #expect(d.location?.file == Self.reformFile)
        #expect(d.location?.line == Self.line(of: "code: \"02455\" }", in: reform))
        #expect(d.message.contains("Hùng Lợi") && d.message.contains("30/06/2025"), "\(d.message)")
    }

    @Test("split: part whose other: unit does not list it: gazetteer-split at the split entry")
    func splitNotListedByTheOther() throws {
        let reform = """
        effective: 2025-07-01
        communes:
          - name: Thái Bình
            kind: xã
            code: "02494"
            formerly:
              - { name: Thái Bình, kind: xã, district: Yên Sơn, split: part, other: phường Nông Tiến }
          - name: Nông Tiến
            kind: phường
            code: "02212"
            formerly:
              - { name: Nông Tiến, kind: phường, district: Tuyên Quang }
        """
        let d = try Self.single(Self.load(reform: reform).1)
        #expect(d.code == .gazetteerSplit)
        #expect(d.location?.file == Self.reformFile)
        #expect(d.location?.line == Self.line(of: "split: part", in: reform))
        #expect(d.message.contains("Nông Tiến"), "\(d.message)")
    }

    @Test("split: part whose other: is not a unit of the map: gazetteer-split")
    func splitOtherUnknown() throws {
        let reform = """
        effective: 2025-07-01
        communes:
          - name: Thái Bình
            kind: xã
            code: "02494"
            formerly:
              - { name: Thái Bình, kind: xã, district: Yên Sơn, split: part, other: phường Nông Tiên }
        """
        let d = try Self.single(Self.load(reform: reform).1)
        #expect(d.code == .gazetteerSplit)
        #expect(d.location?.file == Self.reformFile)
        #expect(d.location?.line == Self.line(of: "split: part", in: reform))
    }

    @Test("a split share without other: is an error too")
    func splitWithoutOther() throws {
        let reform = """
        effective: 2025-07-01
        communes:
          - name: Thái Bình
            kind: xã
            code: "02494"
            formerly:
              - { name: Thái Bình, kind: xã, district: Yên Sơn, split: part }
        """
        let diagnostics = Self.load(reform: reform).1
        let split = try #require(diagnostics.first { $0.code == .gazetteerSplit }, "\(diagnostics.map { $0.formatted() })")
        #expect(split.location?.file == Self.reformFile)
        #expect(split.location?.line == Self.line(of: "split: part", in: reform))
    }

    @Test("two units of one name and kind in force at once without district: duplicate-commune")
    func duplicateCommuneWithoutDistrict() throws {
        let reform = """
        effective: 2025-07-01
        communes:
          - name: Hùng Lợi
            kind: xã
            code: "02455"
            formerly:
              - { name: Hùng Lợi, kind: xã, district: Yên Sơn }
          - name: Hùng Lợi
            kind: xã
            code: "02440"
            formerly:
              - { name: Trung Minh, kind: xã, district: Yên Sơn }
        """
        let d = try Self.single(Self.load(reform: reform).1)
        #expect(d.code == .duplicateCommune)
        #expect(d.location?.file == Self.reformFile)
        #expect(d.location?.line == Self.line(of: "code: \"02440\"", in: reform) - 2)
        #expect(d.hint?.contains("line \(Self.line(of: "- name: Hùng Lợi", in: reform))") == true, "\(d.hint ?? "")")
    }

    @Test("a phường and a xã of one name at once are not duplicates")
    func sameNameOtherKind() throws {
        let reform = """
        effective: 2025-07-01
        communes:
          - name: Tân Quang
            kind: xã
            code: "02455"
            formerly:
              - { name: Hùng Lợi, kind: xã, district: Yên Sơn }
          - name: Tân Quang
            kind: phường
            code: "02206"
            formerly:
              - { name: Tân Quang, kind: phường, district: Tuyên Quang }
        """
        let (g, diagnostics) = Self.load(reform: reform)
        #expect(diagnostics.isEmpty, "\(diagnostics.map { $0.formatted() })")
        let slugs = try #require(g).communes.filter { $0.since != nil }.map(\.slug)
        #expect(slugs == ["xa-tan-quang", "phuong-tan-quang"])
    }

    @Test("a code of two units at once: duplicate-code; reused after the first ended: fine")
    func duplicateCode() throws {
        let reform = """
        effective: 2025-07-01
        communes:
          - name: Hùng Lợi
            kind: xã
            code: "02440"
            formerly:
              - { name: Hùng Lợi, kind: xã, district: Yên Sơn }
              - { name: Trung Minh, kind: xã, district: Yên Sơn }
          - name: Minh Xuân
            kind: phường
            code: "02212"
            formerly:
              - { name: Tân Quang, kind: phường, district: Tuyên Quang }
          - name: Nông Tiến
            kind: phường
            code: "02212"
            formerly:
              - { name: Nông Tiến, kind: phường, district: Tuyên Quang }
        """
        // 02440 was Trung Minh's until 30/06/2025 and is Hùng Lợi's after: no error for it.
        // 02212 was Nông Tiến's; from 01/07/2025 two units have it.
        let d = try Self.single(Self.load(reform: reform).1)
        #expect(d.code == .duplicateCode)
        #expect(d.message.contains("02212"), "\(d.message)")
        #expect(d.location?.file == Self.reformFile)
        #expect(d.location?.line == Self.line(of: "- name: Nông Tiến", in: reform) + 2, "at the code")
    }

    @Test("a code used twice inside one district map: duplicate-code, pointing at the first")
    func duplicateCodeInOneMap() throws {
        let old = Self.old2023.replacingOccurrences(of: "{ name: Trung Minh, kind: xã, code: \"02440\" }", with: "{ name: Trung Minh, kind: xã, code: \"02455\" }")
        let reform = """
        effective: 2025-07-01
        communes:
          - name: Hùng Lợi
            kind: xã
            code: "02455"
            formerly:
              - { name: Hùng Lợi, kind: xã, district: Yên Sơn }
              - { name: Trung Minh, kind: xã, district: Yên Sơn }
        """
        let d = try Self.single(Self.load([Self.oldFile: old, Self.reformFile: reform]).1)
        #expect(d.code == .duplicateCode)
        #expect(d.location?.file == Self.oldFile)
        #expect(d.location?.line == Self.line(of: "Trung Minh", in: old))
        #expect(d.hint?.contains("line \(Self.line(of: "Hùng Lợi", in: old))") == true, "\(d.hint ?? "")")
    }

    @Test("a map that does not exist: an error at its line of the entry file")
    func missingMap() throws {
        let (g, diagnostics) = Self.load([Self.oldFile: Self.old2023])
        let d = try Self.single(diagnostics)
        #expect(d.code == .gazetteer)
        #expect(d.location?.file == Self.entryFile)
        #expect(d.location?.line == Self.line(of: "reform-2025.yaml", in: Self.entry))
        #expect(d.message.contains("communes/reform-2025.yaml"), "\(d.message)")
        #expect(d.hint?.contains(Self.reformFile) == true, "\(d.hint ?? "")")
        // The map that exists is read.
        #expect(g?.communes.count == 5)
    }

    @Test("a map that cannot be read: the reader's diagnostic")
    func unreadableMap() throws {
        let problem = Diagnostic.error(.invalidUTF8, "not UTF-8", at: SourceLocation(file: Self.reformFile))
        let (_, diagnostics) = Gazetteer.load(text: Self.entry.nfc, file: Self.entryFile) { path in
            path == Self.oldFile ? .success(Self.old2023.nfc) : .failure(problem)
        }
        #expect(diagnostics == [problem])
    }

    @Test("a map path with .. or starting with / is refused before it is read", arguments: ["../secret.yaml", "communes/../../x.yaml", "/etc/communes.yaml", "./communes/old-2023.yaml"])
    func mapOutsideContent(path: String) throws {
        let entry = """
        province: Tuyên Quang
        maps:
          - communes/old-2023.yaml
          - \(path)
        """
        var asked: [String] = []
        let (g, diagnostics) = Gazetteer.load(text: entry.nfc, file: Self.entryFile) { file in
            asked.append(file)
            return file == Self.oldFile ? .success(Self.old2023.nfc) : nil
        }
        #expect(asked == [Self.oldFile])
        let d = try Self.single(diagnostics)
        #expect(d.code == .gazetteer)
        #expect(d.location?.file == Self.entryFile)
        #expect(d.location?.line == 4)
        #expect(d.message.contains("outside"), "\(d.message)")
        #expect(g?.communes.count == 5)
    }

    @Test("a reform map without effective: is an error")
    func reformWithoutEffectiveDay() throws {
        let reform = """
        effective: 1/7/2025
        communes:
          - name: Hùng Lợi
            kind: xã
            code: "02455"
            formerly:
              - { name: Hùng Lợi, kind: xã, district: Yên Sơn }
        """
        let diagnostics = Self.load(reform: reform).1
        let d = try #require(diagnostics.first, "no diagnostic")
        #expect(d.code == .gazetteer)
        #expect(d.location?.file == Self.reformFile)
        #expect(d.location?.line == 1)
    }
}

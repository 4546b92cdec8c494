import Foundation
import Testing
@testable import BantinKit

/// What a review of the two-eras change found: each case failed before its fix.
@Suite struct GazetteerReviewTests {
    typealias Maps = GazetteerReformLoadTests

    static let reform2025 = """
    province: Tuyên Quang
    effective: 2025-07-01
    communes:
      - name: Hùng Lợi
        kind: xã
        code: "02455"
        formerly:
          - { name: Hùng Lợi, kind: xã, district: Yên Sơn }
          - { name: Trung Minh, kind: xã, district: Yên Sơn }
    """

    static let reform2027 = """
    province: Tuyên Quang
    effective: 2027-06-01
    communes:
      - name: Hùng Trung
        kind: xã
        code: "02456"
        formerly:
          - { name: Hùng Lợi, kind: xã }
    """

    static let threeMaps = """
    province: Tuyên Quang
    maps:
      - communes/old-2023.yaml
      - communes/reform-2025.yaml
      - communes/reform-2027.yaml
    """

    static func three() throws -> Gazetteer {
        let (g, diagnostics) = Maps.load([Maps.oldFile: Maps.old2023, Maps.reformFile: reform2025, "content/communes/reform-2027.yaml": reform2027], entry: threeMaps)
        #expect(diagnostics.isEmpty, "\(diagnostics.map { $0.formatted() })")
        return try #require(g)
    }

    @Test("after a second reform, a name no unit has that day is the unit that ended last before it")
    func secondReformNames() throws {
        let g = try Self.three()
        let resolver = CommuneResolver(g)
        let day = Day(year: 2027, month: 7, day: 1)
        guard case .found(let id) = resolver.resolve("Hùng Lợi", on: day) else { Issue.record("not found"); return }
        #expect(g.communes[id].since == Day(year: 2025, month: 7, day: 1), "the 2025 unit, not the 2023 one")
        #expect(resolver.eraWarning(id, on: day, at: Optional<BantinKit.SourceLocation>.none)?.message.contains("xã Hùng Trung") == true)
        // Before the first map's units were formed nothing is older: the first unit formed after.
        #expect(resolver.resolve("Hùng Trung", on: Day(year: 2020, month: 1, day: 1)) == .found(g.communes.firstIndex { $0.name == "Hùng Trung" }!))
    }

    @Test("the commune index shows the units in force on the build's day, not those of a reform announced ahead")
    func indexByBuildDay() throws {
        let site = try TestSite([
            "content/communes.yaml": Self.threeMaps,
            "content/communes/old-2023.yaml": Maps.old2023,
            "content/communes/reform-2025.yaml": Self.reform2025,
            "content/communes/reform-2027.yaml": Self.reform2027,
            "content/2026/01/a.md": article("title: Tin Hùng Lợi\ndate: \"2026-01-10\"\ncommunes: [Hùng Lợi]"),
        ])
        defer { site.cleanUp() }
        try site.build { $0.now = Date(timeIntervalSince1970: 1_796_083_200) }
        let index = try site.read("dia-phuong/index.html")
        let former = try #require(index.range(of: "Đơn vị hành chính trước đây"))
        let hungLoi = try #require(index.range(of: ">xã Hùng Lợi</a>"))
        #expect(hungLoi.lowerBound < former.lowerBound, "today's xã Hùng Lợi is listed first")
        #expect(!index.contains("xã Hùng Trung"), "a unit formed in 2027 is not listed in 2026")
        #expect(index.contains("1 nơi đã có tin bài"))
    }

    @Test("a unit tagged from the text gets former-commune at build time, and 'xã' does not find a phường")
    func taggedMentions() throws {
        let site = try TestSite([
            "site.yaml": TestSite.defaultConfig + "\ncommunes:\n  detect: tag\n",
            "content/communes.yaml": Maps.entry,
            "content/communes/old-2023.yaml": Maps.old2023,
            "content/communes/reform-2025.yaml": Self.reform2025,
            "content/2026/01/a.md": article("title: Tin cũ\ndate: \"2026-01-10\"", body: "Tại xã Trung Minh (huyện Yên Sơn) và xã Nông Tiến hôm qua."),
        ])
        defer { site.cleanUp() }
        let report = try site.build { $0.now = Date(timeIntervalSince1970: 1_796_083_200) }
        #expect(report.warnings.map(\.code) == [.formerCommune], "\(report.warnings.map { $0.formatted() })")
        #expect(report.warnings.first?.location?.line == 6, "the body's line")
        let page = try site.read("2026/01/tin-cu/index.html")
        #expect(page.contains("dia-phuong/yen-son/trung-minh/"))
        #expect(!page.contains("nong-tien"), "phường Nông Tiến is not 'xã Nông Tiến'")
    }

    @Test("hostile maps are located errors", arguments: [
        ("maps: []\n", "'maps:' names no map"),
        ("maps:\n  - communes/old-2023.yaml\n  - communes/old-2023.yaml\n", "is named twice"),
    ])
    func hostileEntry(maps: String, message: String) throws {
        let (_, diagnostics) = Maps.load([Maps.oldFile: Maps.old2023], entry: "province: Tuyên Quang\n" + maps)
        #expect(diagnostics.contains { $0.severity == .error && $0.message.contains(message) && $0.location?.file == Maps.entryFile }, "\(diagnostics.map { $0.formatted() })")
    }

    @Test("hostile reform maps are located errors", arguments: [
        // A unit that lists itself as formed between the maps: its own successor.
        ("      - { name: Hùng Lợi, kind: xã, code: \"02455\", since: 2025-07-01 }\n", "must have been formed before this map"),
        ("      - { name: Thái Bình, kind: xã, district: Yên Sơn, split: part, other: xã Hùng Lợi }\n      - { name: Thái Bình, kind: xã, district: Yên Sơn, split: rest, other: xã Hùng Lợi }\n", "must go to another unit"),
    ])
    func hostileReform(extra: String, message: String) throws {
        let (_, diagnostics) = Maps.load(reform: Self.reform2025 + "\n" + extra)
        #expect(diagnostics.contains { $0.severity == .error && $0.message.contains(message) && $0.location?.file == Maps.reformFile }, "\(diagnostics.map { $0.formatted() })")
    }

    @Test("maps out of date order, and codes that are not digits, are located errors")
    func orderAndCodes() throws {
        let entry = "province: Tuyên Quang\nmaps:\n  - communes/old-2023.yaml\n  - communes/reform-2027.yaml\n  - communes/reform-2025.yaml\n"
        let (_, diagnostics) = Maps.load([Maps.oldFile: Maps.old2023, Maps.reformFile: Self.reform2025, "content/communes/reform-2027.yaml": Self.reform2027.replacingOccurrences(of: "Hùng Lợi", with: "Trung Minh")], entry: entry)
        #expect(diagnostics.contains { $0.message.contains("not after the map before it") && $0.location?.file == Maps.reformFile }, "\(diagnostics.map { $0.formatted() })")
        let badCode = Maps.old2023.replacingOccurrences(of: "\"02440\"", with: "\"1\\\"><b>x</b>\"")
        let (_, codeDiagnostics) = Maps.load([Maps.oldFile: badCode, Maps.reformFile: Self.reform2025])
        #expect(codeDiagnostics.contains { $0.message.contains("is not a GSO code") && $0.location?.file == Maps.oldFile && $0.location?.line == Maps.line(of: "Trung Minh", in: badCode) }, "\(codeDiagnostics.map { $0.formatted() })")
    }
}

import Foundation
import Testing
@testable import BantinKit

/// A clean gazetteer of three maps (2023, the 2025 reform with a split, a 2027 reform): spans,
/// successors, slugs and resolution in each era.
extension GazetteerReformLoadTests {
    static let reform2025 = """
    effective: 2025-07-01
    resolution: "1684/NQ-UBTVQH15"
    communes:
      - name: Hùng Lợi
        kind: xã
        code: "02455"
        formerly:
          - { name: Hùng Lợi, kind: xã, district: Yên Sơn, code: "02455" }
          - { name: Trung Minh, kind: xã, district: Yên Sơn }
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
          - { name: Thái Bình, kind: xã, district: Yên Sơn, split: rest, other: xã Thái Bình }
      - name: Tân Quang
        kind: xã
        code: "02206"
        formerly:
          - { name: Tân Quang, kind: phường, district: Tuyên Quang }
    """

    static let reform2027 = """
    effective: 2027-01-01
    resolution: "99/NQ-TEST"
    communes:
      - name: Hùng Lợi
        kind: xã
        code: "02455"
        formerly:
          - { name: Hùng Lợi, kind: xã }
          - { name: Thái Bình, kind: xã }
    """

    static let threeMapsEntry = """
    province: Tuyên Quang
    maps:
      - communes/old-2023.yaml
      - communes/reform-2025.yaml
      - communes/reform-2027.yaml
    """

    static func loadThreeMaps() -> (Gazetteer?, [Diagnostic]) {
        load([oldFile: old2023, reformFile: reform2025, "content/communes/reform-2027.yaml": reform2027], entry: threeMapsEntry)
    }

    /// The three maps; their diagnostics are checked apart (`secondReformAfterASplitIsClean`).
    static func clean() throws -> Gazetteer {
        try #require(loadThreeMaps().0)
    }

    @Test("the first two maps, with a split, load without diagnostics")
    func twoMapsAreClean() throws {
        let (g, diagnostics) = Self.load(reform: Self.reform2025)
        #expect(diagnostics.isEmpty, "\(diagnostics.map { $0.formatted() })")
        let gazetteer = try #require(g)
        #expect(gazetteer.communes.count == 9)
        #expect(gazetteer.changeDays == [Day(year: 2025, month: 7, day: 1)])
    }

    /// PRODUCT BUG: `checkSplits(newUnits:)` runs over every unit's splits after each reform map,
    /// so the splits of the 2025 map are checked again against the units of the 2027 map and
    /// reported as "the other share of xã Thái Bình, "phường Nông Tiến", is not a unit of this map"
    /// (at reform-2025.yaml:14 and :20). A second reform map after one with a split cannot load cleanly.
    @Test("a second reform map after a map with a split loads without diagnostics")
    func secondReformAfterASplitIsClean() throws {
        let (g, diagnostics) = Self.loadThreeMaps()
        #expect(g != nil)
        #expect(diagnostics.isEmpty, "\(diagnostics.map { $0.formatted() })")
    }

    @Test("three maps: spans, successors, predecessors and change days")
    func cleanSpans() throws {
        let g = try Self.clean()
        #expect(g.communes.count == 5 + 4 + 1)
        #expect(g.communes.map(\.id) == Array(g.communes.indices))
        let labels = g.communes.map { "\($0.label)|\($0.since?.vietnamese ?? "-")|\($0.until?.vietnamese ?? "-")" }
        #expect(labels == [
            "xã Hùng Lợi|-|30/06/2025", "xã Trung Minh|-|30/06/2025", "xã Thái Bình|-|30/06/2025",
            "phường Nông Tiến|-|30/06/2025", "phường Tân Quang|-|30/06/2025",
            "xã Hùng Lợi|01/07/2025|31/12/2026", "xã Thái Bình|01/07/2025|31/12/2026",
            "phường Nông Tiến|01/07/2025|-", "xã Tân Quang|01/07/2025|-",
            "xã Hùng Lợi|01/01/2027|-",
        ])
        #expect(g.changeDays == [Day(year: 2025, month: 7, day: 1), Day(year: 2027, month: 1, day: 1)])
        #expect(g.epoch(of: .in2023) == 0)
        #expect(g.epoch(of: Day(year: 2025, month: 6, day: 30)) == 0)
        #expect(g.epoch(of: Day(year: 2025, month: 7, day: 1)) == 1)
        #expect(g.epoch(of: Day(year: 2026, month: 12, day: 31)) == 1)
        #expect(g.epoch(of: Day(year: 2027, month: 1, day: 1)) == 2)

        #expect(g.communes[0].successors == [Succession(id: 5, part: false)])
        #expect(g.communes[1].successors == [Succession(id: 5, part: false)])
        #expect(Set(g.communes[2].successors) == [Succession(id: 6, part: true), Succession(id: 7, part: true)])
        #expect(g.communes[3].successors == [Succession(id: 7, part: false)])
        #expect(g.communes[4].successors == [Succession(id: 8, part: false)])
        #expect(g.communes[5].successors == [Succession(id: 9, part: false)])
        #expect(g.communes[6].successors == [Succession(id: 9, part: false)])
        #expect(g.communes[7].successors.isEmpty && g.communes[9].successors.isEmpty)
        #expect(g.communes[0].endedBy == "1684/NQ-UBTVQH15")
        #expect(g.communes[5].endedBy == "99/NQ-TEST")
        #expect(g.communes[7].endedBy == nil)

        #expect(g.predecessors[5].map(\.id).sorted() == [0, 1])
        #expect(Set(g.predecessors[7]) == [Succession(id: 3, part: false), Succession(id: 2, part: true)])
        #expect(g.predecessors[9].map(\.id).sorted() == [5, 6])
        #expect(g.predecessors[0].isEmpty)
        // Through both reforms; old Thái Bình only in part.
        let former = g.formerUnits(of: 9)
        #expect(Set(former.map(\.id)) == [5, 6, 0, 1, 2])
        #expect(former.first { $0.id == 2 }?.part == true)
        #expect(former.first { $0.id == 0 }?.part == false)
        #expect(g.successors(of: 0, on: Day(year: 2026, month: 1, day: 1)) == [Succession(id: 5, part: false)])
        #expect(g.successors(of: 0, on: Day(year: 2027, month: 6, day: 1)) == [Succession(id: 9, part: false)])
        #expect(Set(g.successors(of: 2, on: Day(year: 2026, month: 1, day: 1))) == [Succession(id: 6, part: true), Succession(id: 7, part: true)])
        // Old Thái Bình's share in xã Thái Bình went on into the 2027 xã Hùng Lợi.
        #expect(Set(g.successors(of: 2, on: Day(year: 2027, month: 6, day: 1))) == [Succession(id: 9, part: true), Succession(id: 7, part: true)])

        #expect(g.describe(0) == "xã Hùng Lợi (huyện Yên Sơn)")
        #expect(g.describe(5) == "xã Hùng Lợi (since 01/07/2025)")
        #expect(g.place(of: g.communes[5]) == nil)
    }

    @Test("three maps: slugs by district, by kind, and with a suffix when a folder is taken")
    func cleanSlugs() throws {
        let g = try Self.clean()
        #expect(g.communes.map(\.slug) == [
            "yen-son/hung-loi", "yen-son/trung-minh", "yen-son/thai-binh", "tuyen-quang/nong-tien", "tuyen-quang/tan-quang",
            "xa-hung-loi", "xa-thai-binh", "phuong-nong-tien", "xa-tan-quang",
            "xa-hung-loi-02455",
        ])
        #expect(g.communes.allSatisfy { $0.slug.split(separator: "/").allSatisfy { Slug.isSafe(String($0)) } })
        let paths = g.communes.map(SitePaths.commune)
        #expect(Set(paths).count == paths.count)
    }

    @Test("the resolver finds each era's unit in the three-map gazetteer")
    func cleanResolution() throws {
        let g = try Self.clean()
        let r = CommuneResolver(g)
        #expect(r.resolve("Hùng Lợi", on: .in2023) == .found(0))
        #expect(r.resolve("Hùng Lợi", on: Day(year: 2026, month: 1, day: 1)) == .found(5))
        #expect(r.resolve("Hùng Lợi", on: Day(year: 2027, month: 1, day: 1)) == .found(9))
        #expect(r.resolve("02455", on: Day(year: 2026, month: 12, day: 31)) == .found(5))
        #expect(r.resolve("Tân Quang", on: Day(year: 2026, month: 1, day: 1)) == .found(8))
        #expect(r.resolve("phường Tân Quang", on: Day(year: 2026, month: 1, day: 1)) == .found(4))
        #expect(r.resolve("Trung Minh", on: Day(year: 2026, month: 1, day: 1)) == .found(1))
        let warning = try #require(r.eraWarning(1, on: Day(year: 2027, month: 6, day: 1), at: nil))
        #expect(warning.code == .formerCommune)
        #expect(warning.message.contains("01/07/2025"), "\(warning.message)")
        #expect(warning.message.contains("on 01/06/2027 it is part of xã Hùng Lợi"), "\(warning.message)")
    }
}

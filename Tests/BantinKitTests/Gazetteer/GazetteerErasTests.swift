import Foundation
import Testing
@testable import BantinKit

/// The real gazetteer over time: the 2023 maps of Tuyên Quang and Hà Giang, the 2024 Hồng Sơn
/// merger and the reform of 1 July 2025; and the resolver choosing units by the article's day.
@Suite struct GazetteerErasTests {
    static let jan2026 = Day(year: 2026, month: 1, day: 1)

    var g: Gazetteer { get throws { try RealGazetteer.load().0 } }
    var resolver: CommuneResolver { get throws { try CommuneResolver(g) } }

    /// The one unit with this name and kind whose district is `district` (nil: a unit without district).
    func unit(_ label: String, district: String?, province: String = "Tuyên Quang", since: Day? = nil) throws -> Commune {
        let g = try self.g
        let (kind, name) = PlaceName.stripKind(label, kinds: PlaceName.communeKinds)
        let found = g.communes.filter {
            $0.name == name && $0.kind == kind && g.district(of: $0)?.name == district && $0.province == province
                && (since == nil || $0.since == since)
        }
        try #require(found.count == 1, "\(label) (\(district ?? "no district")): \(found.count) units")
        return found[0]
    }

    func found(_ entry: String, on day: Day) throws -> Commune {
        let g = try self.g
        let resolution = try resolver.resolve(entry, on: day)
        guard case .found(let id) = resolution else {
            Issue.record("\"\(entry)\" on \(day.vietnamese): \(resolution)")
            throw Unresolved()
        }
        return g.communes[id]
    }

    struct Unresolved: Error {}

    // MARK: Counts

    @Test("the real gazetteer loads without diagnostics")
    func noDiagnostics() throws {
        let (_, diagnostics) = try RealGazetteer.load()
        #expect(diagnostics.isEmpty, "\(diagnostics.map { $0.formatted() })")
    }

    @Test("124 units in force on 1 January 2026: 117 xã and 7 phường, none with a district")
    func countsIn2026() throws {
        let units = try g.communes.filter { $0.isInForce(on: Self.jan2026) }
        #expect(units.count == 124)
        #expect(units.filter { $0.kind == "xã" }.count == 117)
        #expect(units.filter { $0.kind == "phường" }.count == 7)
        #expect(units.filter { $0.kind == "thị trấn" }.isEmpty)
        #expect(units.allSatisfy { $0.districtID == nil && $0.province == "Tuyên Quang" && $0.until == nil })
        #expect(units.allSatisfy { $0.since == Day(year: 2025, month: 7, day: 1) })
    }

    @Test("on 1 June 2023: 138 units of Tuyên Quang and 193 of Hà Giang, all in districts")
    func countsIn2023() throws {
        let units = try g.communes.filter { $0.isInForce(on: .in2023) }
        #expect(units.filter { $0.province == "Tuyên Quang" }.count == 138)
        #expect(units.filter { $0.province == "Hà Giang" }.count == 193)
        #expect(units.count == 138 + 193)
        #expect(units.allSatisfy { $0.districtID != nil })
        // None of them is in force after the reform.
        #expect(units.allSatisfy { !$0.isInForce(on: Self.jan2026) })
    }

    // MARK: Resolving by the article's day

    @Test("Hùng Lợi: the old xã of huyện Yên Sơn in 2023, the new xã in 2026, with their own pages")
    func hungLoiAcrossEras() throws {
        let g = try self.g
        let old = try found("Hùng Lợi", on: .in2023)
        let new = try found("Hùng Lợi", on: .in2026)
        #expect(g.district(of: old)?.name == "Yên Sơn")
        #expect(old.until == Day(year: 2025, month: 6, day: 30))
        #expect(new.districtID == nil && new.since == Day(year: 2025, month: 7, day: 1) && new.until == nil)
        #expect(old.id != new.id)
        #expect(SitePaths.commune(old) == "dia-phuong/yen-son/hung-loi/")
        #expect(SitePaths.commune(new) == "dia-phuong/xa-hung-loi/")
        #expect(try found("xã Hùng Lợi", on: .in2026).id == new.id)
        #expect(try found("Hùng Lợi (Yên Sơn)", on: .in2026).id == old.id)
        #expect(old.successors == [Succession(id: new.id, part: false)])
    }

    @Test("units of former Hà Giang are found by their 2026 names")
    func haGiangUnitsIn2026() throws {
        let haGiang1 = try found("phường Hà Giang 1", on: .in2026)
        #expect(haGiang1.name == "Hà Giang 1" && haGiang1.kind == "phường" && haGiang1.districtID == nil)
        #expect(SitePaths.commune(haGiang1) == "dia-phuong/phuong-ha-giang-1/")
        let lungCu = try found("xã Lũng Cú", on: .in2026)
        #expect(lungCu.name == "Lũng Cú" && lungCu.districtID == nil && lungCu.until == nil)
        let oldLungCu = try found("xã Lũng Cú", on: .in2023)
        #expect(try g.district(of: oldLungCu)?.name == "Đồng Văn" && oldLungCu.province == "Hà Giang")
        #expect(oldLungCu.id != lungCu.id)
        // Hà Giang 2 is another unit.
        #expect(try found("phường Hà Giang 2", on: .in2026).id != haGiang1.id)
    }

    @Test("Tân Quang in 2026: the new xã; phường Tân Quang: the ended phường, merged into Minh Xuân")
    func tanQuangIn2026() throws {
        let g = try self.g
        let r = try resolver
        let xa = try found("Tân Quang", on: .in2026)
        #expect(xa.kind == "xã" && xa.districtID == nil && xa.until == nil)
        #expect(r.eraWarning(xa.id, on: .in2026, at: nil) == nil)

        let phuong = try found("phường Tân Quang", on: .in2026)
        #expect(phuong.kind == "phường" && g.district(of: phuong)?.name == "Tuyên Quang")
        #expect(phuong.until == Day(year: 2025, month: 6, day: 30))
        let warning = try #require(r.eraWarning(phuong.id, on: .in2026, at: nil))
        #expect(warning.code == .formerCommune)
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("phường Minh Xuân"), "\(warning.message)")
        #expect(warning.message.contains("01/07/2025"), "\(warning.message)")
        #expect(warning.message.contains("1684/NQ-UBTVQH15"), "\(warning.message)")
        #expect(warning.hint?.contains("Minh Xuân") == true, "\(warning.hint ?? "")")
    }

    @Test("Tân Quang in 2023: the newsroom's own phường; with (Bắc Quang): Hà Giang's xã")
    func tanQuangIn2023() throws {
        let g = try self.g
        let own = try found("Tân Quang", on: .in2023)
        #expect(own.kind == "phường" && own.province == "Tuyên Quang" && own.code == "02206")
        let haGiang = try found("Tân Quang (Bắc Quang)", on: .in2023)
        #expect(haGiang.kind == "xã" && haGiang.province == "Hà Giang" && g.district(of: haGiang)?.name == "Bắc Quang")
        #expect(try found("xã Tân Quang", on: .in2023).id == haGiang.id)
        #expect(try resolver.eraWarning(own.id, on: .in2023, at: nil) == nil)
        // Hà Giang's xã Tân Quang became the new xã Tân Quang.
        let new = try found("Tân Quang", on: .in2026)
        #expect(haGiang.successors.map(\.id) == [new.id])
        #expect(try g.place(of: haGiang) == "huyện Bắc Quang, Hà Giang")
    }

    @Test("old xã Thái Bình was split between the new xã Thái Bình and phường Nông Tiến")
    func thaiBinhSplit() throws {
        let g = try self.g
        let old = try unit("xã Thái Bình", district: "Yên Sơn")
        let newXa = try unit("xã Thái Bình", district: nil)
        let nongTien = try unit("phường Nông Tiến", district: nil)
        #expect(Set(old.successors) == [Succession(id: newXa.id, part: true), Succession(id: nongTien.id, part: true)])
        #expect(g.predecessors[newXa.id].contains(Succession(id: old.id, part: true)))
        #expect(g.predecessors[nongTien.id].contains(Succession(id: old.id, part: true)))
        let warning = try #require(try resolver.eraWarning(old.id, on: .in2026, at: nil))
        #expect(warning.code == .formerCommune)
        #expect(warning.message.contains("was split on 01/07/2025 between"), "\(warning.message)")
        #expect(warning.message.contains("xã Thái Bình") && warning.message.contains("phường Nông Tiến"), "\(warning.message)")
        #expect(warning.message.contains("huyện Yên Sơn"), "\(warning.message)")
        // In 2026 the name finds the new xã.
        #expect(try found("Thái Bình", on: .in2026).id == newXa.id)
        #expect(try found("Thái Bình", on: .in2023).id == old.id)
    }

    @Test("old xã Kim Phú was split between phường Mỹ Lâm and phường Minh Xuân")
    func kimPhuSplit() throws {
        let old = try unit("xã Kim Phú", district: "Tuyên Quang")
        let myLam = try unit("phường Mỹ Lâm", district: nil)
        let minhXuan = try unit("phường Minh Xuân", district: nil)
        #expect(Set(old.successors) == [Succession(id: myLam.id, part: true), Succession(id: minhXuan.id, part: true)])
        let warning = try #require(try resolver.eraWarning(old.id, on: .in2026, at: nil))
        #expect(warning.message.contains("was split on 01/07/2025 between"), "\(warning.message)")
        #expect(warning.message.contains("phường Mỹ Lâm") && warning.message.contains("phường Minh Xuân"), "\(warning.message)")
        // Kim Phú has no unit of that name after the reform: the old one, with the warning.
        let resolved = try found("Kim Phú", on: .in2026)
        #expect(resolved.id == old.id)
    }

    @Test("the Hồng Sơn chain: Vân Sơn and Hồng Lạc into the interim xã Hồng Sơn (2024), then the new xã")
    func hongSonChain() throws {
        let g = try self.g
        let vanSon = try unit("xã Vân Sơn", district: "Sơn Dương")
        let hongLac = try unit("xã Hồng Lạc", district: "Sơn Dương")
        let interim = try unit("xã Hồng Sơn", district: "Sơn Dương")
        let new = try unit("xã Hồng Sơn", district: nil)
        let aug31 = Day(year: 2024, month: 8, day: 31)
        #expect(vanSon.until == aug31 && hongLac.until == aug31)
        #expect(vanSon.successors == [Succession(id: interim.id, part: false)])
        #expect(hongLac.successors == [Succession(id: interim.id, part: false)])
        #expect(vanSon.endedBy == "1106/NQ-UBTVQH15" && hongLac.endedBy == "1106/NQ-UBTVQH15")
        #expect(interim.since == Day(year: 2024, month: 9, day: 1))
        #expect(interim.until == Day(year: 2025, month: 6, day: 30))
        #expect(interim.successors == [Succession(id: new.id, part: false)])
        #expect(interim.endedBy == "1684/NQ-UBTVQH15")
        #expect(new.since == Day(year: 2025, month: 7, day: 1) && new.until == nil)
        // Every change day of the chain is a change day of the gazetteer.
        #expect(g.changeDays.contains(Day(year: 2024, month: 9, day: 1)))
        #expect(g.changeDays.contains(Day(year: 2025, month: 7, day: 1)))
        #expect(g.epoch(of: Day(year: 2024, month: 8, day: 31)) != g.epoch(of: Day(year: 2024, month: 9, day: 1)))
        #expect(g.epoch(of: Day(year: 2024, month: 9, day: 1)) == g.epoch(of: Day(year: 2025, month: 6, day: 30)))

        let october = Day(year: 2024, month: 10, day: 1)
        let resolved = try found("Vân Sơn", on: october)
        #expect(resolved.id == vanSon.id)
        let warning = try #require(try resolver.eraWarning(vanSon.id, on: october, at: nil))
        #expect(warning.code == .formerCommune)
        #expect(warning.message.contains("xã Hồng Sơn"), "\(warning.message)")
        #expect(warning.message.contains("01/09/2024"), "\(warning.message)")
        #expect(warning.message.contains("1106/NQ-UBTVQH15"), "\(warning.message)")
        #expect(g.successors(of: vanSon.id, on: october).map(\.id) == [interim.id])
        #expect(g.successors(of: vanSon.id, on: .in2026).map(\.id) == [new.id])
        // Before its end, Vân Sơn is in force: no warning.
        #expect(try resolver.eraWarning(vanSon.id, on: .in2023, at: nil) == nil)

        #expect(try found("Hồng Sơn", on: Day(year: 2024, month: 12, day: 1)).id == interim.id)
        #expect(try found("Hồng Sơn", on: .in2026).id == new.id)
        // Before 1 September 2024 there was no xã Hồng Sơn yet.
        let early = try #require(try resolver.eraWarning(interim.id, on: .in2023, at: nil))
        #expect(early.code == .communeNotYet)
        #expect(early.message.contains("xã Vân Sơn") && early.message.contains("xã Hồng Lạc"), "\(early.message)")

        let former = Set(g.formerUnits(of: new.id).map(\.id))
        #expect(former.isSuperset(of: [interim.id, vanSon.id, hongLac.id]))
        #expect(g.predecessors[new.id].map(\.id).contains(interim.id))
        #expect(!g.predecessors[new.id].map(\.id).contains(vanSon.id))
        // Pages: the interim and the new unit do not share a folder.
        #expect(SitePaths.commune(interim) == "dia-phuong/son-duong/hong-son/")
        #expect(SitePaths.commune(new) == "dia-phuong/xa-hong-son/")
    }

    @Test("a reused code finds the unit of the day: 02215 was phường Ỷ La, is phường Minh Xuân")
    func reusedCodes() throws {
        let yLa = try found("02215", on: .in2023)
        #expect(yLa.label == "phường Ỷ La")
        let minhXuan = try found("02215", on: .in2026)
        #expect(minhXuan.label == "phường Minh Xuân" && minhXuan.districtID == nil)
        #expect(yLa.id != minhXuan.id)
        // The old phường Minh Xuân had its own code.
        #expect(try found("phường Minh Xuân", on: .in2023).code == "02203")
    }

    @Test("other spellings: Khâu Tinh is the old xã Khau Tinh")
    func akaSpellings() throws {
        let g = try self.g
        let khau = try found("Khâu Tinh", on: .in2023)
        #expect(khau.name == "Khau Tinh" && khau.kind == "xã" && g.district(of: khau)?.name == "Na Hang")
        #expect(khau.aka.contains("Khâu Tinh"))
        #expect(try found("xã Khâu Tinh", on: .in2023).id == khau.id)
        #expect(try found("Khau Tinh", on: .in2023).id == khau.id)
    }

    @Test("every unit in force on a day has its own page folder")
    func pathsUniqueAcrossEras() throws {
        let g = try self.g
        let paths = g.communes.map(SitePaths.commune)
        #expect(Set(paths).count == g.communes.count)
        #expect(paths.allSatisfy { $0.hasPrefix("dia-phuong/") && $0.hasSuffix("/") })
        for day in [Day.in2023, Day(year: 2024, month: 12, day: 1), .in2026] {
            let units = g.communes.filter { $0.isInForce(on: day) }
            // Names in force on one day do not collide within a district (or among the units without one).
            let keys = units.map { "\($0.districtID ?? -1) \($0.label)" }
            #expect(Set(keys).count == keys.count, "\(day.vietnamese)")
        }
    }
}

import Foundation
import Testing
@testable import BantinKit

@Suite("Gazetteer.load")
struct GazetteerLoadTests {
    // MARK: The sample site's gazetteer

    @Test("the real gazetteer loads cleanly: Tuyên Quang's 7 districts and 138 communes of 2023 first")
    func realCounts() throws {
        let (all, diagnostics) = try RealGazetteer.load()
        #expect(diagnostics.isEmpty, "\(diagnostics.map { $0.formatted() })")
        #expect(all.province == "Tuyên Quang")
        #expect(all.districts.count == 7 + 11)
        let g = Gazetteer2023(all)
        #expect(g.communes.count == 138)
        #expect(g.districts.map(\.name) == ["Tuyên Quang", "Lâm Bình", "Na Hang", "Chiêm Hóa", "Hàm Yên", "Yên Sơn", "Sơn Dương"])
        #expect(g.districts.map(\.slug) == ["tuyen-quang", "lam-binh", "na-hang", "chiem-hoa", "ham-yen", "yen-son", "son-duong"])
        #expect(g.districts.map(\.label).first == "thành phố Tuyên Quang")
        // Header of the file: 10 phường, 6 thị trấn, 122 xã.
        #expect(g.communes.filter { $0.kind == "phường" }.count == 10)
        #expect(g.communes.filter { $0.kind == "thị trấn" }.count == 6)
        #expect(g.communes.filter { $0.kind == "xã" }.count == 122)
    }

    @Test("ids are indices, districts are assigned in file order, codes are unique")
    func realStructure() throws {
        let (all, _) = try RealGazetteer.load()
        #expect(all.communes.map(\.id) == Array(all.communes.indices))
        let g = Gazetteer2023(all)
        #expect(g.communes.map { $0.districtID! } == g.communes.map { $0.districtID! }.sorted())
        #expect(Set(g.communes.map(\.code)).count == 138)
        #expect(g.communes.allSatisfy { $0.code.count == 5 && $0.code.allSatisfy(\.isNumber) })
        let phanThiet = try g.commune(code: "02200")
        #expect(phanThiet.name == "Phan Thiết" && phanThiet.kind == "phường" && phanThiet.id == 0)
        #expect(g.district(of: phanThiet)!.name == "Tuyên Quang")
        let hungLoi = try g.commune(code: "02455")
        #expect(hungLoi.label == "xã Hùng Lợi")
        #expect(g.district(of: hungLoi)!.label == "huyện Yên Sơn")
    }

    @Test("every commune slug is a safe segment, unique within its district")
    func realSlugsUnique() throws {
        let (g, _) = try RealGazetteer.load()
        for district in g.districts.indices {
            let slugs = g.communes.filter { $0.districtID == district }.map(\.slug)
            #expect(Set(slugs).count == slugs.count, "duplicate slug in \(g.districts[district].name)")
        }
        #expect(g.communes.allSatisfy { $0.slug.split(separator: "/").allSatisfy { Slug.isSafe(String($0)) } && $0.slug == $0.slug.lowercased() })
        #expect(try g.commune(code: "02572").slug == "son-duong/dong-tho")
        #expect(try g.commune(code: "02215").slug == "tuyen-quang/y-la")
    }

    @Test("every commune page path is unique across the province")
    func realPagePathsUnique() throws {
        let (g, _) = try RealGazetteer.load()
        let paths = g.communes.map { SitePaths.commune($0) }
        #expect(Set(paths).count == g.communes.count)
        #expect(paths.allSatisfy { $0.hasPrefix("dia-phuong/") && $0.hasSuffix("/") })
    }

    @Test("Tân Thành (Hàm Yên) and Tân Thanh (Sơn Dương) get different pages")
    func tanThanhPages() throws {
        let (g, _) = try RealGazetteer.load()
        let thanh = try g.commune(code: "02401")
        let thanhNoTone = try g.commune(code: "02590")
        #expect(thanh.name == "Tân Thành" && g.district(of: thanh)!.name == "Hàm Yên")
        #expect(thanhNoTone.name == "Tân Thanh" && g.district(of: thanhNoTone)!.name == "Sơn Dương")
        let a = SitePaths.commune(thanh)
        let b = SitePaths.commune(thanhNoTone)
        #expect(a == "dia-phuong/ham-yen/tan-thanh/")
        #expect(b == "dia-phuong/son-duong/tan-thanh/")
        #expect(a != b)
        #expect(SitePaths.communeFeed(thanh) == "dia-phuong/ham-yen/tan-thanh/rss.xml")
    }

    // MARK: Inline gazetteers

    @Test("communes whose names slugify alike in one district get distinct slugs")
    func slugCollisionInDistrict() throws {
        let g = try inlineGazetteer("""
        province: Thử
        districts:
          - name: Hàm Yên
            kind: huyện
            code: "074"
            communes:
              - { name: Tân Thành, kind: xã, code: "02401" }
              - { name: Tân Thanh, kind: xã, code: "02402" }
              - { name: Tân Thạnh, kind: xã, code: "02403" }
        """)
        let slugs = g.communes.map(\.slug)
        #expect(slugs[0] == "ham-yen/tan-thanh")
        #expect(Set(slugs).count == 3)
        #expect(slugs.allSatisfy { $0.hasPrefix("ham-yen/tan-thanh") && $0.split(separator: "/").allSatisfy { Slug.isSafe(String($0)) } })
        let paths = Set(g.communes.map { SitePaths.commune($0) })
        #expect(paths.count == 3)
    }

    @Test("districts whose names slugify alike get distinct slugs")
    func districtSlugCollision() throws {
        let g = try inlineGazetteer("""
        province: Thử
        districts:
          - { name: Yên Sơn, kind: huyện, code: "075", communes: [{ name: Kim Phú, kind: xã, code: "00001" }] }
          - { name: Yên Sơn, kind: thành phố, code: "099", communes: [{ name: Kim Phú, kind: phường, code: "00002" }] }
        """)
        #expect(g.districts[0].slug == "yen-son")
        #expect(g.districts[1].slug != "yen-son")
        #expect(Slug.isSafe(g.districts[1].slug))
        let paths = g.communes.map { SitePaths.commune($0) }
        #expect(paths[0] != paths[1])
    }

    // MARK: Errors

    static let header = "province: Thử\ndistricts:\n"

    @Test("a code used twice is a duplicate-code error at the second use, pointing to the first")
    func duplicateCode() {
        let yaml = Self.header + """
          - name: Hàm Yên
            kind: huyện
            code: "074"
            communes:
              - { name: Tân Yên, kind: thị trấn, code: "02374" }
              - { name: Yên Thuận, kind: xã, code: "02377" }
          - name: Yên Sơn
            kind: huyện
            code: "075"
            communes:
              - { name: Quý Quân, kind: xã, code: "02374" }
        """
        let (_, diagnostics) = Gazetteer.load(text: yaml, file: "content/communes.yaml")
        let d = diagnostics.filter { $0.code == .duplicateCode }
        #expect(d.count == 1, "got \(diagnostics.map { $0.formatted() })")
        #expect(d.first?.severity == .error)
        #expect(d.first?.location?.line == 13)
        #expect(d.first?.message.contains("02374") == true)
        #expect(d.first?.hint?.contains("line 7") == true, "hint: \(d.first?.hint ?? "nil")")
        #expect(diagnostics.count == 1)
    }

    @Test("communes listed at the top level, outside any district, are an error")
    func communesOutsideDistrict() {
        let yaml = """
        province: Thử
        communes:
          - { name: Hùng Lợi, kind: xã, code: "02455" }
        districts:
          - { name: Yên Sơn, kind: huyện, code: "075", communes: [{ name: Kim Quan, kind: xã, code: "02476" }] }
        """
        let (_, diagnostics) = Gazetteer.load(text: yaml, file: "content/communes.yaml")
        let d = diagnostics.first { $0.message.contains("under their district") }
        #expect(d?.severity == .error)
        #expect(d?.code == .gazetteer)
        #expect(d?.location?.line == 2)
    }

    @Test("a district without communes is an error")
    func districtWithoutCommunes() {
        let yaml = Self.header + "  - { name: Na Hang, kind: huyện, code: \"072\" }\n"
        let (_, diagnostics) = Gazetteer.load(text: yaml, file: "content/communes.yaml")
        #expect(diagnostics.contains { $0.severity == .error && $0.message.contains("no communes") && $0.location?.line == 3 })
    }

    @Test("unknown commune and district kinds are errors at the kind", arguments: [
        ("  - { name: Na Hang, kind: huyện, code: \"072\", communes: [{ name: Sinh Long, kind: làng, code: \"02227\" }] }\n", "unknown commune kind \"làng\""),
        ("  - { name: Na Hang, kind: tỉnh, code: \"072\", communes: [{ name: Sinh Long, kind: xã, code: \"02227\" }] }\n", "unknown district kind \"tỉnh\""),
    ])
    func unknownKind(line: String, message: String) {
        let (_, diagnostics) = Gazetteer.load(text: Self.header + line, file: "content/communes.yaml")
        #expect(diagnostics.count == 1, "got \(diagnostics.map { $0.formatted() })")
        #expect(diagnostics.first?.severity == .error)
        #expect(diagnostics.first?.message == message)
        #expect(diagnostics.first?.location?.line == 3)
        #expect(diagnostics.first?.hint?.contains("use one of") == true)
    }

    @Test("a commune without a code is an error")
    func communeWithoutCode() {
        let yaml = Self.header + "  - { name: Na Hang, kind: huyện, code: \"072\", communes: [{ name: Sinh Long, kind: xã }] }\n"
        let (g, diagnostics) = Gazetteer.load(text: yaml, file: "content/communes.yaml")
        #expect(diagnostics.contains { $0.severity == .error && $0.message.contains("'code'") })
        #expect(g?.communes.isEmpty == true)
    }

    @Test("a file without districts gives no gazetteer")
    func noDistricts() {
        let (g, diagnostics) = Gazetteer.load(text: "province: Thử\n", file: "content/communes.yaml")
        #expect(g == nil)
        #expect(diagnostics.contains { $0.severity == .error && $0.message.contains("districts") })
    }

    @Test("a YAML syntax error is reported with its line")
    func yamlSyntax() {
        let (g, diagnostics) = Gazetteer.load(text: Self.header + "  - name: Na Hang\n   kind: huyện\n", file: "content/communes.yaml")
        #expect(g == nil)
        #expect(diagnostics.map(\.code) == [.yamlSyntax])
        #expect(diagnostics.first?.location?.line == 4, "got \(diagnostics.map { $0.formatted() })")
    }
}

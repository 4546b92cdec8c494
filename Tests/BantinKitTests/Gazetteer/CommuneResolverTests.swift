import Foundation
import Testing
@testable import BantinKit

@Suite("CommuneResolver")
struct CommuneResolverTests {
    static func real() throws -> CommuneResolver {
        CommuneResolver(try RealGazetteer.load().0)
    }

    static func found(_ resolver: CommuneResolver, _ entry: String) throws -> Commune {
        let resolution = resolver.resolve(entry)
        guard case .found(let id) = resolution else {
            Issue.record("\"\(entry)\" resolved to \(resolution)")
            throw CancellationError()
        }
        return resolver.gazetteer.communes[id]
    }

    // MARK: The real gazetteer

    @Test("name, with or without kind, any case, with spaces around", arguments: [
        "Hùng Lợi", "xã Hùng Lợi", "Xã Hùng Lợi", "XÃ HÙNG LỢI", "hùng lợi", "  Hùng Lợi \t", "xã  Hùng Lợi",
    ])
    func byName(entry: String) throws {
        let c = try Self.found(try Self.real(), entry)
        #expect(c.code == "02455")
        #expect(c.name == "Hùng Lợi")
    }

    /// Pasted from Word or a web page: they look like nothing, or like a space, on screen.
    @Test("no-break spaces and zero-width characters do not stop a name from matching", arguments: [
        "Hùng\u{00A0}Lợi", "Hùng Lợi\u{200B}", "\u{FEFF}xã\u{00A0}Hùng Lợi", "Hùng\u{2009}\u{00A0}Lợi",
    ])
    func invisibleCharacters(entry: String) throws {
        #expect(try Self.found(try Self.real(), entry).name == "Hùng Lợi")
    }

    @Test("each kind word is understood", arguments: [
        ("phường Phan Thiết", "02200"), ("Phường Ỷ La", "02215"), ("thị trấn Lăng Can", "02266"), ("Thị trấn Na Hang", "02221"), ("Thị Trấn Vĩnh Lộc", "02287"),
    ])
    func kinds(entry: String, code: String) throws {
        #expect(try Self.found(try Self.real(), entry).code == code)
    }

    @Test("the wrong kind word does not match")
    func wrongKind() throws {
        let resolver = try Self.real()
        guard case .unknown(let suggestions) = resolver.resolve("phường Hùng Lợi") else {
            Issue.record("expected unknown, got \(resolver.resolve("phường Hùng Lợi"))")
            return
        }
        // The right commune is still offered.
        #expect(suggestions.first.map { resolver.gazetteer.communes[$0].code } == "02455")
    }

    @Test("a district in brackets or after a comma narrows the search", arguments: [
        "Tân Thành (Hàm Yên)", "Tân Thành (huyện Hàm Yên)", "Tân Thành ( Huyện Hàm Yên )", "xã Tân Thành (Hàm Yên)",
        "Tân Thành, huyện Hàm Yên", "Tân Thành (074)",
    ])
    func withDistrict(entry: String) throws {
        let c = try Self.found(try Self.real(), entry)
        #expect(c.code == "02401")
    }

    @Test("a commune that is not in the named district is unknown")
    func wrongDistrict() throws {
        let resolver = try Self.real()
        guard case .unknown = resolver.resolve("Hùng Lợi (Sơn Dương)") else {
            Issue.record("expected unknown, got \(resolver.resolve("Hùng Lợi (Sơn Dương)"))")
            return
        }
    }

    @Test("a district that does not exist is reported as such")
    func unknownDistrict() throws {
        let resolver = try Self.real()
        #expect(resolver.resolve("Tân Thành (Yên Bình)") == .unknownDistrict("Yên Bình"))
        #expect(resolver.resolve("Tân Thành (huyện Yên Bình)") == .unknownDistrict("huyện Yên Bình"))
    }

    @Test("a comma not followed by a district kind stays part of the name")
    func commaWithoutDistrictKind() throws {
        let resolver = try Self.real()
        guard case .unknown = resolver.resolve("Tân Thành, Hàm Yên") else {
            Issue.record("expected unknown, got \(resolver.resolve("Tân Thành, Hàm Yên"))")
            return
        }
    }

    @Test("codes, with or without the leading zero", arguments: [("02200", "Phan Thiết"), ("2200", "Phan Thiết"), (" 02632 ", "Trường Sinh")])
    func byCode(entry: String, name: String) throws {
        #expect(try Self.found(try Self.real(), entry).name == name)
    }

    @Test("an unknown code has no suggestions; a district code is not a commune code")
    func unknownCode() throws {
        let resolver = try Self.real()
        #expect(resolver.resolve("99999") == .unknown(suggestions: []))
        #expect(resolver.resolve("074") == .unknown(suggestions: []))
    }

    @Test("tones are exact: Tân Thanh and Tân Thành are different communes")
    func toneExact() throws {
        let resolver = try Self.real()
        let thanh = try Self.found(resolver, "Tân Thành")
        let thanhNoTone = try Self.found(resolver, "Tân Thanh")
        #expect(thanh.code == "02401")
        #expect(thanhNoTone.code == "02590")
        #expect(thanh.id != thanhNoTone.id)
        guard case .unknown(let suggestions) = resolver.resolve("Tân Thạnh") else {
            Issue.record("Tân Thạnh should not resolve")
            return
        }
        #expect(Set(suggestions.prefix(2).map { resolver.gazetteer.communes[$0].code }) == ["02401", "02590"])
    }

    @Test("a commune named like a district resolves to the commune")
    func communeNamedLikeDistrict() throws {
        let resolver = try Self.real()
        let c = try Self.found(resolver, "Yên Sơn")
        #expect(c.code == "02473" && c.kind == "thị trấn")
        #expect(try Self.found(resolver, "Sơn Dương (Sơn Dương)").code == "02536")
    }

    @Test("NFD input resolves once normalised to NFC, as the loader does")
    func nfdInput() throws {
        let resolver = try Self.real()
        let nfd = "xã Hùng Lợi (huyện Yên Sơn)".decomposedStringWithCanonicalMapping
        #expect(Array(nfd.unicodeScalars) != Array("xã Hùng Lợi (huyện Yên Sơn)".unicodeScalars))
        #expect(try Self.found(resolver, nfd.nfc).code == "02455")
        #expect(try Self.found(resolver, "Đông Thọ".decomposedStringWithCanonicalMapping.nfc).code == "02572")
        // Swift compares and hashes String by canonical equivalence, so even raw NFD finds the commune.
        #expect(try Self.found(resolver, nfd).code == "02455")
    }

    @Test("a misspelt name suggests the nearest commune first", arguments: [
        ("Hùng Lơi", "02455"), ("Hung Loi", "02455"), ("Hùng Lọi", "02455"), ("Dong Tho", "02572"), ("Đông Thộ", "02572"), ("Luong Vuong", "02515"),
    ])
    func suggestions(entry: String, code: String) throws {
        let resolver = try Self.real()
        guard case .unknown(let suggestions) = resolver.resolve(entry) else {
            Issue.record("\"\(entry)\" should be unknown, got \(resolver.resolve(entry))")
            return
        }
        #expect(suggestions.count <= 3)
        #expect(suggestions.first.map { resolver.gazetteer.communes[$0].code } == code)
    }

    @Test("a name far from every commune has no suggestions")
    func noSuggestions() throws {
        #expect(try Self.real().resolve("Thành phố Hồ Chí Minh") == .unknown(suggestions: []))
    }

    @Test("describe and unambiguousName for a unique name")
    func describeUnique() throws {
        let resolver = try Self.real()
        let c = try Self.found(resolver, "Hùng Lợi")
        #expect(resolver.gazetteer.describe(c.id) == "xã Hùng Lợi (huyện Yên Sơn)")
        #expect(resolver.unambiguousName(c) == "Hùng Lợi")
        let thanh = try Self.found(resolver, "Tân Thành")
        #expect(resolver.unambiguousName(thanh) == "Tân Thành")
    }

    // MARK: Inline gazetteers

    static let twoDistricts = """
    province: Thử
    districts:
      - name: Hàm Yên
        kind: huyện
        code: "074"
        communes:
          - { name: Tân Thành, kind: xã, code: "10001" }
          - { name: Bạch Xa, kind: xã, code: "10002" }
      - name: Sơn Dương
        kind: huyện
        code: "076"
        communes:
          - { name: Tân Thành, kind: xã, code: "10003" }
          - { name: Đồng Tâm, kind: xã, code: "10004" }
          - { name: Đồng Tâm, kind: phường, code: "10005" }
    """

    @Test("the same name in two districts is ambiguous; the district settles it")
    func ambiguousAcrossDistricts() throws {
        let g = try inlineGazetteer(Self.twoDistricts)
        let resolver = CommuneResolver(g)
        #expect(resolver.resolve("Tân Thành") == .ambiguous(candidates: [0, 2]))
        #expect(resolver.resolve("xã Tân Thành") == .ambiguous(candidates: [0, 2]))
        #expect(resolver.resolve("Tân Thành (Hàm Yên)") == .found(0))
        #expect(resolver.resolve("Tân Thành (huyện Sơn Dương)") == .found(2))
        #expect(resolver.resolve("Tân Thành, huyện Sơn Dương") == .found(2))
        #expect(resolver.resolve("10003") == .found(2))
        #expect(resolver.unambiguousName(g.communes[0]) == "Tân Thành (Hàm Yên)")
        #expect(resolver.unambiguousName(g.communes[2]) == "Tân Thành (Sơn Dương)")
        #expect(resolver.resolve(resolver.unambiguousName(g.communes[2])) == .found(2))
    }

    @Test("the same name twice in one district is told apart by kind")
    func ambiguousWithinDistrict() throws {
        let g = try inlineGazetteer(Self.twoDistricts)
        let resolver = CommuneResolver(g)
        #expect(resolver.resolve("Đồng Tâm") == .ambiguous(candidates: [3, 4]))
        #expect(resolver.resolve("Đồng Tâm (Sơn Dương)") == .ambiguous(candidates: [3, 4]))
        #expect(resolver.resolve("xã Đồng Tâm") == .found(3))
        #expect(resolver.resolve("phường Đồng Tâm") == .found(4))
        #expect(resolver.unambiguousName(g.communes[4]) == "phường Đồng Tâm")
        #expect(resolver.resolve(resolver.unambiguousName(g.communes[4])) == .found(4))
        #expect(resolver.resolve(resolver.unambiguousName(g.communes[3])) == .found(3))
    }

    @Test("an NFD gazetteer file, normalised by the loader's rule, matches NFC entries")
    func nfdGazetteer() throws {
        let g = try inlineGazetteer(Self.twoDistricts.decomposedStringWithCanonicalMapping)
        #expect(Array(g.communes[3].name.unicodeScalars) == Array("Đồng Tâm".unicodeScalars))
        let resolver = CommuneResolver(g)
        #expect(resolver.resolve("Bạch Xa") == .found(1))
    }
}

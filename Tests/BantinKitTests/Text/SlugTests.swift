import Testing
@testable import BantinKit

@Suite("Slug")
struct SlugTests {
    @Test("Vietnamese headlines become ASCII, dash-separated slugs", arguments: [
        ("Công an tỉnh triển khai kế hoạch bảo đảm an ninh", "cong-an-tinh-trien-khai-ke-hoach-bao-dam-an-ninh"),
        ("Đông Thọ", "dong-tho"),
        ("ĐẮK LẮK", "dak-lak"),
        ("Ỷ La", "y-la"),
        ("Lưỡng Vượng", "luong-vuong"),
        ("Xã Thượng Ấm đón Bằng khen", "xa-thuong-am-don-bang-khen"),
        ("Ngư dân Ơ Rê", "ngu-dan-o-re"),
        ("Năm 2023: 15 vụ việc", "nam-2023-15-vu-viec"),
    ])
    func vietnameseText(input: String, expected: String) {
        #expect(Slug.make(input) == expected)
    }

    @Test("punctuation, runs of separators and edges collapse to single inner dashes")
    func separators() {
        #expect(Slug.make("  «Hội nghị» – tổng kết!!  ") == "hoi-nghi-tong-ket")
        #expect(Slug.make("an---ninh___trật  tự") == "an-ninh-trat-tu")
        #expect(Slug.make("...Phòng cháy, chữa cháy...") == "phong-chay-chua-chay")
        #expect(Slug.make("Tuyên Quang/Hà Giang") == "tuyen-quang-ha-giang")
    }

    @Test("text with nothing to keep gives an empty slug")
    func emptyResults() {
        #expect(Slug.make("") == "")
        #expect(Slug.make("— … —") == "")
        #expect(Slug.make("公安") == "")
    }

    @Test("decomposed (NFD) input gives the same slug as precomposed input")
    func nfdInput() {
        let nfc = "Trường Sinh Hợp Thành"
        let nfd = nfc.decomposedStringWithCanonicalMapping
        #expect(Array(nfd.unicodeScalars) != Array(nfc.unicodeScalars))
        #expect(Slug.make(nfd) == "truong-sinh-hop-thanh")
        #expect(Slug.make(nfd) == Slug.make(nfc))
    }

    @Test("every made slug is a safe path segment", arguments: [
        "Tân Thành", "Bản tin 24/7", "Ảnh: «Cháy rừng» ở Na Hang", "a", "../../etc/passwd", "Hỏi & đáp",
    ])
    func madeSlugsAreSafe(input: String) {
        let slug = Slug.make(input)
        #expect(!slug.isEmpty)
        #expect(Slug.isSafe(slug))
        #expect(!slug.hasPrefix("-") && !slug.hasSuffix("-"))
        #expect(!slug.contains("--"))
    }

    @Test("isSafe accepts one plain ASCII segment", arguments: ["hoi-nghi-2023", "Hoi_Nghi.2023", "x", "a.b"])
    func safe(slug: String) {
        #expect(Slug.isSafe(slug))
    }

    @Test("isSafe rejects empty, dot segments, separators and non-ASCII", arguments: [
        "", ".", "..", "../x", "a/b", "a\\b", "có-dấu", "hoi nghi", "x?y", "x#y", "%2e%2e",
    ])
    func unsafe(slug: String) {
        #expect(!Slug.isSafe(slug))
    }
}

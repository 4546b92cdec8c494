import Testing
@testable import BantinKit

@Suite("Vietnamese sort order")
struct VietnameseCollationTests {
    @Test("letters follow the Vietnamese alphabet, not code-point order")
    func alphabet() {
        let shuffled = ["ư", "d", "ơ", "ê", "b", "â", "đ", "u", "o", "ă", "e", "ô", "a", "y", "c"]
        let sorted = shuffled.sortedVietnamese { $0 }
        #expect(sorted == ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "o", "ô", "ơ", "u", "ư", "y"])
        // Code-point order would put every accented letter after z; make sure we do not.
        #expect(shuffled.sorted() != sorted)
    }

    @Test("tone marks only break ties, in the order none, huyền, hỏi, ngã, sắc, nặng")
    func tones() {
        let words = ["mạ", "má", "mã", "ma", "mả", "mà"]
        #expect(words.sortedVietnamese { $0 } == ["ma", "mà", "mả", "mã", "má", "mạ"])
        // Letters decide before tones: "mạ" (letters m,a) sorts before "mac" and "mb".
        #expect(["mb", "mac", "mạ"].sortedVietnamese { $0 } == ["mạ", "mac", "mb"])
        #expect(VietnameseSortKey("Tân Thanh") < VietnameseSortKey("Tân Thành"))
        #expect(!(VietnameseSortKey("Tân Thành") < VietnameseSortKey("Tân Thanh")))
    }

    @Test("names compare syllable by syllable: a tone in the first syllable beats letters in the second")
    func syllables() {
        #expect(VietnameseSortKey("Vinh Quang") < VietnameseSortKey("Vĩnh Lộc"))
        #expect(!(VietnameseSortKey("Vĩnh Lộc") < VietnameseSortKey("Vinh Quang")))
        let names = ["Vĩnh Lợi", "Vĩnh Lộc", "Vinh Quang", "Vĩnh"]
        #expect(names.sortedVietnamese { $0 } == ["Vinh Quang", "Vĩnh", "Vĩnh Lộc", "Vĩnh Lợi"])
        // Chiêm Hóa's communes, as they appear in the commune index.
        let chiemHoa = ["Yên Nguyên", "Hòa Phú", "Hòa An", "Hà Lang", "Hùng Mỹ", "Vinh Quang", "Vĩnh Lộc", "Tân An", "Tân Mỹ", "Tân Thịnh"]
        #expect(chiemHoa.sortedVietnamese { $0 } == ["Hà Lang", "Hòa An", "Hòa Phú", "Hùng Mỹ", "Tân An", "Tân Mỹ", "Tân Thịnh", "Vinh Quang", "Vĩnh Lộc", "Yên Nguyên"])
    }

    @Test("tone on a modified vowel: ờ sorts with ơ, after ô and o")
    func toneOnModifiedVowel() {
        let words = ["ờ", "ồ", "ò", "ơ", "ô", "o"]
        #expect(words.sortedVietnamese { $0 } == ["o", "ò", "ô", "ồ", "ơ", "ờ"])
    }

    @Test("commune names sort as a Vietnamese reader expects")
    func communeNames() {
        let names = ["Ỷ La", "Đội Cấn", "Yên Sơn", "Ân Thi", "An Tường", "Dương Xá", "Đà Vị", "Ăn Ba", "An Khang", "Bình An", "Ưng Hòe", "Uyên Hưng"]
        let expected = ["An Khang", "An Tường", "Ăn Ba", "Ân Thi", "Bình An", "Dương Xá", "Đà Vị", "Đội Cấn", "Uyên Hưng", "Ưng Hòe", "Ỷ La", "Yên Sơn"]
        #expect(names.sortedVietnamese { $0 } == expected)
    }

    @Test("case does not decide before letters do")
    func caseInsensitiveLetters() {
        let words = ["bình", "An", "Cát", "ĐÔNG", "dũng"]
        #expect(words.sortedVietnamese { $0 } == ["An", "bình", "Cát", "dũng", "ĐÔNG"])
        #expect(words.sorted() != ["An", "bình", "Cát", "dũng", "ĐÔNG"])
    }

    @Test("digits sort before letters")
    func digits() {
        #expect(["Tổ 3", "an", "2023", "Tổ 12"].sortedVietnamese { $0 } == ["2023", "an", "Tổ 12", "Tổ 3"])
    }

    @Test("sortedVietnamese sorts elements by the given key")
    func byKey() {
        struct Item { let id: Int; let name: String }
        let items = [Item(id: 1, name: "Thái Sơn"), Item(id: 2, name: "Tân Yên"), Item(id: 3, name: "Thái Hòa"), Item(id: 4, name: "Bạch Xa")]
        #expect(items.sortedVietnamese(by: \.name).map(\.id) == [4, 2, 3, 1])
    }

    @Test("NFD and NFC spellings of a word give equal keys")
    func nfdEqualsNFC() {
        let nfc = "Đồng Quý"
        let nfd = nfc.decomposedStringWithCanonicalMapping
        #expect(Array(nfd.unicodeScalars).count > Array(nfc.unicodeScalars).count)
        #expect(VietnameseSortKey(nfd) == VietnameseSortKey(nfc))
        #expect(!(VietnameseSortKey(nfd) < VietnameseSortKey(nfc)))
        #expect(!(VietnameseSortKey(nfc) < VietnameseSortKey(nfd)))
        #expect(VietnameseSortKey(nfd) < VietnameseSortKey("Đồng Tâm"))
    }
}

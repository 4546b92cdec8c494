import Foundation
import Testing
@testable import BantinKit

@Suite("NFC quick check")
struct UnicodeTests {
    /// The quick check may say "maybe" too often, never too rarely: every scalar that NFC changes,
    /// alone or after a base letter, must be flagged.
    @Test("every scalar that NFC changes is flagged, alone, after a letter and deep in a text")
    func neverMissesAChange() {
        var missed: [String] = []
        // Prefixes of 7 to 17 bytes, Vietnamese or not: the scalar lands at every place of the
        // 8-byte words the check skips over.
        let prefixes = ["xxxxxxx", "xxxxxxxx", "Trường Xuân ", "Đồng Quý ư ", "abcdefghijklmnopq"]
        // No scalar above the CJK compatibility supplement (U+2FA1F) changes under NFC.
        for value in UInt32(0x80)...0x2FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let alone = String(Character(scalar))
            for text in [alone, "a" + alone] where !text.unicodeScalars.elementsEqual(text.precomposedStringWithCanonicalMapping.unicodeScalars) {
                if !text.mayNeedNFC { missed.append(String(value, radix: 16)) }
                for prefix in prefixes where !(prefix + text + " hết.").mayNeedNFC {
                    missed.append("\(prefix)+\(String(value, radix: 16))")
                }
            }
        }
        #expect(missed.isEmpty, "not flagged: \(missed.prefix(20))")
    }

    @Test("precomposed Vietnamese and ASCII pass; decomposed Vietnamese does not")
    func vietnamese() {
        let text = "Hội nghị triển khai nhiệm vụ năm 2023 tại xã Đồng Quý, Ỷ La – “Lâm Bình”"
        #expect(!text.mayNeedNFC)
        #expect(text.decomposedStringWithCanonicalMapping.mayNeedNFC)
        #expect(text.decomposedStringWithCanonicalMapping.nfc == text)
    }
}

import Foundation
import Testing
@testable import BantinKit

@Suite("SourceText.decode")
struct SourceTextTests {
    static func decoded(_ data: Data) throws -> String {
        switch SourceText.decode(data, file: "content/bai.md") {
        case .success(let text): return text
        case .failure(let d): Issue.record("unexpected diagnostic \(d.formatted())"); throw d
        }
    }

    static func failure(_ data: Data) throws -> Diagnostic {
        switch SourceText.decode(data, file: "content/bai.md") {
        case .success(let text):
            Issue.record("expected invalid-utf8, got text \(text.debugDescription)")
            throw CancellationError()
        case .failure(let d): return d
        }
    }

    @Test("plain UTF-8 passes through unchanged")
    func plain() throws {
        let text = "---\ntitle: Hội nghị\n---\nNội dung.\n"
        #expect(try Self.decoded(Data(text.utf8)) == text)
    }

    @Test("a UTF-8 byte order mark is dropped")
    func bom() throws {
        let text = try Self.decoded(Data([0xEF, 0xBB, 0xBF]) + Data("---\ntitle: Bản tin\n".utf8))
        #expect(text.hasPrefix("---"))
        #expect(text.unicodeScalars.first == "-")
        #expect(text == "---\ntitle: Bản tin\n")
    }

    @Test("CRLF and lone CR line endings become LF")
    func lineEndings() throws {
        let text = try Self.decoded(Data("dòng 1\r\ndòng 2\rdòng 3\n\r\n".utf8))
        #expect(!text.unicodeScalars.contains("\r"))
        #expect(text == "dòng 1\ndòng 2\ndòng 3\n\n")
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count == 5)
    }

    @Test("NFD text (as some editors save it) is turned into NFC")
    func nfdToNFC() throws {
        let nfc = "Xã Hùng Lợi, huyện Yên Sơn"
        let nfd = nfc.decomposedStringWithCanonicalMapping
        #expect(Array(nfd.unicodeScalars) != Array(nfc.unicodeScalars))
        let text = try Self.decoded(Data(nfd.utf8))
        // String == ignores normalisation, so compare the scalars.
        #expect(Array(text.unicodeScalars) == Array(nfc.unicodeScalars))
    }

    @Test("invalid UTF-8 after ASCII: code, line, column, bad byte and byte offset")
    func invalidAfterASCII() throws {
        // Line 3 is "ab" then the bad byte; lines 1–2 hold multi-byte letters.
        let prefix = Data("---\ntiêu đề\nab".utf8)
        let data = prefix + Data([0xFF]) + Data("cd\n".utf8)
        let d = try Self.failure(data)
        #expect(d.code == .invalidUTF8)
        #expect(d.severity == .error)
        #expect(d.location == SourceLocation(file: "content/bai.md", line: 3, column: 3))
        #expect(d.message.contains("byte offset \(prefix.count)"))
        #expect(prefix.count == 18)
        #expect(d.message.contains("0xFF"))
        #expect(d.hint?.contains("UTF-8") == true)
    }

    @Test("invalid UTF-8 right after a Vietnamese letter is reported at the bad byte")
    func invalidAfterMultiByteLetter() throws {
        // A byte from a TCVN3/Windows-1258 paste right after "đề": the bad byte is the 15th character of line 2.
        let prefix = Data("---\ntitle: Tiêu đề".utf8)
        let data = prefix + Data([0xE0]) + Data(" mới\ndate: 21/02/2023\n---\n".utf8)
        let d = try Self.failure(data)
        #expect(d.code == .invalidUTF8)
        #expect(d.message.contains("byte offset \(prefix.count)"), "message: \(d.message)")
        #expect(d.message.contains("0xE0"), "message: \(d.message)")
        #expect(d.location?.line == 2)
        #expect(d.location?.column == 15)
    }

    @Test("a truncated multi-byte sequence is reported at its first byte")
    func truncatedSequence() throws {
        let prefix = Data("Na Hang\nxin ch".utf8)
        let data = prefix + Data([0xE1, 0xBA]) + Data("o\n".utf8)
        let d = try Self.failure(data)
        #expect(d.code == .invalidUTF8)
        #expect(d.location == SourceLocation(file: "content/bai.md", line: 2, column: 7))
        #expect(d.message.contains("byte offset \(prefix.count)"))
        #expect(d.message.contains("0xE1"))
    }

    @Test("with a BOM, the byte offset counts the BOM but the column does not")
    func invalidAfterBOM() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data("ab".utf8) + Data([0xFF]) + Data("cd\n".utf8)
        let d = try Self.failure(data)
        #expect(d.code == .invalidUTF8)
        #expect(d.message.contains("byte offset 5"))
        #expect(d.location?.line == 1)
        #expect(d.location?.column == 3, "the BOM is not a character the editor shows")
    }
}

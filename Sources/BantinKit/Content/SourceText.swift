import Foundation

/// Turns a file's bytes into the text every later stage sees: UTF-8 checked, BOM dropped,
/// CRLF/CR line endings made LF, and NFC Unicode (NFD text from some editors compares equal then).
enum SourceText {
    static func decode(_ data: Data, file: String) -> Result<String, Diagnostic> {
        if let order = utf16ByteOrder(data) {
            // Notepad's "Unicode" is UTF-16: its bytes are no TCVN3 or VNI, and ASCII in it has a
            // zero byte after each letter, which is valid UTF-8 but no front matter.
            return .failure(.error(
                .invalidUTF8, "the file is UTF-16 text (\(order)), not UTF-8",
                hint: "save it as UTF-8: in Notepad, 'Save as' with Encoding 'UTF-8'; in Word, 'Plain Text' then 'Unicode (UTF-8)'; in VS Code, 'Save with Encoding' then 'UTF-8'",
                at: SourceLocation(file: file)))
        }
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard var text = String(validating: bytes, as: UTF8.self) else {
            let offsetInText = firstInvalidUTF8Offset(bytes)
            let offset = offsetInText + (data.count - bytes.count)
            let (line, column) = lineAndColumn(ofByte: offsetInText, in: bytes)
            return .failure(.error(
                .invalidUTF8, "the file is not valid UTF-8 text (bad byte 0x\(String(data[data.startIndex + offset], radix: 16, uppercase: true)) at byte offset \(offset))",
                hint: "save the file as UTF-8 in your editor (Unikey/Word users: choose 'Unicode (UTF-8)'); the text around it may be in TCVN3 or VNI",
                at: SourceLocation(file: file, line: line, column: column)))
        }
        let hasCR = data.withUnsafeBytes { $0.baseAddress.map { memchr($0, 0x0D, data.count) != nil } ?? false }
        if hasCR {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        if text.mayNeedNFC {
            text = text.precomposedStringWithCanonicalMapping
        }
        return .success(text)
    }

    /// "little-endian" or "big-endian" when the file starts as UTF-16 does: a byte-order mark
    /// (FF FE, FE FF), or two ASCII characters each with a zero byte beside it.
    static func utf16ByteOrder(_ data: Data) -> String? {
        let first = Array(data.prefix(4))
        if first.starts(with: [0xFF, 0xFE]) { return "little-endian" }
        if first.starts(with: [0xFE, 0xFF]) { return "big-endian" }
        guard first.count == 4 else { return nil }
        if first[1] == 0, first[3] == 0, first[0] != 0, first[2] != 0, first[0] < 0x80, first[2] < 0x80 { return "little-endian" }
        if first[0] == 0, first[2] == 0, first[1] != 0, first[3] != 0, first[1] < 0x80, first[3] < 0x80 { return "big-endian" }
        return nil
    }

    /// Offset of the first byte of the first invalid sequence (RFC 3629: no overlongs, no surrogates).
    private static func firstInvalidUTF8Offset(_ bytes: Data.SubSequence) -> Int {
        Array(bytes).withUnsafeBufferPointer { b in
            var i = 0
            while i < b.count, let length = String.utf8SequenceLength(b, at: i) { i += length }
            return i
        }
    }

    /// Lines end at LF, CRLF or a lone CR, as they do once the text is normalised.
    private static func lineAndColumn(ofByte offset: Int, in data: Data.SubSequence) -> (Int, Int) {
        var line = 1, column = 1
        var previous: UInt8 = 0
        for byte in data.prefix(offset) {
            if byte == 0x0A {
                if previous != 0x0D { line += 1 }
                column = 1
            } else if byte == 0x0D {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            previous = byte
        }
        return (line, column)
    }
}

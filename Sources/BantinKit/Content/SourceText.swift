import Foundation

/// Turns a file's bytes into the text every later stage sees: UTF-8 checked, BOM dropped,
/// CRLF/CR line endings made LF, and NFC Unicode (NFD text from some editors compares equal then).
enum SourceText {
    static func decode(_ data: Data, file: String) -> Result<String, Diagnostic> {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard var text = String(validating: bytes, as: UTF8.self) else {
            let offset = firstInvalidUTF8Offset(bytes) + (data.count - bytes.count)
            let (line, column) = lineAndColumn(ofByte: offset, in: data)
            return .failure(.error(
                "invalid-utf8", "the file is not valid UTF-8 text (bad byte 0x\(String(data[data.startIndex + offset], radix: 16, uppercase: true)) at byte offset \(offset))",
                hint: "save the file as UTF-8 in your editor (Unikey/Word users: choose 'Unicode (UTF-8)'); the text around it may be in TCVN3 or VNI",
                at: SourceLocation(file: file, line: line, column: column)))
        }
        if text.utf8.contains(0x0D) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return .success(text.nfc)
    }

    /// Offset of the first byte of the first invalid sequence.
    private static func firstInvalidUTF8Offset(_ bytes: Data.SubSequence) -> Int {
        var counting = CountingIterator(base: bytes.makeIterator(), count: 0)
        var decoder = UTF8()
        var validEnd = 0
        while case .scalarValue = decoder.decode(&counting) { validEnd = counting.count }
        return validEnd
    }

    private struct CountingIterator: IteratorProtocol {
        var base: Data.SubSequence.Iterator
        var count: Int
        mutating func next() -> UInt8? {
            let b = base.next()
            if b != nil { count += 1 }
            return b
        }
    }

    private static func lineAndColumn(ofByte offset: Int, in data: Data) -> (Int, Int) {
        var line = 1, column = 1
        for byte in data.prefix(offset) {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }
}

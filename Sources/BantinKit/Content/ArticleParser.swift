import Foundation
import Yams

/// Splits an article file into front matter and Markdown, and decodes the front matter.
enum ArticleParser {
    /// Every problem in the file is returned; an article is returned only if it has no errors.
    static func parse(_ data: Data, path: String, timeZone: TimeZone) -> (ArticleSource?, [Diagnostic]) {
        if let parsed = parseVerbatim(data, path: path, timeZone: timeZone) { return parsed }
        let text: String
        switch SourceText.decode(data, file: path) {
        case .success(let decoded): text = decoded
        case .failure(let d): return (nil, [d])
        }
        let split: (yaml: Substring, body: Substring, bodyLine: Int)
        switch splitFrontMatter(text, path: path) {
        case .success(let s): split = s
        case .failure(let d): return (nil, [d])
        }
        let document: YAMLDocument, mapping: Node.Mapping
        switch frontMatterMapping(String(split.yaml), path: path) {
        case .success(let parsed): (document, mapping) = parsed
        case .failure(let d): return (nil, [d])
        }
        return source(path: path, yaml: split.yaml, mapping: mapping, document: document, timeZone: timeZone, bodyIsBlank: split.body.allSatisfy(\.isWhitespace),
                      bodyLine: split.bodyLine, body: Data(split.body.utf8))
    }

    /// The usual file: UTF-8 already in NFC, LF line ends, no byte-order mark, front matter that
    /// splits, checked in one pass over its bytes. nil for any other file: `parse` then takes the
    /// general way, which also says what is wrong.
    private static func parseVerbatim(_ data: Data, path: String, timeZone: TimeZone) -> (ArticleSource?, [Diagnostic])? {
        let split: (yaml: String, bodyLine: Int, bodyIsBlank: Bool, body: Data)? = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let base = bytes.baseAddress, !bytes.starts(with: [0xEF, 0xBB, 0xBF]), memchr(base, 0x0D, bytes.count) == nil,
                  String.scanUTF8(bytes) == false, case .success(let bounds) = frontMatterBounds(bytes, path: path) else { return nil }
            let body = UnsafeBufferPointer(rebasing: bytes[bounds.bodyStart...])
            // Blank: only ASCII white space, or white space beyond ASCII too (rare enough to decode).
            let firstVisible = body.firstIndex { !(0x09...0x0C).contains($0) && $0 != 0x20 }
            let bodyIsBlank = firstVisible.map { body[$0] >= 0x80 && String(decoding: body, as: UTF8.self).allSatisfy(\.isWhitespace) } ?? true
            return (String(decoding: UnsafeBufferPointer(rebasing: bytes[bounds.yaml]), as: UTF8.self), bounds.bodyLine, bodyIsBlank,
                    Data(body))
        }
        guard let split else { return nil }
        let document: YAMLDocument, mapping: Node.Mapping
        switch frontMatterMapping(split.yaml, path: path) {
        case .success(let parsed): (document, mapping) = parsed
        case .failure(let d): return (nil, [d])
        }
        return source(path: path, yaml: split.yaml[...], mapping: mapping, document: document, timeZone: timeZone, bodyIsBlank: split.bodyIsBlank,
                      bodyLine: split.bodyLine, body: split.body)
    }

    /// The front matter's YAML (from line 2 of the file) parsed, and the mapping at its root.
    private static func frontMatterMapping(_ yaml: String, path: String) -> Result<(YAMLDocument, Node.Mapping), Diagnostic> {
        YAMLDocument.parse(yaml, file: path, lineOffset: 1).flatMap { document in
            document.rootMapping(what: "the front matter").map { (document, $0) }
        }.mapError { error in
            // A front matter whose closing '---' is missing runs on to a '---' rule in the text: the
            // YAML error is then in the article's text, after a blank line front matter seldom has.
            let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            guard error.code == .yamlSyntax || error.code == .wrongType, let errorLine = error.location?.line,
                  let blank = lines.firstIndex(where: { $0.allSatisfy { $0 == " " } }), blank + 2 < errorLine,
                  lines[(blank + 1)...].contains(where: { !$0.allSatisfy { $0 == " " } && !Self.looksLikeYAML($0) })
            else { return error }
            var explained = error
            explained.hint = "is the '---' that closes the front matter missing? Put it after the last 'key: value' line (line \(blank + 1)); as it is, the front matter runs on to line \(lines.count + 1)"
            return explained
        }
    }

    private static func source(path: String, yaml: Substring, mapping: Node.Mapping, document: YAMLDocument, timeZone: TimeZone, bodyIsBlank: Bool,
                               bodyLine: Int, body: Data) -> (ArticleSource?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let frontMatter = decode(YAMLFields(document, mapping), timeZone: timeZone, diagnostics: &diagnostics)
        // memchr where the text is contiguous (always, read from a file): this runs for every article.
        let hasHash = yaml.utf8.withContiguousStorageIfAvailable { bytes in bytes.baseAddress.map { memchr($0, Int32(UInt8(ascii: "#")), bytes.count) != nil } ?? false }
        if hasHash ?? yaml.utf8.contains(UInt8(ascii: "#")) { diagnostics += commentWarnings(yaml, path: path) }
        if bodyIsBlank {
            diagnostics.append(.warning(.emptyBody, "the article has no text after its front matter", hint: "write the article below the closing '---' line", at: SourceLocation(file: path, line: bodyLine)))
        }
        let source = ArticleSource(path: path, frontMatter: frontMatter, bodyUTF8: body, bodyLine: bodyLine, isValid: !diagnostics.hasErrors)
        return (source, diagnostics)
    }

    static func splitFrontMatter(_ text: String, path: String) -> Result<(yaml: Substring, body: Substring, bodyLine: Int), Diagnostic> {
        var contiguous = text
        // On UTF-8 code units: a line break and the dashes are ASCII, so every offset found is a
        // character boundary of the (LF-only) text.
        return contiguous.withUTF8 { bytes in
            frontMatterBounds(bytes, path: path).map { bounds in
                let utf8 = text.utf8
                func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
                return (text[index(bounds.yaml.lowerBound)..<index(bounds.yaml.upperBound)], text[index(bounds.bodyStart)...], bounds.bodyLine)
            }
        }
    }

    /// Where the front matter's YAML is, and where the body starts (byte offsets) and on which line.
    static func frontMatterBounds(_ bytes: UnsafeBufferPointer<UInt8>, path: String) -> Result<(yaml: Range<Int>, bodyStart: Int, bodyLine: Int), Diagnostic> {
        let hint = "start the file with a line '---', then 'title:' and 'date:' lines, then a line '---', then the article"
        func isDelimiterLine(_ line: Slice<UnsafeBufferPointer<UInt8>>, _ mark: UInt8) -> Bool {
            line.count >= 3 && line.prefix(3).allSatisfy { $0 == mark } && line.dropFirst(3).allSatisfy { $0 == 0x20 || $0 == 0x09 }
        }
        guard let firstNewline = bytes.firstIndex(of: 0x0A), isDelimiterLine(bytes[..<firstNewline], UInt8(ascii: "-")) else {
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A }) {
                return .failure(.error(.missingFrontMatter, "the file is empty", hint: hint, at: SourceLocation(file: path)))
            }
            // A blank line or spaces before the '---' hide it.
            let leading = bytes.prefix { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A }
            if !leading.isEmpty, bytes.dropFirst(leading.count).starts(with: "---".utf8) {
                return .failure(.error(.missingFrontMatter, "the '---' that opens the front matter is not at the very start of the file",
                                       hint: "remove the blank lines or spaces before the first '---'", at: SourceLocation(file: path)))
            }
            return .failure(.error(.missingFrontMatter, "the file does not start with front matter", hint: hint, at: SourceLocation(file: path)))
        }
        let yamlStart = firstNewline + 1
        var lineStart = yamlStart
        var line = 2
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            let content = bytes[lineStart..<lineEnd]
            if isDelimiterLine(content, UInt8(ascii: "-")) || isDelimiterLine(content, UInt8(ascii: ".")) {
                return .success((yamlStart..<lineStart, min(lineEnd + 1, bytes.count), line + 1))
            }
            lineStart = min(lineEnd + 1, bytes.count)
            line += 1
        }
        return .failure(.error(.unterminatedFrontMatter, "the front matter that starts on line 1 is never closed", hint: "add a line '---' after the last front matter line", at: SourceLocation(file: path)))
    }

    private static func decode(_ fieldsIn: YAMLFields, timeZone: TimeZone, diagnostics: inout [Diagnostic]) -> FrontMatter {
        var fields = fieldsIn
        let file = fields.document.file
        defer { diagnostics += fields.diagnostics }

        let title = fields.text("title")
        if fields.isMissing("title") || title?.0.trimmingSpaces.isEmpty == true {
            let at = title?.1 ?? (fields.node("title") != nil ? fields.keyLocation("title") : SourceLocation(file: file, line: 2))
            diagnostics.append(.error(.missingTitle, title == nil ? "the article has no title" : "the title is empty", hint: "add a line such as: title: \"Hội nghị triển khai nhiệm vụ năm 2023\"", at: at))
        }
        var date: Located<BulletinDate>?
        if let (dateText, location) = fields.text("date") {
            if let parsed = BulletinDate.parse(dateText, timeZone: timeZone) {
                date = Located(value: parsed, location: location)
            } else {
                diagnostics.append(Self.badDate(dateText, at: location))
            }
        } else if fields.isMissing("date") {
            let at = fields.node("date") != nil ? fields.keyLocation("date") : SourceLocation(file: file, line: 2)
            diagnostics.append(.error(.missingDate, "the article has no date", hint: "add a line such as: date: \"14:23, 21/02/2023\"", at: at))
        }
        var updated: BulletinDate?
        if let (updatedText, location) = fields.text("updated") {
            updated = BulletinDate.parse(updatedText, timeZone: timeZone)
            if updated == nil { diagnostics.append(Self.badDate(updatedText, at: location)) }
        }
        let authors = fields.stringList("authors")?.map { $0.0.trimmingSpaces }.filter { !$0.isEmpty } ?? []
        // An entry that is only spaces, or invisible characters, names nothing.
        let communes = Self.splitCommaList(fields.stringList("communes") ?? []).map { Located(value: $0.0, location: $0.1) }
            .filter { !PlaceName.withPlainSpaces($0.value).trimmingSpaces.isEmpty }
        let summary = fields.text("summary")?.0.trimmingSpaces
        let slug = fields.text("slug").map { Located(value: $0.0.trimmingSpaces, location: $0.1) }
        if let slug, !Slug.isSafe(slug.value) {
            diagnostics.append(.error(.unsafeSlug, "the slug \"\(slug.value)\" cannot be used in an address", hint: "use only ASCII letters, digits and '-', '_' or '.', e.g. slug: \(Slug.make(slug.value).isEmpty ? "hoi-nghi-an-ninh" : Slug.make(slug.value))", at: slug.location))
        }
        let draft = fields.bool("draft") ?? false
        let tags = fields.stringList("tags")?.map { $0.0.trimmingSpaces }.filter { !$0.isEmpty } ?? []
        let image = fields.text("image").map { Located(value: $0.0.trimmingSpaces, location: $0.1) }
        let corrections = Self.corrections(&fields, timeZone: timeZone, diagnostics: &diagnostics)
        let imageAlt = fields.text("image_alt")?.0.trimmingSpaces
        let imageCaption = fields.text("image_caption")?.0.trimmingSpaces

        var params: [TemplateValue.Pair] = []
        for (key, keyNode) in fields.keys where !FrontMatter.knownKeys.contains(key) {
            if let english = Self.vietnameseKeys[key.lowercased()] {
                diagnostics.append(.warning(
                    .unknownKey, "unknown front matter key '\(key)'", hint: "keys are written in English: did you mean '\(english)'?",
                    at: fields.document.location(of: keyNode)))
            } else if key.split(separator: " ").count >= 4 {
                // A sentence of the article read as a key: the text before it has no closing '---'.
                diagnostics.append(.warning(
                    .unknownKey, "\"\(key)\" is read as a front matter key, and the rest of its line as its value",
                    hint: "is the '---' that closes the front matter missing? Put it after the last 'key: value' line, before the article's text",
                    at: fields.document.location(of: keyNode)))
            } else if let near = FrontMatter.knownKeys.first(where: { YAMLDocument.isLikelyTypo(key, of: $0) }) {
                diagnostics.append(.warning(.unknownKey, "unknown front matter key '\(key)'", hint: "did you mean '\(near)'? (unknown keys only reach templates as params.\(key))", at: fields.document.location(of: keyNode)))
            }
            if let value = fields.node(key) { params.append(TemplateValue.Pair(key: key, value: value.templateValue)) }
        }
        let trimmedTitle = title.flatMap { $0.0.trimmingSpaces.isEmpty ? nil : Located(value: $0.0.trimmingSpaces, location: $0.1) }
        return FrontMatter(
            title: trimmedTitle, date: date, updated: updated, authors: authors,
            communes: communes, summary: summary?.isEmpty == true ? nil : summary, slug: slug, draft: draft, tags: tags, image: image, imageAlt: imageAlt?.isEmpty == false ? imageAlt : nil,
            imageCaption: imageCaption?.isEmpty == false ? imageCaption : nil, corrections: corrections, params: params,
            titleSlug: trimmedTitle.map { Slug.make($0.value) })
    }

    /// `title: Vụ án #1 năm 2024`: after a space, '#' starts a YAML comment, and the rest of the
    /// line is silently left out of the value. Said for the texts shown to readers, written on
    /// their `key:` line and not quoted (a comment after a date or a flag is likelier meant).
    /// `corrections:`, each a `date` and a `text`; oldest first.
    private static func corrections(_ fields: inout YAMLFields, timeZone: TimeZone, diagnostics: inout [Diagnostic]) -> [Correction] {
        let example = "(new line)  - date: \"09:00, 22/02/2023\"\n      text: \"…\""
        var found: [Correction] = []
        for var entry in fields.mappingList("corrections", example: example) ?? [] {
            let text = entry.string("text")?.0.trimmingSpaces
            let date = entry.text("date")
            entry.warnUnknownKeys(["date", "text"], in: "a correction")
            diagnostics += entry.diagnostics
            let at = entry.document.location(of: .mapping(entry.mapping))
            guard let (dateText, dateAt) = date else {
                diagnostics.append(.error(.missingDate, "this correction has no date", hint: "write when it was corrected, e.g. date: \"09:00, 22/02/2023\"", at: at))
                continue
            }
            guard let day = BulletinDate.parse(dateText, timeZone: timeZone) else {
                diagnostics.append(Self.badDate(dateText, at: dateAt))
                continue
            }
            guard let text, !text.isEmpty else {
                diagnostics.append(.error(.wrongType, "this correction has no text", hint: "say what was wrong and what is right, e.g. text: \"Bài viết ghi nhầm tên xã…\"", at: at))
                continue
            }
            found.append(Correction(date: day, text: text))
        }
        return found.sorted { $0.date < $1.date }
    }

    static func commentWarnings(_ yaml: Substring, path: String) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard line.first != " ", line.first != "#", let colon = line.range(of: ": ") else { continue }
            let key = line[..<colon.lowerBound]
            guard ["title", "summary", "authors", "tags"].contains(key) else { continue }
            let value = line[colon.upperBound...].drop { $0 == " " }
            guard let first = value.first, !"\"'[{|>&*!".contains(first), let hash = value.range(of: " #") else { continue }
            let kept = value[..<hash.lowerBound].trimmingCharacters(in: .whitespaces)
            let column = line.distance(from: line.startIndex, to: hash.lowerBound) + 2
            warnings.append(.warning(
                .yamlComment, "'#' after a space starts a YAML comment: '\(key)' is only \"\(kept)\"",
                hint: "put the value in quotes: \(key): \"\(value.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\"", with: "'"))\"",
                at: SourceLocation(file: path, line: index + 2, column: column)))
        }
        return warnings
    }

    /// A `key: value` or `key:` line, a list item or a comment, as front matter has; not a sentence.
    static func looksLikeYAML(_ line: Substring) -> Bool {
        let text = line.drop { $0 == " " }
        if text.hasPrefix("- ") || text.hasPrefix("#") || text == "-" { return true }
        guard let colon = text.firstIndex(of: ":") else { return false }
        let key = text[..<colon]
        return !key.isEmpty && !key.contains(" ") && (text.index(after: colon) == text.endIndex || text[text.index(after: colon)] == " ")
    }

    /// Keys an editor may write in Vietnamese, and the key meant.
    static let vietnameseKeys: [String: String] = [
        "tiêu đề": "title", "tựa đề": "title", "ngày": "date", "ngày đăng": "date", "thời gian": "date",
        "cập nhật": "updated", "tác giả": "authors", "người viết": "authors", "xã": "communes", "địa phương": "communes",
        "địa bàn": "communes", "tóm tắt": "summary", "sapo": "summary", "ảnh": "image", "hình ảnh": "image",
        "ảnh đại diện": "image", "từ khóa": "tags", "thẻ": "tags", "nháp": "draft", "bản nháp": "draft",
    ]

    static func badDate(_ text: String, at location: SourceLocation) -> Diagnostic {
        BulletinDate.isImpossible(text)
            ? .error(.badDate, "there is no such date or time as \"\(text)\"", hint: "check the day, month and hour", at: location)
            : .error(.badDate, "\"\(text)\" is not a date in an accepted form", hint: "write e.g. \(BulletinDate.acceptedForms)", at: location)
    }

    /// `communes: Phan Thiết, Ỷ La` (one text, no brackets) means two communes; a part that is a
    /// district (`Tân Thành, huyện Hàm Yên`) stays with the commune before it.
    static func splitCommaList(_ entries: [(String, SourceLocation)]) -> [(String, SourceLocation)] {
        guard entries.count == 1, let (text, location) = entries.first, text.contains(",") else { return entries }
        return commaListParts(text).map { ($0.text, location) }
    }

    /// The communes of one text with commas, as `splitCommaList` cuts it: each trimmed, with the
    /// column (in code points, from 1) where it starts in `text`.
    static func commaListParts(_ text: String) -> [(text: String, column: Int)] {
        var parts: [(text: String, column: Int)] = []
        var depth = 0
        var current = ""
        var start = 1, column = 1
        for character in text {
            if character == "(" { depth += 1 } else if character == ")" { depth -= 1 }
            if character == ",", depth == 0 {
                parts.append((current, start))
                current = ""
                start = column + 1
            } else {
                current.append(character)
            }
            column += character.unicodeScalars.count
        }
        parts.append((current, start))
        var merged: [(text: String, column: Int)] = []
        for (part, start) in parts {
            let trimmed = part.trimmingSpaces
            guard !trimmed.isEmpty else { continue }
            if PlaceName.stripKind(trimmed, kinds: PlaceName.districtKinds).kind != nil, let last = merged.popLast() {
                merged.append((last.text + ", " + trimmed, last.column))
            } else {
                merged.append((trimmed, start + part.prefix { $0.isWhitespace }.unicodeScalars.count))
            }
        }
        return merged
    }
}

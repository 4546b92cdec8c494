/// Finds the communes an article's text names the way newsrooms write them:
/// `xã Hùng Lợi, Trung Minh (huyện Yên Sơn)`, `phường Phan Thiết (thành phố Tuyên Quang)`,
/// `xã Thái Bình, huyện Yên Sơn`, `các xã Hà Lang, Trung Hà và thị trấn Vĩnh Lộc (huyện Chiêm Hóa)`.
/// A name counts only right after a kind word or in the list that follows one, only if the whole
/// name matches (tone marks exact), so ordinary words and parts of longer names never match.
/// Counts and linking words may stand between the kind word and the names (`10 xã là A`, `các xã
/// gồm A, B và C`, `hai phường: A và B`). A name is resolved as on the article's day, as in
/// front matter.
public struct MentionDetector: Sendable {
    public struct Mention: Sendable, Equatable {
        public let communeID: Int
        /// 1-based line and column in the text scanned.
        public let line: Int
        public let column: Int
    }

    private let gazetteer: Gazetteer
    private let resolver: CommuneResolver
    /// Commune ids by exact name and other spellings.
    private let communesByName: [String: [Int]]
    private let districtsByName: [String: [Int]]
    /// Longest commune or district name, in words.
    private let maxNameWords: Int

    public init(_ gazetteer: Gazetteer) {
        self.gazetteer = gazetteer
        self.resolver = CommuneResolver(gazetteer)
        var communes: [String: [Int]] = [:]
        var districts: [String: [Int]] = [:]
        var longest = 1
        for commune in gazetteer.communes {
            for name in [commune.name] + commune.aka {
                communes[name, default: []].append(commune.id)
                longest = max(longest, name.split(separator: " ").count)
            }
        }
        for (id, district) in gazetteer.districts.enumerated() {
            districts[district.name, default: []].append(id)
            longest = max(longest, district.name.split(separator: " ").count)
        }
        communesByName = communes
        districtsByName = districts
        maxNameWords = longest
    }

    private enum Token: Equatable {
        case word(String, line: Int, column: Int)
        case comma, colon, openParen, closeParen, stop
    }

    private static let communeKinds: [[String]] = [["thị", "trấn"], ["xã"], ["phường"]]
    private static let districtKinds: [[String]] = [["thành", "phố"], ["thị", "xã"], ["huyện"], ["quận"]]
    /// Words that may come between a kind word and its list: `xã là A`, `các xã gồm A, B`.
    private static let linkingWords: [[String]] = [["bao", "gồm"], ["gồm", "có"], ["gồm"], ["là"], ["như"]]

    public func mentions(in text: String, on day: Day) -> [Mention] {
        let tokens = Self.tokenize(text)
        var found: [Mention] = []
        var i = 0
        while i < tokens.count {
            guard let kind = Self.kindLength(tokens, at: i, kinds: Self.communeKinds) else { i += 1; continue }
            // A chain of lists, each after a kind word, joined by "," or "và", shares one district.
            var pending: [(name: String, kind: String, line: Int, column: Int)] = []
            var j = afterLinkingWords(tokens, at: i + kind.length)
            var currentKind = kind.word
            var district: [Int]?
            chain: while j < tokens.count {
                guard let (name, length, line, column) = longestName(tokens, at: j, names: communesByName) else { break }
                pending.append((name, currentKind, line, column))
                j += length
                // After a name: ",", "và" or ", và" continue the list (maybe with a new kind word);
                // "(huyện X)" or ", huyện X" name the district and end the chain.
                var k = j
                if k < tokens.count, tokens[k] == .comma { k += 1 }
                if k < tokens.count, case .word(let w, _, _) = tokens[k], w == "và" { k += 1 }
                if k > j {
                    if let nextKind = Self.kindLength(tokens, at: k, kinds: Self.communeKinds) {
                        currentKind = nextKind.word
                        j = afterLinkingWords(tokens, at: k + nextKind.length)
                        continue chain
                    }
                    if tokens[j] == .comma, let (ids, end) = districtAfterKind(tokens, at: j + 1) {
                        district = ids
                        j = end
                        break chain
                    }
                    if longestName(tokens, at: k, names: communesByName) != nil {
                        j = k
                        continue chain
                    }
                    break chain
                }
                if j < tokens.count, tokens[j] == .openParen, let (ids, end) = districtAfterKind(tokens, at: j + 1), end < tokens.count, tokens[end] == .closeParen {
                    district = ids
                    j = end + 1
                }
                break chain
            }
            for mention in pending {
                guard let id = resolve(mention.name, kind: mention.kind, districts: district, on: day) else { continue }
                if !found.contains(where: { $0.communeID == id && $0.line == mention.line && $0.column == mention.column }) {
                    found.append(Mention(communeID: id, line: mention.line, column: mention.column))
                }
            }
            i = max(j, i + 1)
        }
        return found
    }

    private func resolve(_ name: String, kind: String, districts: [Int]?, on day: Day) -> Int? {
        var candidates = communesByName[name] ?? []
        if let districts { candidates = candidates.filter { gazetteer.communes[$0].districtID.map(districts.contains) ?? false } }
        // The kind word counts as in `communes:`: `xã Minh Xuân` is no phường.
        candidates = candidates.filter { gazetteer.communes[$0].kind == kind }
        if case .found(let id) = resolver.pick(candidates, on: day) { return id }
        return nil
    }

    /// The index after a `:` and linking words at `index`, if any.
    private func afterLinkingWords(_ tokens: [Token], at index: Int) -> Int {
        var j = index
        if j < tokens.count, tokens[j] == .colon { j += 1 }
        if let linking = Self.kindLength(tokens, at: j, kinds: Self.linkingWords) { j += linking.length }
        if j < tokens.count, tokens[j] == .colon { j += 1 }
        return j
    }

    /// `huyện Yên Sơn` starting at `index`: the district ids and the index after the name.
    private func districtAfterKind(_ tokens: [Token], at index: Int) -> ([Int], Int)? {
        guard let kind = Self.kindLength(tokens, at: index, kinds: Self.districtKinds),
              let (name, length, _, _) = longestName(tokens, at: index + kind.length, names: districtsByName)
        else { return nil }
        let ids = (districtsByName[name] ?? []).filter { gazetteer.districts[$0].kind == kind.word }
        return (ids.isEmpty ? districtsByName[name] ?? [] : ids, index + kind.length + length)
    }

    /// The longest run of capitalised words at `index` that is a name, and the run must end there:
    /// a name followed by another capitalised word is part of a longer name, not a mention.
    private func longestName(_ tokens: [Token], at index: Int, names: [String: [Int]]) -> (String, Int, Int, Int)? {
        var words: [String] = []
        var line = 0, column = 0
        var k = index
        while k < tokens.count, words.count <= maxNameWords, case .word(let w, let l, let c) = tokens[k], w.first?.isUppercase == true {
            if words.isEmpty { (line, column) = (l, c) }
            words.append(w)
            k += 1
        }
        guard !words.isEmpty, words.count <= maxNameWords else { return nil }
        let name = words.joined(separator: " ")
        // A number ends a name only where the name has it: `phường Hà Giang 1`, not `xã Hùng Lợi 10 hộ`.
        if k < tokens.count, case .word(let w, _, _) = tokens[k], w.allSatisfy(\.isNumber), names[name + " " + w] != nil {
            return (name + " " + w, words.count + 1, line, column)
        }
        return names[name] != nil ? (name, words.count, line, column) : nil
    }

    private static func kindLength(_ tokens: [Token], at index: Int, kinds: [[String]]) -> (word: String, length: Int)? {
        for kind in kinds where index + kind.count <= tokens.count {
            var matches = true
            for (offset, part) in kind.enumerated() {
                guard case .word(let w, _, _) = tokens[index + offset], w.lowercased() == part else { matches = false; break }
            }
            if matches { return (kind.joined(separator: " "), kind.count) }
        }
        return nil
    }

    /// Words with their positions; Markdown emphasis and brackets are ignored, and every other
    /// punctuation mark ends a list.
    private static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var word = ""
        var wordLine = 1, wordColumn = 1
        var line = 1, column = 1
        func flush() {
            if !word.isEmpty { tokens.append(.word(word, line: wordLine, column: wordColumn)) }
            word = ""
        }
        for character in text {
            defer {
                if character == "\n" { line += 1; column = 1 } else { column += character.unicodeScalars.count }
            }
            if character.isLetter || character.isNumber {
                if word.isEmpty { (wordLine, wordColumn) = (line, column) }
                word.append(character)
                continue
            }
            flush()
            switch character {
            case ",": tokens.append(.comma)
            case ":": tokens.append(.colon)
            case "(": tokens.append(.openParen)
            case ")": tokens.append(.closeParen)
            case "*", "_", "[", "]": break
            default:
                if !character.isWhitespace { tokens.append(.stop) }
            }
        }
        flush()
        return tokens
    }
}

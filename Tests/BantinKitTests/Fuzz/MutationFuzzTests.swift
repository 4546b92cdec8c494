import Foundation
import Testing
@testable import BantinKit

/// Thousands of randomly mutated articles, settings and gazetteers: nothing may crash, every
/// problem must be a diagnostic placed inside the file it names, and a failing build must leave
/// the output folder exactly as it was. Seeded, so a failure can be replayed.
@Suite(.tags(.slow)) struct MutationFuzzTests {
    /// Bytes that break YAML, Markdown and UTF-8 in interesting ways.
    static let pieces: [[UInt8]] = [
        Array(":".utf8), Array("\"".utf8), Array("'".utf8), Array("---\n".utf8), Array("\n".utf8), Array("\r\n".utf8),
        Array("[".utf8), Array("]".utf8), Array("{".utf8), Array("}".utf8), Array("\t".utf8), Array("  ".utf8), Array("#".utf8),
        Array("&anchor ".utf8), Array("*anchor".utf8), Array("!!binary ".utf8), Array("- ".utf8), Array("? ".utf8), Array("|".utf8),
        [0x00], [0xFF], [0xC3], [0xE1, 0xBA], [0xEF, 0xBB, 0xBF], Array("ệ".utf8), Array("xã Hùng Lợi".utf8),
        Array("communes: 5\n".utf8), Array("date: \"31/02/2023\"\n".utf8), Array("slug: ../x\n".utf8), Array("title:\n".utf8),
        Array("](../x.md)".utf8), Array("![a](".utf8), Array("<script>".utf8), Array(String(repeating: "a", count: 300).utf8),
    ]

    static func mutate(_ bytes: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var out = bytes
        for _ in 0..<(1 + random.below(4)) {
            let at = random.below(out.count + 1)
            switch random.below(6) {
            case 0: out.insert(contentsOf: pieces[random.below(pieces.count)], at: at)
            case 1: if !out.isEmpty { out.remove(at: min(at, out.count - 1)) }
            case 2: if !out.isEmpty { out[min(at, out.count - 1)] = UInt8(truncatingIfNeeded: random.next()) }
            case 3:
                let end = min(out.count, at + random.below(40))
                out.removeSubrange(at..<end)
            case 4:
                let end = min(out.count, at + random.below(60))
                out.insert(contentsOf: out[at..<end], at: random.below(out.count + 1))
            default: out = Array(out.prefix(at))
            }
        }
        return out
    }

    /// The located diagnostics of `file` must point inside it.
    static func checkInside(_ diagnostics: [Diagnostic], file: String, bytes: [UInt8], case number: Int) {
        let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for d in diagnostics {
            guard let location = d.location, location.file == file else { continue }
            let lineOK = location.line >= 1 && location.line <= lines.count + 1
            let width = location.line <= lines.count ? lines[location.line - 1].unicodeScalars.count : 0
            let columnOK = location.column >= 1 && location.column <= width + 2
            #expect(lineOK && columnOK, "case \(number): \(d.formatted()) is outside the file (\(lines.count) lines)")
        }
    }

    static var seedArticles: [[UInt8]] {
        let root = repositoryRoot.appendingPathComponent("content")
        return FileTree.files(under: root).filter { $0.hasSuffix(".md") }.compactMap { FileManager.default.contents(atPath: root.appendingPathComponent($0).path).map(Array.init) }
    }

    @Test func mutatedArticlesNeverCrashAndAreReportedInsideTheFile() {
        var random = SplitMix64(seed: 20_230_221)
        let seeds = Self.seedArticles
        let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        var failures = 0
        for number in 0..<4000 {
            let bytes = Self.mutate(seeds[number % seeds.count], &random)
            let (source, diagnostics) = ArticleParser.parse(Data(bytes), path: "content/x.md", timeZone: zone)
            if source == nil || !(source?.isValid ?? false) {
                failures += 1
                #expect(diagnostics.contains { $0.severity == .error }, "case \(number): rejected without an error")
            }
            Self.checkInside(diagnostics, file: "content/x.md", bytes: bytes, case: number)
        }
        #expect(failures > 400, "the mutations should break many articles (\(failures) broke)")
    }

    /// The one-pass check of the usual file against the general way (Swift's UTF-8 validation,
    /// then the NFC check on the string), and the parse of a file taken the usual way against the
    /// same file taken the general way (a byte-order mark in front sends it there).
    @Test func theVerbatimWayAgreesWithTheGeneralOne() {
        var random = SplitMix64(seed: 20_231_129)
        let seeds = Self.seedArticles + [
            Array("---\ntitle: Tĩnh\u{301}\ndate: 21/02/2023\n---\nXã Ho\u{300}a\n".utf8),
            // Bodies of white space only: ASCII controls that are white space, and beyond ASCII.
            Array("---\ntitle: a\ndate: 21/02/2023\n---\n\u{0C}\n\u{0B} \n".utf8),
            Array("---\ntitle: a\ndate: 21/02/2023\n---\n\u{A0}\u{3000}\n".utf8),
        ]
        let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        var parsed = 0
        for number in 0..<3000 {
            let bytes = number < seeds.count ? seeds[number] : Self.mutate(seeds[number % seeds.count], &random)
            let scanned = bytes.withUnsafeBufferPointer { String.scanUTF8($0) }
            if let text = String(validating: bytes, as: UTF8.self) {
                #expect(scanned == text.mayNeedNFC, "case \(number)")
                #expect(scanned == !text.unicodeScalars.elementsEqual(text.precomposedStringWithCanonicalMapping.unicodeScalars) || scanned == true, "case \(number)")
            } else {
                #expect(scanned != false, "case \(number): invalid UTF-8 passed")
            }
            // A mutation that puts a mark in front already takes the general way; a second mark
            // in front would not be front matter.
            guard !bytes.starts(with: [0xEF, 0xBB, 0xBF]) else { continue }
            let (usual, usualFound) = ArticleParser.parse(Data(bytes), path: "content/x.md", timeZone: zone)
            let (general, generalFound) = ArticleParser.parse(Data([0xEF, 0xBB, 0xBF] + bytes), path: "content/x.md", timeZone: zone)
            // The byte offset of a bad byte counts the mark in front.
            func messages(_ found: [Diagnostic]) -> [String] {
                found.map { $0.formatted().replacingOccurrences(of: #"byte offset \d+"#, with: "byte offset …", options: .regularExpression) }
            }
            #expect(messages(usualFound) == messages(generalFound), "case \(number)")
            #expect((usual == nil) == (general == nil), "case \(number)")
            if let usual, let general {
                #expect(String(describing: usual.frontMatter) == String(describing: general.frontMatter), "case \(number)")
                #expect(usual.body == general.body && usual.bodyLine == general.bodyLine && usual.isValid == general.isValid, "case \(number)")
                parsed += 1
            }
        }
        #expect(parsed > 500, "many cases should parse (\(parsed))")
    }

    @Test func mutatedSettingsAndGazetteersNeverCrash() throws {
        var random = SplitMix64(seed: 84)
        let config = Array(try Data(contentsOf: repositoryRoot.appendingPathComponent("site.yaml")))
        let gazetteer = Array(try Data(contentsOf: repositoryRoot.appendingPathComponent("content/communes.yaml")))
        for number in 0..<1500 {
            let c = Self.mutate(config, &random)
            if case .success(let text) = SourceText.decode(Data(c), file: "site.yaml") {
                Self.checkInside(SiteConfig.load(text: text, file: "site.yaml").1, file: "site.yaml", bytes: c, case: number)
            }
            let g = Self.mutate(gazetteer, &random)
            if case .success(let text) = SourceText.decode(Data(g), file: "communes.yaml") {
                let (loaded, diagnostics) = Gazetteer.load(text: text, file: "communes.yaml")
                Self.checkInside(diagnostics, file: "communes.yaml", bytes: g, case: number)
                if let loaded { _ = CommuneResolver(loaded).resolve("Hùng Lợi (Yên Sơn)") }
            }
        }
    }

    @Test func failingBuildsOfMutatedSitesNeverTouchTheOutput() throws {
        var random = SplitMix64(seed: 7)
        let site = try TestSite(fixture: "golden-site")
        defer { site.cleanUp() }
        try site.build()
        let files = ["content/2024/01/hoi-nghi.md", "content/2024/03/giao-thong.md", "site.yaml", "content/communes.yaml", "templates/article.mustache"]
        var originals: [String: [UInt8]] = [:]
        for file in files { originals[file] = Array(try Data(contentsOf: site.root.appendingPathComponent(file))) }
        var failed = 0
        for number in 0..<150 {
            let file = files[number % files.count]
            let before = site.outputTree()
            let mutated = Self.mutate(originals[file]!, &random)
            try Data(mutated).write(to: site.root.appendingPathComponent(file))
            let diagnostics = site.failingBuild()
            if diagnostics.contains(where: { $0.severity == .error }) {
                failed += 1
                #expect(site.outputTree() == before, "case \(number): a failed build changed the output")
                Self.checkInside(diagnostics, file: file, bytes: mutated, case: number)
            }
            try Data(originals[file]!).write(to: site.root.appendingPathComponent(file))
        }
        #expect(failed > 20)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.contains("bantin-staging") }
        #expect(leftovers.isEmpty)
    }
}

import Foundation
import Testing
@testable import BantinKit

@Suite struct MentionDetectorTests {
    /// The real gazetteer with all its maps (read without them, the entry point alone has no unit).
    static let gazetteer: Gazetteer = try! RealGazetteer.load().0

    let detector = MentionDetector(Self.gazetteer)

    func labels(_ text: String) -> [String] {
        detector.mentions(in: text.nfc).map {
            let c = Self.gazetteer.communes[$0.communeID]
            return "\(c.kind) \(c.name) (\(Self.gazetteer.district(of: c)!.name))"
        }
    }

    @Test func listAfterKindWordWithDistrictInParentheses() {
        #expect(labels("Tại xã Hùng Lợi, Trung Minh (huyện Yên Sơn), lực lượng…") == ["xã Hùng Lợi (Yên Sơn)", "xã Trung Minh (Yên Sơn)"])
        #expect(labels("các xã Yên Lâm, Yên Phú, Tân Thành, Minh Hương (huyện Hàm Yên) đã") == [
            "xã Yên Lâm (Hàm Yên)", "xã Yên Phú (Hàm Yên)", "xã Tân Thành (Hàm Yên)", "xã Minh Hương (Hàm Yên)",
        ])
        #expect(labels("phường Phan Thiết (thành phố Tuyên Quang)") == ["phường Phan Thiết (Tuyên Quang)"])
    }

    @Test func districtAfterACommaAndCapitalisedKindWords() {
        #expect(labels("Xã Thái Bình, huyện Yên Sơn có 12 thôn.") == ["xã Thái Bình (Yên Sơn)"])
        #expect(labels("THỊ TRẤN Lăng Can là trung tâm huyện") == ["thị trấn Lăng Can (Lâm Bình)"])
    }

    @Test func toneMarksAreExactAndNFDIsAccepted() {
        #expect(labels("xã Tân Thanh (huyện Sơn Dương)") == ["xã Tân Thanh (Sơn Dương)"])
        #expect(labels("xã Tân Thành (huyện Hàm Yên)") == ["xã Tân Thành (Hàm Yên)"])
        #expect(labels("xã Tân Thanh (huyện Hàm Yên)").isEmpty)
        #expect(labels("xã Hùng Lơi").isEmpty)
        let nfd = "xã Hùng Lợi (huyện Yên Sơn)".decomposedStringWithCanonicalMapping
        #expect(labels(nfd) == ["xã Hùng Lợi (Yên Sơn)"])
    }

    @Test func namesSplitAcrossLineBreaks() {
        #expect(labels("người dân xã Hùng\nLợi, Trung\nMinh (huyện\nYên Sơn) đã") == ["xã Hùng Lợi (Yên Sơn)", "xã Trung Minh (Yên Sơn)"])
        let mention = detector.mentions(in: "Dòng một.\nTại xã **Kim Phú** hôm qua")
        #expect(mention == [MentionDetector.Mention(communeID: Self.gazetteer.communes.first { $0.name == "Kim Phú" }!.id, line: 2, column: 10)])
    }

    @Test func listsSpanningTwoKindsAndDistricts() {
        #expect(labels("các xã Hà Lang, Trung Hà và thị trấn Vĩnh Lộc (huyện Chiêm Hóa)") == [
            "xã Hà Lang (Chiêm Hóa)", "xã Trung Hà (Chiêm Hóa)", "thị trấn Vĩnh Lộc (Chiêm Hóa)",
        ])
        #expect(labels("xã Hùng Lợi (huyện Yên Sơn) và xã Tân Thanh (huyện Sơn Dương)") == ["xã Hùng Lợi (Yên Sơn)", "xã Tân Thanh (Sơn Dương)"])
    }

    @Test func noFalsePositives() {
        #expect(labels("Công an các xã, phường, thị trấn tăng cường tuần tra; cấp xã chủ động.").isEmpty)
        #expect(labels("trật tự xã hội được giữ vững").isEmpty)
        // A name that is only the start of a longer capitalised run is not a mention.
        #expect(labels("xã Yên Phú Thịnh Vượng").isEmpty)
        // A commune name without a kind word before it is not a mention.
        #expect(labels("Đoàn công tác đến Hùng Lợi, Trung Minh.").isEmpty)
        // District names are not communes.
        #expect(labels("huyện Yên Sơn, huyện Na Hang").isEmpty)
        #expect(labels("thị trấn Na Hang") == ["thị trấn Na Hang (Na Hang)"])
    }

    /// Every sample article names, in the patterns above, exactly the communes its front matter
    /// lists, each as of the article's date.
    @Test func sampleSiteMentionsMatchItsCommuneLists() throws {
        let resolver = CommuneResolver(Self.gazetteer)
        var checked = 0
        for file in FileTree.files(under: repositoryRoot.appendingPathComponent("content")) where file.hasSuffix(".md") {
            let data = try #require(FileManager.default.contents(atPath: repositoryRoot.appendingPathComponent("content/\(file)").path))
            let (source, diagnostics) = ArticleParser.parse(data, path: file, timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!)
            let article = try #require(source, "\(file): \(diagnostics)")
            let day = Day(try #require(article.frontMatter.date?.value))
            let listed = Set(article.frontMatter.communes.compactMap { entry -> Int? in
                if case .found(let id) = resolver.resolve(entry.value, on: day) { return id }
                return nil
            })
            let mentioned = Set(detector.mentions(in: article.body, on: day).map(\.communeID))
            #expect(mentioned == listed, "\(file): mentioned \(mentioned.map { Self.gazetteer.communes[$0].name }.sorted()), listed \(listed.map { Self.gazetteer.communes[$0].name }.sorted())")
            checked += 1
        }
        #expect(checked >= 20)
    }
}

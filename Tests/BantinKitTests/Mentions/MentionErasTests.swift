import Foundation
import Testing
@testable import BantinKit

/// Mentions in article text with the real gazetteer of several maps: the linking-word forms
/// newsrooms write, names resolved as on the article's day, and ordinary sentences that name no unit.
@Suite struct MentionErasTests {
    static let gazetteer: Gazetteer = try! RealGazetteer.load().0
    static let detector = MentionDetector(gazetteer)

    /// Each mention as `describe` writes it: `xã Hùng Lợi (huyện Yên Sơn)`, `xã Hùng Lợi (since 01/07/2025)`.
    func found(_ text: String, on day: Day) -> [String] {
        Self.detector.mentions(in: text.nfc, on: day).map { Self.gazetteer.describe($0.communeID) }
    }

    func ids(_ text: String, on day: Day) -> [Int] {
        Self.detector.mentions(in: text.nfc, on: day).map(\.communeID)
    }

    static let new = "(since 01/07/2025)"

    // MARK: Linking words between the kind word and the names

    @Test("a count and 'là', a district in parentheses, then '; xã C, D (huyện E)'")
    func countAndLa() {
        let text = "Năm 2023, 10 xã là Hùng Lợi, Trung Minh (huyện Yên Sơn); xã Tân Thanh, Hợp Thành (huyện Sơn Dương) đạt chuẩn an toàn về an ninh, trật tự."
        #expect(found(text, on: .in2023) == [
            "xã Hùng Lợi (huyện Yên Sơn)", "xã Trung Minh (huyện Yên Sơn)",
            "xã Tân Thanh (huyện Sơn Dương)", "xã Hợp Thành (huyện Sơn Dương)",
        ])
        #expect(found("Hai xã là Hùng Lợi và Lũng Cú được chọn làm điểm.", on: .in2026) == [
            "xã Hùng Lợi \(Self.new)", "xã Lũng Cú \(Self.new)",
        ])
    }

    @Test("'các xã gồm A, B và C'")
    func cacXaGom() {
        #expect(found("Đợt này, các xã gồm Hùng Lợi, Lũng Cú và Tân Quang được hỗ trợ camera.", on: .in2026) == [
            "xã Hùng Lợi \(Self.new)", "xã Lũng Cú \(Self.new)", "xã Tân Quang \(Self.new)",
        ])
        #expect(found("các xã gồm Trung Minh, Hùng Lợi và Kim Phú", on: .in2023) == [
            "xã Trung Minh (huyện Yên Sơn)", "xã Hùng Lợi (huyện Yên Sơn)", "xã Kim Phú (thành phố Tuyên Quang)",
        ])
        #expect(found("các xã bao gồm Hùng Lợi, Thái Bình", on: .in2026) == ["xã Hùng Lợi \(Self.new)", "xã Thái Bình \(Self.new)"])
    }

    @Test("'hai phường: A và B'")
    func haiPhuongColon() {
        #expect(found("Lễ ra quân tại hai phường: Hà Giang 1 và Hà Giang 2.", on: .in2026) == [
            "phường Hà Giang 1 \(Self.new)", "phường Hà Giang 2 \(Self.new)",
        ])
        #expect(found("hai phường: Minh Xuân và Nông Tiến", on: .in2026) == [
            "phường Minh Xuân \(Self.new)", "phường Nông Tiến \(Self.new)",
        ])
        #expect(found("hai phường: Phan Thiết và Tân Quang (thành phố Tuyên Quang)", on: .in2023) == [
            "phường Phan Thiết (thành phố Tuyên Quang)", "phường Tân Quang (thành phố Tuyên Quang)",
        ])
    }

    @Test("'Công an xã A, Công an phường B'")
    func congAnXaCongAnPhuong() {
        #expect(found("Công an xã Lũng Cú, Công an phường Hà Giang 1 phối hợp tuần tra.", on: .in2026) == [
            "xã Lũng Cú \(Self.new)", "phường Hà Giang 1 \(Self.new)",
        ])
        #expect(found("Công an xã Hùng Lợi, Công an phường Phan Thiết ra quân.", on: .in2023) == [
            "xã Hùng Lợi (huyện Yên Sơn)", "phường Phan Thiết (thành phố Tuyên Quang)",
        ])
    }

    // MARK: The article's day

    @Test("xã Hùng Lợi is the new unit in a 2026 article and the old one in a 2023 article")
    func dateAwareness() throws {
        let g = Self.gazetteer
        let in2026 = ids("Tại xã Hùng Lợi, lực lượng công an đã ra quân.", on: .in2026)
        let in2023 = ids("Tại xã Hùng Lợi, lực lượng công an đã ra quân.", on: .in2023)
        #expect(in2026.count == 1 && in2023.count == 1)
        let new = try #require(in2026.first), old = try #require(in2023.first)
        #expect(new != old)
        #expect(g.communes[new].districtID == nil && g.communes[new].until == nil)
        #expect(g.district(of: g.communes[old])?.name == "Yên Sơn")
        #expect(g.communes[old].successors.map(\.id) == [new])
        // The last day of the old map and the first of the new one.
        #expect(ids("xã Hùng Lợi", on: Day(year: 2025, month: 6, day: 30)) == [old])
        #expect(ids("xã Hùng Lợi", on: Day(year: 2025, month: 7, day: 1)) == [new])
        // Naming the district finds the old unit even in 2026.
        #expect(ids("xã Hùng Lợi (huyện Yên Sơn)", on: .in2026) == [old])
    }

    @Test("phường Minh Xuân and Tân Quang: one unit in 2023, another in 2026")
    func sameNamesOtherUnits() {
        #expect(found("phường Minh Xuân", on: .in2023) == ["phường Minh Xuân (thành phố Tuyên Quang)"])
        #expect(found("phường Minh Xuân", on: .in2026) == ["phường Minh Xuân \(Self.new)"])
        #expect(found("xã Tân Quang", on: .in2026) == ["xã Tân Quang \(Self.new)"])
        #expect(found("phường Tân Quang", on: .in2023) == ["phường Tân Quang (thành phố Tuyên Quang)"])
        #expect(found("xã Tân Quang (huyện Bắc Quang)", on: .in2023) == ["xã Tân Quang (huyện Bắc Quang, Hà Giang)"])
        #expect(found("xã Hồng Sơn", on: Day(year: 2024, month: 12, day: 1)) == ["xã Hồng Sơn (huyện Sơn Dương)"])
        #expect(found("xã Hồng Sơn", on: .in2026) == ["xã Hồng Sơn \(Self.new)"])
    }

    // MARK: Names ending in a number

    @Test("phường Hà Giang 1 and Hà Giang 2 are two units; Hà Giang 3 is none")
    func namesEndingInANumber() {
        let both = ids("phường Hà Giang 1 và phường Hà Giang 2", on: .in2026)
        #expect(both.count == 2 && Set(both).count == 2)
        #expect(ids("phường Hà Giang 1", on: .in2026) == [both[0]])
        #expect(ids("phường Hà Giang 2", on: .in2026) == [both[1]])
        #expect(Self.gazetteer.communes[both[0]].name == "Hà Giang 1")
        #expect(Self.gazetteer.communes[both[1]].name == "Hà Giang 2")
        #expect(ids("phường Hà Giang 3", on: .in2026).isEmpty)
        #expect(ids("phường Hà Giang có 5 tổ dân phố", on: .in2026).isEmpty)
        let mention = Self.detector.mentions(in: "Dòng đầu.\nCông an phường Hà Giang 2 ra quân.", on: .in2026)
        #expect(mention.map(\.line) == [2] && mention.map(\.column) == [16])
    }

    @Test("a number after a name that does not end in one is not part of it: xã Hùng Lợi 10 hộ")
    func numberAfterAName() {
        #expect(found("Trận lũ làm xã Hùng Lợi 10 hộ phải di dời.", on: .in2023) == ["xã Hùng Lợi (huyện Yên Sơn)"])
        #expect(found("Trận lũ làm xã Hùng Lợi 10 hộ phải di dời.", on: .in2026) == ["xã Hùng Lợi \(Self.new)"])
        #expect(found("phường Minh Xuân 3 tổ dân phố", on: .in2026) == ["phường Minh Xuân \(Self.new)"])
    }

    // MARK: Precision

    /// Ordinary sentences of the bulletins, with kind words used generically, counts and linking
    /// words followed by no name, and names of people and streets: none names a unit.
    static let ordinarySentences = [
        "Công an các xã, phường, thị trấn tăng cường tuần tra trong dịp Tết Nguyên đán.",
        "Chính quyền cấp xã chủ động nắm tình hình, không để bị động, bất ngờ.",
        "Trật tự an toàn xã hội trên địa bàn tỉnh được giữ vững.",
        "Năm nay, 10 xã là những địa bàn khó khăn nhất tỉnh được ưu tiên hỗ trợ.",
        "Xã là đơn vị hành chính cấp cơ sở, gần dân nhất.",
        "Thành phố có hai phường: nơi tập trung đông dân cư và nhiều cơ sở kinh doanh.",
        "Đoàn công tác làm việc tại trụ sở trên đường Trần Phú.",
        "Ông Nguyễn Trãi, Trưởng thôn Làng Chùa, cho biết người dân rất phấn khởi.",
        "Sau sắp xếp, các xã gồm nhiều thôn, bản vùng cao, đi lại khó khăn.",
        "Mỗi xã có một tổ công nghệ số cộng đồng.",
        "Sau khi sắp xếp, toàn tỉnh còn 124 xã, phường.",
        "Lực lượng Công an xã chính quy đã có mặt kịp thời tại hiện trường.",
        "Các phường như trung tâm thành phố đều tổ chức diễu hành cổ động.",
        "Đại hội Đảng bộ xã nhiệm kỳ 2025 - 2030 thành công tốt đẹp.",
        "Bà Hà Giang, cán bộ văn hóa xã, cho biết lễ hội sẽ kéo dài ba ngày.",
        "Người dân phường mình rất đoàn kết, chung tay giữ gìn vệ sinh môi trường.",
        "Thị trấn nhỏ bên sông Lô nay đã đổi thay nhiều.",
        "Tuyến đường Quang Trung đã được nâng cấp, mở rộng.",
        "Mô hình camera an ninh được nhân rộng ra các xã, phường trong tỉnh.",
        "Toàn huyện có 5 xã: các xã vùng cao và các xã biên giới.",
        "Công an phường chủ động phối hợp với Đoàn Thanh niên tổ chức tuyên truyền.",
        "Phường là địa bàn trọng điểm về an ninh, trật tự.",
        "Phó Chủ tịch UBND xã, ông Nguyễn Văn Hùng, đã trực tiếp chỉ đạo.",
        "Chủ tịch UBND phường, bà Trần Thị Lan, trao quà cho các gia đình chính sách.",
        "Anh Hùng Lợi, công nhân nhà máy, đã trả lại tài sản cho người đánh rơi.",
        "Cấp xã, cấp phường: mỗi nơi một phương án phòng cháy riêng.",
        "Hội nghị tổng kết công tác xã hội hóa giáo dục diễn ra sáng nay.",
        "Các xã như: vùng sâu, vùng xa được ưu tiên đầu tư.",
        "Số xã đạt chuẩn nông thôn mới tăng lên 80 xã.",
        "Khu phố Tân Quang Mới được đặt theo tên cũ của phường.",
        "Học sinh trường THCS Lũng Cú tham gia ngày hội đọc sách.",
        "Đồn Biên phòng Lũng Cú phối hợp tuần tra biên giới.",
        "Hợp tác xã Nông nghiệp Xanh đã ký kết bao tiêu sản phẩm.",
        "Các phường gồm có nhiều tổ dân phố mới thành lập.",
    ]

    @Test("ordinary sentences name no unit, on a 2023 day and on a 2026 day")
    func precisionCorpus() {
        #expect(Self.ordinarySentences.count >= 25)
        for sentence in Self.ordinarySentences {
            #expect(found(sentence, on: .in2023).isEmpty, "2023: \(sentence) → \(found(sentence, on: .in2023))")
            #expect(found(sentence, on: .in2026).isEmpty, "2026: \(sentence) → \(found(sentence, on: .in2026))")
        }
        // All of them in one text, as an article would have them.
        let article = Self.ordinarySentences.joined(separator: " ")
        #expect(found(article, on: .in2026).isEmpty)
    }

    @Test("an ordinary sentence beside a real mention leaves only the mention")
    func precisionBesideAMention() {
        let text = "Công an các xã, phường tăng cường tuần tra; riêng xã Lũng Cú ra quân từ sáng, trật tự xã hội ổn định."
        #expect(found(text, on: .in2026) == ["xã Lũng Cú \(Self.new)"])
    }
}

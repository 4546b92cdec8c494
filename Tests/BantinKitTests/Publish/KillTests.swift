import Foundation
import Testing
@testable import BantinKit

/// `site build` killed with SIGKILL at random moments must leave `public/` as one complete site:
/// the previous one, or (if the swap already happened) the new one — never a mix, never missing.
/// The next build must clear the staging folders the killed builds left behind.
@Suite(.tags(.slow)) struct KillTests {
    static let environment = ProcessInfo.processInfo.environment
    /// Enough for a debug build to take about a second on a 2-core machine.
    static let articleCount = environment["BANTIN_KILL_ARTICLES"].flatMap { Int($0) } ?? 1_000
    /// `BANTIN_KILL_ROUNDS=200 swift test --filter KillTests` for a longer hunt; `BANTIN_KILL_SEED` (hex) draws other delays.
    static let kills = environment["BANTIN_KILL_ROUNDS"].flatMap { Int($0) } ?? 5
    static let seed = environment["BANTIN_KILL_SEED"].flatMap { UInt64($0, radix: 16) } ?? 0xBA17_1D_C0FFEE

    static let communes = ["Hùng Lợi", "Trung Minh", "Đông Thọ", "Phan Thiết", "An Tường", "Tân Thành", "Tân Thanh"]
    static let openings = [
        "Sáng nay, Công an xã phối hợp với các đoàn thể tổ chức tuyên truyền về phòng, chống tội phạm cho bà con trong thôn.",
        "Thực hiện kế hoạch của Công an tỉnh, lực lượng Công an cơ sở đã ra quân tuần tra, kiểm soát trên các tuyến đường liên xã.",
        "Hội nghị tổng kết phong trào Toàn dân bảo vệ an ninh Tổ quốc thu hút đông đảo người dân và cán bộ địa phương tham dự.",
        "Tổ công tác cấp căn cước lưu động đã có mặt tại nhà văn hóa thôn từ sớm để phục vụ người cao tuổi và học sinh.",
        "Trong tuần qua, tình hình an ninh, trật tự trên địa bàn cơ bản ổn định, không để xảy ra vụ việc phức tạp.",
    ]
    static let middles = [
        "Cán bộ hướng dẫn người dân cài đặt ứng dụng VNeID, kích hoạt tài khoản định danh điện tử và sử dụng dịch vụ công trực tuyến.",
        "Các tổ tự quản về an ninh, trật tự duy trì hoạt động đều đặn, kịp thời hòa giải mâu thuẫn trong nội bộ nhân dân.",
        "Người dân cung cấp nhiều tin báo có giá trị, giúp cơ quan Công an phát hiện và xử lý các hành vi vi phạm pháp luật.",
        "Mô hình \"Camera an ninh\" tiếp tục được nhân rộng, góp phần giữ gìn trật tự tại các khu dân cư và trường học.",
    ]
    static let closings = [
        "Thời gian tới, Công an xã sẽ tiếp tục bám sát địa bàn, lắng nghe ý kiến của nhân dân.",
        "Đợt cao điểm sẽ kéo dài đến hết tháng, với **nhiều tổ công tác** làm việc cả ngày nghỉ.",
        "Lãnh đạo địa phương đề nghị các thôn, tổ dân phố tiếp tục phối hợp chặt chẽ với lực lượng Công an.",
    ]

    /// `count` deterministic articles, `content/YYYY/MM/bai-N.md` → text, with unique titles (hence slugs).
    static func articles(count: Int) -> [String: String] {
        var random = SplitMix64(seed: 42)
        var files: [String: String] = [:]
        for index in 0..<count {
            let year = 2020 + index % 5
            let month = 1 + Int(random.next() % 12)
            let day = 1 + Int(random.next() % 28)
            let hour = 6 + Int(random.next() % 14)
            let first = communes[Int(random.next() % UInt64(communes.count))]
            let second = communes[Int(random.next() % UInt64(communes.count))]
            let listed = first == second ? "[\(first)]" : "[\(first), \(second)]"
            let title = "Bản tin số \(index): hoạt động của Công an xã \(first)"
            let body = """
            \(openings[index % openings.count]) Tại xã \(first), bản tin số \(index) ghi nhận kết quả tích cực.

            \(middles[Int(random.next() % UInt64(middles.count))]) \(middles[index % middles.count])

            ## Kết quả

            - Tiếp nhận \(10 + random.next() % 500) hồ sơ;
            - Tuần tra \(1 + random.next() % 30) lượt trên địa bàn \(second).

            \(closings[index % closings.count])
            """
            let frontMatter = """
            title: "\(title)"
            date: "\(String(format: "%02d:%02d, %02d/%02d/%04d", hour, index % 60, day, month, year))"
            communes: \(listed)
            """
            files[String(format: "content/%04d/%02d/bai-%05d.md", year, month, index)] = article(frontMatter, body: body)
        }
        return files
    }

    /// The same site with a few articles edited (title and body), two deleted and three added.
    static func edited(_ files: [String: String]) -> [String: String] {
        var result = files
        let paths = files.keys.sorted()
        for path in paths.prefix(8) {
            result[path] = files[path]!.replacingOccurrences(of: "Bản tin số", with: "Tin sửa số")
                .replacingOccurrences(of: "ghi nhận kết quả tích cực.", with: "ghi nhận kết quả tích cực, vượt chỉ tiêu đề ra.")
        }
        for path in paths.suffix(2) { result[path] = nil }
        for index in 0..<3 {
            result["content/2024/05/them-\(index).md"] = article(
                "title: \"Tin thêm \(index)\"\ndate: \"2024-05-1\(index)\"\ncommunes: [Đông Thọ]", body: "Bài viết mới số \(index).")
        }
        return result
    }

    /// Makes `content/` match `files` exactly (writes what differs, removes what is not in `files`).
    static func apply(_ files: [String: String], over current: [String: String], to site: TestSite) throws {
        for (path, text) in files where current[path] != text { try site.write(path, text) }
        for path in current.keys where files[path] == nil { try site.remove(path) }
    }

    /// Every file and folder under `folder`, hidden ones included: relative path → bytes (folders end with `/`).
    static func snapshot(_ folder: URL) -> [String: Data]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        var result: [String: Data] = [:]
        func walk(_ relative: String) {
            let absolute = relative.isEmpty ? folder.path : folder.path + "/" + relative
            for name in (try? FileManager.default.contentsOfDirectory(atPath: absolute)) ?? [] {
                let path = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(folder.path + "/" + path, &info) == 0 else { result[path] = Data("<vanished>".utf8); continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: result[path + "/"] = Data(); walk(path)
                case S_IFREG: result[path] = FileManager.default.contents(atPath: folder.path + "/" + path) ?? Data("<unreadable>".utf8)
                default: result[path] = Data("<not a file: \(info.st_mode)>".utf8)
                }
            }
        }
        walk("")
        return result
    }

    /// A short name for a tree in the log: 64-bit FNV-1a over each path (in order) and each file's own
    /// hash. Trees are compared whole; this only labels them.
    static func fingerprint(_ tree: [String: Data]) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ buffer: UnsafeRawBufferPointer) {
            for byte in buffer { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
        for path in tree.keys.sorted() {
            Data(path.utf8 + [0]).withUnsafeBytes(mix)
            // A file's hash is FNV-style over 8-byte words (and its length), to stay quick in debug builds.
            let data = tree[path]!
            var fileHash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(data.count)
            data.withUnsafeBytes { raw in
                let words = raw.count / 8
                for i in 0..<words { fileHash = (fileHash ^ raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) &* 0x0000_0100_0000_01B3 }
                for i in (words * 8)..<raw.count { fileHash = (fileHash ^ UInt64(raw[i])) &* 0x0000_0100_0000_01B3 }
            }
            withUnsafeBytes(of: fileHash.littleEndian, mix)
        }
        return String(hash, radix: 16)
    }

    /// What differs between two trees, for failure messages.
    static func difference(_ tree: [String: Data], from expected: [String: Data]) -> String {
        let missing = expected.keys.filter { tree[$0] == nil }.sorted()
        let extra = tree.keys.filter { expected[$0] == nil }.sorted()
        let changed = tree.keys.filter { expected[$0] != nil && expected[$0] != tree[$0] }.sorted()
        return "\(missing.count) missing \(missing.prefix(3)), \(extra.count) extra \(extra.prefix(3)), \(changed.count) changed \(changed.prefix(3))"
    }

    /// Staging folders of killed builds (`.public.bantin-staging`, `-old`), which the next build must delete.
    static func stagingFolders(in site: TestSite) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: site.root.path)) ?? []).filter { $0.hasPrefix(".public.bantin-staging") }.sorted()
    }

    static func buildProcess(_ site: TestSite, stderr: Any) -> Process {
        let process = Process()
        process.executableURL = SiteCommandTests.executable
        process.arguments = ["build", "--quiet"]
        process.currentDirectoryURL = site.root
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        return process
    }

    /// A whole `site build --quiet`; returns its wall time.
    static func fullBuild(_ site: TestSite) throws -> TimeInterval {
        let err = Pipe()
        let process = buildProcess(site, stderr: err)
        let started = Date()
        try process.run()
        let messages = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(started)
        #expect(process.terminationReason == .exit && process.terminationStatus == 0, "site build failed: \(messages)")
        return seconds
    }

    @Test(.timeLimit(.minutes(2 + KillTests.kills / 30)))
    func killedBuildsLeaveAWholeSite() throws {
        let testStarted = Date()
        let original = Self.articles(count: Self.articleCount)
        let changed = Self.edited(original)
        let site = try TestSite(original)
        defer { site.cleanUp() }

        // The two complete sites: A from the original sources, B from the edited ones (built over A, as a user
        // would), then A again over B: the time of a rebuild, and a check that rebuilding gives a fresh build's bytes.
        let firstSeconds = try Self.fullBuild(site)
        let treeA = try #require(Self.snapshot(site.output))
        try Self.apply(changed, over: original, to: site)
        let toB = try Self.fullBuild(site)
        let treeB = try #require(Self.snapshot(site.output))
        try Self.apply(original, over: changed, to: site)
        let toA = try Self.fullBuild(site)
        let rebuiltA = try #require(Self.snapshot(site.output))
        #expect(treeA != treeB)
        #expect(rebuiltA == treeA, "rebuilding the original sources over the edited site: \(Self.difference(rebuiltA, from: treeA))")
        let buildSeconds = min(toA, toB)
        #expect(buildSeconds >= 0.3, "a rebuild of \(Self.articleCount) articles took only \(buildSeconds) s: kills would rarely land mid-build")
        print("KillTests: \(Self.articleCount) articles, \(treeA.count) entries; first build \(String(format: "%.2f", firstSeconds)) s, "
            + "rebuilds \(String(format: "%.2f", toB)) s and \(String(format: "%.2f", toA)) s; A = \(Self.fingerprint(treeA)), B = \(Self.fingerprint(treeB))")

        // Each round switches the sources to the other site, so every killed build had something to change.
        // Kill times as fractions of a build, one in each K-th of it (shuffled), so they span the whole build and its end.
        var random = SplitMix64(seed: Self.seed)
        let fractions = (0..<Self.kills).map { (Double($0) + Double.random(in: 0..<1, using: &random)) / Double(Self.kills) }.shuffled(using: &random)
        // A build's length: the quickest complete rebuild seen, so a busy machine does not push every kill past the end.
        var reference = buildSeconds
        var current = (name: "A", tree: treeA, sources: original)
        var midBuild = 0, afterSwap = 0, finished = 0
        var delays: [Int] = []
        for (round, fraction) in zip(1..., fractions) {
            let next = current.name == "A" ? (name: "B", tree: treeB, sources: changed) : (name: "A", tree: treeA, sources: original)
            try Self.apply(next.sources, over: current.sources, to: site)
            let base = reference
            let delay = max(0.01, fraction * base)
            delays.append(Int(delay * 1000))

            let process = Self.buildProcess(site, stderr: FileHandle.nullDevice)
            let started = Date()
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            // While Process has not reaped the child its pid cannot be reused, so this never hits another process.
            let killed = process.isRunning && kill(process.processIdentifier, SIGKILL) == 0
            process.waitUntilExit()
            if process.terminationReason == .exit, process.terminationStatus == 0 {
                reference = min(reference, Date().timeIntervalSince(started))
            }
            let wasKilled = killed && process.terminationReason == .uncaughtSignal

            let tree = try #require(Self.snapshot(site.output), "round \(round): public/ is missing after a kill at \(Int(delay * 1000)) ms")
            let outcome: String
            if tree == current.tree {
                outcome = "previous site \(current.name) kept"
                #expect(wasKilled, "round \(round): the build exited (status \(process.terminationStatus)) without publishing its site")
                midBuild += 1
            } else if tree == next.tree {
                outcome = "new site \(next.name) " + (wasKilled ? "already swapped in" : "finished")
                if wasKilled { afterSwap += 1 } else { finished += 1 }
                #expect(wasKilled || process.terminationStatus == 0, "round \(round): the build exited with status \(process.terminationStatus)")
                current = next
            } else {
                outcome = "MIX (\(Self.fingerprint(tree)))"
                Issue.record("""
                    round \(round): after SIGKILL at \(Int(delay * 1000)) ms public/ is neither complete site: \
                    versus previous \(current.name): \(Self.difference(tree, from: current.tree)); \
                    versus new \(next.name): \(Self.difference(tree, from: next.tree))
                    """)
            }
            current.sources = next.sources
            // Each build that gets going deletes the staging folders of earlier killed builds: at most its own stays.
            #expect(Self.stagingFolders(in: site).count <= 1, "round \(round): staging folders pile up: \(Self.stagingFolders(in: site))")
            print("KillTests: round \(round): SIGKILL after \(Int(delay * 1000)) ms (\(Int(fraction * 100))% of \(Int(base * 1000)) ms) → \(outcome); "
                + "staging folders: \(Self.stagingFolders(in: site))")
        }
        print("KillTests: seed \(String(Self.seed, radix: 16)), fractions \(fractions.map { Int($0 * 100) })%, delays (ms) \(delays); "
            + "\(midBuild) mid-build, \(afterSwap) after the swap, \(finished) finished before the kill")

        // A normal build after the kills: exit 0, no staging folder left, the complete site of the current sources.
        let expected = current.sources == changed ? treeB : treeA
        _ = try Self.fullBuild(site)
        #expect(Self.stagingFolders(in: site).isEmpty, "staging folders left beside public/: \(Self.stagingFolders(in: site))")
        let final = try #require(Self.snapshot(site.output))
        #expect(final == expected, "after the kills, a normal build gave: \(Self.difference(final, from: expected))")
        let beside = ((try? FileManager.default.contentsOfDirectory(atPath: site.root.path)) ?? []).filter { $0.hasPrefix(".public") }.sorted()
        print("KillTests: beside public/ after the final build: \(beside)")
        print("KillTests: done in \(String(format: "%.1f", Date().timeIntervalSince(testStarted))) s")
    }
}

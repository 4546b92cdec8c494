import Foundation
@testable import BantinKit

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A site in a fresh temporary folder, made from `[path: contents]`; the default theme and a small
/// gazetteer are added unless the files given replace them.
struct TestSite {
    let root: URL

    static let smallGazetteer = """
    province: Tuyên Quang
    districts:
      - name: Yên Sơn
        kind: huyện
        code: "073"
        communes:
          - { name: Hùng Lợi, kind: xã, code: "02440" }
          - { name: Trung Minh, kind: xã, code: "02443" }
          - { name: Đông Thọ, kind: xã, code: "02500" }
      - name: Tuyên Quang
        kind: thành phố
        code: "070"
        communes:
          - { name: Phan Thiết, kind: phường, code: "02200" }
          - { name: An Tường, kind: phường, code: "02512" }
      - name: Hàm Yên
        kind: huyện
        code: "075"
        communes:
          - { name: Tân Thành, kind: xã, code: "02617" }
      - name: Sơn Dương
        kind: huyện
        code: "076"
        communes:
          - { name: Tân Thanh, kind: xã, code: "02680" }
    """

    static let defaultConfig = """
    title: "Bản tin thử"
    description: "Trang thử nghiệm"
    baseURL: "https://example.gov.vn/bantin/"
    """

    init(_ files: [String: String], theme: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        var all = files
        if all["site.yaml"] == nil { all["site.yaml"] = Self.defaultConfig }
        if all["content/communes.yaml"] == nil { all["content/communes.yaml"] = Self.smallGazetteer }
        for (path, contents) in all {
            try write(path, contents)
        }
        if theme && !files.keys.contains(where: { $0.hasPrefix("templates/") }) {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("templates"), to: root.appendingPathComponent("templates"))
        }
    }

    /// Copies a fixture site from `Tests/Fixtures/<name>`, adding the default theme if it has none.
    init(fixture name: String) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-test-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Tests/Fixtures/\(name)"), to: root)
        if !FileManager.default.fileExists(atPath: root.appendingPathComponent("site.yaml").path) {
            try write("site.yaml", Self.defaultConfig)
        }
        if !FileManager.default.fileExists(atPath: root.appendingPathComponent("content/communes.yaml").path) {
            try write("content/communes.yaml", Self.smallGazetteer)
        }
        if !FileManager.default.fileExists(atPath: root.appendingPathComponent("templates").path) {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("templates"), to: root.appendingPathComponent("templates"))
        }
    }

    func write(_ path: String, _ contents: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: url)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    var output: URL { root.appendingPathComponent("public") }

    /// 2024-06-01 10:00 in Vietnam: a fixed clock makes outputs exact.
    static let fixedNow = Date(timeIntervalSince1970: 1_717_210_800)

    func options(now: Date = TestSite.fixedNow) -> BuildOptions {
        BuildOptions(sourceRoot: root, now: now)
    }

    @discardableResult
    func build(_ configure: (inout BuildOptions) -> Void = { _ in }) throws -> BuildReport {
        var options = options()
        configure(&options)
        return try SiteBuilder.build(options)
    }

    /// The site's model as a build makes it (nil when the settings stage found no gazetteer).
    func model() -> Site? {
        let options = options()
        let settings = SiteLoader.settings(options)
        return SiteLoader.model(settings, SiteLoader.content(options, settings), options).0
    }

    /// Diagnostics of a build expected to fail.
    func failingBuild(_ configure: (inout BuildOptions) -> Void = { _ in }) -> [Diagnostic] {
        var options = options()
        configure(&options)
        do {
            _ = try SiteBuilder.build(options)
            return []
        } catch {
            return error.diagnostics
        }
    }

    func read(_ sitePath: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(sitePath), encoding: .utf8)
    }

    func exists(_ sitePath: String) -> Bool {
        FileManager.default.fileExists(atPath: output.appendingPathComponent(sitePath).path)
    }

    /// Every file of the output, path → bytes.
    func outputTree() -> [String: Data] {
        tree(at: output)
    }

    func tree(at folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        for file in FileTree.files(under: folder) {
            result[file] = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path)
        }
        return result
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: root)
    }
}

/// An article file: front matter lines then a body.
func article(_ frontMatter: String, body: String = "Nội dung bài viết.") -> String {
    "---\n\(frontMatter)\n---\n\n\(body)\n"
}

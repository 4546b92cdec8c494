import Foundation
import Testing
@testable import BantinKit

/// Runs the built `site` executable as an editor or a script would, and checks exit codes and messages.
@Suite struct SiteCommandTests {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static var executable: URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("site")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return repositoryRoot.appendingPathComponent(".build/debug/site")
    }

    func run(_ arguments: [String], in folder: URL) throws -> Run {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func versionAndHelp() throws {
        let version = try run(["--version"], in: repositoryRoot)
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
        let help = try run(["build", "--help"], in: repositoryRoot)
        #expect(help.status == 0)
        for flag in ["--source", "--output", "--base-url", "--drafts", "--future", "--quiet", "--verbose", "--force", "--relative-links"] {
            #expect(help.stdout.contains(flag), "build --help does not mention \(flag)")
        }
    }

    /// The hostile trial's cases, as the command reports them: exit 1 with a located message,
    /// never exit 139 or a copy of a draft.
    @Test func hostileInputsExitOneWithALocatedMessage() throws {
        let site = try TestSite(["content/a.md": article("title: Bài A\ndate: 21/02/2024")])
        defer { site.cleanUp() }
        try site.write("templates/article-card.mustache", "<li>{{title}}</li>\n{{> article-card}}\n")
        try site.write("content/bai.md.txt", article("title: Nháp\ndate: 21/02/2024\ndraft: true"))
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("clink").path, withDestinationPath: "content")
        for command in [["build"], ["check"]] {
            let result = try run(command, in: site.root)
            #expect(result.status == 1)
            #expect(result.stderr.contains("templates/article-card.mustache:2:1: error: template 'article-card' includes itself [template-cycle]"))
            #expect(result.stderr.contains("content/bai.md.txt:1:1: error: this looks like an article"))
        }
        try site.write("templates/article-card.mustache", "<li>{{title}}</li>\n")
        try site.remove("content/bai.md.txt")
        let throughLink = try run(["build", "--output", "clink/pub"], in: site.root)
        #expect(throughLink.status == 1)
        #expect(throughLink.stderr.contains("it is inside the site's content/ folder [unsafe-output]"))
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("content/pub").path))
        let typo = try run(["build", "--source", "typo/dir"], in: site.root)
        #expect(typo.status == 1 && typo.stderr.contains("[missing-config]"))
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("typo").path))
    }

    @Test func buildPrintsOneSummaryLineAndExitsZero() throws {
        let site = try TestSite(fixture: "golden-site")
        defer { site.cleanUp() }
        let result = try run(["build"], in: site.root)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("Built ") == true)
        #expect(result.stdout.contains(" articles, ") && result.stdout.contains(" communes in "))
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("index.html").path))
    }

    @Test func errorsArePrintedCompilerStyleExitOneAndKeepTheOutput() throws {
        let site = try TestSite(fixture: "golden-site")
        defer { site.cleanUp() }
        #expect(try run(["build", "--quiet"], in: site.root).status == 0)
        let before = site.outputTree()
        try site.write("content/2024/05/sai.md", article("title: Sai\ndate: \"31/02/2024\"\ncommunes: [Hùng Lơi]"))

        let result = try run(["build"], in: site.root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("content/2024/05/sai.md:3:7: error: there is no such date or time as \"31/02/2024\" [bad-date]"))
        #expect(result.stderr.contains("content/2024/05/sai.md:4:12: error: unknown commune \"Hùng Lơi\""))
        #expect(result.stderr.contains("hint: did you mean \"Hùng Lợi\""))
        #expect(result.stdout.isEmpty)
        #expect(site.outputTree() == before)

        // From another folder, paths are shown as the user can open them.
        let outside = try run(["build", "--source", site.root.path], in: URL(fileURLWithPath: "/"))
        #expect(outside.status == 1)
        #expect(outside.stderr.contains("\(site.root.path)/content/2024/05/sai.md:3:7: error:"))
    }

    @Test func unknownFlagIsAUsageError() throws {
        let result = try run(["build", "--no-such-flag"], in: repositoryRoot)
        #expect(result.status != 0 && result.status != 1)
        #expect(result.stderr.contains("--no-such-flag"))
    }
}

import ArgumentParser
import BantinKit
import Foundation

@main
struct SiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Bantin: builds a provincial news bulletin site from Markdown articles.",
        version: BantinVersion.text,
        subcommands: [Build.self, Check.self, Serve.self, New.self]
    )
}

/// What `site build` and `site serve` publish: the base URL, drafts, articles for later.
struct PublishingOptions: ParsableArguments {
    @Option(name: .customLong("base-url"), help: "Override site.yaml's baseURL, e.g. https://example.gov.vn/bantin/.")
    var baseURL: String?

    @Flag(name: .long, help: "Include articles with draft: true.")
    var drafts = false

    @Flag(name: .long, help: "Include articles dated in the future.")
    var future = false

    func apply(to options: inout BuildOptions) {
        options.baseURL = baseURL
        options.includeDrafts = drafts
        options.includeFuture = future
    }
}

/// Flags shared by the commands that read a site.
struct SourceOptions: ParsableArguments {
    @Option(name: .long, help: "The site's folder (with site.yaml, content/, templates/).")
    var source: String = "."

    var sourceURL: URL {
        URL(fileURLWithPath: source, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
    }
}

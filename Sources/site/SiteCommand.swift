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

/// Flags shared by the commands that read a site.
struct SourceOptions: ParsableArguments {
    @Option(name: .long, help: "The site's folder (with site.yaml, content/, templates/).")
    var source: String = "."

    var sourceURL: URL {
        URL(fileURLWithPath: source, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
    }
}

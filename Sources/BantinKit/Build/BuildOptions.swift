import Foundation

/// What the CLI passes in: BantinKit never reads argv, the environment, the working folder or the clock.
public struct BuildOptions: Sendable {
    public var sourceRoot: URL
    /// Defaults to `public/` under the source root.
    public var output: URL?
    public var baseURL: String?
    public var includeDrafts = false
    public var includeFuture = false
    public var relativeLinks: Bool?
    /// `site serve`: the site's addresses keep the base URL's path but take this origin
    /// (`http://127.0.0.1:1313`), so every link works on the preview server.
    public var servedOrigin: String?
    public var force = false
    /// Warnings fail the build too (the output is then left untouched).
    public var strict = false
    /// The build's "now", deciding which articles are in the future.
    public var now: Date
    /// Never used as the output folder.
    public var homeDirectory: URL?
    /// Told when each stage ends (`site build` passes one with BANTIN_TRACE=1), for profiling.
    public var trace: @Sendable (BuildStage) -> Void = { _ in }

    public init(sourceRoot: URL, now: Date) {
        self.sourceRoot = sourceRoot
        self.now = now
    }

    public var outputFolder: URL { output ?? sourceRoot.appendingPathComponent("public") }
}

/// What a successful build did.
public struct BuildReport: Sendable {
    public let articles: Int
    public let pages: Int
    public let communesWithArticles: Int
    public let files: OutputCounts
    public let warnings: [Diagnostic]
}

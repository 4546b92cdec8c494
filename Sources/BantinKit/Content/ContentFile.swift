/// What a file under `content/` that is not an `.md` article is to the build.
enum ContentFile: Equatable {
    /// Published beside the articles (photos, documents).
    case resource
    /// Left out: what editors' programs leave beside the files they edit (backups, lock files,
    /// thumbnails' caches). A backup of an article would publish its text, draft or not.
    case leftOver
    /// Markdown under another extension (`.markdown`, `.MD`): an error, with the name to give it.
    case misnamedArticle(suggested: String)

    static func kind(of path: String) -> ContentFile {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let lowered = name.lowercased()
        if lowered.hasSuffix("~") || lowered.hasPrefix("~$") || (lowered.hasPrefix("#") && lowered.hasSuffix("#"))
            || leftOverExtensions.contains(where: { lowered.hasSuffix($0) }) || leftOverNames.contains(lowered) {
            return .leftOver
        }
        if let dot = name.lastIndex(of: "."), markdownExtensions.contains(name[name.index(after: dot)...].lowercased()) {
            return .misnamedArticle(suggested: String(name[..<dot]) + ".md")
        }
        return .resource
    }

    private static let markdownExtensions: Set<String> = ["md", "markdown", "mdown", "mkd", "mkdn"]
    private static let leftOverExtensions = [".swp", ".swo", ".bak", ".tmp", ".orig"]
    private static let leftOverNames: Set<String> = ["thumbs.db", "desktop.ini"]
}

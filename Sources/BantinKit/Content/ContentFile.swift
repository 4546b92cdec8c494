/// What a file under `content/` that is not an `.md` article is to the build. Only known kinds
/// of photos, documents and media are published: any other file copied as it is could be an
/// article saved under the wrong name, front matter, drafts and embargoes included.
enum ContentFile: Equatable {
    /// Published beside the articles (photos, documents).
    case resource
    /// Left out: what editors' programs leave beside the files they edit (backups, lock files,
    /// thumbnails' caches). A backup of an article would publish its text, draft or not.
    case leftOver
    /// An article by its name (`bai.markdown`, `bai.md.txt`, `bai.md.`) or by its first line
    /// (`---`): an error, with the name to give it.
    case misnamedArticle(suggested: String)
    /// A file of a kind Bantin does not publish (`.exe`, `.html`, no extension): an error.
    case unknownKind(extension: String?)

    /// `startsWithFrontMatter` reads the file's first bytes; it is asked only of files whose
    /// name does not settle what they are.
    static func kind(of path: String, startsWithFrontMatter: () -> Bool) -> ContentFile {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let lowered = name.lowercased()
        if lowered.hasSuffix("~") || lowered.hasPrefix("~$") || (lowered.hasPrefix("#") && lowered.hasSuffix("#"))
            || leftOverExtensions.contains(where: { lowered.hasSuffix($0) }) || leftOverNames.contains(lowered) {
            return .leftOver
        }
        // Windows drops trailing spaces and dots from names, so `bai.md ` and `bai.md.` are
        // what an editor sees as `bai.md`. Any Markdown extension among the name's parts makes
        // it an article: `bai.md.txt` is what Notepad saves, `bai.md.docx` what Word does.
        let trimmed = String(name.reversed().drop { $0 == " " || $0 == "." || $0.isWhitespace }.reversed())
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        if let markdown = parts.indices.dropFirst().first(where: { markdownExtensions.contains(parts[$0].lowercased()) }),
           !parts[..<markdown].joined(separator: ".").isEmpty {
            return .misnamedArticle(suggested: parts[..<markdown].joined(separator: ".") + ".md")
        }
        let ext = parts.count > 1 && !parts[0].isEmpty ? parts.last!.lowercased() : nil
        if startsWithFrontMatter() {
            let stem = ext == nil ? trimmed : parts.dropLast().joined(separator: ".")
            return .misnamedArticle(suggested: (stem.isEmpty ? "bai-viet" : stem) + ".md")
        }
        if let ext, publishedExtensions.contains(ext) { return .resource }
        return .unknownKind(extension: ext)
    }

    /// Whether these first bytes of a file open front matter: a `---` line, after a byte-order
    /// mark if any. A photo or a PDF never starts so.
    static func opensFrontMatter(_ bytes: some Collection<UInt8>) -> Bool {
        var rest = bytes[...]
        if rest.starts(with: [0xEF, 0xBB, 0xBF]) { rest = rest.dropFirst(3) }
        guard rest.starts(with: Array("---".utf8)) else { return false }
        rest = rest.dropFirst(3).drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        return rest.first.map { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") } ?? true
    }

    /// The kinds `content/` may publish, in the words of the hint given for any other.
    static let publishedKinds = "photos (.jpg, .png, .webp, .svg…), documents (.pdf, .docx, .xlsx, .txt…), audio and video (.mp3, .mp4…) and archives (.zip)"

    static let publishedExtensions: Set<String> = [
        // Photos and drawings.
        "jpg", "jpeg", "png", "gif", "webp", "avif", "svg", "bmp", "ico", "tif", "tiff", "heic", "heif",
        // Documents a bulletin links to.
        "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "txt", "csv", "epub",
        // Audio, video and subtitles.
        "mp3", "m4a", "aac", "wav", "ogg", "oga", "opus", "flac", "mp4", "m4v", "webm", "mov", "ogv", "avi", "mkv", "3gp", "vtt",
        // Archives of the above.
        "zip", "rar", "7z",
    ]

    private static let markdownExtensions: Set<String> = ["md", "markdown", "mdown", "mkd", "mkdn"]
    private static let leftOverExtensions = [".swp", ".swo", ".bak", ".tmp", ".orig"]
    private static let leftOverNames: Set<String> = ["thumbs.db", "desktop.ini"]
}

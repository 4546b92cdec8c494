/// Resolves link and image destinations written in an article's Markdown: other articles' source
/// files become their permalinks, files under `content/` their copied paths, `/x` is under the base path.
struct ContentLinkResolver: Sendable {
    let site: Site
    let links: LinkBuilder

    enum Target: Equatable {
        /// Leave as written (external, fragment-only, mailto…).
        case external
        /// A site path (no leading `/`), plus any `?query#fragment`.
        case site(String, suffix: String)
        /// Points into `content/` at something that does not exist.
        case missing(String)
    }

    func resolve(_ url: String, fromSource sourcePath: String) -> Target {
        // On UTF-8 bytes: every character that matters here is ASCII.
        let bytes = url.utf8
        guard let first = bytes.first, first != UInt8(ascii: "#"), !bytes.starts(with: "//".utf8), !Self.hasScheme(url) else { return .external }
        var path = Substring(url)
        var suffix = ""
        if let cut = bytes.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) {
            suffix = String(url[cut...])
            path = url[..<cut]
        }
        let decoded = path.utf8.contains(UInt8(ascii: "%")) ? String(path).removingPercentEncoding ?? String(path) : String(path)
        if decoded.utf8.first == UInt8(ascii: "/") {
            return .site(String(decoded.drop { $0 == "/" }), suffix: suffix)
        }
        let folder = sourcePath.split(separator: "/").dropLast().map(String.init)
        guard let target = Self.normalize(folder + decoded.split(separator: "/", omittingEmptySubsequences: false).map(String.init)),
              target.hasPrefix("content/")
        else { return .missing(decoded) }
        if let permalink = site.permalink(ofSource: target) { return .site(permalink, suffix: suffix) }
        if let folderPermalink = site.permalink(ofSource: target + (target.hasSuffix("/") ? "" : "/") + "index.md") {
            return .site(folderPermalink, suffix: suffix)
        }
        if let resource = site.resources[target] { return .site(resource, suffix: suffix) }
        return .missing(target)
    }

    /// Resolves `.` and `..`; nil if the path climbs above the site root.
    static func normalize(_ parts: [String]) -> String? {
        var out: [String] = []
        for (i, part) in parts.enumerated() {
            switch part {
            case ".": continue
            case "..":
                guard !out.isEmpty else { return nil }
                out.removeLast()
            case "": if i == parts.count - 1 { out.append("") }
            default: out.append(part)
            }
        }
        return out.joined(separator: "/")
    }

    /// `scheme:` as RFC 3986 has it: a letter, then letters, digits, `+`, `-` or `.`.
    static func hasScheme(_ url: String) -> Bool {
        var isFirst = true
        for byte in url.utf8 {
            let isLetter = (0x61...0x7A).contains(byte | 0x20)
            if byte == UInt8(ascii: ":") { return !isFirst }
            guard isLetter || (!isFirst && ((0x30...0x39).contains(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "."))) else { return false }
            isFirst = false
        }
        return false
    }
}

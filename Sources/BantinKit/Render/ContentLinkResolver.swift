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
        if url.isEmpty || url.hasPrefix("#") || url.hasPrefix("//") || Self.hasScheme(url) { return .external }
        var path = Substring(url)
        var suffix = ""
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            suffix = String(path[cut...])
            path = path[..<cut]
        }
        let decoded = String(path).removingPercentEncoding ?? String(path)
        if decoded.hasPrefix("/") {
            return .site(String(decoded.drop { $0 == "/" }), suffix: suffix)
        }
        let folder = sourcePath.split(separator: "/").dropLast().map(String.init)
        guard let target = Self.normalize(folder + decoded.split(separator: "/", omittingEmptySubsequences: false).map(String.init)),
              target.hasPrefix("content/")
        else { return .missing(decoded) }
        if let permalink = site.permalinkBySource[target] { return .site(permalink, suffix: suffix) }
        if let folderPermalink = site.permalinkBySource[target + (target.hasSuffix("/") ? "" : "/") + "index.md"] {
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

    static func hasScheme(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":") else { return false }
        let scheme = url[..<colon]
        return !scheme.isEmpty && !scheme.contains("/") && scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
    }
}

/// A folder of article addresses that no article holds (`2023/`, `2023/02/` with the default
/// permalinks): the build writes an archive page there, so that every prefix of an address
/// answers. The home page (`""`) is not one.
public struct ArchiveFolder: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Its last part is `:year`: it lists its months (or, with no `:month` folder below it,
        /// its articles).
        case year
        /// `:month`, `:day`, `:section` or a fixed word: it lists its articles.
        case month, day, other
    }

    /// Site path, ending with `/`: `2023/02/`.
    public let path: String
    public let kind: Kind
    /// The values of the address's `:year`, `:month` and `:day` parts down to this folder.
    public let year: Int?, month: Int?, day: Int?
    /// Indices into `Site.articles` of the articles below it, newest first.
    public internal(set) var articles: [Int] = []
    /// Indices into `Site.archives` of the folders right below it that are `month` folders.
    public internal(set) var months: [Int] = []

    /// Whether its pages list its articles (all but a year with months below it).
    public var listsArticles: Bool { kind != .year || months.isEmpty }

    /// Its pages: one for a year with months, `paginate` articles a page otherwise.
    func pageCount(paginate: Int) -> Int {
        listsArticles ? articles.pageCount(paginate: paginate) : 1
    }
}

extension ArchiveFolder {
    /// The folders of every article's address, in the order of the articles that first show
    /// each (newest first); a year's `months` newest first.
    static func folders(of articles: [Article], pattern: PermalinkPattern) -> [ArchiveFolder] {
        var folders: [ArchiveFolder] = []
        var byPath: [Substring: Int] = [:]
        for (index, article) in articles.enumerated() {
            let permalink = article.permalink
            // Searched in the bytes: the same search by characters was a quarter of the model stage.
            let utf8 = permalink.utf8
            var end = utf8.startIndex
            var depth = 0
            var year: Int?, month: Int?, day: Int?
            var parent: Int?
            // Each proper prefix: up to each '/' but the last.
            while let slash = utf8[end...].firstIndex(of: UInt8(ascii: "/")), utf8.index(after: slash) < utf8.endIndex {
                let segment = permalink[end..<slash]
                let kind: Kind
                switch depth < pattern.parts.count ? pattern.parts[depth] : .slug {
                case .year: kind = .year; year = Int(segment)
                case .month: kind = .month; month = Int(segment)
                case .day: kind = .day; day = Int(segment)
                default: kind = .other
                }
                end = utf8.index(after: slash)
                depth += 1
                let path = permalink[..<end]
                let at: Int
                if let found = byPath[path] {
                    at = found
                } else {
                    at = folders.count
                    byPath[path] = at
                    folders.append(ArchiveFolder(path: String(path), kind: kind, year: year, month: month, day: day))
                    if kind == .month, let parent, folders[parent].kind == .year { folders[parent].months.append(at) }
                }
                folders[at].articles.append(index)
                parent = at
            }
        }
        let found = folders
        for index in folders.indices where folders[index].months.count > 1 {
            folders[index].months.sort { a, b in
                (found[a].month ?? 0, found[b].path) > (found[b].month ?? 0, found[a].path)
            }
        }
        return folders
    }
}

/// The pattern of article URLs, e.g. `/:year/:month/:slug/`.
public struct PermalinkPattern: Sendable, Hashable {
    enum Part: Sendable, Hashable {
        case literal(String)
        case year, month, day, slug, section
    }

    let parts: [Part]
    public let text: String

    public static let tokens = [":year", ":month", ":day", ":slug", ":section"]
    public static let `default` = PermalinkPattern(parsing: "/:year/:month/:slug/")!

    /// nil when the pattern has an unknown token, lacks `:slug`, or has unsafe segments.
    public init?(parsing text: String) {
        var parts: [Part] = []
        var hasSlug = false
        for segment in text.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ":year": parts.append(.year)
            case ":month": parts.append(.month)
            case ":day": parts.append(.day)
            case ":slug": parts.append(.slug); hasSlug = true
            case ":section": parts.append(.section)
            default:
                guard !segment.contains(":"), Slug.isSafe(String(segment)) else { return nil }
                parts.append(.literal(String(segment)))
            }
        }
        guard hasSlug else { return nil }
        self.parts = parts
        self.text = text
    }

    /// The site path (no leading `/`, ending with `/`) of an article.
    func expand(slug: String, date: LocalDateTime, section: String) -> String {
        var path = ""
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        for part in parts {
            switch part {
            case .literal(let s): path += s
            case .year: path += String(date.year)
            case .month: path += two(date.month)
            case .day: path += two(date.day)
            case .slug: path += slug
            case .section: path += section.isEmpty ? "bai-viet" : section
            }
            path += "/"
        }
        return path
    }
}

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
        // Made in one buffer: it runs for every article of every build.
        var path: [UInt8] = []
        path.reserveCapacity(slug.utf8.count + 32)
        func digits(_ n: Int, width: Int) {
            let text = String(n)
            for _ in text.utf8.count..<max(width, text.utf8.count) { path.append(UInt8(ascii: "0")) }
            path.append(contentsOf: text.utf8)
        }
        for part in parts {
            switch part {
            case .literal(let s): path.append(contentsOf: s.utf8)
            case .year: digits(date.year, width: 1)
            case .month: digits(date.month, width: 2)
            case .day: digits(date.day, width: 2)
            case .slug: path.append(contentsOf: slug.utf8)
            case .section: path.append(contentsOf: (section.isEmpty ? "bai-viet" : section).utf8)
            }
            path.append(UInt8(ascii: "/"))
        }
        return String(decoding: path, as: UTF8.self)
    }
}

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
        // Written digit by digit: a String per number cost more than the rest of the path.
        func digits(_ n: Int, width: Int) {
            guard n >= 0 else { return path.append(contentsOf: String(n).utf8) }
            var count = 1
            var rest = n / 10
            while rest > 0 { count += 1; rest /= 10 }
            for _ in count..<max(width, count) { path.append(UInt8(ascii: "0")) }
            let start = path.count
            path.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
            var value = n
            for index in stride(from: start + count - 1, through: start, by: -1) {
                path[index] += UInt8(value % 10)
                value /= 10
            }
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

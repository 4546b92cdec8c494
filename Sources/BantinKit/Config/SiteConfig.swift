import Foundation

/// The site's settings from `site.yaml`, validated, with defaults filled in.
public struct SiteConfig: Sendable {
    public var title: String
    public var description: String
    /// Always ends with `/`; may carry a sub-path (`https://example.gov.vn/bantin/`).
    public var baseURL: SiteURL
    public var language: String
    public var timeZone: TimeZone
    public var feedLimit: Int
    public var paginate: Int
    public var permalink: PermalinkPattern
    public var markdownUnsafe: Bool
    public var relativeLinks: Bool
    /// Theme assets get content hashes in their names (`assets.fingerprint`).
    public var fingerprintAssets: Bool
    public var communeDetection: CommuneDetection
    public var params: TemplateValue

    public enum CommuneDetection: String, Sendable {
        /// Mentions are not looked for during `build` (`site check` still reports them).
        case off
        /// Mentioned communes are added to the article's communes.
        case tag
    }

    public static let fileName = "site.yaml"

    public init(title: String = "Bản tin", baseURL: SiteURL = SiteURL("http://localhost/")!) {
        self.title = title
        self.description = ""
        self.baseURL = baseURL
        self.language = "vi"
        // A host without tzdata has no named zones, but a fixed offset needs none: Vietnam has kept
        // UTC+7, without summer time, since 1975.
        self.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600)!
        self.feedLimit = 50
        self.paginate = 10
        self.permalink = PermalinkPattern.default
        self.markdownUnsafe = false
        self.relativeLinks = false
        self.fingerprintAssets = false
        self.communeDetection = .off
        self.params = .map([])
    }
}

/// An absolute http(s) base URL, split into origin and path; the path starts and ends with `/`.
public struct SiteURL: Sendable, Hashable {
    /// `https://example.gov.vn`
    public let origin: String
    /// `/bantin/`
    public let path: String

    public init?(_ text: String) {
        guard let components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty,
              components.query == nil, components.fragment == nil, components.user == nil
        else { return nil }
        var origin = "\(scheme)://\(host.lowercased())"
        if let port = components.port { origin += ":\(port)" }
        var path = components.percentEncodedPath
        if !path.hasPrefix("/") { path = "/" + path }
        if !path.hasSuffix("/") { path += "/" }
        if path.contains("/../") || path.contains("/./") { return nil }
        self.origin = origin
        self.path = path
    }

    public var absolute: String { origin + path }
}

import Foundation
import Yams

extension SiteConfig {
    static let knownKeys = ["title", "description", "baseURL", "language", "timezone", "paginate", "feed", "permalinks", "markdown", "relativeLinks", "communes", "assets", "params"]

    /// Reads `site.yaml`; every problem becomes a diagnostic, and defaults stand in for bad values.
    static func load(text: String, file: String) -> (SiteConfig, [Diagnostic]) {
        var config = SiteConfig()
        let document: YAMLDocument
        switch YAMLDocument.parse(text, file: file) {
        case .success(let d): document = d
        case .failure(let d): return (config, [d])
        }
        let mapping: Node.Mapping
        switch document.rootMapping(what: file) {
        case .success(let m): mapping = m
        case .failure(let d): return (config, [d])
        }
        var fields = YAMLFields(document, mapping)
        var diagnostics: [Diagnostic] = []

        fields.warnUnknownKeys(knownKeys, in: file, otherwise: "put your own values under 'params:'")

        let title = fields.text("title")
        if let (text, _) = title, !text.isEmpty { config.title = text }
        else if title != nil || fields.isMissing("title") {
            diagnostics.append(.error(.missingTitle, "\(file) has no 'title'", hint: "add a line such as: title: \"Bản tin Công an tỉnh\"", at: SourceLocation(file: file)))
        }
        if let (description, _) = fields.text("description") { config.description = description }
        if let (base, location) = fields.string("baseURL") {
            if let url = SiteURL(base) { config.baseURL = url }
            else {
                diagnostics.append(.error(.badBaseURL, "'baseURL' must be an absolute http(s) address, got \"\(base)\"", hint: "e.g. baseURL: \"https://congan.tuyenquang.gov.vn/bantin/\"", at: location))
            }
        } else if fields.isMissing("baseURL") {
            diagnostics.append(.error(.badBaseURL, "\(file) has no 'baseURL'", hint: "add the address the site is published at, e.g. baseURL: \"https://congan.tuyenquang.gov.vn/bantin/\"", at: SourceLocation(file: file)))
        }
        if let (language, _) = fields.string("language") { config.language = language }
        if let (zone, location) = fields.string("timezone") {
            if let tz = TimeZone(identifier: zone) { config.timeZone = tz }
            else {
                diagnostics.append(.error(.badTimezone, "unknown time zone \"\(zone)\"", hint: "use an IANA name such as Asia/Ho_Chi_Minh", at: location))
            }
        }
        if let paginate = fields.int("paginate", in: 1...1000) { config.paginate = paginate }
        if let (pattern, location) = fields.string("permalinks") {
            if let p = PermalinkPattern(parsing: pattern) { config.permalink = p }
            else {
                diagnostics.append(.error(.badPermalink, "permalink pattern \"\(pattern)\" is not usable", hint: "use '/'-separated parts from \(PermalinkPattern.tokens.joined(separator: " ")) and plain ASCII words; :slug is required", at: location))
            }
        }
        if var feed = fields.mapping("feed") {
            feed.warnUnknownKeys(["limit"], in: "feed:")
            if let limit = feed.int("limit", in: 1...100_000) { config.feedLimit = limit }
            diagnostics += feed.diagnostics
        }
        if var markdown = fields.mapping("markdown") {
            markdown.warnUnknownKeys(["unsafe"], in: "markdown:")
            if let unsafe = markdown.bool("unsafe") { config.markdownUnsafe = unsafe }
            diagnostics += markdown.diagnostics
        }
        if let relative = fields.bool("relativeLinks") { config.relativeLinks = relative }
        if var assets = fields.mapping("assets") {
            assets.warnUnknownKeys(["fingerprint"], in: "assets:")
            if let fingerprint = assets.bool("fingerprint") { config.fingerprintAssets = fingerprint }
            diagnostics += assets.diagnostics
        }
        if var communes = fields.mapping("communes") {
            communes.warnUnknownKeys(["detect"], in: "communes:")
            if let (mode, location) = communes.string("detect") {
                if let detection = CommuneDetection(rawValue: mode) { config.communeDetection = detection }
                else {
                    diagnostics.append(.error(.wrongType, "'communes.detect' must be 'off' or 'tag', got \"\(mode)\"", at: location))
                }
            }
            diagnostics += communes.diagnostics
        }
        if let params = fields.node("params") { config.params = params.templateValue }
        diagnostics += fields.diagnostics
        return (config, diagnostics)
    }
}

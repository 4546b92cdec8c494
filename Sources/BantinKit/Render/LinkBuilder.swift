/// Makes the `href`s of pages: root-relative under the base path (`/bantin/2023/02/x/`), or relative
/// to the page (`../../03/y/index.html`) when the site must also work opened from disk.
public struct LinkBuilder: Sendable {
    public let base: SiteURL
    public let relative: Bool

    /// `sitePath` has no leading `/` (`2023/02/x/`, `assets/style.css`, `` for home).
    /// `page` is the folder of the page being written; nil for pages served at unknown addresses (404).
    public func href(_ sitePath: String, from page: String?) -> String {
        let encoded = Escape.urlPath(sitePath)
        guard relative, let page else { return base.path + encoded }
        let depth = page.split(separator: "/").count
        var path = String(repeating: "../", count: depth) + encoded
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        return path
    }

    public func absolute(_ sitePath: String) -> String {
        base.absolute + Escape.urlPath(sitePath)
    }
}

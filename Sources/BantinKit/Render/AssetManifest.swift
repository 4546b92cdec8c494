import Foundation

/// The theme's `templates/assets/` as they are published: with `assets.fingerprint: true` each
/// file's name carries a hash of its content (`style.3f2a9c1e.css`), so hosts can cache them for
/// ever, and `url(…)` references between them in CSS are rewritten to the new names.
struct AssetManifest: Sendable {
    struct Asset: Sendable {
        /// Site path in the output, e.g. `assets/style.3f2a9c1e.css`.
        let sitePath: String
        let bytes: Data
    }

    /// By path under `templates/assets/` (`style.css`, `img/logo.png`).
    let assets: [String: Asset]

    init(assets: [String: Asset]) {
        self.assets = assets
    }

    /// `contents`: the files under `templates/assets/`, by path there.
    init(files contents: [String: Data], fingerprint: Bool) {
        guard fingerprint else {
            self.assets = contents.reduce(into: [:]) { $0[$1.key] = Asset(sitePath: "assets/" + $1.key, bytes: $1.value) }
            return
        }
        var assets: [String: Asset] = [:]
        // CSS last: its references are rewritten to the names of the other files first.
        let ordered = contents.keys.sorted { ($0.hasSuffix(".css") ? 1 : 0, $0) < ($1.hasSuffix(".css") ? 1 : 0, $1) }
        for file in ordered {
            var bytes = contents[file]!
            if file.hasSuffix(".css") {
                bytes = Data(Self.rewriteURLs(in: String(decoding: bytes, as: UTF8.self), of: file, using: assets).utf8)
            }
            assets[file] = Asset(sitePath: "assets/" + Self.fingerprinted(file, bytes), bytes: bytes)
        }
        self.assets = assets
    }

    /// `img/logo.png` → `img/logo.1a2b3c4d.png`.
    static func fingerprinted(_ file: String, _ bytes: Data) -> String {
        var hash = ContentHash()
        hash.add(bytes)
        let tag = String(hash.value >> 32, radix: 16).leftPadded(to: 8)
        guard let dot = file.lastIndex(of: "."), !file[dot...].contains("/") else { return "\(file).\(tag)" }
        return "\(file[..<dot]).\(tag)\(file[dot...])"
    }

    /// Rewrites relative `url(…)` references of a CSS file to the published names.
    static func rewriteURLs(in css: String, of file: String, using assets: [String: Asset]) -> String {
        let folder = file.split(separator: "/").dropLast().map(String.init)
        var out = ""
        var rest = css[...]
        while let open = rest.range(of: "url(") {
            out += rest[..<open.upperBound]
            rest = rest[open.upperBound...]
            guard let close = rest.firstIndex(of: ")") else { break }
            let raw = rest[..<close].trimmingCharacters(in: .whitespaces)
            let quote = raw.first == "\"" || raw.first == "'" ? String(raw.first!) : ""
            let target = quote.isEmpty ? raw : String(raw.dropFirst().dropLast())
            var replacement = String(rest[..<close])
            if !target.contains(":"), !target.hasPrefix("/"), !target.hasPrefix("#"),
               let path = ContentLinkResolver.normalize(folder + target.split(separator: "/").map(String.init)),
               let asset = assets[path] {
                let depth = folder.count
                replacement = quote + String(repeating: "../", count: depth) + String(asset.sitePath.dropFirst("assets/".count)) + quote
            }
            out += replacement
            rest = rest[close...]
        }
        out += rest
        return out
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What `site serve` answers a request with, from the site in memory: no file outside it can be
/// reached, whatever the address (`..`, encoded slashes, links), since only the site's own
/// paths are looked up.
public struct PreviewResponse: Sendable, Equatable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data
}

public enum PreviewResponder {
    /// Where served pages listen for rebuilds (Server-Sent Events).
    public static let eventsPath = "/__bantin/events"

    /// The answer to `method` on `target` (the path as sent, percent-encoded, without the query).
    /// Copied files are read below `sourceRoot` (the site's folder); `basePath` is the base URL's
    /// path, percent-encoded as in `site.yaml`. `version` counts rebuilds, for the reload script;
    /// `problems` are shown on every page.
    public static func respond(method: String, target: String, files: [String: MemoryOutput.File], sourceRoot: String, basePath: String, version: Int, problems: [Diagnostic]) -> PreviewResponse {
        respond(method: method, target: target, file: { files[$0] }, sourceRoot: sourceRoot, basePath: basePath, version: version, problems: problems)
    }

    /// The same, with the site's files given by a look-up: `PreviewSnapshot.file`.
    public static func respond(method: String, target: String, file files: (String) -> MemoryOutput.File?, sourceRoot: String, basePath: String, version: Int, problems: [Diagnostic]) -> PreviewResponse {
        guard method == "GET" || method == "HEAD" else {
            return finish(PreviewResponse(status: 405, headers: ["Allow": "GET, HEAD", "Content-Type": "text/plain; charset=utf-8"], body: Data("Method not allowed\n".utf8)), method: method)
        }
        let read = { (file: MemoryOutput.File) in Self.read(file, below: sourceRoot) }
        guard let path = decode(target) else {
            return finish(notFound(files, read: read, version: version, problems: problems), method: method)
        }
        // Compared decoded, as the request's path is: a base path may hold `%E1%BA%A3` (ả).
        let base = basePath.removingPercentEncoding ?? basePath
        if !path.hasPrefix(base) {
            // The bare host, or the base path without its last slash: the site's home.
            if path == "/" || path + "/" == base {
                return finish(redirect(to: basePath), method: method)
            }
            return finish(notFound(files, read: read, version: version, problems: problems), method: method)
        }
        let sitePath = String(path.dropFirst(base.count))
        let file = sitePath.isEmpty || sitePath.hasSuffix("/") ? sitePath + "index.html" : sitePath
        guard let found = files(file), let body = read(found) else {
            if files(sitePath + "/index.html") != nil {
                return finish(redirect(to: target + "/"), method: method)
            }
            return finish(notFound(files, read: read, version: version, problems: problems), method: method)
        }
        let type = contentType(file)
        let page = type.hasPrefix("text/html") ? withPreviewParts(body, version: version, problems: problems) : body
        return finish(PreviewResponse(status: 200, headers: ["Content-Type": type], body: page), method: method)
    }

    /// The path of a request, decoded; nil for anything that could name a file outside the site:
    /// `.` or `..` parts, an encoded `/` or `\`, a NUL, bad percent-encoding.
    static func decode(_ target: String) -> String? {
        guard target.hasPrefix("/") else { return nil }
        var parts: [String] = []
        for raw in target.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            guard let part = raw.removingPercentEncoding, part != ".", part != "..",
                  !part.contains("/"), !part.contains("\\"), !part.contains("\0") else { return nil }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// A file's bytes. A copy is opened one folder at a time from `root`, as a build lists
    /// `content/`: `content/` itself may be a link, but no link below it is followed (a folder
    /// swapped for a link to `/etc` since the build leads nowhere). It is read only if it is a
    /// regular file: a named pipe would block the server, a folder cannot be read.
    static func read(_ file: MemoryOutput.File, below root: String) -> Data? {
        switch file {
        case .bytes(let data): return data
        case .copy(of: let source):
            let root = root.hasSuffix("/") ? String(root.dropLast()) : root
            guard !root.isEmpty, source.hasPrefix(root + "/") else { return nil }
            let parts = source.dropFirst(root.count + 1).split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard let name = parts.last, !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else { return nil }
            var folder = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard folder >= 0 else { return nil }
            defer { close(folder) }
            for (depth, part) in parts.dropLast().enumerated() {
                let next = openat(folder, part, O_RDONLY | O_DIRECTORY | O_CLOEXEC | (depth == 0 ? 0 : O_NOFOLLOW))
                guard next >= 0 else { return nil }
                close(folder)
                folder = next
            }
            let descriptor = openat(folder, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            guard descriptor >= 0 else { return nil }
            defer { close(descriptor) }
            var info = stat()
            guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
                  let bytes = FileBytes.read(descriptor: descriptor, size: Int(info.st_size)) else { return nil }
            return Data(bytes)
        }
    }

    private static func notFound(_ files: (String) -> MemoryOutput.File?, read: (MemoryOutput.File) -> Data?, version: Int, problems: [Diagnostic]) -> PreviewResponse {
        let page = files("404.html").flatMap(read) ?? Data("<!doctype html><title>404</title><p>Không tìm thấy trang.</p>".utf8)
        return PreviewResponse(status: 404, headers: ["Content-Type": "text/html; charset=utf-8"], body: withPreviewParts(page, version: version, problems: problems))
    }

    private static func redirect(to location: String) -> PreviewResponse {
        PreviewResponse(status: 301, headers: ["Location": location, "Content-Type": "text/plain; charset=utf-8"], body: Data())
    }

    /// Headers every answer has; no body for HEAD.
    private static func finish(_ response: PreviewResponse, method: String) -> PreviewResponse {
        var response = response
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Content-Length"] = String(response.body.count)
        if method == "HEAD" { response.body = Data() }
        return response
    }

    static func contentType(_ path: String) -> String {
        let ext = path.split(separator: "/").last.flatMap { $0.contains(".") ? $0.split(separator: ".").last : nil }.map { $0.lowercased() } ?? ""
        switch ext {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json": return "application/json; charset=utf-8"
        case "xml": return path == SitePaths.feed || path.hasSuffix("/" + SitePaths.feed) ? "application/rss+xml; charset=utf-8" : "application/xml; charset=utf-8"
        case "opml": return "text/x-opml; charset=utf-8"
        case "txt", "md": return "text/plain; charset=utf-8"
        case "svg": return "image/svg+xml; charset=utf-8"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "avif": return "image/avif"
        case "ico": return "image/x-icon"
        case "pdf": return "application/pdf"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        case "mp4": return "video/mp4"
        case "mp3": return "audio/mpeg"
        default: return "application/octet-stream"
        }
    }

    /// A page as served: the reload script, and while the last rebuild failed, its problems on
    /// top of the page; never in what `site build` writes.
    static func withPreviewParts(_ page: Data, version: Int, problems: [Diagnostic]) -> Data {
        var extra = """
        <script>(() => { const events = new EventSource("\(eventsPath)"); events.onmessage = (event) => { if (event.data !== "\(version)") location.reload(); }; })();</script>

        """
        if !problems.isEmpty { extra = overlay(problems) + extra }
        let text = String(decoding: page, as: UTF8.self)
        guard let end = text.range(of: "</body>", options: [.backwards, .caseInsensitive]) else { return Data((text + extra).utf8) }
        return Data((text[..<end.lowerBound] + extra + text[end.lowerBound...]).utf8)
    }

    /// The problems of a failed rebuild, as a box over the page.
    static func overlay(_ problems: [Diagnostic]) -> String {
        let items = problems.map { problem in
            "<li>" + Escape.html(problem.formatted()).replacingOccurrences(of: "\n", with: "<br>") + "</li>"
        }.joined()
        return """
        <div id="bantin-errors" role="alert" lang="en" style="position:fixed;top:0;left:0;right:0;max-height:70vh;overflow:auto;z-index:2147483647;margin:0;padding:1em 1.5em;background:#fff4f4;color:#5c0000;border-bottom:4px solid #b00020;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap;text-align:left"><strong>Bantin could not rebuild the site: this is the last version that built. Fix these and save.</strong><ol style="margin:.5em 0 0;padding-left:1.5em">\(items)</ol></div>

        """
    }
}

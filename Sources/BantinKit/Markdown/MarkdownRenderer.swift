import Foundation
import CCmark
import CSystem

/// The only code that talks to libcmark. One parse per call; the document is freed before returning,
/// so calls from several threads at once are safe.
public struct MarkdownRenderer: Sendable {
    /// A link or image destination found in the document, with its line in the Markdown text (1-based).
    public struct Destination {
        public let url: String
        public let isImage: Bool
        public let line: Int
        public let column: Int
    }

    public struct Output: Sendable {
        public let html: String
        /// The text of the first paragraph, for summaries.
        public let firstParagraph: String
    }

    private let renderOptions: Int32

    /// libcmark keeps a pointer to its allocator in every node: one that lives as long as the process.
    nonisolated(unsafe) private static let arena: UnsafeMutablePointer<cmark_mem> = {
        let arena = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        arena.initialize(to: cmark_mem(calloc: bantin_arena_calloc, realloc: bantin_arena_realloc, free: bantin_arena_free))
        return arena
    }()

    /// libcmark's version string, e.g. `0.30.2`.
    public static var libraryVersion: String { String(cString: cmark_version_string()) }

    public init(unsafe: Bool) {
        renderOptions = CMARK_OPT_SMART | (unsafe ? CMARK_OPT_UNSAFE : 0)
    }

    /// Renders `markdown` to HTML; `rewrite` may replace each link and image destination.
    public func render(_ markdown: String, rewrite: (Destination) -> String? = { _ in nil }) -> Output {
        render(utf8: Data(markdown.utf8), rewrite: rewrite)
    }

    /// The same from UTF-8 bytes: an article's text read back from its file goes to libcmark
    /// without being made a Swift string first.
    public func render(utf8 markdown: Data, rewrite: (Destination) -> String? = { _ in nil }) -> Output {
        // Everything libcmark allocates for this document comes from this thread's arena and is
        // given back at once when the document is done.
        defer { bantin_arena_reset() }
        guard let parser = cmark_parser_new_with_mem(renderOptions | CMARK_OPT_SOURCEPOS, Self.arena) else {
            return Output(html: "", firstParagraph: "")
        }
        markdown.withUnsafeBytes { bytes in
            cmark_parser_feed(parser, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count)
        }
        let document = cmark_parser_finish(parser)
        cmark_parser_free(parser)
        guard let document else { return Output(html: "", firstParagraph: "") }

        rewriteDestinations(document, rewrite)
        let firstParagraph = Self.firstParagraphText(document)
        guard let html = cmark_render_html(document, renderOptions) else { return Output(html: "", firstParagraph: firstParagraph) }
        return Output(html: String(cString: html), firstParagraph: firstParagraph)
    }

    private func rewriteDestinations(_ document: OpaquePointer, _ rewrite: (Destination) -> String?) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE, let raw = cmark_node_get_url(node) else { continue }
            let destination = Destination(
                url: String(cString: raw), isImage: type == CMARK_NODE_IMAGE,
                line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)))
            if let replacement = rewrite(destination), replacement != destination.url {
                cmark_node_set_url(node, replacement)
            }
        }
    }

    /// Plain text of the first top-level paragraph; image descriptions are left out.
    private static func firstParagraphText(_ document: OpaquePointer) -> String {
        var child = cmark_node_first_child(document)
        while let node = child, cmark_node_get_type(node) != CMARK_NODE_PARAGRAPH {
            child = cmark_node_next(node)
        }
        guard let paragraph = child, let iterator = cmark_iter_new(paragraph) else { return "" }
        defer { cmark_iter_free(iterator) }
        var text = ""
        var imageDepth = 0
        var droppedImage = false
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_IMAGE {
                imageDepth += event == CMARK_EVENT_ENTER ? 1 : -1
                droppedImage = true
                continue
            }
            guard event == CMARK_EVENT_ENTER, imageDepth == 0 else { continue }
            switch type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(node) { text += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
        }
        // The spaces on both sides of a dropped image would make two.
        if droppedImage { return text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        return text.trimmingSpaces
    }
}

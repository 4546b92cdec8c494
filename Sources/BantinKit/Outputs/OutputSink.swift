import Foundation

/// Where rendered files go: the staged next version of a site (`StagedSite`), or memory (tests,
/// a preview server). A sink is handed each path once, already checked by `OutputWriter`.
protocol OutputSink: Sendable {
    func store(_ sitePath: String, _ bytes: UnsafeRawBufferPointer) throws(Diagnostic)
    /// A source file published as it is (an image beside its article): the sink decides when to read it.
    func storeCopy(_ sitePath: String, of sourceFile: String) throws(Diagnostic)
}

/// What every output writes through: each path is checked (inside the output folder, written
/// only once) before the sink gets it.
final class OutputWriter: Sendable {
    private let sink: any OutputSink
    private let claimed = Locked<Set<String>>([])
    private let pages = Locked(0)

    init(_ sink: any OutputSink) {
        self.sink = sink
    }

    /// The HTML pages written so far (copied files not included), for the build's summary.
    var pageCount: Int { pages.withLock { $0 } }

    func write(_ sitePath: String, _ text: String) throws(Diagnostic) {
        try claim(sitePath)
        if sitePath.hasSuffix(".html") { pages.withLock { $0 += 1 } }
        var text = text
        try text.withUTF8 { bytes in Result { () throws(Diagnostic) in try sink.store(sitePath, UnsafeRawBufferPointer(bytes)) } }.get()
    }

    func write(_ sitePath: String, _ data: Data) throws(Diagnostic) {
        try claim(sitePath)
        try data.withUnsafeBytes { bytes in Result { () throws(Diagnostic) in try sink.store(sitePath, bytes) } }.get()
    }

    func copy(_ sitePath: String, from sourceFile: String) throws(Diagnostic) {
        try claim(sitePath)
        try sink.storeCopy(sitePath, of: sourceFile)
    }

    func claim(_ sitePath: String) throws(Diagnostic) {
        guard SitePaths.isSafe(sitePath) else {
            throw .error(.unsafePath, "refusing to write \"\(sitePath)\": it would land outside the output folder", at: nil)
        }
        guard claimed.withLock({ $0.insert(sitePath).inserted }) else {
            throw .error(.duplicateOutput, "two pages would be written to \(sitePath)", hint: "an article's permalink may clash with another page; change its slug", at: nil)
        }
    }
}

/// A rendered site held in memory, by site path: string in, string out for tests. (`site serve`
/// keeps its files in `PreviewOutput`, which can deflate them.)
public final class MemoryOutput: OutputSink {
    public enum File: Sendable, Equatable {
        case bytes(Data)
        /// Published from this source file, read when it is served.
        case copy(of: String)
    }

    private let stored = Locked<[String: File]>([:])

    func store(_ sitePath: String, _ bytes: UnsafeRawBufferPointer) {
        stored.withLock { $0[sitePath] = .bytes(Data(bytes)) }
    }

    func storeCopy(_ sitePath: String, of sourceFile: String) {
        stored.withLock { $0[sitePath] = .copy(of: sourceFile) }
    }

    public var files: [String: File] { stored.withLock { $0 } }

    /// The text of a rendered file; nil for a copied one or no file.
    public func text(_ sitePath: String) -> String? {
        guard case .bytes(let data)? = stored.withLock({ $0[sitePath] }) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}

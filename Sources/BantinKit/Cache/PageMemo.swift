

/// Remembers, for each list page and feed, a key of everything it shows; a page whose key is the
/// same as last build's, and whose file is still as that build left it, is reused, not rendered.
final class PageMemo: Sendable {
    struct Entry: Sendable, Equatable {
        let key: UInt64
        let stamp: FileStamp
    }

    private let previous: [String: Entry]
    private let entries = Locked<[String: Entry]>([:])

    init(previous: [String: Entry]) {
        self.previous = previous
    }

    var current: [String: Entry] { entries.withLock { $0 } }

    func write(_ sitePath: String, key: UInt64, to folder: OutputFolder, _ render: () throws(Diagnostic) -> String) throws(Diagnostic) {
        if let old = previous[sitePath], old.key == key, try folder.keep(sitePath, previous: old.stamp) {
            entries.withLock { $0[sitePath] = old }
            return
        }
        let stamp = try folder.write(sitePath, try render())
        entries.withLock { $0[sitePath] = Entry(key: key, stamp: stamp) }
    }

    /// A key made of a page's kind, its parameters and the render keys of the articles it lists.
    static func key(_ globalKey: UInt64, _ parts: [String], articles: some Sequence<UInt64>) -> UInt64 {
        var hash = StableHash()
        hash.add(globalKey)
        for part in parts { hash.add(part) }
        for key in articles { hash.add(key) }
        return hash.value
    }
}

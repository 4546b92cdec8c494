import Foundation

/// What a build keeps for the next one, in a hidden folder beside the output (safe to delete):
/// each article file's decoded front matter, keyed by its file stamp, and each article's rendered
/// digest, keyed by everything its page depends on. The cache only ever saves work: whatever it
/// holds, a build's output is byte for byte that of a fresh build.
struct BuildCache: Sendable {
    /// Changes whenever the cache's layout or Bantin's rendering changes, so old caches are ignored.
    static let formatVersion: UInt64 = 1

    /// Hash of everything every page depends on: settings, gazetteer, templates, build options.
    var globalKey: UInt64 = 0
    /// Hash of what decoding front matter depends on (`site.yaml`: the time zone); cached sources
    /// are used only under the same key.
    var parseKey: UInt64 = 0
    var sources: [String: CachedSource] = [:]
    var articles: [String: CachedArticle] = [:]
    /// Stamps of the other inputs (theme assets, content files that are not articles).
    var otherInputs: [String: FileStamp] = [:]
    /// Stamps of every file the build wrote, to tell that the output is still as it was left.
    var outputs: [String: FileStamp] = [:]
    /// The earliest date of an article left out for being in the future: once past, rebuild.
    var nextPublication: Int64?

    struct CachedSource: Sendable {
        let stamp: FileStamp
        let source: ArticleSource
        let diagnostics: [Diagnostic]
    }

    struct CachedArticle: Sendable {
        let renderKey: UInt64
        let digest: ArticleDigest
        let page: FileStamp
        /// Warnings found rendering it (broken links…), repeated when the page is reused.
        let warnings: [Diagnostic]
    }
}

extension BuildCache {
    static func folder(for output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).bantin-cache")
    }

    /// nil when there is no cache, or one from another version, or one that cannot be read.
    static func load(for output: URL) -> BuildCache? {
        let file = folder(for: output).appendingPathComponent("cache.bin")
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        var reader = ArchiveReader(Array(data))
        do throws(ArchiveReader.Malformed) {
            guard try reader.uint() == formatVersion else { return nil }
            let cache = try reader.readCache()
            return reader.atEnd ? cache : nil
        } catch {
            return nil
        }
    }

    /// Written to a temporary file and renamed, so a killed build never leaves half a cache.
    func save(for output: URL) {
        let folder = Self.folder(for: output)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var writer = ArchiveWriter()
        writer.uint(Self.formatVersion)
        writer.writeCache(self)
        let temporary = folder.appendingPathComponent("cache.bin.\(getpid())")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(writer.bytes)) else { return }
        if rename(temporary.path, folder.appendingPathComponent("cache.bin").path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    static func remove(for output: URL) {
        try? FileManager.default.removeItem(at: folder(for: output).appendingPathComponent("cache.bin"))
    }
}

import Foundation

/// What a build keeps for the next one, in a hidden folder beside the output (safe to delete):
/// each article file's decoded front matter, keyed by its file stamp, and each article's rendered
/// digest, keyed by everything its page depends on. The cache only ever saves work: whatever it
/// holds, a build's output is byte for byte that of a fresh build.
struct BuildCache: Sendable {
    /// Changes whenever the cache's layout or Bantin's rendering changes, so old caches are ignored.
    static let formatVersion: UInt64 = 13

    /// Hash of everything every page depends on: settings, gazetteer, templates, build options.
    var globalKey: UInt64 = 0
    /// When the build that wrote this cache started (nanoseconds since 1970).
    var builtAt: Int64 = 0
    var sources: [String: CachedSource] = [:]
    /// How many articles the build published.
    var articleCount = 0
    /// Warnings of each article's last rendering, by source path (articles without any are left
    /// out); reported again when nothing is rendered.
    var articleWarnings: [String: [Diagnostic]] = [:]
    /// List pages and feeds, by site path: the key of what they showed and their file's stamp.
    var pages: [String: PageMemo.Entry] = [:]
    /// Stamps of the other inputs (theme assets, content files that are not articles).
    var otherInputs: [String: FileStamp] = [:]
    /// Stamps of every file the build wrote, to tell that the output is still as it was left. In
    /// a file of their own, `outputs.bin`, read only when nothing else changed (`loadOutputs`).
    var outputs: [String: FileStamp] = [:]
    /// The earliest date of an article left out for being in the future: once past, rebuild.
    var nextPublication: Int64?
    /// `sources` as `cache.bin` holds them: in blocks, by bucket of their paths (`bucket(of:)`).
    var sourceBlocks: [Int: SourceBlock] = [:]
    /// For saving: blocks of the last cache whose sources this build took unchanged.
    var reusableSourceBlocks: [Int: SourceBlock] = [:]

    struct SourceBlock: Sendable {
        let count: Int
        /// Part of the bytes of the cache.bin it was read from.
        let bytes: ArraySlice<UInt8>
    }

    static let sourceBuckets = 64

    static func bucket(of path: String) -> Int {
        Int(DigestArchive.pathHash(path) % UInt64(sourceBuckets))
    }

    struct CachedSource: Sendable {
        let stamp: FileStamp
        let source: ArticleSource
        let diagnostics: [Diagnostic]
    }
}

extension BuildCache {
    static func folder(for output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).bantin-cache")
    }

    /// `cache.bin`: what makes the cache count (written last, removed first).
    private static func mainFile(for output: URL) -> URL {
        folder(for: output).appendingPathComponent("cache.bin")
    }

    /// Whether there is a cache to load (a first build has none).
    static func exists(for output: URL) -> Bool {
        access(mainFile(for: output).path, F_OK) == 0
    }

    /// nil when there is no cache, or one from another version, or one that cannot be read.
    /// The articles' digests (most of the cache's bytes) are in a second file, `articles.bin`
    /// (see `DigestArchive`), opened only when something has to be rendered.
    static func load(for output: URL) -> BuildCache? {
        guard var reader = reader(mainFile(for: output)) else { return nil }
        do throws(ArchiveReader.Malformed) {
            let cache = try reader.readCache()
            return reader.atEnd ? cache : nil
        } catch {
            return nil
        }
    }

    /// The digests of the previous build's articles; nil if they cannot be read (then every
    /// article is rendered again).
    func openDigests(for output: URL) -> DigestArchive? {
        DigestArchive(file: Self.folder(for: output).appendingPathComponent("articles.bin").path, globalKey: globalKey)
    }

    private static func reader(_ file: URL) -> ArchiveReader? {
        guard let bytes = FileBytes.read(file.path) else { return nil }
        var reader = ArchiveReader(bytes)
        guard (try? reader.uint()) == formatVersion else { return nil }
        return reader
    }

    /// The stamps of the last build's output files; nil if they cannot be read.
    func loadOutputs(for output: URL) -> [String: FileStamp]? {
        guard var reader = Self.reader(Self.folder(for: output).appendingPathComponent("outputs.bin")),
              (try? reader.int()) == builtAt, let stamps = try? reader.stamps(), reader.atEnd
        else { return nil }
        return stamps
    }

    /// Written to temporary files and renamed, so a killed build never leaves half a cache;
    /// cache.bin last, as it is what makes the others count.
    func save(for output: URL) {
        let folder = Self.folder(for: output)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The two files are encoded side by side; cache.bin is put in place once outputs.bin is.
        let outputsSaved = Background { [outputs, builtAt] in
            Self.replace(folder.appendingPathComponent("outputs.bin")) { writer in
                writer.uint(Self.formatVersion)
                writer.int(builtAt)
                writer.stamps(outputs)
            }
        }
        Self.replace(Self.mainFile(for: output), after: { outputsSaved.value }) { writer in
            writer.uint(Self.formatVersion)
            writer.writeCache(self)
        }
    }

    /// The digests are written first (while list pages render): a cache.bin, written last, always
    /// comes with the digests it was written with. `remove` must have run before.
    static func saveDigests(_ entries: [DigestEntry], previous: DigestArchive?, globalKey: UInt64, for output: URL) {
        let folder = Self.folder(for: output)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        DigestArchive.save(entries, previous: previous, globalKey: globalKey, to: folder.appendingPathComponent("articles.bin").path)
    }

    /// Writes a temporary file beside `file` and renames it over (once `after` returns): never
    /// half a cache file.
    static func replace(_ file: URL, after: () -> Void = {}, _ write: (inout ArchiveWriter) -> Void) {
        let temporary = file.path + ".\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { return }
        var writer = ArchiveWriter(file: fd)
        write(&writer)
        writer.flush()
        close(fd)
        after()
        if writer.failed || rename(temporary, file.path) != 0 {
            unlink(temporary)
        }
    }

    static func remove(for output: URL) {
        try? FileManager.default.removeItem(at: mainFile(for: output))
    }

    /// The whole cache, for a build that found it damaged.
    static func removeAll(for output: URL) {
        try? FileManager.default.removeItem(at: folder(for: output))
    }
}

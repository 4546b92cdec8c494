import Foundation

/// The load and model stages: `site.yaml`, the gazetteer, the theme and every article, read and
/// checked together so that one run reports every problem.
public struct LoadedSite: Sendable {
    public let site: Site
    let templates: TemplateSet
    let sourceRoot: URL
}

/// Everything loading found, usable or not: `site check` goes on with what could be read.
struct LoadResult {
    var loaded: LoadedSite?
    /// The model of the articles without errors, even when other files have errors.
    var site: Site?
    var sources: [ArticleSource] = []
    var gazetteer: Gazetteer?
    var config = SiteConfig()
    var diagnostics: [Diagnostic] = []
    /// For the next build's cache: every article file's decoded source, by path.
    var cachedSources: [String: BuildCache.CachedSource] = [:]
    /// True when every article file was taken from the previous build's cache.
    var allSourcesCached = false
    /// `BuildCache.bucket`s of the article files read again (changed or new).
    var changedSourceBuckets: Set<Int> = []
    var globalKey: UInt64 = 0
    /// Stamps of theme assets and content files that are not articles.
    var otherInputs: [String: FileStamp] = [:]
}

enum SiteLoader {
    /// With a `previous` cache, article files whose stamps did not change are not read again; it
    /// is asked for only once settings, theme and the list of files are read (it may still be
    /// loading meanwhile). `sourcesRead` is told, before the model is built, whether every
    /// article came from that cache. Bodies are dropped after parsing (and read again when a page
    /// is rendered) unless `keepBodies`: holding every article's Markdown would make memory grow
    /// with the archive.
    static func load(_ options: BuildOptions, previous: (() -> BuildCache?)? = nil, keepBodies: Bool = false, sourcesRead: (_ allFromCache: Bool) -> Void = { _ in }) -> LoadResult {
        let root = options.sourceRoot
        var diagnostics: [Diagnostic] = []
        var inputs = StableHash()
        inputs.add(BuildCache.formatVersion)
        // A different libcmark renders differently: pages cached under another version are stale.
        inputs.add(MarkdownRenderer.libraryVersion)
        // So may another build of Bantin read or render: nothing cached by one is used by another.
        inputs.add(Self.executableStamp)

        var config = SiteConfig()
        if let loaded = loadFile(SiteConfig.fileName, root: root, into: &inputs, &diagnostics, load: SiteConfig.load) {
            config = loaded
        } else if !diagnostics.contains(where: { $0.location?.file == SiteConfig.fileName }) {
            diagnostics.append(.error("missing-config", "no \(SiteConfig.fileName) in \(root.path)", hint: "run the command in the site's folder, or pass --source", at: nil))
        }
        if let override = options.baseURL {
            if let url = SiteURL(override) {
                config.baseURL = url
                diagnostics.removeAll { $0.code == "bad-base-url" }
            } else {
                diagnostics.append(.error("bad-base-url", "--base-url must be an absolute http(s) address, got \"\(override)\"", at: nil))
            }
        }
        if let relative = options.relativeLinks { config.relativeLinks = relative }

        // The maps the entry point names are read (and keyed) as it names them.
        var maps: [(path: String, data: Data)] = []
        let gazetteer = loadFile(Gazetteer.path, root: root, into: &inputs, &diagnostics) { text, file in
            Gazetteer.load(text: text, file: file) { path in
                guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else { return nil }
                maps.append((path, data))
                return SourceText.decode(data, file: path)
            }
        } ?? nil
        for map in maps {
            inputs.add(map.path)
            inputs.add(UInt64(map.data.count))
            inputs.add(bytes: map.data)
        }
        let gazetteerFiles = Set([Gazetteer.path] + maps.map(\.path))
        if gazetteer == nil, !FileManager.default.fileExists(atPath: root.appendingPathComponent(Gazetteer.path).path) {
            diagnostics.append(.error("missing-gazetteer", "no \(Gazetteer.path)", hint: "the province's list of communes belongs there; see the sample site", at: nil))
        }

        let (templates, templateDiagnostics) = TemplateSet.load(from: root, relativeTo: root)
        diagnostics += templateDiagnostics
        for (name, text) in (templates?.sources ?? [:]).sorted(by: { $0.key < $1.key }) {
            inputs.add(name)
            inputs.add(text)
        }
        inputs.add(options.includeDrafts ? 1 : 0)
        inputs.add(options.includeFuture ? 1 : 0)
        inputs.add(config.baseURL.absolute)
        inputs.add(config.relativeLinks ? 1 : 0)

        var otherInputs: [String: FileStamp] = [:]
        let assets = root.appendingPathComponent("\(TemplateSet.folder)/assets")
        for file in FileTree.files(under: assets) {
            let path = assets.appendingPathComponent(file).path
            otherInputs["\(TemplateSet.folder)/assets/\(file)"] = FileStamp(path: path)
            // Fingerprinted names appear on every page: their content is part of every page's key.
            if config.fingerprintAssets, let data = FileManager.default.contents(atPath: path) {
                inputs.add(file)
                inputs.add(UInt64(data.count))
                inputs.add(bytes: data)
            }
        }

        PhaseTrace.mark("settings, gazetteer, theme")
        let files = FileTree.files(under: root.appendingPathComponent("content")).map { "content/" + $0 }
        PhaseTrace.mark("content listed")
        let articleFiles = files.filter { $0.hasSuffix(".md") }
        var resourceFiles: [String] = []
        for file in files where !file.hasSuffix(".md") && !gazetteerFiles.contains(file) {
            switch ContentFile.kind(of: file) {
            case .resource: resourceFiles.append(file)
            case .leftOver: continue
            case .misnamedArticle(let suggested):
                // Copied as it is, it would publish its front matter, drafts and embargoes included.
                diagnostics.append(.error(
                    "article-name", "this looks like an article, but only files ending in '.md' are read as articles",
                    hint: "rename it to \(suggested)", at: SourceLocation(file: file)))
            }
        }
        let timeZone = config.timeZone
        let rootPath = root.standardizedFileURL.path
        // Each article file's stamp, taken while the cache is still being decoded (waited for next);
        // without a cache (a first build, `site check`) there is nothing to compare them with.
        let stamps = previous == nil ? [] : parallelMap(articleFiles) { FileStamp(path: rootPath + "/" + $0) }
        PhaseTrace.mark("articles stat-ed")
        // Cached sources have no body: worth it only when most pages will not be rendered again,
        // that is when settings (the time zone dates were read in, too), theme and options are the
        // same. Mention tagging needs every body.
        let previous = previous?()
        PhaseTrace.mark("cache loaded")
        let reusable = previous?.globalKey == inputs.value && config.communeDetection != .tag ? previous?.sources ?? [:] : [:]
        // A file changed within the clock's granularity of the last build may have kept its stamp
        // (git's "racily clean" rule): such files are read again.
        let trustedBefore = (previous?.builtAt ?? 0) - 2_000_000_000
        let keepAllBodies = keepBodies || config.communeDetection == .tag
        let parsed = parallelMap(Array(articleFiles.indices)) { index -> (ArticleSource?, [Diagnostic], BuildCache.CachedSource?, Bool) in
            let path = articleFiles[index]
            let full = rootPath + "/" + path
            if let cached = reusable[path], let stamp = stamps[index], cached.stamp == stamp, stamp.modifiedNanoseconds < trustedBefore {
                return (cached.source, cached.diagnostics, cached, true)
            }
            guard let (bytes, stamp) = FileBytes.readStamped(full) else {
                return (nil, [.error("io", "cannot read the file", at: SourceLocation(file: path))], nil, false)
            }
            let (parsed, found) = ArticleParser.parse(Data(bytes), path: path, timeZone: timeZone, keepBody: keepAllBodies)
            let entry = parsed.map { BuildCache.CachedSource(stamp: stamp, source: $0.withoutBody, diagnostics: found) }
            let source = keepAllBodies || parsed?.bodyOffset == nil ? parsed : parsed?.withoutBody
            return (source, found, entry, false)
        }
        PhaseTrace.mark("articles read")
        var sources: [ArticleSource] = []
        var cachedSources: [String: BuildCache.CachedSource] = [:]
        var allCached = previous != nil && reusable.count == articleFiles.count
        var changedBuckets: Set<Int> = []
        sources.reserveCapacity(parsed.count)
        cachedSources.reserveCapacity(parsed.count)
        for (path, (source, found, entry, fromCache)) in zip(articleFiles, parsed) {
            if let source { sources.append(source) }
            if let entry { cachedSources[path] = entry }
            if !fromCache {
                allCached = false
                changedBuckets.insert(BuildCache.bucket(of: path))
            }
            diagnostics += found
        }

        var result = LoadResult(sources: sources, gazetteer: gazetteer, config: config)
        result.cachedSources = cachedSources
        result.allSourcesCached = allCached
        result.changedSourceBuckets = changedBuckets
        sourcesRead(allCached)
        result.globalKey = inputs.value
        result.otherInputs = otherInputs
        for file in resourceFiles {
            result.otherInputs[file] = FileStamp(path: root.appendingPathComponent(file).path)
        }
        guard let gazetteer else {
            result.diagnostics = diagnostics
            return result
        }
        PhaseTrace.mark("articles gathered")
        let detector = MentionDetector(gazetteer)
        let builder = SiteModelBuilder(
            config: config, resolver: CommuneResolver(gazetteer), includeDrafts: options.includeDrafts,
            includeFuture: options.includeFuture, now: BulletinDate(options.now, in: config.timeZone))
        let (site, modelDiagnostics) = builder.build(sources: sources, resourceFiles: resourceFiles) { [config] source, day in
            config.communeDetection == .tag ? detector.mentions(in: source.body ?? "", on: day).map(\.communeID) : []
        }
        diagnostics += modelDiagnostics
        result.diagnostics = diagnostics
        result.site = site
        if let templates, !diagnostics.hasErrors {
            result.loaded = LoadedSite(site: site, templates: templates, sourceRoot: root)
        }
        return result
    }

    /// The running executable's file: its size, modification time and inode (0 if unknown).
    static let executableStamp: UInt64 = {
        guard let stamp = FileStamp(path: "/proc/self/exe") ?? Bundle.main.executablePath.flatMap({ FileStamp(path: $0) }) else { return 0 }
        var hash = StableHash()
        hash.add(UInt64(bitPattern: stamp.size))
        hash.add(UInt64(bitPattern: stamp.modifiedNanoseconds))
        hash.add(stamp.inode)
        return hash.value
    }()

    /// Reads a YAML file of the site: its bytes go into the cache key, its problems into `diagnostics`.
    /// nil when the file is missing or not UTF-8.
    private static func loadFile<T>(_ file: String, root: URL, into inputs: inout StableHash, _ diagnostics: inout [Diagnostic],
                                    load: (String, String) -> (T, [Diagnostic])) -> T? {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(file).path) else { return nil }
        inputs.add(UInt64(data.count))
        inputs.add(bytes: data)
        switch SourceText.decode(data, file: file) {
        case .success(let text):
            let (loaded, found) = load(text, file)
            diagnostics += found
            return loaded
        case .failure(let d):
            diagnostics.append(d)
            return nil
        }
    }
}

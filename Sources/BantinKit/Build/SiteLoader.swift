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

        let (gazetteer, gazetteerFiles, gazetteerDiagnostics) = Self.loadGazetteer(root: root)
        diagnostics += gazetteerDiagnostics
        for (path, data) in gazetteerFiles {
            inputs.add(path)
            inputs.add(UInt64(data.count))
            inputs.add(bytes: data)
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
        let assetListing = FileTree.listing(under: assets)
        diagnostics += Self.listingProblems(assetListing, in: "\(TemplateSet.folder)/assets")
        for file in assetListing.files {
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
        let listing = FileTree.listing(under: root.appendingPathComponent("content"))
        diagnostics += Self.listingProblems(listing, in: "content")
        let files = listing.files.map { "content/" + $0 }
        PhaseTrace.mark("content listed")
        let articleFiles = files.filter { $0.hasSuffix(".md") }
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
        let (resourceFiles, resourceStamps, contentFileProblems) = Self.contentFiles(
            files.filter { file in !file.hasSuffix(".md") && !gazetteerFiles.contains { $0.path == file } }, root: rootPath,
            published: previous?.globalKey == inputs.value ? previous?.otherInputs ?? [:] : [:], trustedBefore: trustedBefore)
        diagnostics += contentFileProblems
        let keepAllBodies = keepBodies || config.communeDetection == .tag
        let parsed = parallelMap(Array(articleFiles.indices)) { index -> (ArticleSource?, [Diagnostic], BuildCache.CachedSource?, Bool) in
            let path = articleFiles[index]
            let full = rootPath + "/" + path
            if let cached = reusable[path], let stamp = stamps[index], cached.stamp == stamp, stamp.modifiedNanoseconds < trustedBefore {
                return (cached.source, cached.diagnostics, cached, true)
            }
            guard let (bytes, stamp) = FileBytes.readStamped(full) else {
                return (nil, [.error("io", "cannot read the file: \(String(cString: strerror(errno)))", hint: Self.unreadableHint, at: SourceLocation(file: path))], nil, false)
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
        result.otherInputs.merge(resourceStamps) { _, resource in resource }
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
            config.communeDetection == .tag ? detector.mentions(in: source.body ?? "", on: day) : []
        }
        diagnostics += modelDiagnostics
        result.diagnostics = diagnostics
        result.site = site
        if let templates, !diagnostics.hasErrors {
            result.loaded = LoadedSite(site: site, templates: templates, sourceRoot: root)
        }
        return result
    }

    /// The files under `content/` that are not articles: those to publish, with their stamps,
    /// and the problems of the others. A file whose name does not settle its kind has its
    /// first bytes read, unless the last build published it and its stamp is unchanged
    /// (`published`, stamps older than `trustedBefore`): a rebuild reads no photo again.
    static func contentFiles(_ files: [String], root: String, published: [String: FileStamp], trustedBefore: Int64) -> ([String], [String: FileStamp], [Diagnostic]) {
        var resources: [String] = []
        var stamps: [String: FileStamp] = [:]
        var diagnostics: [Diagnostic] = []
        for file in files {
            let path = root + "/" + file
            let stamp = FileStamp(path: path)
            var readError: Int32?
            let kind = ContentFile.kind(of: file) {
                if let stamp, published[file] == stamp, stamp.modifiedNanoseconds < trustedBefore { return false }
                guard let first = FileBytes.prefix(path, count: 8) else {
                    readError = errno
                    return false
                }
                return ContentFile.opensFrontMatter(first)
            }
            if let readError {
                diagnostics.append(.error("io", "cannot read the file: \(String(cString: strerror(readError)))", hint: unreadableHint, at: SourceLocation(file: file)))
                continue
            }
            switch kind {
            case .resource:
                resources.append(file)
                stamps[file] = stamp
            case .leftOver: continue
            case .misnamedArticle(let suggested):
                // Copied as it is, it would publish its front matter, drafts and embargoes included.
                diagnostics.append(.error(
                    "article-name", "this looks like an article, but only files ending in '.md' are read as articles",
                    hint: "rename it to \(suggested)", at: SourceLocation(file: file)))
            case .unknownKind(let ext):
                // Not copied, and not left out in silence either: an article may link to it.
                diagnostics.append(.error(
                    "file-type", ext.map { "Bantin does not publish '.\($0)' files" } ?? "this file has no extension, so Bantin cannot tell what it is",
                    hint: "content/ may hold articles (.md), \(ContentFile.publishedKinds); remove this file from content/ or save it as one of these",
                    at: SourceLocation(file: file)))
            }
        }
        return (resources, stamps, diagnostics)
    }

    /// Whether `root` has the settings and the content folder of a site; a build that finds
    /// neither has nothing to write and makes nothing.
    static func looksLikeSite(_ root: URL) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: root.appendingPathComponent(SiteConfig.fileName).path)
            && FileManager.default.fileExists(atPath: root.appendingPathComponent("content").path, isDirectory: &isFolder) && isFolder.boolValue
    }

    /// Folders under `folder` that could not be read, and symbolic links, pipes or sockets (never
    /// followed): errors both, since what they hold would vanish from the site, a folder of
    /// articles with it, while the build replaced the site as if nothing were wrong.
    static func listingProblems(_ listing: FileTree.Listing, in folder: String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        // A folder that is not there at all (a theme without assets) holds nothing to lose.
        for (path, error) in listing.unreadable where !(path.isEmpty && error == ENOENT) {
            let shown = path.isEmpty ? folder : folder + "/" + path
            let hint = error == ENAMETOOLONG
                ? "shorten the names on this path: it is longer than the system allows (\(PATH_MAX) bytes in all, 255 a name)"
                : unreadableHint
            found.append(.error("io", "cannot read the folder \(shown): \(String(cString: strerror(error)))", hint: hint, at: SourceLocation(file: shown)))
        }
        for other in listing.others {
            found.append(.error(
                "not-followed", "this is a symbolic link (or another special file): Bantin does not follow it, so nothing it points to would be published",
                hint: "put the files themselves here instead of the link, or remove it", at: SourceLocation(file: folder + "/" + other)))
        }
        return found
    }

    static let unreadableHint = "check that it exists and that the user running the build may read it; until then the site is left as it was"

    /// The gazetteer, with the files it was read from (the entry point first) and their bytes.
    static func loadGazetteer(root: URL) -> (Gazetteer?, [(path: String, data: Data)], [Diagnostic]) {
        let entry = root.appendingPathComponent(Gazetteer.path).path
        guard let data = FileManager.default.contents(atPath: entry) else {
            return (nil, [], [FileManager.default.fileExists(atPath: entry)
                ? .error("io", "cannot read the file", at: SourceLocation(file: Gazetteer.path))
                : .error("missing-gazetteer", "no \(Gazetteer.path)", hint: "the province's list of communes belongs there; see the sample site", at: nil)])
        }
        var files = [(path: Gazetteer.path, data: data)]
        switch SourceText.decode(data, file: Gazetteer.path) {
        case .success(let text):
            let (gazetteer, diagnostics) = Gazetteer.load(text: text, file: Gazetteer.path) { path in
                guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else { return nil }
                files.append((path, data))
                return SourceText.decode(data, file: path)
            }
            return (gazetteer, files, diagnostics)
        case .failure(let diagnostic):
            return (nil, files, [diagnostic])
        }
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

import Foundation

/// The settings stage's value: what every article is read and rendered against.
struct SiteSettings: Sendable {
    var config = SiteConfig()
    var gazetteer: Gazetteer?
    /// Finds communes by name in the gazetteer: made once with it (site serve keeps it).
    var resolver: CommuneResolver?
    /// The files the gazetteer was read from (the entry point first): not articles.
    var gazetteerFiles: [String] = []
    var templates: TemplateSet?
    var assets = AssetManifest(assets: [:])
    var diagnostics: [Diagnostic] = []
}

/// The content stage's value: every article file read and its front matter decoded, and the
/// other files under `content/` to publish as they are.
struct SiteContent: Sendable {
    var sources: [ArticleSource] = []
    var resources: [String] = []
    var diagnostics: [Diagnostic] = []
}

/// The settings, content and model stages. They read everything and check it together, so that one
/// run reports every problem: each goes on with what the one before could read.
enum SiteLoader {
    /// `site.yaml` (with the command line's overrides), the gazetteer and, unless `theme` is
    /// false (`site new` needs none), the theme.
    static func settings(_ options: BuildOptions, theme: Bool = true) -> SiteSettings {
        let root = options.sourceRoot
        var settings = SiteSettings()
        if let data = FileManager.default.contents(atPath: root.appendingPathComponent(SiteConfig.fileName).path) {
            switch SourceText.decode(data, file: SiteConfig.fileName) {
            case .success(let text):
                let (config, found) = SiteConfig.load(text: text, file: SiteConfig.fileName)
                settings.config = config
                settings.diagnostics += found
            case .failure(let d): settings.diagnostics.append(d)
            }
        } else {
            settings.diagnostics.append(.error(.missingConfig, "no \(SiteConfig.fileName) in \(root.path)", hint: "run the command in the site's folder, or pass --source", at: nil))
        }
        if let override = options.baseURL {
            if let url = SiteURL(override) {
                settings.config.baseURL = url
                settings.diagnostics.removeAll { $0.code == .badBaseURL }
            } else {
                settings.diagnostics.append(.error(.badBaseURL, "--base-url must be an absolute http(s) address, got \"\(override)\"", at: nil))
            }
        }
        if let relative = options.relativeLinks { settings.config.relativeLinks = relative }
        if let origin = options.servedOrigin, let served = SiteURL(origin + settings.config.baseURL.path) {
            settings.config.baseURL = served
        }

        let (gazetteer, gazetteerFiles, gazetteerDiagnostics) = loadGazetteer(root: root)
        settings.gazetteer = gazetteer
        settings.resolver = gazetteer.map(CommuneResolver.init)
        settings.gazetteerFiles = gazetteerFiles
        settings.diagnostics += gazetteerDiagnostics
        guard theme else { return settings }

        let templateFolder = root.appendingPathComponent(TemplateSet.folder)
        let templateFiles = FileTree.files(under: templateFolder).filter { $0.hasSuffix(".mustache") && !$0.hasPrefix("assets/") }
        let (templates, templateDiagnostics) = TemplateSet.load(templateFiles.map {
            ($0, FileManager.default.contents(atPath: templateFolder.appendingPathComponent($0).path))
        })
        settings.templates = templates
        settings.diagnostics += templateDiagnostics
        let assets = root.appendingPathComponent("\(TemplateSet.folder)/assets")
        let assetListing = FileTree.listing(under: assets)
        settings.diagnostics += listingProblems(assetListing, in: "\(TemplateSet.folder)/assets")
        var assetFiles: [String: Data] = [:]
        for file in assetListing.files {
            guard let data = FileManager.default.contents(atPath: assets.appendingPathComponent(file).path) else {
                settings.diagnostics.append(.error(.io, "cannot read the file", hint: unreadableHint, at: SourceLocation(file: "\(TemplateSet.folder)/assets/\(file)")))
                continue
            }
            assetFiles[file] = data
        }
        settings.assets = AssetManifest(files: assetFiles, fingerprint: settings.config.fingerprintAssets)
        return settings
    }

    /// Every file under `content/`: articles read and parsed in parallel, the others sorted into
    /// files to publish and mistakes.
    static func content(_ options: BuildOptions, _ settings: SiteSettings) -> SiteContent {
        let listing = contentListing(options, settings)
        var content = SiteContent(resources: listing.resources, diagnostics: listing.diagnostics)
        let parsed = parallelMap(listing.articleFiles) { article($0, options, settings) }
        content.sources.reserveCapacity(parsed.count)
        for (source, found) in parsed {
            if let source { content.sources.append(source) }
            content.diagnostics += found
        }
        return content
    }

    /// The files under `content/`, sorted: articles (`.md`, in path order) and files to publish,
    /// and the problems of the others.
    static func contentListing(_ options: BuildOptions, _ settings: SiteSettings) -> (articleFiles: [String], resources: [String], diagnostics: [Diagnostic]) {
        let listing = FileTree.listing(under: options.sourceRoot.appendingPathComponent("content"))
        let files = listing.files.map { "content/" + $0 }
        let (resources, problems) = contentFiles(files.filter { !$0.hasSuffix(".md") && !settings.gazetteerFiles.contains($0) }, root: options.sourceRoot.standardizedFileURL.path)
        return (files.filter { $0.hasSuffix(".md") }, resources, listingProblems(listing, in: "content") + problems)
    }

    /// One article file read and parsed.
    static func article(_ path: String, _ options: BuildOptions, _ settings: SiteSettings) -> (ArticleSource?, [Diagnostic]) {
        guard let bytes = FileBytes.read(options.sourceRoot.standardizedFileURL.path + "/" + path) else {
            return (nil, [.error(.io, "cannot read the file: \(String(cString: strerror(errno)))", hint: unreadableHint, at: SourceLocation(file: path))])
        }
        return ArticleParser.parse(Data(bytes), path: path, timeZone: settings.config.timeZone)
    }

    /// The site model, when the settings stage found what it needs (the gazetteer); nil otherwise.
    static func model(_ settings: SiteSettings, _ content: SiteContent, _ options: BuildOptions) -> (Site?, [Diagnostic]) {
        guard let builder = modelBuilder(settings, options) else { return (nil, []) }
        return builder.build(sources: content.sources, resourceFiles: content.resources)
    }

    /// What makes the site model, when the settings stage found what it needs (the gazetteer).
    static func modelBuilder(_ settings: SiteSettings, _ options: BuildOptions) -> SiteModelBuilder? {
        guard let gazetteer = settings.gazetteer, let resolver = settings.resolver else { return nil }
        let config = settings.config
        var builder = SiteModelBuilder(
            config: config, resolver: resolver, includeDrafts: options.includeDrafts,
            includeFuture: options.includeFuture, now: BulletinDate(options.now, in: config.timeZone))
        if config.communeDetection == .tag {
            let detector = MentionDetector(gazetteer)
            builder.mentions = { source, day in detector.mentions(in: source.body, on: day) }
        }
        return builder
    }

    /// The files under `content/` that are not articles: those to publish, and the problems of
    /// the others. A file whose name does not settle its kind has its first bytes read.
    static func contentFiles(_ files: [String], root: String) -> ([String], [Diagnostic]) {
        var resources: [String] = []
        var diagnostics: [Diagnostic] = []
        for file in files {
            let path = root + "/" + file
            var readError: Int32?
            let kind = ContentFile.kind(of: file) {
                guard let first = FileBytes.prefix(path, count: 8) else {
                    readError = errno
                    return false
                }
                return ContentFile.opensFrontMatter(first)
            }
            if let readError {
                diagnostics.append(.error(.io, "cannot read the file: \(String(cString: strerror(readError)))", hint: unreadableHint, at: SourceLocation(file: file)))
                continue
            }
            switch kind {
            case .resource:
                resources.append(file)
            case .leftOver: continue
            case .misnamedArticle(let suggested):
                // Copied as it is, it would publish its front matter, drafts and embargoes included.
                diagnostics.append(.error(
                    .articleName, "this looks like an article, but only files ending in '.md' are read as articles",
                    hint: "rename it to \(suggested)", at: SourceLocation(file: file)))
            case .unknownKind(let ext):
                // Not copied, and not left out in silence either: an article may link to it.
                diagnostics.append(.error(
                    .fileType, ext.map { "Bantin does not publish '.\($0)' files" } ?? "this file has no extension, so Bantin cannot tell what it is",
                    hint: "content/ may hold articles (.md), \(ContentFile.publishedKinds); remove this file from content/ or save it as one of these",
                    at: SourceLocation(file: file)))
            }
        }
        return (resources, diagnostics)
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
            found.append(.error(.io, "cannot read the folder \(shown): \(String(cString: strerror(error)))", hint: hint, at: SourceLocation(file: shown)))
        }
        for other in listing.others {
            found.append(.error(
                .notFollowed, "this is a symbolic link (or another special file): Bantin does not follow it, so nothing it points to would be published",
                hint: "put the files themselves here instead of the link, or remove it", at: SourceLocation(file: folder + "/" + other)))
        }
        return found
    }

    static let unreadableHint = "check that it exists and that the user running the build may read it; until then the site is left as it was"

    /// The gazetteer, with the files it was read from (the entry point first).
    static func loadGazetteer(root: URL) -> (Gazetteer?, [String], [Diagnostic]) {
        let entry = root.appendingPathComponent(Gazetteer.path).path
        guard let data = FileManager.default.contents(atPath: entry) else {
            return (nil, [], [FileManager.default.fileExists(atPath: entry)
                ? .error(.io, "cannot read the file", at: SourceLocation(file: Gazetteer.path))
                : .error(.missingGazetteer, "no \(Gazetteer.path)", hint: "the province's list of communes belongs there; see the sample site", at: nil)])
        }
        var files = [Gazetteer.path]
        switch SourceText.decode(data, file: Gazetteer.path) {
        case .success(let text):
            let (gazetteer, diagnostics) = Gazetteer.load(text: text, file: Gazetteer.path) { path in
                guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else { return nil }
                files.append(path)
                return SourceText.decode(data, file: path)
            }
            return (gazetteer, files, diagnostics)
        case .failure(let diagnostic):
            return (nil, files, [diagnostic])
        }
    }

    /// The size of each picture under `content/` that an article's `image:` names, by its site
    /// path; `known` holds sizes read before (site serve), by source path, and gets the new ones.
    static func imageSizes(_ site: Site, _ options: BuildOptions, known: inout [String: ImageSize?]) -> [String: ImageSize] {
        let links = ContentLinkResolver(site: site, links: LinkBuilder(base: site.config.baseURL, relative: site.config.relativeLinks))
        let sources = Dictionary(site.resources.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
        var wanted: [(site: String, source: String)] = []
        for article in site.articles {
            guard let image = article.image, case .site(let path, _) = links.resolve(image, fromSource: article.sourcePath),
                  let source = sources[path] else { continue }
            wanted.append((path, source))
        }
        let root = options.sourceRoot.standardizedFileURL.path + "/"
        let unread = Array(Set(wanted.map(\.source)).filter { known[$0] == nil }).sorted()
        for (source, size) in zip(unread, parallelMap(unread) { source in
            FileBytes.prefix(root + source, count: ImageSize.prefixLength).flatMap { ImageSize.read(Array($0)) }
        }) {
            known[source] = .some(size)
        }
        var sizes: [String: ImageSize] = [:]
        for (path, source) in wanted {
            if let size = known[source] ?? nil { sizes[path] = size }
        }
        return sizes
    }
}

/// Turns loaded sources into the site model: resolves communes, assigns addresses, drops drafts and
/// future articles, and reports every problem found.
struct SiteModelBuilder {
    let config: SiteConfig
    let resolver: CommuneResolver
    let includeDrafts: Bool
    let includeFuture: Bool
    let now: BulletinDate
    /// The communes a body names, with `communeDetection: tag`.
    var mentions: @Sendable (ArticleSource, Day) -> [MentionDetector.Mention] = { _, _ in [] }

    func build(sources: [ArticleSource], resourceFiles: [String]) -> (Site, [Diagnostic]) {
        // Editors name the same communes over and over: each spelling is resolved once for each
        // span of days in which the map did not change. Gathered in parallel slices: hashing a
        // Vietnamese string takes its normalization.
        let gazetteer = resolver.gazetteer
        let spellings = Array(parallelMap(slices(of: sources.count)) { range in
            Set(sources[range].lazy.flatMap { source in
                let epoch = gazetteer.epoch(of: day(of: source))
                return source.frontMatter.communes.lazy.map { Spelling(text: $0.value, epoch: epoch) }
            })
        }.reduce(into: Set<Spelling>()) { $0.formUnion($1) })
        let resolutions = Dictionary(uniqueKeysWithValues: zip(spellings, parallelMap(spellings) { spelling in
            resolver.resolve(spelling.text, on: day(ofEpoch: spelling.epoch))
        }))
        // And the folders articles are in, as slugs: a few names for thousands of articles, which
        // come in path order, so a name is looked up only where it changes.
        var sectionSlugs: [Substring: String] = [:]
        var lastSection: Substring?
        for source in sources {
            guard let folder = Self.sectionFolder(of: source.path), folder != lastSection else { continue }
            lastSection = folder
            if sectionSlugs[folder] == nil { sectionSlugs[folder] = Slug.make(String(folder)) }
        }
        let sections = sectionSlugs
        // Each article on its own, in parallel; then, in file order, the checks between articles.
        let candidates = parallelMap(sources) { source in candidate(source, resolutions: resolutions, sections: sections) }
        var diagnostics: [Diagnostic] = []
        var published: [Article] = []
        // Each address's first article, by the address's hash made in parallel with the article.
        var permalinkOwners: [Prehashed: String] = [:]
        permalinkOwners.reserveCapacity(sources.count)
        for (source, (found, candidate)) in zip(sources, candidates) {
            diagnostics += found
            guard let (article, clashLocation, permalink) = candidate else { continue }
            if let other = permalinkOwners[permalink] {
                diagnostics.append(.error(
                    .duplicatePermalink, "this article has the same address /\(article.permalink) as \(other)",
                    hint: "give one of them another title or a 'slug:' line", at: clashLocation))
                continue
            }
            permalinkOwners[permalink] = source.path
            published.append(article)
        }
        // Newest first, then by path. Indices are sorted, with the instants read out once.
        let instants = published.map(\.date.epochSeconds)
        let order = published.indices.sorted { a, b in
            instants[a] != instants[b] ? instants[a] > instants[b] : published[a].sourcePath < published[b].sourcePath
        }
        let articles = order.map { published[$0] }

        let lists = CommuneLists(articles, gazetteer: gazetteer)
        // Articles by source path, for links between them: `published` is in file order already
        // when the sources came from a listing. Compared as Swift strings (canonical
        // equivalence): a link written in NFC finds a file whose name is decomposed (macOS).
        var bySource = [Int](repeating: 0, count: articles.count)
        for (index, publishedIndex) in order.enumerated() { bySource[publishedIndex] = index }
        if !zip(published, published.dropFirst()).allSatisfy({ $0.sourcePath < $1.sourcePath }) {
            bySource.sort { articles[$0].sourcePath < articles[$1].sourcePath }
        }

        // Files beside an article that is not published (draft, embargoed, or with errors) stay unpublished too.
        var bundles: [String: String?] = [:]
        for source in sources where source.path.hasSuffix("/index.md") { bundles[String(source.path.dropLast("index.md".count))] = .some(nil) }
        for article in articles where article.sourcePath.hasSuffix("/index.md") { bundles[String(article.sourcePath.dropLast("index.md".count))] = article.permalink }
        let resources = Self.resourcePaths(resourceFiles, bundles: bundles)
        let archives = ArchiveFolder.folders(of: articles, pattern: config.permalink)
        diagnostics += Self.pathClashes(resources, articles: articles, archives: archives, paginate: config.paginate)
        let site = Site(config: config, gazetteer: gazetteer, articles: articles, articlesByCommune: lists.byCommune, formerArticlesByCommune: lists.former,
                        listedByCommune: lists.listed, articlesByDistrict: lists.byDistrict, articlesBySource: bySource, resources: resources, today: Day(now), archives: archives)
        return (site, diagnostics)
    }

    /// `site` with the article of `source` in place of the one from the same file, when only its
    /// body or its communes changed: its address, its place in the article order and what lists
    /// show of it are as they were, so only the communes' lists may be made again (`site serve`,
    /// after an editor saves a body or moves an article). Also the problems found in the file.
    /// Nil when the article differs otherwise or was not published.
    func replacingArticle(in site: Site, with source: ArticleSource) -> (Site, [Diagnostic])? {
        guard let index = site.index(ofSource: source.path) else { return nil }
        let (diagnostics, made) = candidate(source, resolutions: [:], sections: [:])
        guard let article = made?.0, article.sameOutsideTheBody(as: site.articles[index], communesAside: true) else { return nil }
        return (site.replacing(index, with: article), diagnostics)
    }

    /// The article a source makes if it is published, with where to point at if its address is
    /// taken and its address, hashed; and the problems found in it.
    private func candidate(_ source: ArticleSource, resolutions: [Spelling: CommuneResolver.Resolution], sections: [Substring: String]) -> ([Diagnostic], (Article, SourceLocation, Prehashed)?) {
        var diagnostics: [Diagnostic] = []
        let fm = source.frontMatter
        let day = day(of: source)
        let epoch = resolver.gazetteer.epoch(of: day)
        var communeIDs: [Int] = []
        for entry in fm.communes {
            let resolution = resolutions[Spelling(text: entry.value, epoch: epoch)] ?? resolver.resolve(entry.value, on: day)
            if case .found(let id) = resolution {
                if !communeIDs.contains(id) { communeIDs.append(id) }
                if let warning = resolver.eraWarning(id, on: day, at: entry.location) { diagnostics.append(warning) }
            } else if let problem = resolver.problem(resolution, entry: entry.value, on: day, at: entry.location, asList: {
                "write each commune as an item of the list: communes: [\($0.joined(separator: ", "))]"
            }) {
                diagnostics.append(problem)
            }
        }
        for mention in mentions(source, day) where !communeIDs.contains(mention.communeID) {
            communeIDs.append(mention.communeID)
            let location = SourceLocation(file: source.path, line: source.bodyLine + mention.line - 1, column: mention.column)
            if let warning = resolver.eraWarning(mention.communeID, on: day, at: location) { diagnostics.append(warning) }
        }
        guard source.isValid, let title = fm.title, let date = fm.date else { return (diagnostics, nil) }

        let slug = fm.slug?.value ?? fm.titleSlug ?? Slug.make(title.value)
        if slug.isEmpty {
            diagnostics.append(.error(.unsafeSlug, "no address can be made from this title", hint: "add a line such as: slug: ten-bai-viet", at: title.location))
            return (diagnostics, nil)
        }
        let section = Self.sectionFolder(of: source.path).map { sections[$0] ?? Slug.make(String($0)) } ?? ""
        let permalink = config.permalink.expand(slug: slug, date: date.value.local, section: section)
        if let problem = Self.addressProblem(permalink) {
            diagnostics.append(.error(problem.code, problem.message, hint: "give it another 'slug:'", at: fm.slug?.location ?? title.location))
            return (diagnostics, nil)
        }
        // A year typed wrong (2032 for 2023) would hide the article for years without a word.
        if !fm.draft, date.value.epochSeconds > now.epochSeconds + 366 * 86_400 {
            diagnostics.append(.warning(
                .farFuture, "this article is dated \(date.value.vietnameseDate), more than a year ahead",
                hint: "check the year; an article meant to appear then needs nothing more (it is left out until that date, unless built with --future)", at: date.location))
        }
        guard (includeDrafts || !fm.draft) && (includeFuture || date.value <= now) else { return (diagnostics, nil) }
        let article = Article(
            sourcePath: source.path, title: title.value, date: date.value,
            // A correction is an update: readers and search engines see when the text last changed.
            updated: [fm.updated, fm.corrections.last?.date].compactMap { $0 }.max(), authors: fm.authors,
            communeIDs: communeIDs, summary: fm.summary, slug: slug, permalink: permalink, draft: fm.draft, tags: fm.tags,
            image: fm.image?.value, imageLocation: fm.image?.location, imageAlt: fm.imageAlt, imageCaption: fm.imageCaption, corrections: fm.corrections, params: fm.params, markdown: source.markdown, bodyLine: source.bodyLine)
        return (diagnostics, (article, fm.slug?.location ?? title.location, Prehashed(permalink)))
    }

    /// A commune as written, in a span of days in which the map did not change.
    struct Spelling: Hashable {
        let text: String
        let epoch: Int
    }

    /// The day an article is dated (in the site's time zone), or today without a date.
    private func day(of source: ArticleSource) -> Day {
        Day(source.frontMatter.date?.value ?? now)
    }

    /// A day of the epoch: its first change day, or the day before the first change.
    private func day(ofEpoch epoch: Int) -> Day {
        let days = resolver.gazetteer.changeDays
        return epoch == 0 ? (days.first?.previous ?? Day(now)) : days[epoch - 1]
    }

    /// For each unit, the articles of the units it was formed from that it does not list itself,
    /// newest first, each under the first of those units the article lists.
    static func formerArticles(_ byCommune: [[Int]], articles: [Article], gazetteer: Gazetteer) -> [[FormerArticle]] {
        gazetteer.communes.map { unit in
            let formerUnits = gazetteer.formerUnits(of: unit.id)
            guard !formerUnits.isEmpty else { return [] }
            let own = Set(byCommune[unit.id])
            let part = Dictionary(formerUnits.map { ($0.id, $0.part) }, uniquingKeysWith: { $0 && $1 })
            var found: Set<Int> = []
            for former in formerUnits { found.formUnion(byCommune[former.id].lazy.filter { !own.contains($0) }) }
            return found.sorted().map { index in
                let formerID = articles[index].communeIDs.first { part[$0] != nil }!
                return FormerArticle(index: index, formerID: formerID, part: part[formerID]!)
            }
        }
    }

    /// `0..<count` cut in a few ranges, one task each.
    private func slices(of count: Int) -> [Range<Int>] {
        let size = max(1, (count + 7) / 8)
        return stride(from: 0, to: count, by: size).map { $0..<min(count, $0 + size) }
    }

    /// The folder an article is in below `content/` (`content/tin-tuc/a.md` → `tin-tuc`); nil for
    /// an article right in `content/`. Its slug is the article's section.
    static func sectionFolder(of path: String) -> Substring? {
        // Offsets found on the contiguous bytes: the generic search steps through validated indices.
        let slashes = path.utf8.withContiguousStorageIfAvailable { bytes -> (Int, Int)? in
            guard let first = bytes.firstIndex(of: UInt8(ascii: "/")),
                  let second = bytes[(first + 1)...].firstIndex(of: UInt8(ascii: "/")) else { return nil }
            return (first, second)
        }
        guard let (first, second) = slashes ?? nil else { return nil }
        let utf8 = path.utf8
        return path[utf8.index(utf8.startIndex, offsetBy: first + 1)..<utf8.index(utf8.startIndex, offsetBy: second)]
    }

    /// Files in a page bundle (a folder with `index.md`) go beside the article's page, or nowhere
    /// if it is not published (`nil` in `bundles`); other content files keep their path under `content/`.
    static func resourcePaths(_ files: [String], bundles: [String: String?]) -> [String: String] {
        var result: [String: String] = [:]
        for file in files {
            var folder = Substring(file)
            var target: String?? = .none
            while let slash = folder.dropLast().lastIndex(of: "/") {
                folder = folder[...slash]
                if let permalink = bundles[String(folder)] {
                    target = .some(permalink.map { $0 + file.dropFirst(folder.count) })
                    break
                }
            }
            switch target {
            case .none: result[file] = String(file.dropFirst("content/".count))
            case .some(let published?): result[file] = published
            case .some(nil): continue
            }
        }
        return result
    }

    /// Names at the top of the output the build writes itself: no article or content file may
    /// take one, as a file or as a folder (`content/index.html/anh.jpg`, slug `rss.xml`).
    static let reservedNames: Set<String> = [
        "index.html", "404.html", SitePaths.feed, SitePaths.sitemap, "robots.txt", SitePaths.marker,
        "assets", String(SitePaths.communeIndex.dropLast()), "trang", String(SitePaths.search.dropLast()),
        String(SitePaths.authorIndex.dropLast()), String(SitePaths.tagIndex.dropLast()),
    ]

    /// Whether the build writes a file or folder of this name at the top of the output (also
    /// `sitemap-N.xml`, the parts of a sitemap of more than 50,000 addresses).
    static func isReserved(_ name: some StringProtocol) -> Bool {
        reservedNames.contains(String(name)) || SitePaths.isSitemapPart(name)
    }

    /// The longest name of one file or folder on the usual file systems (ext4, NTFS, APFS), in bytes.
    static let maximumNameLength = 255

    /// Why an article cannot have this address, if it cannot: the home page's or a reserved name
    /// at its top, a part that web servers hide (starting with `.`) or too long for a file name.
    static func addressProblem(_ permalink: String) -> (code: DiagnosticCode, message: String)? {
        // On the bytes, one part at a time: it runs for every article of every build.
        let utf8 = permalink.utf8
        var start = utf8.startIndex
        var isFirst = true
        while start < utf8.endIndex {
            let end = utf8[start...].firstIndex(of: UInt8(ascii: "/")) ?? utf8.endIndex
            let part = permalink[start..<end]
            if isFirst, isReserved(part) {
                return (.pathClash, "this article's address /\(permalink) is used by the site itself (/\(part))")
            }
            // Every folder above an article has a list (the home page, an archive) continued in
            // its `trang/N/`.
            if !isFirst, part == SitePaths.nextPagesFolder {
                return (.pathClash, "this article's address /\(permalink) is used by the site itself (/\(permalink[..<start])\(part)/2/…, the archive's next pages)")
            }
            if utf8[start] == UInt8(ascii: ".") {
                return (.unsafeSlug, "this article's address /\(permalink) has a part starting with '.', which web servers hide")
            }
            if utf8.distance(from: start, to: end) > maximumNameLength {
                return (.unsafeSlug, "this article's address has a part of \(utf8.distance(from: start, to: end)) bytes, longer than a file name may be (\(maximumNameLength))")
            }
            isFirst = false
            start = end < utf8.endIndex ? utf8.index(after: end) : end
        }
        return isFirst ? (.pathClash, "this article's address would be the home page's") : nil
    }

    /// Content files whose published path is unsafe or has another owner: a page of the site,
    /// an article's page or folder, or another content file. Each is an error at that file
    /// naming the other, found here so that `site check` reports it too and nothing is written.
    static func pathClashes(_ resources: [String: String], articles: [Article], archives: [ArchiveFolder] = [], paginate: Int = 10) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        guard !resources.isEmpty else { return [] }
        // Site path of each file → its source; and each folder (with its "/") → the first source
        // below it. Made only when there are content files to check: most sites have few.
        var files: [String: String] = [:]
        var folders: [String: String] = [:]
        func addFolders(of path: String, owner: String) {
            var folder = Substring(path)
            while let slash = folder.dropLast().lastIndex(of: "/") {
                folder = folder[...slash]
                if folders[String(folder)] != nil { break }
                folders[String(folder)] = owner
            }
        }
        for article in articles {
            files[SitePaths.file(article.permalink)] = article.sourcePath
            if folders[article.permalink] == nil { addFolders(of: article.permalink + "x", owner: article.sourcePath) }
        }
        // Each archive page is a file of the site's own, as a page of another output would be.
        for archive in archives {
            for number in 1...archive.pageCount(paginate: paginate) {
                let page = SitePaths.archivePage(archive, number)
                files[SitePaths.file(page)] = "the archive page /\(page)"
                if number > 1 { addFolders(of: SitePaths.file(page), owner: "the archive page /\(page)") }
            }
        }
        for (source, target) in resources.sorted(by: { $0.key < $1.key }) {
            let location = SourceLocation(file: source)
            func clash(_ why: String) {
                diagnostics.append(.error(.pathClash, "this file would be published at /\(target), \(why)", hint: "rename the file or move it into another folder", at: location))
            }
            let ancestors = sequence(first: Substring(target)) { path in path.lastSlashIndex().map { path[..<$0] } }.dropFirst()
            if !SitePaths.isSafe(target) {
                diagnostics.append(.error(.unsafePath, "the file name \"\(source.split(separator: "/").last ?? "")\" cannot be published", hint: "rename it with letters, digits, '-', '_' and '.' only", at: location))
            } else if let first = target.split(separator: "/").first, isReserved(first) {
                clash("which the site already uses (/\(first))")
            } else if let other = files[target] {
                clash("where \(other) is published too")
            } else if let other = folders[target + "/"] {
                clash("which is the folder of \(other)")
            } else if let ancestor = ancestors.first(where: { files[String($0)] != nil }) {
                clash("inside /\(ancestor), which is \(files[String(ancestor)]!)")
            } else {
                files[target] = source
                addFolders(of: target, owner: source)
            }
        }
        return diagnostics
    }
}

/// The articles of each commune and district, as the site lists them (see `Site`).
struct CommuneLists {
    let byCommune: [[Int]]
    let former: [[FormerArticle]]
    let listed: [[Int]]
    let byDistrict: [[Int]]
}

extension CommuneLists {
    /// Made from `articles`, newest first.
    init(_ articles: [Article], gazetteer: Gazetteer) {
        var byCommune = [[Int]](repeating: [], count: gazetteer.communes.count)
        for (index, article) in articles.enumerated() {
            for id in article.communeIDs { byCommune[id].append(index) }
        }
        let former = SiteModelBuilder.formerArticles(byCommune, articles: articles, gazetteer: gazetteer)
        let listed = zip(byCommune, former).map { own, former in former.isEmpty ? own : (own + former.map(\.index)).sorted() }
        // Made once here, not on each of a district's pages: an article naming two of its units is listed once.
        var byDistrict = [[Int]](repeating: [], count: gazetteer.districts.count)
        for (id, articles) in listed.enumerated() where !articles.isEmpty {
            if let district = gazetteer.communes[id].districtID { byDistrict[district] += articles }
        }
        self.init(byCommune: byCommune, former: former, listed: listed, byDistrict: byDistrict.map { $0.isEmpty ? $0 : Set($0).sorted() })
    }
}

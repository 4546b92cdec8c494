/// Turns loaded sources into the site model: resolves communes, assigns addresses, drops drafts and
/// future articles, and reports every problem found.
struct SiteModelBuilder {
    let config: SiteConfig
    let resolver: CommuneResolver
    let includeDrafts: Bool
    let includeFuture: Bool
    let now: BulletinDate

    func build(sources: [ArticleSource], resourceFiles: [String], mentions: (ArticleSource) -> [Int] = { _ in [] }) -> (Site, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var articles: [Article] = []
        var permalinkOwners: [String: String] = [:]

        for source in sources {
            let fm = source.frontMatter
            var communeIDs: [Int] = []
            for entry in fm.communes {
                switch resolver.resolve(entry.value) {
                case .found(let id):
                    if !communeIDs.contains(id) { communeIDs.append(id) }
                case .unknown(let suggestions):
                    let hint = suggestions.isEmpty
                        ? "check the spelling against \(Gazetteer.path)"
                        : "did you mean " + suggestions.map { "\"\(resolver.unambiguousName(resolver.gazetteer.communes[$0]))\" (\(resolver.gazetteer.district(of: resolver.gazetteer.communes[$0]).label))" }.joined(separator: " or ") + "?"
                    diagnostics.append(.error("unknown-commune", "unknown commune \"\(entry.value)\"", hint: hint, at: entry.location))
                case .ambiguous(let candidates):
                    let ways = candidates.map { "\"\(resolver.unambiguousName(resolver.gazetteer.communes[$0]))\" for \(resolver.describe($0))" }
                    diagnostics.append(.error("ambiguous-commune", "\"\(entry.value)\" could be \(candidates.count) communes", hint: "write " + ways.joined(separator: ", or "), at: entry.location))
                case .unknownDistrict(let district):
                    let names = resolver.gazetteer.districts.map(\.name).joined(separator: ", ")
                    diagnostics.append(.error("unknown-district", "unknown district \"\(district)\" in \"\(entry.value)\"", hint: "districts are: \(names)", at: entry.location))
                }
            }
            for id in mentions(source) where !communeIDs.contains(id) { communeIDs.append(id) }
            guard source.isValid, let title = fm.title, let date = fm.date else { continue }

            let slug = fm.slug?.value ?? Slug.make(title.value)
            if slug.isEmpty {
                diagnostics.append(.error("unsafe-slug", "no address can be made from this title", hint: "add a line such as: slug: ten-bai-viet", at: title.location))
                continue
            }
            let section = source.path.split(separator: "/").dropFirst().first.map(String.init) ?? ""
            let permalink = config.permalink.expand(slug: slug, date: date.value.local, section: source.path.split(separator: "/").count > 2 ? Slug.make(section) : "")
            let published = (includeDrafts || !fm.draft) && (includeFuture || date.value <= now)
            if published {
                if let other = permalinkOwners[permalink] {
                    diagnostics.append(.error(
                        "duplicate-permalink", "this article has the same address /\(permalink) as \(other)",
                        hint: "give one of them another title or a 'slug:' line", at: fm.slug?.location ?? title.location))
                    continue
                }
                permalinkOwners[permalink] = source.path
            }
            guard published else { continue }
            articles.append(Article(
                sourcePath: source.path, title: title.value, date: date.value, updated: fm.updated, authors: fm.authors,
                communeIDs: communeIDs, summary: fm.summary, slug: slug, permalink: permalink, draft: fm.draft, tags: fm.tags,
                image: fm.image?.value, imageLocation: fm.image?.location, params: fm.params, body: source.body, bodyLine: source.bodyLine, contentHash: source.contentHash, bodyOffset: source.bodyOffset))
        }
        articles.sort { ($0.date, $1.sourcePath) > ($1.date, $0.sourcePath) }

        var byCommune = [[Int]](repeating: [], count: resolver.gazetteer.communes.count)
        for (index, article) in articles.enumerated() {
            for id in article.communeIDs { byCommune[id].append(index) }
        }
        var permalinkBySource: [String: String] = [:]
        for article in articles { permalinkBySource[article.sourcePath] = article.permalink }

        let resources = Self.resourcePaths(resourceFiles, bundles: Dictionary(uniqueKeysWithValues: articles.compactMap { a in
            a.sourcePath.hasSuffix("/index.md") ? (String(a.sourcePath.dropLast("index.md".count)), a.permalink) : nil
        }))
        let site = Site(config: config, gazetteer: resolver.gazetteer, articles: articles, articlesByCommune: byCommune, permalinkBySource: permalinkBySource, resources: resources)
        return (site, diagnostics)
    }

    /// Files in a page bundle (a folder with `index.md`) go beside the article's page; other
    /// content files keep their path under `content/`.
    static func resourcePaths(_ files: [String], bundles: [String: String]) -> [String: String] {
        var result: [String: String] = [:]
        for file in files {
            var folder = Substring(file)
            var target: String?
            while let slash = folder.dropLast().lastIndex(of: "/") {
                folder = folder[...slash]
                if let permalink = bundles[String(folder)] {
                    target = permalink + file.dropFirst(folder.count)
                    break
                }
            }
            result[file] = target ?? String(file.dropFirst("content/".count))
        }
        return result
    }
}

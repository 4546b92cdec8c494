// The cache's binary layout, field by field. Any change here needs `BuildCache.formatVersion` bumped.

extension ArchiveWriter {
    mutating func writeCache(_ cache: BuildCache) {
        uint(cache.globalKey)
        int(cache.builtAt)
        // In blocks by bucket of their paths, encoded and read back on every core; a bucket
        // whose sources are the ones read from the last cache is written back as it was read.
        var grouped = [[(key: String, value: BuildCache.CachedSource)]](repeating: [], count: BuildCache.sourceBuckets)
        for entry in cache.sources { grouped[BuildCache.bucket(of: entry.key)].append(entry) }
        let buckets = grouped
        let blocks = parallelMap(Array(buckets.indices)) { bucket -> ArraySlice<UInt8> in
            if let reused = cache.reusableSourceBlocks[bucket], reused.count == buckets[bucket].count { return reused.bytes }
            var block = ArchiveWriter()
            block.array(buckets[bucket]) { w, entry in
                w.stamp(entry.value.stamp)
                w.source(entry.value.source)
                w.array(entry.value.diagnostics) { $0.diagnostic($1) }
            }
            return block.bytes[...]
        }
        array(Array(zip(buckets.indices, blocks)).filter { !buckets[$0.0].isEmpty }) { w, block in
            w.int(block.0)
            w.int(block.1.count)
            block.1.withUnsafeBytes { w.raw($0) }
        }
        int(cache.articleCount)
        array(cache.articleWarnings.sorted { $0.key < $1.key }) { w, entry in
            w.string(entry.key)
            w.array(entry.value) { $0.diagnostic($1) }
        }
        array(cache.pages.sorted { $0.key < $1.key }) { w, entry in
            w.string(entry.key)
            w.uint(entry.value.key)
            w.stamp(entry.value.stamp)
        }
        stamps(cache.otherInputs)
        optional(cache.nextPublication) { $0.int($1) }
    }

    mutating func stamps(_ stamps: [String: FileStamp]) {
        array(Array(stamps)) { w, entry in
            w.string(entry.key)
            w.stamp(entry.value)
        }
    }

    mutating func stamp(_ stamp: FileStamp) {
        int(stamp.size)
        int(stamp.modifiedNanoseconds)
        uint(stamp.inode)
    }

    mutating func location(_ location: SourceLocation) {
        string(location.file)
        int(location.line)
        int(location.column)
    }

    mutating func date(_ date: BulletinDate) {
        int(date.epochSeconds)
        int(date.utcOffset)
        bool(date.hasTime)
    }

    mutating func diagnostic(_ d: Diagnostic) {
        string(d.severity.rawValue)
        string(d.code)
        string(d.message)
        optional(d.hint) { $0.string($1) }
        optional(d.location) { $0.location($1) }
    }

    mutating func value(_ value: TemplateValue) {
        switch value {
        case .text(let s): int(0); string(s)
        case .bool(let b): int(1); bool(b)
        case .null: int(2)
        case .list(let items): int(3); array(items) { $0.value($1) }
        case .map(let pairs): int(4); array(pairs) { w, pair in w.string(pair.key); w.value(pair.value) }
        }
    }

    mutating func source(_ source: ArticleSource) {
        let fm = source.frontMatter
        string(source.path)
        optional(fm.title) { w, t in w.string(t.value); w.location(t.location) }
        optional(fm.date) { w, d in w.date(d.value); w.location(d.location) }
        optional(fm.updated) { $0.date($1) }
        array(fm.authors) { $0.string($1) }
        array(fm.communes) { w, c in w.string(c.value); w.location(c.location) }
        optional(fm.summary) { $0.string($1) }
        optional(fm.slug) { w, s in w.string(s.value); w.location(s.location) }
        bool(fm.draft)
        array(fm.tags) { $0.string($1) }
        optional(fm.image) { w, i in w.string(i.value); w.location(i.location) }
        array(fm.params) { w, pair in w.string(pair.key); w.value(pair.value) }
        optional(fm.titleSlug) { $0.string($1) }
        int(source.bodyLine)
        bool(source.isValid)
        uint(source.contentHash)
        optional(source.bodyOffset) { $0.int($1) }
    }
}

extension ArchiveReader {
    mutating func readCache() throws(Malformed) -> BuildCache {
        var cache = BuildCache()
        cache.globalKey = try uint()
        cache.builtAt = try int()
        let blocks = try array { (r: inout ArchiveReader) throws(Malformed) in (bucket: Int(try r.int()), bytes: try r.block()) }
        let decoded = parallelMap(blocks.map(\.bytes)) { bytes -> [BuildCache.CachedSource]? in
            var reader = ArchiveReader(bytes)
            let sources = try? reader.array { (r: inout ArchiveReader) throws(Malformed) in
                let stamp = try r.stamp()
                let source = try r.source()
                let diagnostics = try r.array { (r: inout ArchiveReader) throws(Malformed) in try r.diagnostic() }
                return BuildCache.CachedSource(stamp: stamp, source: source, diagnostics: diagnostics)
            }
            return reader.atEnd ? sources : nil
        }
        cache.sources.reserveCapacity(decoded.reduce(0) { $0 + ($1?.count ?? 0) })
        for (block, sources) in zip(blocks, decoded) {
            guard let sources, (0..<BuildCache.sourceBuckets).contains(block.bucket), cache.sourceBlocks[block.bucket] == nil else { throw Malformed() }
            for entry in sources { cache.sources[entry.source.path] = entry }
            cache.sourceBlocks[block.bucket] = BuildCache.SourceBlock(count: sources.count, bytes: block.bytes)
        }
        cache.articleCount = Int(try int())
        for _ in 0..<(try count()) {
            let path = try string()
            cache.articleWarnings[path] = try array { (r: inout ArchiveReader) throws(Malformed) in try r.diagnostic() }
        }
        for _ in 0..<(try count()) {
            let path = try string()
            cache.pages[path] = PageMemo.Entry(key: try uint(), stamp: try stamp())
        }
        cache.otherInputs = try stamps()
        cache.nextPublication = try optional { (r: inout ArchiveReader) throws(Malformed) in try r.int() }
        return cache
    }

    mutating func stamps() throws(Malformed) -> [String: FileStamp] {
        var result: [String: FileStamp] = [:]
        for _ in 0..<(try count()) {
            let path = try string()
            result[path] = try stamp()
        }
        return result
    }

    mutating func stamp() throws(Malformed) -> FileStamp {
        FileStamp(size: try int(), modifiedNanoseconds: try int(), inode: try uint())
    }

    mutating func location() throws(Malformed) -> SourceLocation {
        SourceLocation(file: try string(), line: Int(try int()), column: Int(try int()))
    }

    /// A location in the file `file` names, nearly always: then that string is shared, not decoded again.
    mutating func location(in file: String) throws(Malformed) -> SourceLocation {
        SourceLocation(file: try string(reusing: file), line: Int(try int()), column: Int(try int()))
    }

    mutating func date() throws(Malformed) -> BulletinDate {
        BulletinDate(epochSeconds: try int(), utcOffset: Int(try int()), hasTime: try bool())
    }

    mutating func diagnostic() throws(Malformed) -> Diagnostic {
        guard let severity = Diagnostic.Severity(rawValue: try string()) else { throw Malformed() }
        let code = try string()
        let message = try string()
        let hint = try optional { (r: inout ArchiveReader) throws(Malformed) in try r.string() }
        let location = try optional { (r: inout ArchiveReader) throws(Malformed) in try r.location() }
        return Diagnostic(severity, code, message, hint: hint, at: location)
    }

    mutating func value() throws(Malformed) -> TemplateValue {
        switch try int() {
        case 0: return .text(try string())
        case 1: return .bool(try bool())
        case 2: return .null
        case 3: return .list(try array { (r: inout ArchiveReader) throws(Malformed) in try r.value() })
        case 4: return .map(try array { (r: inout ArchiveReader) throws(Malformed) in TemplateValue.Pair(key: try r.string(), value: try r.value()) })
        default: throw Malformed()
        }
    }

    private mutating func located<T>(in file: String, _ read: (inout ArchiveReader) throws(Malformed) -> T) throws(Malformed) -> Located<T>? {
        try optional { (r: inout ArchiveReader) throws(Malformed) in Located(value: try read(&r), location: try r.location(in: file)) }
    }

    mutating func source() throws(Malformed) -> ArticleSource {
        let path = try string()
        let str = { (r: inout ArchiveReader) throws(Malformed) -> String in try r.string() }
        let title = try located(in: path, str)
        let date = try located(in: path) { (r: inout ArchiveReader) throws(Malformed) in try r.date() }
        let updated = try optional { (r: inout ArchiveReader) throws(Malformed) in try r.date() }
        let authors = try array(str)
        let communes = try array { (r: inout ArchiveReader) throws(Malformed) in Located(value: try r.string(), location: try r.location(in: path)) }
        let summary = try optional(str)
        let slug = try located(in: path, str)
        let draft = try bool()
        let tags = try array(str)
        let image = try located(in: path, str)
        let params = try array { (r: inout ArchiveReader) throws(Malformed) in TemplateValue.Pair(key: try r.string(), value: try r.value()) }
        let titleSlug = try optional(str)
        let frontMatter = FrontMatter(
            title: title, date: date, updated: updated, authors: authors, communes: communes, summary: summary, slug: slug,
            draft: draft, tags: tags, image: image, params: params, titleSlug: titleSlug)
        let bodyLine = Int(try int())
        let isValid = try bool()
        let contentHash = try uint()
        let bodyOffset = try optional { (r: inout ArchiveReader) throws(Malformed) in Int(try r.int()) }
        return ArticleSource(path: path, frontMatter: frontMatter, body: nil, bodyLine: bodyLine, isValid: isValid, contentHash: contentHash, bodyOffset: bodyOffset)
    }
}

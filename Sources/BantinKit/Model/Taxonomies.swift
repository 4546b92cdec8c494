/// The authors and the tags of the articles, each name with its own pages (`tac-gia/<slug>/`,
/// `tu-khoa/<slug>/`) listing its articles newest first.
///
/// A name is the text as written, trimmed: two spellings that are equal as Swift strings
/// (canonically equivalent) are one name; any other difference (`An ninh`, `An Ninh`, `An nình`)
/// makes another name. Names whose slugs are the same get distinct slugs, decided by the names
/// alone (never by the articles' order): in the order of their text (Unicode scalars, NFC), the
/// first keeps the slug, each next one gets the first free `-2`, `-3`… A name with no letter or
/// digit (an empty slug: `???`) has no page; it is still shown, without a link. A slug is cut
/// to 200 characters, so that a very long name still makes a file name.
public struct TaxonomyTerm: Sendable, Hashable {
    public let name: String
    /// Lowercase ASCII, as `Slug.make`; never empty.
    public let slug: String
    /// Indices into `Site.articles`, newest first.
    public internal(set) var articles: [Int]

    func pageCount(paginate: Int) -> Int { articles.pageCount(paginate: paginate) }
}

public struct Taxonomy: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case author, tag }
    public let kind: Kind
    /// In Vietnamese alphabetical order (`VietnameseSortKey`).
    public let terms: [TaxonomyTerm]
    /// Name → index into `terms`.
    let byName: [String: Int]

    /// The folder of the index page, and of every term's pages.
    public var folder: String { kind == .author ? SitePaths.authorIndex : SitePaths.tagIndex }

    public func term(named name: String) -> TaxonomyTerm? { byName[name].map { terms[$0] } }

    /// Longest slug: a file name has 255 bytes at most, and a suffix may follow.
    static let maximumSlugLength = 200

    /// `Slug.make`, cut to `maximumSlugLength` (without a dash at the end).
    static func slug(_ name: String) -> String {
        let slug = Slug.make(name)
        guard slug.utf8.count > maximumSlugLength else { return slug }
        return String(String(slug.prefix(maximumSlugLength)).reversed().drop { $0 == "-" }.reversed())
    }

    init(_ kind: Kind, articles: [Article]) {
        self.kind = kind
        var found: [String: [Int]] = [:]
        var order: [String] = []
        for (index, article) in articles.enumerated() {
            for name in kind == .author ? article.authors : article.tags {
                if found[name] == nil { order.append(name) }
                if found[name]?.last != index { found[name, default: []].append(index) }
            }
        }
        // Slugs: by the names' text, so the same names always get the same slugs.
        let names = order.map { (name: $0, nfc: $0.precomposedStringWithCanonicalMapping, slug: Self.slug($0)) }
            .filter { !$0.slug.isEmpty }
            .sorted { ($0.nfc.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.nfc.unicodeScalars.map(\.value)) }
        var slugs: [String: String] = [:]
        var used: Set<String> = []
        for entry in names where !used.contains(entry.slug) {
            used.insert(entry.slug)
            slugs[entry.name] = entry.slug
        }
        for entry in names where slugs[entry.name] == nil {
            var number = 2
            while used.contains("\(entry.slug)-\(number)") { number += 1 }
            used.insert("\(entry.slug)-\(number)")
            slugs[entry.name] = "\(entry.slug)-\(number)"
        }
        let terms = names.map { TaxonomyTerm(name: $0.name, slug: slugs[$0.name]!, articles: found[$0.name]!) }
            .sorted { $0.slug < $1.slug }.sortedVietnamese(by: \.name)
        self.terms = terms
        self.byName = Dictionary(uniqueKeysWithValues: terms.enumerated().map { ($1.name, $0) })
    }
}

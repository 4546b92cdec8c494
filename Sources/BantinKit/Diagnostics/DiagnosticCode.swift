/// What kind of problem a diagnostic reports. The raw values are printed and documented in the
/// table in docs/diagnostics.md (a test keeps the two equal): changing one breaks users' scripts.
public enum DiagnosticCode: String, Sendable, CaseIterable {
    /// Reading the site's files.
    case io
    case invalidUTF8 = "invalid-utf8"
    case articleName = "article-name"
    case fileType = "file-type"
    case notFollowed = "not-followed"

    /// YAML in front matter, `site.yaml` and the gazetteer.
    case yamlSyntax = "yaml-syntax"
    case yamlAnchor = "yaml-anchor"
    case yamlComment = "yaml-comment"
    case duplicateKey = "duplicate-key"
    case wrongType = "wrong-type"
    case unknownKey = "unknown-key"

    /// An article's front matter and body.
    case missingFrontMatter = "missing-front-matter"
    case unterminatedFrontMatter = "unterminated-front-matter"
    case missingTitle = "missing-title"
    case missingDate = "missing-date"
    case badDate = "bad-date"
    case emptyBody = "empty-body"
    case farFuture = "far-future"
    case unsafeSlug = "unsafe-slug"
    case duplicatePermalink = "duplicate-permalink"

    /// Communes an article names.
    case unknownCommune = "unknown-commune"
    case ambiguousCommune = "ambiguous-commune"
    case unknownDistrict = "unknown-district"
    case formerCommune = "former-commune"
    case communeNotYet = "commune-not-yet"
    case unlistedCommune = "unlisted-commune"
    case unmentionedCommune = "unmentioned-commune"

    /// `site.yaml` and its command-line overrides.
    case missingConfig = "missing-config"
    case badBaseURL = "bad-base-url"
    case badTimezone = "bad-timezone"
    case badPermalink = "bad-permalink"

    /// The gazetteer and its maps.
    case missingGazetteer = "missing-gazetteer"
    case gazetteer
    case duplicateCode = "duplicate-code"
    case duplicateCommune = "duplicate-commune"
    case gazetteerSuccessor = "gazetteer-successor"
    case gazetteerOverlap = "gazetteer-overlap"
    case gazetteerSplit = "gazetteer-split"

    /// The theme's templates.
    case templateSyntax = "template-syntax"
    case missingTemplate = "missing-template"
    case templateCycle = "template-cycle"

    /// Links and images in articles.
    case brokenLink = "broken-link"
    case missingImage = "missing-image"
    case missingAlt = "missing-alt"
    case unsafeLink = "unsafe-link"

    /// The output folder.
    case unsafeOutput = "unsafe-output"
    case unsafePath = "unsafe-path"
    case duplicateOutput = "duplicate-output"
    case pathClash = "path-clash"
    case output
}

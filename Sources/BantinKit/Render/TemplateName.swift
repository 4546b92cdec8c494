/// The templates the build renders pages with; every theme must have them. Partials and parents
/// these include (`baseof`…) are the theme's own business, named only in its templates.
public enum TemplateName: String, Sendable, CaseIterable {
    case home
    case article
    case articleCard = "article-card"
    case communes
    case commune
    case district
    case notFound = "404"
    case search
    case archiveYear = "archive-year"
    case archiveMonth = "archive-month"
    case taxonomy
    case taxonomyIndex = "taxonomy-index"
}

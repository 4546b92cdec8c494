/// A free-form value from YAML (`params` in front matter and `site.yaml`), kept typed and ordered.
public enum TemplateValue: Sendable, Hashable {
    case text(String)
    case bool(Bool)
    case null
    case list([TemplateValue])
    case map([Pair])

    public struct Pair: Sendable, Hashable {
        public let key: String
        public let value: TemplateValue
    }

    static func keyed(_ pairs: [(String, TemplateValue)]) -> TemplateValue {
        .map(pairs.map { Pair(key: $0.0, value: $0.1) })
    }
}

/// A text with its hash computed once, where it was made (on any thread): a dictionary then
/// hashes one word instead of the whole text.
struct Prehashed: Hashable, Sendable {
    let text: String
    private let hash: Int

    init(_ text: String) {
        self.text = text
        hash = text.hashValue
    }

    static func == (a: Prehashed, b: Prehashed) -> Bool { a.hash == b.hash && a.text == b.text }
    func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}

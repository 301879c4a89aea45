/// One item of a list answer: its canonical text, accepted alternatives, and its kind.
///
/// ```swift
/// ListItem(canonical: "Grigory Zinoviev", aliases: ["Zinovyev"], kind: .person)
/// ```
///
/// Each item is matched with the same rules as a text answer of its kind (aliases, surnames,
/// typos; years and numbers by value).
public struct ListItem: Sendable, Hashable, Codable {
    public var canonical: String
    public var aliases: [String]
    public var kind: AnswerKind

    public init(canonical: String, aliases: [String] = [], kind: AnswerKind = .text) {
        self.canonical = canonical
        self.aliases = aliases
        self.kind = kind
    }

    /// The item as a text answer, which is how it is matched.
    var asTextAnswer: ExpectedAnswer { .text(canonical: canonical, aliases: aliases, kind: kind) }
}

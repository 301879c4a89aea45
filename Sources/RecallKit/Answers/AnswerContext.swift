/// The other answers in a deck, grouped by kind.
///
/// The checker uses them to refuse a typo that turns one answer into another (`Yagoda` is not a
/// misspelt `Yezhov`), and to decide whether a surname alone names one person unambiguously.
///
/// ```swift
/// let context = AnswerContext([
///     (kind: .person, canonical: "Genrikh Yagoda", aliases: []),
///     (kind: .person, canonical: "Nikolai Yezhov", aliases: ["Yezhov", "Ezhov"]),
///     (kind: .person, canonical: "Lev Kamenev", aliases: []),
///     (kind: .person, canonical: "Sergei Kamenev", aliases: []),   // "Kamenev" alone is now ambiguous
/// ])
/// ```
///
/// It is fine, and usual, for the context to include the card's own answer: an entry sharing a
/// spelling with the expected answer, or spelled only in its accepted forms (`Nikolaev` for
/// `Leonid Nikolaev`), is treated as that answer, not as a rival.
public struct AnswerContext: Sendable, Hashable {
    /// One answer of the deck.
    public struct Entry: Sendable, Hashable, Codable {
        public var kind: AnswerKind
        public var canonical: String
        public var aliases: [String]

        public init(kind: AnswerKind, canonical: String, aliases: [String] = []) {
            self.kind = kind
            self.canonical = canonical
            self.aliases = aliases
        }
    }

    /// An entry with its spellings normalised once, so each check does not redo it.
    struct PreparedEntry: Sendable {
        let canonical: String
        let forms: [NormalizedAnswer]
        /// For persons: the surname of every spelling, without spaces, and one-word spellings themselves.
        let surnames: Set<String>

        init(_ entry: Entry) {
            canonical = entry.canonical
            forms = ([entry.canonical] + entry.aliases).map { AnswerNormalizer.normalize($0, keepingArticles: entry.kind == .person) }.filter { !$0.isEmpty }
            // One-word spellings count as surnames too ("Yezhov").
            surnames = entry.kind == .person
                ? Set(([entry.canonical] + entry.aliases).compactMap { PersonName($0)?.surname.replacingOccurrences(of: " ", with: "") }
                    + forms.filter { $0.words.count == 1 }.map(\.compact))
                : []
        }

        /// Whether this entry is the answer being checked: it shares a spelling the author wrote,
        /// or every one of its spellings is an accepted form ("Nikolaev" for Leonid Nikolaev).
        func isSameAnswer(spellings: Set<String>, acceptedForms: Set<String>) -> Bool {
            forms.contains { spellings.contains($0.compact) }
                || (!forms.isEmpty && forms.allSatisfy { acceptedForms.contains($0.compact) })
        }
    }

    /// The answers, in the order given.
    public let entries: [Entry]
    private let preparedByKind: [AnswerKind: [PreparedEntry]]

    /// No other answers: typos are judged against the expected answer alone, and every surname is unambiguous.
    public static let empty = AnswerContext(entries: [])

    public init(entries: [Entry]) {
        self.entries = entries
        preparedByKind = Dictionary(grouping: entries, by: \.kind).mapValues { $0.map(PreparedEntry.init) }
    }

    /// Builds the context from `(kind, canonical, aliases)` triples.
    public init(_ answers: [(kind: AnswerKind, canonical: String, aliases: [String])]) {
        self.init(entries: answers.map { Entry(kind: $0.kind, canonical: $0.canonical, aliases: $0.aliases) })
    }

    /// Builds the context from the deck's expected answers: texts by their kind, numbers as `number`,
    /// dates as `date` (ISO text), and each list item by its own kind.
    public init(answers: [ExpectedAnswer]) {
        self.init(entries: answers.flatMap { answer -> [Entry] in
            switch answer {
            case .text(let canonical, let aliases, let kind):
                [Entry(kind: kind, canonical: canonical, aliases: aliases)]
            case .number(let spec, _):
                [Entry(kind: .number, canonical: spec.displayText)]
            case .date(let date):
                [Entry(kind: .date, canonical: date.isoText)]
            case .list(let items, _):
                items.map { Entry(kind: $0.kind, canonical: $0.canonical, aliases: $0.aliases) }
            }
        })
    }

    /// The answers of one kind.
    public func entries(ofKind kind: AnswerKind) -> [Entry] {
        entries.filter { $0.kind == kind }
    }

    /// Answers of `kind` that are not the expected answer (see `PreparedEntry.isSameAnswer`).
    func rivals(ofKind kind: AnswerKind, spellings: Set<String>, acceptedForms: Set<String>) -> [PreparedEntry] {
        (preparedByKind[kind] ?? []).filter { !$0.isSameAnswer(spellings: spellings, acceptedForms: acceptedForms) }
    }

    public static func == (left: AnswerContext, right: AnswerContext) -> Bool { left.entries == right.entries }
    public func hash(into hasher: inout Hasher) { hasher.combine(entries) }
}

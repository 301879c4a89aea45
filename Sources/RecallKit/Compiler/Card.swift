/// A card's stable identity: sixteen hex digits from the deck id, the fact's id (or content
/// hash) and the question variant. Progress is keyed by it, so it must never change when
/// facts are reordered, moved between sections or re-wrapped.
public struct CardID: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(deckID: String, factKey: String, variant: String) {
        self.init(factHash: Self.factHash(deckID: deckID, factKey: factKey), variant: variant)
    }

    /// The hash of a fact's cards' common fields, so a fact with several cards hashes them once.
    static func factHash(deckID: String, factKey: String) -> StableHash {
        var hash = StableHash()
        hash.combine(deckID)
        hash.combine(factKey)
        return hash
    }

    init(factHash: StableHash, variant: String) {
        self.rawValue = Self.hash(factHash: factHash, variant: variant).hex
    }

    /// The hash whose 16 digits are the id of a fact's card `variant`: what `compile -o`
    /// writes, with no string made.
    static func hash(factHash: StableHash, variant: String) -> StableHash {
        var hash = factHash
        hash.combine(variant)
        return hash
    }

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func < (lhs: CardID, rhs: CardID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }
}

/// How a card is asked.
public enum CardKind: String, Codable, Sendable, CaseIterable, Comparable {
    /// The learner types the answer and recall checks it.
    case typed
    /// The learner recalls the answer, reveals it and grades themselves.
    case flashcard
    /// Numbered options, one of them right.
    case choice
    /// A proposed answer to judge true or false.
    case truefalse
    /// Events to put in order.
    case chronology

    public static func < (lhs: CardKind, rhs: CardKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// What the learner is shown and what counts as right, by kind of card.
public enum CardQuestion: Hashable, Codable, Sendable {
    case typed(prompt: String, expected: ExpectedAnswer)
    case flashcard(front: String, back: String)
    /// `correct` indexes `options`.
    case choice(prompt: String, options: [String], correct: Int)
    case truefalse(prompt: String, proposed: String, isTrue: Bool)
    /// `events` in the order shown; `order` lists their indexes earliest first.
    case chronology(prompt: String, events: [String], order: [Int])

    public var kind: CardKind {
        switch self {
        case .typed: .typed
        case .flashcard: .flashcard
        case .choice: .choice
        case .truefalse: .truefalse
        case .chronology: .chronology
        }
    }

    /// The question text as first shown.
    public var prompt: String {
        switch self {
        case .typed(let prompt, _), .choice(let prompt, _, _), .truefalse(let prompt, _, _), .chronology(let prompt, _, _):
            prompt
        case .flashcard(let front, _):
            front
        }
    }
}

/// A source citation as it travels with a compiled card.
public struct CardCitation: Hashable, Codable, Sendable {
    public var key: String
    public var title: String?
    public var location: String?
    public var evidence: String?
}

/// What the cards of one fact have in common: the fact's id, where it sits, its note and
/// citations.
///
/// A class so that a fact's three or four cards share one copy instead of each holding (and
/// retaining, at every copy) the same strings; it is immutable, so sharing is safe.
///
///     let fact = CardFact(id: "kirov-shot", topic: "Prelude", tags: ["prelude"], note: nil, citations: [], line: 12)
///     // Card(id: …, fact: fact, variant: "qa.typed", …) and its siblings point at `fact`.
public final class CardFact: Hashable, Sendable, CustomStringConvertible {
    /// The fact's id (explicit or derived); cards of one fact are siblings and are not shown
    /// on the same day.
    public let id: String
    public let topic: String
    public let tags: [String]
    public let note: String?
    public let citations: [CardCitation]
    /// The line of the fact in its `.facts` file, for `:edit` and diagnostics.
    public let line: Int

    public init(id: String, topic: String, tags: [String], note: String?, citations: [CardCitation], line: Int) {
        self.id = id
        self.topic = topic
        self.tags = tags
        self.note = note
        self.citations = citations
        self.line = line
    }

    /// The same fact, starting on another line (after lines were inserted above it).
    public func moved(to line: Int) -> CardFact {
        CardFact(id: id, topic: topic, tags: tags, note: note, citations: citations, line: line)
    }

    /// Equal by content, like the value types around it: two decks compiled apart compare equal.
    public static func == (lhs: CardFact, rhs: CardFact) -> Bool {
        lhs === rhs || (lhs.id == rhs.id && lhs.line == rhs.line && lhs.topic == rhs.topic && lhs.tags == rhs.tags
            && lhs.note == rhs.note && lhs.citations == rhs.citations)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(line)
    }

    public var description: String { "CardFact(\(id), line \(line))" }
}

/// One question generated from a fact.
public struct Card: Hashable, Sendable, Identifiable {
    public var id: CardID
    /// What the card shares with the other cards of its fact.
    public var fact: CardFact
    /// Which question of the fact this is (`qa.typed`, `cloze.Kirov.choice`, …).
    public var variant: String
    public var question: CardQuestion
    /// The correct answer as shown after answering.
    public var answer: String
    /// The kind of thing the answer is (`person`, `year`, …), if the author said.
    public var answerKind: String?

    public init(id: CardID, fact: CardFact, variant: String, question: CardQuestion, answer: String, answerKind: String?) {
        self.id = id
        self.fact = fact
        self.variant = variant
        self.question = question
        self.answer = answer
        self.answerKind = answerKind
    }

    /// A card with a fact of its own (tests and one-off cards; the compiler shares one
    /// ``CardFact`` between a fact's cards).
    public init(id: CardID, factID: String, variant: String, question: CardQuestion, answer: String, answerKind: String?,
                topic: String, tags: [String], note: String?, citations: [CardCitation], line: Int) {
        self.init(id: id, fact: CardFact(id: factID, topic: topic, tags: tags, note: note, citations: citations, line: line),
                  variant: variant, question: question, answer: answer, answerKind: answerKind)
    }

    public var kind: CardKind { question.kind }

    /// The fact's id; cards of one fact are siblings and are not shown on the same day.
    public var factID: String { fact.id }
    public var topic: String { fact.topic }
    public var tags: [String] { fact.tags }
    public var note: String? { fact.note }
    public var citations: [CardCitation] { fact.citations }
    /// The line of the fact in its `.facts` file, for `:edit` and diagnostics.
    public var line: Int { fact.line }
}

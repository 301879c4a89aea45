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
        var hash = factHash
        hash.combine(variant)
        self.rawValue = hash.hex
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

/// One question generated from a fact.
public struct Card: Hashable, Codable, Sendable, Identifiable {
    public var id: CardID
    /// The fact's id (explicit or derived); cards of one fact are siblings and are not shown
    /// on the same day.
    public var factID: String
    /// Which question of the fact this is (`qa.typed`, `cloze.Kirov.choice`, …).
    public var variant: String
    public var question: CardQuestion
    /// The correct answer as shown after answering.
    public var answer: String
    /// The kind of thing the answer is (`person`, `year`, …), if the author said.
    public var answerKind: String?
    public var topic: String
    public var tags: [String]
    public var note: String?
    public var citations: [CardCitation]
    /// The line of the fact in its `.facts` file, for `:edit` and diagnostics.
    public var line: Int

    public var kind: CardKind { question.kind }
}

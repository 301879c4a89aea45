import Foundation

/// A compiled deck: every card of every fact, ready to study. Its JSON form is documented in
/// `docs/deck-json.md` and is byte-identical for the same input and seed.
public struct CompiledDeck: Hashable, Sendable {
    /// Bumped whenever the JSON shape changes incompatibly. 2: each fact's shared fields are
    /// listed once in `facts`, and cards point at them.
    public static let schemaVersion = 2

    public var schema: String = "recall-deck"
    public var schemaVersion: Int = CompiledDeck.schemaVersion
    public var deck: DeckInfo
    /// The seed distractors and option order were drawn with.
    public var seed: UInt64
    /// A hash of the source text and seed; the study cache is keyed by it.
    public var contentHash: String
    public var sources: [SourceInfo]
    public var cards: [Card]

    public struct DeckInfo: Hashable, Codable, Sendable {
        public var id: String
        public var title: String
        public var description: String?
        public var language: String
        public var authors: [String]
        public var path: String
    }

    public struct SourceInfo: Hashable, Codable, Sendable {
        public var key: String
        public var title: String
        public var author: String?
        public var date: String?
        public var url: String?
        public var file: String?
    }

    /// The canonical JSON: sorted keys, compact, each card, fact and source on a line of its own
    /// (see ``writeJSON(chunkSize:parallel:_:)`` to stream it instead).
    public func jsonData() -> Data {
        var data = Data()
        writeJSON { data.append(contentsOf: $0) }
        return data
    }

    /// Reads a deck back from its JSON (schema version 2).
    ///
    ///     let deck = try CompiledDeck.decode(Data(contentsOf: URL(fileURLWithPath: "deck.json")))
    public static func decode(_ data: Data) throws -> CompiledDeck {
        try JSONDecoder().decode(CompiledDeck.self, from: data)
    }

    /// The deck's distinct facts, in the order of their first card, and each card's fact as an
    /// index into them: how the JSON lists facts once.
    public func factNumbering() -> (facts: [CardFact], numbers: [Int]) {
        var numbering = FactNumbering(expectedCards: cards.count)
        // Through a buffer: iterating, or an array's subscript, copied each card.
        let numbers = cards.withUnsafeBufferPointer { cards in cards.indices.map { numbering.number(of: cards[$0].fact) } }
        return (numbering.facts, numbers)
    }

    /// Card counts by kind, for reports and `recall preview`.
    public var countsByKind: [CardKind: Int] {
        cards.reduce(into: [:]) { $0[$1.kind, default: 0] += 1 }
    }
}

/// The JSON form (docs/deck-json.md): what a fact's cards share is listed once in `facts`, and
/// each card names its fact by index.
extension CompiledDeck: Codable {
    enum CodingKeys: String, CodingKey {
        case cards, contentHash, deck, facts, schema, schemaVersion, seed, sources
    }

    /// A card as the JSON lists it.
    struct CardEntry: Codable {
        var answer: String
        var answerKind: String?
        /// Index into the deck's `facts`.
        var fact: Int
        var id: CardID
        var question: CardQuestion
        var variant: String
    }

    /// A fact as the JSON lists it: what its cards share.
    struct FactEntry: Codable {
        var citations: [CardCitation]
        var id: String
        var line: Int
        var note: String?
        var tags: [String]
        var topic: String
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schema = try container.decode(String.self, forKey: .schema)
        schemaVersion = try container.decode(Int.self, forKey: .schemaVersion)
        guard schemaVersion == Self.schemaVersion else {
            throw DecodingError.dataCorruptedError(
                forKey: .schemaVersion, in: container,
                debugDescription: "this deck JSON has schema version \(schemaVersion); this recall reads version \(Self.schemaVersion): compile the deck again")
        }
        deck = try container.decode(DeckInfo.self, forKey: .deck)
        seed = try container.decode(UInt64.self, forKey: .seed)
        contentHash = try container.decode(String.self, forKey: .contentHash)
        sources = try container.decode([SourceInfo].self, forKey: .sources)
        let facts = try container.decode([FactEntry].self, forKey: .facts).map {
            CardFact(id: $0.id, topic: $0.topic, tags: $0.tags, note: $0.note, citations: $0.citations, line: $0.line)
        }
        let entries = try container.decode([CardEntry].self, forKey: .cards)
        cards = []
        cards.reserveCapacity(entries.count)
        for entry in entries {
            guard facts.indices.contains(entry.fact) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .cards, in: container,
                    debugDescription: "card \(entry.id) points at fact \(entry.fact), but the deck lists \(facts.count) facts")
            }
            cards.append(Card(id: entry.id, fact: facts[entry.fact], variant: entry.variant, question: entry.question,
                              answer: entry.answer, answerKind: entry.answerKind))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let (facts, numbers) = factNumbering()
        try container.encode(zip(cards, numbers).map {
            CardEntry(answer: $0.answer, answerKind: $0.answerKind, fact: $1, id: $0.id, question: $0.question, variant: $0.variant)
        }, forKey: .cards)
        try container.encode(contentHash, forKey: .contentHash)
        try container.encode(deck, forKey: .deck)
        try container.encode(facts.map {
            FactEntry(citations: $0.citations, id: $0.id, line: $0.line, note: $0.note, tags: $0.tags, topic: $0.topic)
        }, forKey: .facts)
        try container.encode(schema, forKey: .schema)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(seed, forKey: .seed)
        try container.encode(sources, forKey: .sources)
    }
}

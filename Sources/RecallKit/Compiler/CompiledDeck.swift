import Foundation

/// A compiled deck: every card of every fact, ready to study. Its JSON form is documented in
/// `docs/deck-json.md` and is byte-identical for the same input and seed.
public struct CompiledDeck: Hashable, Codable, Sendable {
    /// Bumped whenever the JSON shape changes incompatibly.
    public static let schemaVersion = 1

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

    /// The canonical JSON: sorted keys, two-space indentation, a final newline (see
    /// ``writeJSON(chunkSize:parallel:_:)`` to stream it instead).
    public func jsonData() -> Data {
        var data = Data()
        writeJSON { data.append(contentsOf: $0) }
        return data
    }

    public static func decode(_ data: Data) throws -> CompiledDeck {
        try JSONDecoder().decode(CompiledDeck.self, from: data)
    }

    /// Card counts by kind, for reports and `recall preview`.
    public var countsByKind: [CardKind: Int] {
        cards.reduce(into: [:]) { $0[$1.kind, default: 0] += 1 }
    }
}

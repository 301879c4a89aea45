import Foundation
@testable import RecallKit

/// Paths and helpers the authoring tests share.
enum AuthoringSamples {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let bundledDecks = ["Decks/great-purge.facts", "Decks/recall-tutorial.facts"]
    static let fixtures = Golden.fixtures.appendingPathComponent("authoring")

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: root.appendingPathComponent(relativePath)))
    }

    static func compile(_ bytes: [UInt8], path: String = "t.facts", seed: UInt64 = 0) -> DeckLoader.Loaded {
        DeckLoader.compile(bytes: bytes, path: path, seed: seed)
    }

    static func compile(_ text: String, path: String = "t.facts") -> DeckLoader.Loaded {
        compile(Array(text.utf8), path: path)
    }

    /// The cards with the line they were written on left out: what must survive a rewrite.
    static func cardsWithoutLines(_ deck: CompiledDeck) -> [Card] {
        deck.cards.map { card in
            var copy = card
            copy.fact = card.fact.moved(to: 0)
            return copy
        }
    }

    /// A deck text with every `id:` line removed.
    static func withoutIDs(_ bytes: [UInt8]) -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("id: ") }
        return Array(lines.joined(separator: "\n").utf8)
    }
}

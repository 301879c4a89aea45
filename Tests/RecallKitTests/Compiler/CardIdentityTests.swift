import Foundation
import Testing
@testable import RecallKit

/// Card ids must survive everything that does not change what a fact asks.
@Suite struct CardIdentityTests {
    let base = """
        deck: demo
        title: Demo

        source: src
        title: Source

        # One

        Q: Who shot Kirov?
        A: Nikolaev
        source: src

        Q: Where was Kirov shot?
        A: Smolny Institute
        id: kirov-place
        source: src
        """

    func ids(_ text: String) throws -> [String: Set<CardID>] {
        let loaded = DeckLoader.compile(bytes: Array(text.utf8), path: "demo.facts", seed: 0)
        let deck = try #require(loaded.deck, "\(loaded.diagnostics.map(\.description))")
        return Dictionary(grouping: deck.cards, by: \.factID).mapValues { Set($0.map(\.id)) }
    }

    @Test func reorderingMovingAndRewrappingKeepIds() throws {
        let original = try ids(base)
        let edited = """
            deck: demo
            title: Demo

            source: src
            title: Source

            # Another section

            Q: Where was Kirov shot?
            id: kirov-place
            A: Smolny Institute
            source: src "a new citation"
            note: A new note does not change what is asked.

            # One

            Q:   Who shot
              Kirov?
            A: Nikolaev | Leonid Nikolaev
            tags: new-tag
            source: src
            """
        #expect(try ids(edited).values.reduce(Set(), { $0.union($1) }) == original.values.reduce(Set(), { $0.union($1) }))
    }

    @Test func anExplicitIdKeepsCardsWhenTheQuestionIsReworded() throws {
        let original = try ids(base)["kirov-place"]
        let reworded = try ids(base.replacingOccurrences(of: "Where was Kirov shot?", with: "In which building was Kirov shot?"))
        #expect(reworded["kirov-place"] == original)
    }

    @Test func changingTheContentOfAFactWithoutIdChangesItsCards() throws {
        let original = try ids(base)
        let changed = try ids(base.replacingOccurrences(of: "Who shot Kirov?", with: "Who killed Kirov?"))
        #expect(Set(original.keys) != Set(changed.keys))
    }

    @Test func idsAreTheDocumentedHash() {
        // Pinned so that a change to the hash, which would orphan every learner's progress, fails here.
        // The values come from an independent FNV-1a implementation (8-byte little-endian lengths).
        #expect(CardID(deckID: "great-purge", factKey: "id:kirov-assassin", variant: "qa.typed").rawValue == "fcaab8922ac2eef6")
        #expect(StableHash.of([""]).hex == "a8c7f832281a39c5")
        #expect(StableHash.of(["a b", "c"]) != StableHash.of(["a", " bc"]))
    }

    /// A fact's content key collapses whitespace and case in place, after what the key already
    /// holds; it must be what the rule for any text gives.
    @Test func contentKeysCollapseWhitespaceAndCaseAfterWhatCameBefore() {
        let parts = ["", " ", "Who shot Kirov?", "  Who\tshot \n\n KIROV?  ", "\u{0B}\u{0C}\rA\r\nB", "x", "ALL CAPS 1937", "a  b   c    d"]
        for prefix in [[], Array("q|".utf8)] as [[UInt8]] {
            for part in parts {
                var key = prefix
                ContentKey.appendNormalised(part, to: &key)
                let expected = prefix + Array(part.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ").utf8)
                #expect(key == expected, "\(part.debugDescription) after \(prefix.count) bytes")
            }
        }
    }

    /// Ids are written a word at a time; every digit value must land in its place.
    @Test(arguments: [0, 1, 0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210, 0xA0B0_C0D0_E0F0_9999, .max] as [UInt64])
    func hexDigitsAreTheValueInLowercaseMostSignificantFirst(value: UInt64) {
        let expected = String(repeating: "0", count: 16 - String(value, radix: 16).count) + String(value, radix: 16)
        #expect(StableHash(value: value).hex == expected)
        #expect(StableHash(value: value).hex(digits: 12) == String(expected.prefix(12)))
        #expect(StableHash(value: value).hex(digits: 0) == "")
        #expect(StableHash(value: value).hex(digits: 12, after: "~") == "~" + expected.prefix(12))
        #expect(StableHash(value: value).hex(digits: 16, after: "content:") == "content:" + expected)
        #expect(StableHash(value: value).hex(digits: 16, after: "sixteen-byte-pfx") == "sixteen-byte-pfx" + expected)
        #expect(StableHash(value: value).hex(digits: 3, after: "") == String(expected.prefix(3)))
        // `compile -o` writes ids, and hashes them for their draws, from the digits alone.
        #expect(StableHash(value: value).withHexDigits { String(decoding: $0, as: UTF8.self) } == expected)
        var fromDigits = StableHash(), fromString = StableHash()
        StableHash(value: value).withHexDigits { fromDigits.combine(bytes: $0) }
        fromString.combine(expected)
        #expect(fromDigits == fromString)
    }
}

import Foundation
import Testing
@testable import RecallKit

/// Every valid deck under Fixtures/compiler/valid compiles, with no diagnostics, to exactly its
/// `.json` golden file.
@Suite struct CompilerGoldenTests {
    static let decks = Golden.files(in: "compiler/valid", withExtension: "facts")

    @Test(arguments: decks)
    func compilesToTheGoldenJSON(deck: URL) throws {
        let bytes = try [UInt8](Data(contentsOf: deck))
        let loaded = DeckLoader.compile(bytes: bytes, path: deck.lastPathComponent, seed: 0)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.description))")
        let compiled = try #require(loaded.deck)
        let json = String(decoding: compiled.jsonData(), as: UTF8.self)
        try Golden.check(json, against: deck.deletingPathExtension().appendingPathExtension("json"))
    }

    @Test func theSameInputAndSeedGiveTheSameBytes() throws {
        let bytes = try [UInt8](Data(contentsOf: Self.decks[0]))
        let first = try #require(DeckLoader.compile(bytes: bytes, path: "a.facts", seed: 9).deck).jsonData()
        let second = try #require(DeckLoader.compile(bytes: bytes, path: "a.facts", seed: 9).deck).jsonData()
        #expect(first == second)
        let otherSeed = try #require(DeckLoader.compile(bytes: bytes, path: "a.facts", seed: 10).deck).jsonData()
        #expect(first != otherSeed, "the seed decides distractor order")
    }
}

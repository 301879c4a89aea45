import Foundation
import Testing
@testable import RecallKit

/// `recall new`: the scaffold passes a strict check as written and shows every kind of fact.
@Suite struct DeckScaffoldTests {
    @Test func theScaffoldCompilesWithoutASingleDiagnostic() throws {
        let scaffold = DeckScaffold(name: "my-deck")
        let loaded = AuthoringSamples.compile(scaffold.text, path: scaffold.path)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.description))")
        let deck = try #require(loaded.deck)
        #expect(deck.deck.id == "my-deck")
        #expect(Set(deck.cards.map(\.kind)) == Set(CardKind.allCases))
        let (document, _) = FactsParser().parse(text: scaffold.text, path: scaffold.path)
        #expect(Set(document.facts.map(\.body.blockKey)) == ["Q", "term", "cloze", "number", "event", "list"])
        #expect(document.facts.filter { if case .event = $0.body { true } else { false } }.count >= 2)
        #expect(document.sources.count == 1)
    }

    @Test func theScaffoldMatchesItsGoldenFile() throws {
        try Golden.check(DeckScaffold(name: "my-deck", title: "My deck").text,
                         against: AuthoringSamples.fixtures.appendingPathComponent("scaffold.facts"))
    }

    @Test func theScaffoldIsAlreadyFormatted() throws {
        let text = DeckScaffold(name: "x").text
        #expect(try FactsFormatter().format(Array(text.utf8), path: "x.facts") == text)
    }

    @Test func theNameGivesThePathTheIdAndTheTitle() {
        let scaffold = DeckScaffold(name: "decks/Roman Roads")
        #expect(scaffold.path == "decks/Roman Roads.facts")
        #expect(scaffold.deckID == "roman-roads")
        #expect(scaffold.title == "Roman Roads")
        #expect(DeckScaffold(name: "kirov.facts").path == "kirov.facts")
        #expect(DeckScaffold(name: "great-purge").title == "Great purge")
        #expect(DeckScaffold(name: "x", title: "Two\nlines").title == "Two lines")
        let strange = DeckScaffold(name: "Ünïcode — only!", title: "Ünïcode")
        #expect(Identifier.isDeckID(strange.deckID))
        #expect(AuthoringSamples.compile(strange.text).deck != nil)
    }

    @Test func createNeverOverwritesAFile() throws {
        let folder = NSTemporaryDirectory() + "recall-scaffold-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let scaffold = DeckScaffold(name: folder + "/deck")
        try scaffold.create()
        #expect(try String(contentsOfFile: folder + "/deck.facts", encoding: .utf8) == scaffold.text)
        try Data("mine\n".utf8).write(to: URL(fileURLWithPath: folder + "/deck.facts"))
        #expect(throws: AuthoringError.deckExists(folder + "/deck.facts")) { try scaffold.create() }
        #expect(try String(contentsOfFile: folder + "/deck.facts", encoding: .utf8) == "mine\n")
        #expect(throws: AuthoringError.folderMissing(folder + "/nowhere")) { try DeckScaffold(name: folder + "/nowhere/deck").create() }
    }
}

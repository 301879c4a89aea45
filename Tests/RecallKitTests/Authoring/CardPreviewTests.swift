import Foundation
import Testing
@testable import RecallKit

/// `recall preview`: what learners will see, fact by fact.
@Suite struct CardPreviewTests {
    static let deckPath = "Decks/great-purge.facts"

    func loaded(seed: UInt64 = 7) throws -> DeckLoader.Loaded {
        AuthoringSamples.compile(try AuthoringSamples.bytes(Self.deckPath), path: Self.deckPath, seed: seed)
    }

    @Test func threeFactsOfTheBundledDeckMatchTheGoldenPreview() throws {
        let loaded = try loaded()
        let preview = CardPreview()
        // A question with a kind, a cloze group, and an event with its chronology cards.
        let text = try ["gareth-jones", "congress-votes", "jones-flies-with-hitler"]
            .map { try preview.render(loaded, selection: .fact($0)) }
            .joined(separator: "\n")
        try Golden.check(text, against: AuthoringSamples.fixtures.appendingPathComponent("preview-great-purge.txt"))
    }

    @Test func theSummaryCountsEveryCardAndListsTheThinnestFacts() throws {
        let loaded = try loaded()
        let deck = try #require(loaded.deck)
        let summary = try CardPreview().render(loaded, selection: .deck)
        let counts = summary.split(separator: "\n").dropFirst().prefix(CardKind.allCases.count)
        #expect(counts.map { $0.split(separator: " ").first.map(String.init) } == CardKind.allCases.map(\.rawValue))
        #expect(counts.compactMap { Int($0.split(separator: " ").last!) }.reduce(0, +) == deck.cards.count)
        #expect(summary.contains("The 10 facts with the fewest cards:"))
        #expect(summary.split(separator: "\n").filter { $0.hasPrefix("  line ") }.count == 10)
    }

    @Test func selectorsFindTheFact() throws {
        let loaded = try loaded()
        let byID = try CardPreview().render(loaded, selection: .fact("gareth-jones"))
        // The line after the question's first is its continuation: still the same fact.
        let (document, _) = FactsParser().parse(loaded.bytes, path: Self.deckPath)
        let fact = try #require(document.facts.first { $0.explicitID == "gareth-jones" })
        #expect(try CardPreview().render(loaded, selection: .line(fact.line + 1)) == byID)
        #expect(throws: AuthoringError.noFactAtLine(1)) { try CardPreview().render(loaded, selection: .line(1)) }
        #expect(throws: AuthoringError.unknownFact("gareth-jone", suggestion: "gareth-jones")) {
            try CardPreview().render(loaded, selection: .fact("gareth-jone"))
        }
        let topic = try CardPreview().render(loaded, selection: .topic("murder of kirov"))
        #expect(topic.contains("id kirov-assassin"))
        #expect(!topic.contains("id gareth-jones"))
        let choices = try CardPreview().render(loaded, selection: .fact("gareth-jones"), kind: "choice")
        #expect(choices.contains("qa.choice"))
        #expect(!choices.contains("qa.typed"))
    }

    @Test func derivedIdsSelectFactsWithoutAnId() throws {
        let text = "deck: d\ntitle: D\n\nsource: s\ntitle: S\n\nQ: Who?\nA: Him | He\nsource: s\n"
        let loaded = AuthoringSamples.compile(text)
        let factID = try #require(loaded.deck?.cards.first?.factID)
        let preview = try CardPreview().render(loaded, selection: .fact(factID))
        #expect(preview.contains("accepts     Him | He"))
        #expect(preview.contains("no id (\(factID))"))
    }

    @Test func deckTextIsSanitized() {
        var card = Card(id: CardID(rawValue: "0000000000000000"), factID: "x", variant: "qa.typed",
                        question: .typed(prompt: "Who\u{1B}[2J?", expected: .text(canonical: "Him\u{1B}]0;t\u{07}", aliases: [], kind: .text)),
                        answer: "Him", answerKind: nil, topic: "", tags: [], note: nil, citations: [], line: 1)
        card.answer = "\u{9B}31mHim"
        let lines = CardPreview().render(card).joined(separator: "\n")
        #expect(!lines.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B || $0.value == 0x07 })
        #expect(lines.contains("Who?"))
    }
}

import Foundation
import Testing
@testable import RecallKit

/// Editing a fact without an id changes its cards' ids; the history follows the edit.
@Suite struct CardRelinkerTests {
    func compile(_ question: String) throws -> CompiledDeck {
        let text = "deck: d\ntitle: D\n\nsource: s\ntitle: S\n\nQ: \(question)\nA: Nikolaev\nsource: s\n\nQ: Where was Kirov shot?\nA: Smolny Institute\nsource: s\n"
        return try #require(DeckLoader.compile(bytes: Array(text.utf8), path: "d.facts", seed: 0).deck)
    }

    @Test func anEditedQuestionKeepsItsHistory() throws {
        let before = try compile("Who shot Sergei Kirov in 1934?")
        let after = try compile("Who shot Sergei Kirov in December 1934?")
        let replayer = ProgressReplayer(scheduler: FSRSScheduler())
        let typed = before.cards.first { $0.variant == "qa.typed" }!
        var state = ProgressState()
        for event in [
            JournalEvent(id: "1", time: 1_795_597_200_000, action: .cardText(card: typed.id, variant: typed.variant, prompt: typed.question.prompt, answer: typed.answer)),
            JournalEvent(id: "2", time: 1_795_597_200_000, action: .review(card: typed.id, rating: .good, durationMilliseconds: 1, answer: nil, scheduler: "fsrs-6")),
        ] { replayer.apply(event, to: &state) }
        let links = CardRelinker.links(deckCards: after.cards, progress: state)
        let newTyped = after.cards.first { $0.variant == "qa.typed" && $0.question.prompt.contains("December") }!
        #expect(links == [CardRelinker.Link(from: typed.id, to: newTyped.id)])
        // A completely different question with the same answer is not taken for an edit.
        let unrelated = try compile("Which party member did the NKVD arrest outside Smolny?")
        #expect(CardRelinker.links(deckCards: unrelated.cards, progress: state).filter { $0.from == typed.id }.isEmpty)
        replayer.apply(JournalEvent(id: "3", time: 1_795_597_300_000, action: .relink(from: typed.id, to: newTyped.id)), to: &state)
        #expect(state.cards[newTyped.id]?.scheduling.reps == 1)
        #expect(CardRelinker.links(deckCards: after.cards, progress: state).isEmpty, "a relinked history is not moved again")
    }

    @Test func aWholeDeckRewordedMovesEveryHistoryToItsOwnCard() throws {
        func deck(_ wording: String) throws -> CompiledDeck {
            var text = "deck: d\ntitle: D\n\nsource: s\ntitle: S\n\n"
            for index in 0..<40 {
                text += "Q: What is fact number \(index) about, in \(wording) 1934?\nA: Answer \(index)\nkind: person\nsource: s\n\n"
            }
            return try #require(DeckLoader.compile(bytes: Array(text.utf8), path: "d.facts", seed: 0).deck)
        }
        let before = try deck("the year")
        let after = try deck("the year of")
        let replayer = ProgressReplayer(scheduler: FSRSScheduler())
        var state = ProgressState()
        for (index, card) in before.cards.enumerated() {
            replayer.apply(JournalEvent(id: "t\(index)", time: 1_795_597_200_000, action: .cardText(
                card: card.id, variant: card.variant, prompt: card.question.prompt, answer: card.answer)), to: &state)
            replayer.apply(JournalEvent(id: "r\(index)", time: 1_795_597_200_000, action: .review(
                card: card.id, rating: .good, durationMilliseconds: 1, answer: nil, scheduler: "fsrs-6")), to: &state)
        }
        let links = CardRelinker.links(deckCards: after.cards, progress: state)
        // Facts and variants line up between the two compiles: card k before became card k after.
        let expected = zip(before.cards, after.cards).map { CardRelinker.Link(from: $0.id, to: $1.id) }
        #expect(Set(links) == Set(expected))
        #expect(links.count == before.cards.count)
    }
}

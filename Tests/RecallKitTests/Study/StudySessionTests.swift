import Foundation
import Testing
import TestSupport
@testable import RecallKit

/// The session finds each card the queue picks through the candidate's place (deck and index),
/// without a table of ids; these tests hold that to what a look-up by id would give.
@Suite struct StudySessionTests {
    let scratch = ScratchFolder("recall-session")
    var folder: String { scratch.path }
    let start = Date(timeIntervalSince1970: 1_795_597_200)
    let replayer = ProgressReplayer(scheduler: FSRSScheduler())

    func deck(_ id: String, cards count: Int) -> CompiledDeck {
        let cards = (0..<count).map { index in
            Card(id: CardID(rawValue: "\(id)-card-\(index)"), factID: "\(id)-fact-\(index)", variant: "qa.typed",
                 question: .typed(prompt: "\(id) question \(index)?", expected: .text(canonical: "a\(index)", aliases: [], kind: .text)),
                 answer: "a\(index)", answerKind: nil, topic: "", tags: [], note: nil, citations: [], line: index + 1)
        }
        return CompiledDeck(deck: .init(id: id, title: id, description: nil, language: "en", authors: [], path: "\(id).facts"),
                            seed: 0, contentHash: id, sources: [], cards: cards)
    }

    func open(_ deck: CompiledDeck) throws -> StudySession.OpenDeck {
        let store = try ProgressStore.open(deckID: deck.deck.id, directory: folder, replayer: replayer, now: start)
        return .init(deck: deck, store: store)
    }

    /// The card shown must be the one its id names, in the deck it belongs to.
    func expectConsistent(_ shown: (card: Card, deck: Int), in session: StudySession, _ comment: Comment) {
        let byID = session.card(withID: shown.card.id.rawValue)
        #expect(byID?.card == shown.card, comment)
        #expect(byID?.deck == shown.deck, comment)
        #expect(session.decks[shown.deck].deck.cards.contains { $0.id == shown.card.id }, comment)
    }

    @Test func cardsAreFoundByPlaceAcrossDecksAnswersUndoAndAReloadedDeck() throws {
        var settings = StudySettings()
        settings.newCardsPerDay = 40
        let session = StudySession(decks: [try open(deck("first", cards: 12)), try open(deck("second", cards: 9))],
                                   settings: settings, scheduler: replayer.scheduler,
                                   studyDay: StudyDay(timeZone: .gmt), now: start)
        var now = start
        var decksSeen: Set<Int> = []
        // New cards, then the learning cards the Again answers bring back.
        for step in 0..<30 {
            guard let shown = session.nextCard(now: now) else { break }
            expectConsistent(shown, in: session, "step \(step)")
            decksSeen.insert(shown.deck)
            try session.answer(shown.card, deck: shown.deck, rating: step % 3 == 0 ? .again : .good, response: nil, correct: nil,
                               duration: 2, now: now)
            now += 61
        }
        #expect(decksSeen == [0, 1], "both decks' cards come up")

        // Undo brings back the last card, found by id, and it is shown next.
        let undone = try #require(try session.undo(now: now))
        let again = try #require(session.nextCard(now: now))
        #expect(again.card == undone)
        expectConsistent(again, in: session, "after undo")

        // A reloaded deck in another order: the places are worked out again.
        var reversed = session.decks[0].deck
        reversed.cards.reverse()
        session.replaceDeck(at: 0, with: reversed, now: now)
        now += 3_600
        for step in 0..<10 {
            guard let shown = session.nextCard(now: now) else { break }
            expectConsistent(shown, in: session, "reloaded, step \(step)")
            try session.answer(shown.card, deck: shown.deck, rating: .good, response: nil, correct: nil, duration: 2, now: now)
            now += 61
        }
        session.close()
    }
}

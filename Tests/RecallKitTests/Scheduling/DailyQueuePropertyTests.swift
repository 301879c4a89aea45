import Foundation
import Testing
@testable import RecallKit

/// Random operations on a queue; after each, the incrementally updated queue must equal one built from scratch.
@Suite("DailyQueue incremental updates match a rebuild")
struct DailyQueuePropertyTests {
    private typealias Fixtures = DailyQueueFixtures

    /// The test's own record of every card's current state, as storage would hold it.
    private struct Collection {
        var cards: [String: QueueCandidate] = [:]
        var cardIDs: [String] = []

        mutating func store(_ card: QueueCandidate) {
            if cards[card.cardID] == nil { cardIDs.append(card.cardID) }
            cards[card.cardID] = card
        }

        mutating func delete(_ cardID: String) {
            cards[cardID] = nil
            cardIDs.removeAll { $0 == cardID }
        }
    }

    private static func randomCollection(using generator: inout SeededGenerator) -> Collection {
        var collection = Collection()
        let retrievabilities = [0.05, 0.2, 0.2, 0.5, 0.7, 0.9]
        // Fewer facts make siblings, limits and refills interact more often.
        let factCount = Int.random(in: 15...70, using: &generator)
        // Some collections pair a review with a new card in every fact, so reviews and new cards compete for facts.
        let pairsReviewsWithNewCards = Int.random(in: 0..<3, using: &generator) == 0
        for factIndex in 0..<factCount {
            for cardIndex in 0..<Int.random(in: 1...3, using: &generator) {
                let phase = pairsReviewsWithNewCards && cardIndex < 2
                    ? (cardIndex == 0 ? CardPhase.review : .new)
                    : [CardPhase.review, .review, .review, .review, .new, .new, .new, .learning, .relearning]
                        .randomElement(using: &generator)!
                let dueOffset: Double = switch phase {
                case .new: 0
                case .review: Double(Int.random(in: -72...40, using: &generator)) * 3_600
                case .learning, .relearning: Double(Int.random(in: -60...(30 * 60), using: &generator)) * 60
                }
                collection.store(
                    QueueCandidate(
                        cardID: "c\(factIndex)-\(cardIndex)",
                        siblingKey: "f\(factIndex)",
                        phase: phase,
                        due: Fixtures.now.addingTimeInterval(dueOffset),
                        retrievability: retrievabilities.randomElement(using: &generator)!,
                        lapses: Int.random(in: 0...3, using: &generator),
                        isSuspended: Int.random(in: 0..<25, using: &generator) == 0,
                        buriedUntilDay: Int.random(in: 0..<20, using: &generator) == 0
                            ? Fixtures.today + Int.random(in: 0...1, using: &generator) : nil,
                        newCardOrder: Int.random(in: 0..<factCount, using: &generator)
                    )
                )
            }
        }
        return collection
    }

    private static func randomLimits(using generator: inout SeededGenerator) -> QueueLimits {
        QueueLimits(
            newCardsPerDay: Int.random(in: 0...15, using: &generator),
            reviewsPerDay: Int.random(in: 0...40, using: &generator),
            burySiblings: Int.random(in: 0..<4, using: &generator) != 0,
            leechThreshold: Int.random(in: 2...5, using: &generator),
            leechAction: QueueLimits.LeechAction.allCases.randomElement(using: &generator)!,
            learnAheadWindow: [0, 600, 1_200].randomElement(using: &generator)!,
            newCardPlacement: QueueLimits.NewCardPlacement.allCases.randomElement(using: &generator)!
        )
    }

    /// What a scheduler might do with an answer: graduate, repeat a step, lapse, or (rarely) delete the card.
    private static func answer(
        _ card: QueueCandidate,
        now: Date,
        using generator: inout SeededGenerator
    ) -> QueueCandidate? {
        if Int.random(in: 0..<30, using: &generator) == 0 { return nil }
        var updated = card
        let minutes = Double(Int.random(in: 1...(20 * 60), using: &generator))
        switch (card.phase, Int.random(in: 0..<10, using: &generator)) {
        case (.new, 0..<8), (.learning, 0..<5), (.relearning, 0..<5):
            updated.phase = card.phase == .relearning ? .relearning : .learning
            updated.due = now.addingTimeInterval(minutes * 60)
        case (.review, 0..<4):
            updated.phase = .relearning
            updated.lapses += 1
            updated.due = now.addingTimeInterval(minutes * 60)
        case (.review, 4..<5):
            // Schedulers may also keep a card due today; the queue must treat it consistently.
            updated.due = now.addingTimeInterval(minutes)
        default:
            updated.phase = .review
            updated.due = now.addingTimeInterval(Double(Int.random(in: 1...20, using: &generator)) * 86_400)
        }
        updated.retrievability = [0.3, 0.6, 0.95].randomElement(using: &generator)!
        return updated
    }

    private static func expectMatchesRebuild(
        _ queue: DailyQueue,
        collection: Collection,
        now: Date,
        using generator: inout SeededGenerator,
        step: String
    ) {
        // Shuffled input also checks that no order depends on the caller's array order.
        let candidates = collection.cardIDs.shuffled(using: &generator).map { collection.cards[$0]! }
        let rebuilt = DailyQueue(
            candidates: candidates,
            progress: queue.progress,
            now: now,
            studyDay: queue.studyDay,
            limits: queue.limits
        )
        #expect(queue.snapshot() == rebuilt.snapshot(), "\(step)")
        #expect(queue.remaining == rebuilt.remaining, "\(step)")
        #expect(queue.next(now: now) == rebuilt.next(now: now), "\(step)")
        #expect(queue.nextLearningDue == rebuilt.nextLearningDue, "\(step)")
    }

    @Test("incremental update equals a full rebuild after every operation", arguments: 1...100)
    func incrementalMatchesRebuild(seed: UInt64) {
        var generator = SeededGenerator(seed: seed &* 7_919)
        var collection = Self.randomCollection(using: &generator)
        let limits = Self.randomLimits(using: &generator)
        let answeredFacts = Set((0..<Int.random(in: 0...4, using: &generator)).map { _ in "f\(Int.random(in: 0..<15, using: &generator))" })
        var now = Fixtures.now
        var queue = DailyQueue(
            candidates: collection.cardIDs.map { collection.cards[$0]! },
            progress: DailyProgress(
                newCardsSeen: Int.random(in: 0...3, using: &generator),
                reviewsDone: Int.random(in: 0...5, using: &generator),
                answeredSiblingKeys: answeredFacts
            ),
            now: now,
            studyDay: Fixtures.studyDay,
            limits: limits
        )
        Self.expectMatchesRebuild(queue, collection: collection, now: now, using: &generator, step: "start")
        let lastMoment = queue.endOfDay.addingTimeInterval(-60)
        for step in 0..<300 {
            let roll = Int.random(in: 0..<100, using: &generator)
            let description: String
            // Answers are kept to a third of the steps so the day does not drain before the other operations run.
            if roll < 35, let card = queue.next(now: now) {
                description = "\(step): answer shown \(card.cardID)"
                apply(answerTo: card.cardID, queue: &queue, collection: &collection, now: now, generator: &generator)
            } else if roll < 45, let cardID = collection.cardIDs.randomElement(using: &generator) {
                description = "\(step): answer any \(cardID)"
                apply(answerTo: cardID, queue: &queue, collection: &collection, now: now, generator: &generator)
            } else if roll < 65, let cardID = Self.pickCard(queue: queue, collection: collection, using: &generator) {
                description = "\(step): bury \(cardID)"
                collection.cards[cardID]!.buriedUntilDay = queue.today + 1
                queue.bury(cardID)
            } else if roll < 75, let cardID = Self.pickCard(queue: queue, collection: collection, using: &generator) {
                description = "\(step): suspend \(cardID)"
                collection.cards[cardID]!.isSuspended = true
                queue.suspend(cardID)
            } else {
                description = "\(step): wait"
                now = min(lastMoment, now.addingTimeInterval(Double(Int.random(in: 1...90, using: &generator)) * 60))
            }
            Self.expectMatchesRebuild(queue, collection: collection, now: now, using: &generator, step: description)
        }
    }

    /// Half the time a card from today's selection, since taking those out exercises the refill paths.
    private static func pickCard(
        queue: DailyQueue,
        collection: Collection,
        using generator: inout SeededGenerator
    ) -> String? {
        let snapshot = queue.snapshot()
        let selected = (snapshot.learning + snapshot.reviews + snapshot.newCards).map(\.cardID)
        if Bool.random(using: &generator), let cardID = selected.randomElement(using: &generator) {
            return cardID
        }
        return collection.cardIDs.randomElement(using: &generator)
    }

    private func apply(
        answerTo cardID: String,
        queue: inout DailyQueue,
        collection: inout Collection,
        now: Date,
        generator: inout SeededGenerator
    ) {
        let updated = Self.answer(collection.cards[cardID]!, now: now, using: &generator)
        let report = queue.record(answered: cardID, updated: updated, now: now)
        if let updated {
            collection.store(updated)
        } else {
            collection.delete(cardID)
        }
        if report?.action == .suspend {
            collection.cards[cardID]!.isSuspended = true
        }
    }
}

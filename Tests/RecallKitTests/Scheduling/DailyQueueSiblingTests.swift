import Foundation
import Testing
@testable import RecallKit

@Suite("DailyQueue sibling burying")
struct DailyQueueSiblingTests {
    private typealias Fixtures = DailyQueueFixtures

    @Test("of two due siblings only the weaker memory is selected")
    func reviewSiblings() {
        let cards = [
            Fixtures.review("a-front", fact: "a", retrievability: 0.6),
            Fixtures.review("a-back", fact: "a", retrievability: 0.3),
            Fixtures.review("b", retrievability: 0.9),
        ]
        let queue = Fixtures.queue(cards)
        #expect(queue.snapshot().reviews.map(\.cardID) == ["a-back", "b"])
        #expect(queue.remaining.review == 2)
    }

    @Test("a fact with a review today gets no new card, and new siblings are deduplicated")
    func newSiblings() {
        let cards = [
            Fixtures.review("a-review", fact: "a", retrievability: 0.6),
            Fixtures.new("a-new", fact: "a", order: 0),
            Fixtures.new("b-second", fact: "b", order: 2),
            Fixtures.new("b-first", fact: "b", order: 1),
        ]
        let queue = Fixtures.queue(cards)
        #expect(queue.snapshot().newCards.map(\.cardID) == ["b-first"])
        #expect(queue.remaining == .init(new: 1, learning: 0, review: 1))
    }

    @Test("a fact with a learning card today holds back its new and review siblings")
    func learningClaimsFact() {
        let cards = [
            Fixtures.learning("a-learning", fact: "a", dueInMinutes: 90),
            Fixtures.review("a-review", fact: "a", retrievability: 0.1),
            Fixtures.learning("b-learning", fact: "b", dueInMinutes: 24 * 60),  // after today ends
            Fixtures.review("b-review", fact: "b", retrievability: 0.2),
        ]
        var queue = Fixtures.queue(cards)
        #expect(queue.snapshot().reviews.map(\.cardID) == ["b-review"])
        // Once the learning card is suspended the fact is free again.
        queue.suspend("a-learning")
        #expect(queue.snapshot().reviews.map(\.cardID) == ["a-review", "b-review"])
    }

    @Test("a sibling answered earlier today keeps the fact's other cards buried")
    func siblingAnsweredEarlierToday() {
        let cards = [
            Fixtures.review("a-back", fact: "a", retrievability: 0.1),
            Fixtures.new("a-cloze", fact: "a", order: 0),
            Fixtures.learning("a-learning", fact: "a", dueInMinutes: -1),
            Fixtures.review("b", retrievability: 0.5),
        ]
        let queue = Fixtures.queue(cards, progress: DailyProgress(answeredSiblingKeys: ["a"]))
        let snapshot = queue.snapshot()
        #expect(snapshot.reviews.map(\.cardID) == ["b"])
        #expect(snapshot.newCards.isEmpty)
        // Learning steps continue: delaying them would undo the learning.
        #expect(snapshot.learning.map(\.cardID) == ["a-learning"])
    }

    @Test("answering a card buries its siblings for the rest of the day")
    func answeringBuriesSiblings() {
        let cards = [
            Fixtures.review("a-front", fact: "a", retrievability: 0.1),
            Fixtures.review("a-back", fact: "a", retrievability: 0.2),
            Fixtures.new("a-new", fact: "a", order: 0),
            Fixtures.review("b", retrievability: 0.3),
            Fixtures.new("c", order: 1),
        ]
        var queue = Fixtures.queue(cards, limits: QueueLimits(newCardPlacement: .afterReviews))
        #expect(Fixtures.drain(&queue) == ["a-front", "b", "c"])
        #expect(queue.progress.answeredSiblingKeys == ["a", "fact-b", "fact-c"])
    }

    @Test("a buried sibling frees the daily review slot for the next card")
    func buriedSiblingRefillsQuota() {
        let cards = [
            Fixtures.review("a-front", fact: "a", retrievability: 0.1),
            Fixtures.review("a-back", fact: "a", retrievability: 0.2),
            Fixtures.review("b", retrievability: 0.3),
            Fixtures.review("c", retrievability: 0.4),
        ]
        var queue = Fixtures.queue(cards, limits: QueueLimits(reviewsPerDay: 2))
        #expect(queue.snapshot().reviews.map(\.cardID) == ["a-front", "b"])
        queue.bury("a-front")
        #expect(queue.snapshot().reviews.map(\.cardID) == ["a-back", "b"])
        queue.record(answered: "a-back", updated: nil, now: Fixtures.now)
        #expect(queue.snapshot().reviews.map(\.cardID) == ["b"])
    }

    @Test("with burying off, siblings are shown on the same day")
    func buryingOff() {
        let cards = [
            Fixtures.review("a-front", fact: "a", retrievability: 0.1),
            Fixtures.review("a-back", fact: "a", retrievability: 0.2),
            Fixtures.new("a-new", fact: "a", order: 0),
        ]
        var queue = Fixtures.queue(
            cards,
            progress: DailyProgress(answeredSiblingKeys: ["a"]),
            limits: QueueLimits(burySiblings: false, newCardPlacement: .afterReviews)
        )
        #expect(Fixtures.drain(&queue) == ["a-front", "a-back", "a-new"])
    }

    @Test("a review that joins today's selection pushes out its fact's new card, which returns if the review leaves")
    func reviewDisplacesNewSibling() {
        let cards = [
            Fixtures.review("a-review", fact: "a", retrievability: 0.1),
            Fixtures.review("g-review", fact: "g", retrievability: 0.2),
            Fixtures.new("g-new", fact: "g", order: 0),
        ]
        var queue = Fixtures.queue(cards, limits: QueueLimits(reviewsPerDay: 1))
        #expect(queue.snapshot().newCards.map(\.cardID) == ["g-new"])
        queue.bury("a-review")
        #expect(queue.snapshot().reviews.map(\.cardID) == ["g-review"])
        #expect(queue.snapshot().newCards.isEmpty)
        queue.suspend("g-review")
        #expect(queue.snapshot().newCards.map(\.cardID) == ["g-new"])
    }
}

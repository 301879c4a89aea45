import Foundation
import Testing
@testable import RecallKit

@Suite("DailyQueue ordering")
struct DailyQueueOrderingTests {
    private typealias Fixtures = DailyQueueFixtures

    @Test("due learning cards come first, then reviews; learn-ahead shows near-due steps only when nothing else is left")
    func learningFirstWithLearnAhead() {
        let cards = [
            Fixtures.review("review", retrievability: 0.01),
            Fixtures.learning("due-soon", dueInMinutes: 5),
            Fixtures.learning("overdue", dueInMinutes: -5, phase: .relearning),
            Fixtures.learning("later", dueInMinutes: 30),
        ]
        var queue = Fixtures.queue(cards)
        #expect(queue.remaining == .init(new: 0, learning: 3, review: 1))
        let now = Fixtures.now
        #expect(queue.next(now: now)?.cardID == "overdue")
        queue.record(answered: "overdue", updated: nil, now: now)
        #expect(queue.next(now: now)?.cardID == "review")
        queue.record(answered: "review", updated: nil, now: now)
        #expect(queue.next(now: now)?.cardID == "due-soon")
        queue.record(answered: "due-soon", updated: nil, now: now)
        #expect(queue.next(now: now) == nil)
        #expect(queue.nextLearningDue == now.addingTimeInterval(30 * 60))
        #expect(queue.next(now: now.addingTimeInterval(9 * 60)) == nil)
        #expect(queue.next(now: now.addingTimeInterval(10 * 60))?.cardID == "later")
    }

    @Test("without learn-ahead a learning card waits for its due time")
    func noLearnAhead() {
        let cards = [Fixtures.learning("soon", dueInMinutes: 5), Fixtures.review("review", retrievability: 0.9)]
        let queue = Fixtures.queue(cards, limits: QueueLimits(learnAheadWindow: 0))
        #expect(queue.next(now: Fixtures.now)?.cardID == "review")
        #expect(queue.next(now: Fixtures.now.addingTimeInterval(5 * 60))?.cardID == "soon")
    }

    @Test("learning cards are ordered by due time, then card ID")
    func learningOrder() {
        let cards = [
            Fixtures.learning("b", dueInMinutes: -1),
            Fixtures.learning("a", dueInMinutes: -1),
            Fixtures.learning("c", dueInMinutes: -10),
        ]
        #expect(Fixtures.queue(cards).snapshot().learning.map(\.cardID) == ["c", "a", "b"])
    }

    @Test("reviews go by retrievability ascending, ties by due then card ID")
    func reviewOrder() {
        let earlier = Fixtures.now.addingTimeInterval(-7_200)
        let cards = [
            Fixtures.review("high", retrievability: 0.9),
            Fixtures.review("tie-late-b", retrievability: 0.3),
            Fixtures.review("mid", retrievability: 0.5),
            Fixtures.review("tie-early", retrievability: 0.3, due: earlier),
            Fixtures.review("tie-late-a", retrievability: 0.3),
            Fixtures.review("unknown", retrievability: .nan),
        ]
        var queue = Fixtures.queue(cards)
        let expected = ["unknown", "tie-early", "tie-late-a", "tie-late-b", "mid", "high"]
        #expect(queue.snapshot().reviews.map(\.cardID) == expected)
        #expect(Fixtures.drain(&queue) == expected)
    }

    @Test("new cards follow deck order regardless of input order")
    func newCardOrder() {
        let cards = [
            Fixtures.new("third", order: 9),
            Fixtures.new("first", order: 1),
            Fixtures.new("second-b", order: 4),
            Fixtures.new("second-a", order: 4),
        ]
        var queue = Fixtures.queue(cards)
        #expect(Fixtures.drain(&queue) == ["first", "second-a", "second-b", "third"])
    }

    @Test("new cards are spread evenly among reviews")
    func interleaving() {
        let cards = (0..<12).map { Fixtures.review(String(format: "r%02d", $0), retrievability: Double($0) / 100) }
            + (0..<3).map { Fixtures.new("n\($0)", order: $0) }
        var queue = Fixtures.queue(cards)
        let pattern = Fixtures.drain(&queue).map { $0.hasPrefix("n") ? "N" : "R" }.joined()
        #expect(pattern == "RRRNRRRNRRRNRRR")

        let many = (0..<200).map { Fixtures.review("r\($0)", retrievability: Double($0) / 1_000) }
            + (0..<20).map { Fixtures.new("n\($0)", order: $0) }
        var large = Fixtures.queue(many)
        let shown = Fixtures.drain(&large)
        let newPositions = shown.indices.filter { shown[$0].hasPrefix("n") }
        let gaps = zip(newPositions.dropFirst(), newPositions).map { $0 - $1 - 1 }
        #expect(newPositions.count == 20)
        #expect(gaps.allSatisfy { (9...10).contains($0) })
    }

    @Test("new cards can also go after or before all reviews")
    func placementOptions() {
        let cards = (0..<3).map { Fixtures.review("r\($0)", retrievability: Double($0) / 10) }
            + (0..<2).map { Fixtures.new("n\($0)", order: $0) }
        var after = Fixtures.queue(cards, limits: QueueLimits(newCardPlacement: .afterReviews))
        #expect(Fixtures.drain(&after) == ["r0", "r1", "r2", "n0", "n1"])
        var before = Fixtures.queue(cards, limits: QueueLimits(newCardPlacement: .beforeReviews))
        #expect(Fixtures.drain(&before) == ["n0", "n1", "r0", "r1", "r2"])
    }

    @Test("a failed review comes back as relearning once its step is due")
    func lapseReenters() {
        var queue = Fixtures.queue([Fixtures.review("a", retrievability: 0.2), Fixtures.review("b", retrievability: 0.4)])
        let now = Fixtures.now
        var failed = queue.next(now: now)!
        #expect(failed.cardID == "a")
        failed.phase = .relearning
        failed.lapses += 1
        failed.due = now.addingTimeInterval(30 * 60)
        queue.record(answered: "a", updated: failed, now: now)
        #expect(queue.remaining == .init(new: 0, learning: 1, review: 1))
        #expect(queue.progress.reviewsDone == 1)
        #expect(queue.next(now: now)?.cardID == "b")
        queue.record(answered: "b", updated: nil, now: now)
        #expect(queue.next(now: now) == nil)
        #expect(queue.next(now: now.addingTimeInterval(15 * 60))?.cardID == "a")
    }

    @Test("a learning step due after the day ends leaves today's queue")
    func learningStepTomorrow() {
        var queue = Fixtures.queue([Fixtures.new("a", order: 0)])
        var learning = queue.next(now: Fixtures.now)!
        learning.phase = .learning
        learning.due = Fixtures.instant("2026-05-11T05:00:00Z")
        queue.record(answered: "a", updated: learning, now: Fixtures.now)
        #expect(queue.remaining == .init(new: 0, learning: 0, review: 0))
        #expect(queue.progress.newCardsSeen == 1)
    }
}

import Foundation
import Testing
@testable import RecallKit

@Suite("DailyQueue daily limits")
struct DailyQueueLimitTests {
    private typealias Fixtures = DailyQueueFixtures

    @Test("new cards stop at the daily limit, minus those already seen today")
    func newCardLimit() {
        let cards = (0..<30).map { Fixtures.new("n\($0)", order: $0) }
        #expect(Fixtures.queue(cards).remaining.new == 20)
        #expect(Fixtures.queue(cards, progress: DailyProgress(newCardsSeen: 15)).remaining.new == 5)
        #expect(Fixtures.queue(cards, progress: DailyProgress(newCardsSeen: 25)).remaining.new == 0)
        let limited = Fixtures.queue(cards, limits: QueueLimits(newCardsPerDay: 3))
        #expect(limited.snapshot().newCards.map(\.cardID) == ["n0", "n1", "n2"])
    }

    @Test("reviews stop at the daily limit and the weakest memories are kept")
    func reviewLimit() {
        let cards = (0..<250).map { Fixtures.review("r\($0)", retrievability: Double($0) / 250) }
        #expect(Fixtures.queue(cards).remaining.review == 200)
        let nearlyDone = Fixtures.queue(cards, progress: DailyProgress(reviewsDone: 190))
        #expect(nearlyDone.remaining.review == 10)
        #expect(nearlyDone.snapshot().reviews.map(\.cardID) == (0..<10).map { "r\($0)" })
        #expect(Fixtures.queue(cards, progress: DailyProgress(reviewsDone: 400)).remaining.review == 0)
    }

    @Test("answering counts against the limits and the queue empties at the limit")
    func answeringConsumesLimits() {
        let cards = (0..<10).map { Fixtures.new("n\($0)", order: $0) }
            + (0..<10).map { Fixtures.review("r\($0)", retrievability: 0.5) }
        var queue = Fixtures.queue(cards, limits: QueueLimits(newCardsPerDay: 4, reviewsPerDay: 6))
        #expect(queue.remaining == .init(new: 4, learning: 0, review: 6))
        let shown = Fixtures.drain(&queue)
        #expect(shown.count == 10)
        #expect(queue.progress.newCardsSeen == 4)
        #expect(queue.progress.reviewsDone == 6)
        #expect(queue.remaining == .init(new: 0, learning: 0, review: 0))
    }

    @Test("only reviews due before the day ends count as due today")
    func reviewsDueToday() {
        let endOfDay = Fixtures.instant("2026-05-11T04:00:00Z")
        let cards = [
            Fixtures.review("overdue", retrievability: 0.5, due: Fixtures.now.addingTimeInterval(-9 * 86_400)),
            Fixtures.review("tonight", retrievability: 0.5, due: Fixtures.instant("2026-05-10T23:00:00Z")),
            Fixtures.review("last-second", retrievability: 0.5, due: endOfDay.addingTimeInterval(-1)),
            Fixtures.review("tomorrow", retrievability: 0.5, due: endOfDay),
        ]
        let queue = Fixtures.queue(cards)
        #expect(queue.endOfDay == endOfDay)
        #expect(Set(queue.snapshot().reviews.map(\.cardID)) == ["overdue", "tonight", "last-second"])
    }

    @Test("learning cards are never limited")
    func learningUnlimited() {
        let cards = (0..<50).map { Fixtures.learning("l\($0)", dueInMinutes: Double($0)) }
        let queue = Fixtures.queue(cards, limits: QueueLimits(newCardsPerDay: 0, reviewsPerDay: 0))
        #expect(queue.remaining == .init(new: 0, learning: 50, review: 0))
    }

    @Test("suspended cards and cards buried for today are left out")
    func suspendedAndBuried() {
        var suspended = Fixtures.review("suspended", retrievability: 0.1)
        suspended.isSuspended = true
        var buried = Fixtures.review("buried", retrievability: 0.1)
        buried.buriedUntilDay = Fixtures.today + 1
        var unburied = Fixtures.review("unburied", retrievability: 0.1)
        unburied.buriedUntilDay = Fixtures.today
        var buriedNew = Fixtures.new("buried-new", order: 0)
        buriedNew.buriedUntilDay = Fixtures.today + 2
        let queue = Fixtures.queue([suspended, buried, unburied, buriedNew])
        #expect(queue.snapshot().reviews.map(\.cardID) == ["unburied"])
        #expect(queue.remaining.new == 0)
    }

    @Test("bury and suspend take a card out and let the next one in")
    func buryAndSuspend() {
        let cards = (0..<5).map { Fixtures.review("r\($0)", retrievability: Double($0) / 10) }
        var queue = Fixtures.queue(cards, limits: QueueLimits(reviewsPerDay: 2))
        #expect(queue.snapshot().reviews.map(\.cardID) == ["r0", "r1"])
        queue.bury("r0")
        #expect(queue.snapshot().reviews.map(\.cardID) == ["r1", "r2"])
        queue.suspend("r2")
        #expect(queue.snapshot().reviews.map(\.cardID) == ["r1", "r3"])
        #expect(queue.progress.reviewsDone == 0)
    }
}

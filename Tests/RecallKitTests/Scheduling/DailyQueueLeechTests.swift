import Foundation
import Testing
@testable import RecallKit

@Suite("DailyQueue leeches")
struct DailyQueueLeechTests {
    private typealias Fixtures = DailyQueueFixtures

    private func lapse(_ card: QueueCandidate) -> QueueCandidate {
        var lapsed = card
        lapsed.phase = .relearning
        lapsed.lapses += 1
        lapsed.due = Fixtures.now.addingTimeInterval(600)
        return lapsed
    }

    @Test("the threshold defaults to eight lapses")
    func threshold() {
        let limits = QueueLimits()
        #expect(!limits.isLeech(lapses: 7))
        #expect(limits.isLeech(lapses: 8))
        #expect(QueueLimits(leechThreshold: 3).isLeech(lapses: 3))
        #expect(limits.becomesLeech(lapsesBefore: 7, lapsesAfter: 8))
        #expect(!limits.becomesLeech(lapsesBefore: 8, lapsesAfter: 9))
    }

    @Test("the lapse that reaches the threshold reports a leech once and keeps the card when tagging")
    func tagOnly() {
        let card = Fixtures.review("weak", retrievability: 0.1, lapses: 7)
        var queue = Fixtures.queue([card])
        let report = queue.record(answered: "weak", updated: lapse(card), now: Fixtures.now)
        #expect(
            report == DailyQueue.LeechReport(
                cardID: "weak", siblingKey: "fact-weak", lapses: 8, action: .tagOnly, detectedAt: Fixtures.now
            )
        )
        #expect(queue.remaining.learning == 1)
        let again = queue.record(answered: "weak", updated: lapse(lapse(card)), now: Fixtures.now)
        #expect(again == nil)
        #expect(queue.leeches.map(\.cardID) == ["weak"])
    }

    @Test("with the suspend action a new leech leaves the queue")
    func suspendAction() {
        let card = Fixtures.review("weak", retrievability: 0.1, lapses: 2)
        var queue = Fixtures.queue([card], limits: QueueLimits(leechThreshold: 3, leechAction: .suspend))
        let report = queue.record(answered: "weak", updated: lapse(card), now: Fixtures.now)
        #expect(report?.action == .suspend)
        #expect(queue.remaining == .init(new: 0, learning: 0, review: 0))
        #expect(queue.next(now: Fixtures.now.addingTimeInterval(3_600)) == nil)
    }

    @Test("a lapse below the threshold is not a leech")
    func belowThreshold() {
        let card = Fixtures.review("fine", retrievability: 0.1, lapses: 5)
        var queue = Fixtures.queue([card])
        #expect(queue.record(answered: "fine", updated: lapse(card), now: Fixtures.now) == nil)
        #expect(queue.leeches.isEmpty)
    }
}

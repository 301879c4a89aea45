import Foundation
import Testing
@testable import RecallKit

@Suite("CramQueue review-ahead mode")
struct DailyQueueCramTests {
    private typealias Fixtures = DailyQueueFixtures

    @Test("cram holds cards not due today, weakest first, ignoring daily limits")
    func cramOrder() {
        let tomorrow = Fixtures.instant("2026-05-11T04:00:00Z")
        var suspended = Fixtures.review("suspended", retrievability: 0.01, due: tomorrow)
        suspended.isSuspended = true
        let ahead = (0..<300).map {
            Fixtures.review("ahead-\($0)", retrievability: 0.55 + Double($0) / 1_000, due: tomorrow.addingTimeInterval(Double($0) * 3_600))
        }
        let cards = ahead + [
            Fixtures.review("due-today", retrievability: 0.01),
            Fixtures.new("new", order: 0),
            suspended,
            Fixtures.review("weakest", retrievability: 0.1, due: tomorrow.addingTimeInterval(9 * 86_400)),
            Fixtures.learning("tomorrow-step", dueInMinutes: 24 * 60, phase: .learning),
        ]
        var cram = CramQueue(candidates: cards, now: Fixtures.now, studyDay: Fixtures.studyDay)
        #expect(cram.remaining == 302)
        #expect(cram.next()?.cardID == "weakest")
        cram.record(answered: "weakest")
        #expect(cram.next()?.cardID == "tomorrow-step")
        cram.record(answered: "ahead-1")
        cram.record(answered: "tomorrow-step")
        #expect(cram.next()?.cardID == "ahead-0")
        cram.record(answered: "ahead-0")
        #expect(cram.next()?.cardID == "ahead-2")
        #expect(cram.remaining == 298)
    }
}

import Foundation
import Testing
@testable import RecallKit

@Suite("DailyQueue at scale")
struct DailyQueueScaleTests {
    private typealias Fixtures = DailyQueueFixtures

    @Test("a 100,000-card collection builds a queue and answers stay consistent")
    func hundredThousandCards() {
        let cards = Fixtures.largeCollection(count: 100_000, seed: 42)
        var queue = Fixtures.queue(cards)
        #expect(queue.remaining.new == 20)
        #expect(queue.remaining.review == 200)
        #expect(queue.remaining.learning > 1_000)
        let reviews = queue.snapshot().reviews
        #expect(zip(reviews, reviews.dropFirst()).allSatisfy { $0.retrievability <= $1.retrievability })
        #expect(Set(reviews.map(\.siblingKey)).count == reviews.count)
        for _ in 0..<500 {
            guard let card = queue.next(now: Fixtures.now) else { break }
            queue.record(answered: card.cardID, updated: nil, now: Fixtures.now)
        }
        #expect(queue.progress.reviewsDone + queue.progress.newCardsSeen > 0)
    }
}

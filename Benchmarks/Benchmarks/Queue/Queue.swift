// Queue: building today's DailyQueue over 100,000 cards and drawing the first card
// (target: at most 20 ms).
import Benchmark
import BenchmarkInputs
import Foundation
import RecallKit

let benchmarks: @Sendable () -> Void = {
    /// 100,000 candidates with the states a year of study leaves: 1,000,000 reviews replayed
    /// with FSRS over the first 90,000 cards, the last 10,000 still new; four cards per fact.
    func candidates() -> [QueueCandidate] {
        let cardCount = 100_000
        let scheduler = FSRSScheduler()
        let reviews = GeneratedHistory.reviews(cardCount: cardCount, reviewCount: 1_000_000)
        let ids = (0..<cardCount).map { String(SeededGenerator.seed(forCardIdentifier: "card-\($0)"), radix: 16) }
        let events = reviews.map {
            CardReviewEvent(card: $0.card, rating: $0.rating, date: Date(timeIntervalSince1970: Double($0.time) / 1000))
        }
        let states = Replay.states(of: Array(repeating: .new(due: Date(timeIntervalSince1970: 0)), count: cardCount),
                                   after: events, using: scheduler,
                                   seeds: ids.map { SeededGenerator.seed(forCardIdentifier: $0) })
        return states.enumerated().map { index, state in
            QueueCandidate(cardID: ids[index], siblingKey: "fact-\(index / 4)", phase: state.phase, due: state.due,
                           retrievability: StudyPlan.retrievability(state, scheduler: scheduler, now: Inputs.now),
                           lapses: state.lapses, isSuspended: index % 500 == 0, newCardOrder: index)
        }
    }

    Benchmark("DailyQueue over 100,000 cards, then next()",
              configuration: .init(metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .peakMemoryResidentDelta,
                                             .mallocCountTotal],
                                   timeUnits: .milliseconds, maxDuration: .seconds(5), maxIterations: 200)) { (benchmark: Benchmark, cards: [QueueCandidate]) in
        let queue = DailyQueue(candidates: cards, progress: DailyProgress(), now: Inputs.now, studyDay: Inputs.studyDay,
                               limits: QueueLimits())
        blackHole(queue.next(now: Inputs.now))
    } setup: {
        let cards = candidates()
        let phases = Dictionary(grouping: cards, by: \.phase).mapValues(\.count)
        let due = cards.filter { $0.phase != .new && $0.due < Inputs.now }.count
        note("Queue input: \(cards.count) candidates, phases \(phases.sorted { $0.key.rawValue < $1.key.rawValue }), \(due) due now")
        return cards
    }
}

// Scheduler: one FSRS (and SM-2) review at a time, and replaying a 1,000,000-review log into
// memory states with `Replay.states` (target: at least 5 million reviews per second on one core).
import Benchmark
import BenchmarkInputs
import Foundation
import RecallKit

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration.maxDuration = .seconds(5)

    /// One card reviewed over and over, as a learner would: each review at the due time the
    /// previous one gave, ratings cycling through a realistic mix, a fresh card every 40 reviews.
    func singleReviews(_ scheduler: some Scheduler, _ benchmark: Benchmark) {
        let ratings: [Rating] = [.good, .good, .again, .good, .hard, .good, .easy, .good, .good, .good]
        var state = SchedulingState.new(due: Inputs.now)
        var index = 0
        for _ in benchmark.scaledIterations {
            let date = max(state.due, state.lastReview ?? state.due)
            state = scheduler.review(state, rating: ratings[index % ratings.count], at: date, seed: 0x5EED)
            index += 1
            if state.reps == 40 { state = .new(due: Inputs.now) }
        }
        blackHole(state)
    }

    Benchmark("FSRS review (one update)",
              configuration: .init(metrics: [.wallClock, .throughput, .mallocCountTotal], timeUnits: .nanoseconds,
                                   scalingFactor: .kilo)) { benchmark in
        singleReviews(FSRSScheduler(), benchmark)
    }

    Benchmark("FSRS review through any Scheduler (one update)",
              configuration: .init(metrics: [.wallClock, .throughput, .mallocCountTotal], timeUnits: .nanoseconds,
                                   scalingFactor: .kilo)) { benchmark in
        let scheduler: any Scheduler = FSRSScheduler()
        singleReviews(scheduler, benchmark)
    }

    Benchmark("SM-2 review (one update)",
              configuration: .init(metrics: [.wallClock, .throughput, .mallocCountTotal], timeUnits: .nanoseconds,
                                   scalingFactor: .kilo)) { benchmark in
        singleReviews(SM2Scheduler(), benchmark)
    }

    struct ReplayInput {
        var initial: [SchedulingState]
        var events: [CardReviewEvent]
        var seeds: [UInt64]
    }

    func replayInput() -> ReplayInput {
        let cardCount = 100_000
        let reviews = GeneratedHistory.reviews(cardCount: cardCount, reviewCount: 1_000_000)
        let events = reviews.map {
            CardReviewEvent(card: $0.card, rating: $0.rating, date: Date(timeIntervalSince1970: Double($0.time) / 1000))
        }
        let seeds = (0..<cardCount).map { SeededGenerator.seed(forCardIdentifier: "card-\($0)") }
        return ReplayInput(initial: Array(repeating: .new(due: Date(timeIntervalSince1970: 0)), count: cardCount),
                           events: events, seeds: seeds)
    }

    Benchmark("Replay.states, 1,000,000 reviews of 100,000 cards (FSRS)",
              configuration: .init(metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal],
                                   timeUnits: .milliseconds, maxIterations: 30)) { (benchmark: Benchmark, input: ReplayInput) in
        let states = Replay.states(of: input.initial, after: input.events, using: FSRSScheduler(), seeds: input.seeds)
        blackHole(states)
    } setup: {
        replayInput()
    }

    Benchmark("Replay.states, 1,000,000 reviews of 100,000 cards (SM-2)",
              configuration: .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal],
                                   timeUnits: .milliseconds, maxIterations: 30)) { (benchmark: Benchmark, input: ReplayInput) in
        let states = Replay.states(of: input.initial, after: input.events, using: SM2Scheduler(), seeds: input.seeds)
        blackHole(states)
    } setup: {
        replayInput()
    }
}

import Foundation
import RecallKit
import Testing

/// Seeded random properties (deterministic: every run checks the same cases).
@Suite("Scheduler properties")
struct SchedulerPropertyTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    static func randomWeights(_ random: inout SeededGenerator) -> FSRSParameters {
        let anywhere = random.nextUnitDouble() < 0.3
        let weights = FSRSParameters.defaultWeights.indices.map { index -> Double in
            let lower = FSRSParameters.lowerBounds[index], upper = FSRSParameters.upperBounds[index]
            let value = anywhere
                ? lower + (upper - lower) * random.nextUnitDouble()
                : FSRSParameters.defaultWeights[index] * (0.5 + random.nextUnitDouble())
            return min(max(value, lower), upper)
        }
        return try! FSRSParameters(weights: weights)
    }

    /// Gaps from zero seconds to a century, biased towards the awkward ones.
    static func randomGap(_ random: inout SeededGenerator, scheduled: TimeInterval) -> TimeInterval {
        switch random.nextInt(in: 0...7) {
        case 0: 0
        case 1: 1
        case 2: Double(random.nextInt(in: 1...86_399))
        case 3: max(scheduled, 0)
        case 4: max(scheduled, 0) * random.nextUnitDouble()
        case 5: Double(random.nextInt(in: 1...1_000)) * 86_400
        case 6: 100 * 365 * 86_400
        default: max(scheduled, 0) * (1 + 3 * random.nextUnitDouble())
        }
    }

    static func randomRating(_ random: inout SeededGenerator) -> Rating {
        Rating(rawValue: random.nextInt(in: 1...4))!
    }

    @Test("FSRS stability stays positive and finite, difficulty within 1...10, for any history")
    func fsrsStaysFinite() throws {
        var random = SeededGenerator(seed: 1)
        for _ in 0..<3_000 {
            let scheduler = try FSRSScheduler(
                parameters: Self.randomWeights(&random),
                desiredRetention: 0.7 + 0.29 * random.nextUnitDouble(),
                learningSteps: [[], [60], [60, 600]][random.nextInt(in: 0...2)],
                relearningSteps: [[], [600]][random.nextInt(in: 0...1)],
                fuzzEnabled: random.nextUnitDouble() < 0.5
            )
            var state = SchedulingState.new(due: Self.start)
            var date = Self.start
            for _ in 0..<random.nextInt(in: 1...30) {
                date += Self.randomGap(&random, scheduled: state.due.timeIntervalSince(date))
                state = scheduler.review(state, rating: Self.randomRating(&random), at: date, seed: random.next())
                let stability = try #require(state.stability)
                let difficulty = try #require(state.difficulty)
                try #require(stability.isFinite && stability > 0, "stability \(stability)")
                try #require((1...10).contains(difficulty), "difficulty \(difficulty)")
                // Dates centuries out carry ~1e-5 s of floating-point noise; allow a second.
                try #require(state.due >= date && state.due.timeIntervalSince(date) <= 36_500 * 86_400 + 1)
                let recall = try #require(scheduler.retrievability(of: state, at: date + 86_400 * 400))
                try #require(recall.isFinite && recall >= 0 && recall <= 1)
            }
        }
    }

    @Test("SM-2 ease and interval stay sane for any history")
    func sm2StaysSane() throws {
        var random = SeededGenerator(seed: 2)
        let scheduler = SM2Scheduler()
        for _ in 0..<3_000 {
            var state = SchedulingState.new(due: Self.start)
            var date = Self.start
            for _ in 0..<random.nextInt(in: 1...30) {
                date += Self.randomGap(&random, scheduled: state.due.timeIntervalSince(date))
                state = scheduler.review(state, rating: Self.randomRating(&random), at: date, seed: random.next())
                if let ease = state.ease, let interval = state.intervalDays {
                    try #require(ease.isFinite && ease >= 1.3)
                    try #require((1...36_500).contains(interval))
                }
                try #require(state.due > date)
            }
        }
    }

    /// Reachable states of every phase, including same-day, early and overdue ones.
    static func reachableStates(
        using scheduler: some Scheduler, count: Int, random: inout SeededGenerator
    ) -> [(SchedulingState, Date)] {
        var result: [(SchedulingState, Date)] = []
        while result.count < count {
            var state = SchedulingState.new(due: start)
            var date = start
            for _ in 0..<random.nextInt(in: 0...20) {
                date += randomGap(&random, scheduled: state.due.timeIntervalSince(date))
                state = scheduler.review(state, rating: randomRating(&random), at: date, seed: 0)
            }
            date += randomGap(&random, scheduled: state.due.timeIntervalSince(date))
            result.append((state, date))
        }
        return result
    }

    static func checkMonotone(_ scheduler: some Scheduler, seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        for (state, date) in reachableStates(using: scheduler, count: 3_000, random: &random) {
            let preview = scheduler.preview(state, at: date, seed: 0)
            let intervals = Rating.allCases.map { preview[$0].due.timeIntervalSince(date) }
            for (lower, higher) in zip(intervals, intervals.dropFirst()) {
                try #require(lower <= higher, "intervals \(intervals) from \(state)")
            }
        }
    }

    @Test("a higher rating never gives a shorter interval (FSRS, random weights and retention)")
    func fsrsMonotone() throws {
        var random = SeededGenerator(seed: 3)
        for round in 0..<20 {
            let scheduler = try FSRSScheduler(
                parameters: round == 0 ? .default : Self.randomWeights(&random),
                desiredRetention: round == 0 ? 0.9 : 0.7 + 0.29 * random.nextUnitDouble(),
                fuzzEnabled: false
            )
            try Self.checkMonotone(scheduler, seed: UInt64(round))
        }
    }

    @Test("a higher rating never gives a shorter interval (SM-2)")
    func sm2Monotone() throws {
        try Self.checkMonotone(try SM2Scheduler(fuzzEnabled: false), seed: 4)
    }

    @Test("retrievability equals desired retention at the raw FSRS interval")
    func retrievabilityAtInterval() throws {
        var random = SeededGenerator(seed: 5)
        let standard = FSRSScheduler()
        for _ in 0..<3_000 {
            // Log-uniform stability over the whole clamp range, 0.001 to 36 500 days.
            let stability = 0.001 * pow(36_500_000, random.nextUnitDouble())
            let interval = standard.rawIntervalDays(forStability: stability)
            try #require(abs(standard.forgettingCurve(elapsedDays: interval, stability: stability) - 0.9) <= 1e-6)
            try #require(abs(interval - stability) <= 1e-9 * stability, "at 90 % the interval is the stability")

            let retention = 0.7 + 0.29 * random.nextUnitDouble()
            let custom = try FSRSScheduler(parameters: Self.randomWeights(&random), desiredRetention: retention)
            let customInterval = custom.rawIntervalDays(forStability: stability)
            try #require(abs(custom.forgettingCurve(elapsedDays: customInterval, stability: stability) - retention) <= 1e-6)
        }
    }

    @Test("FSRS retrievability counts whole elapsed days, as py-fsrs does")
    func retrievabilityWholeDays() {
        let scheduler = FSRSScheduler()
        let state = SchedulingState(
            phase: .review, memory: .fsrs(stability: 10, difficulty: 5), due: Self.start, lastReview: Self.start
        )
        #expect(scheduler.retrievability(of: state, at: Self.start + 86_399) == 1)
        #expect(scheduler.retrievability(of: state, at: Self.start + 10 * 86_400 + 5) == scheduler.forgettingCurve(elapsedDays: 10, stability: 10))
        #expect(scheduler.retrievability(of: .new(due: Self.start), at: Self.start) == nil)
    }

    @Test("fuzz stays in range, spreads over it, and is reproducible")
    func fuzzRange() throws {
        #expect(IntervalFuzz.range(forIntervalDays: 2, maximumIntervalDays: 36_500) == 2...2)
        #expect(IntervalFuzz.range(forIntervalDays: 3, maximumIntervalDays: 36_500) == 2...4)
        #expect(IntervalFuzz.range(forIntervalDays: 10, maximumIntervalDays: 36_500) == 8...12)
        #expect(IntervalFuzz.range(forIntervalDays: 100, maximumIntervalDays: 36_500) == 93...107)
        #expect(IntervalFuzz.range(forIntervalDays: 100, maximumIntervalDays: 101) == 93...101)

        var random = SeededGenerator(seed: 6)
        for _ in 0..<3_000 {
            let days = random.nextInt(in: 1...36_500)
            let maximum = random.nextUnitDouble() < 0.2 ? random.nextInt(in: 1...36_500) : 36_500
            let interval = min(days, maximum)
            let range = IntervalFuzz.range(forIntervalDays: interval, maximumIntervalDays: maximum)
            var generator = SeededGenerator(seed: random.next())
            var seen = Set<Int>()
            for _ in 0..<64 {
                let fuzzed = IntervalFuzz.fuzzed(intervalDays: interval, maximumIntervalDays: maximum, using: &generator)
                try #require(range.contains(fuzzed), "\(fuzzed) outside \(range)")
                seen.insert(fuzzed)
            }
            if range.count >= 3 { try #require(seen.count >= 2) }
        }

        // Deterministic per (seed, review count); different reviews draw differently.
        let scheduler = FSRSScheduler()
        let state = SchedulingState(
            phase: .review, memory: .fsrs(stability: 200, difficulty: 5),
            due: Self.start, lastReview: Self.start - 200 * 86_400, reps: 5
        )
        let first = scheduler.review(state, rating: .good, at: Self.start, seed: 99)
        #expect(scheduler.review(state, rating: .good, at: Self.start, seed: 99) == first)
        var later = state
        var dues = Set<Date>()
        for reps in 5..<40 {
            later.reps = reps
            dues.insert(scheduler.review(later, rating: .good, at: Self.start, seed: 99).due)
        }
        #expect(dues.count > 5)
    }

    @Test("reps and lapses are counted")
    func counters() {
        let scheduler = FSRSScheduler()
        var state = SchedulingState.new(due: Self.start)
        var date = Self.start
        for rating in [Rating.good, .good, .again, .good, .good, .again] {
            state = scheduler.review(state, rating: rating, at: date, seed: 0)
            date = state.due
        }
        #expect(state.reps == 6)
        #expect(state.lapses == 2)
    }
}

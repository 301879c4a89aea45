import Foundation
import RecallKit
import Testing

/// FSRS against py-fsrs 6.3.2 (fixtures from scripts/generate-scheduler-fixtures.py).
///
/// Tolerance: the port performs the reference's floating-point operations in the same order
/// with the same libm `pow`, so results are normally bit-identical; 1e-9 relative leaves room
/// only for a different libm, never for a formula difference (those show up at 1e-4 or worse).
@Suite("FSRS matches py-fsrs")
struct FSRSReferenceTests {
    static let fixtures = Result { try SchedulerFixtures.load("fsrs.json", config: SchedulerFixtures.FSRSConfig.self) }

    @Test("every fixture history replays to the reference's state after every review")
    func fixtureHistories() throws {
        let file = try Self.fixtures.get()
        #expect(file.reference == "fsrs==6.3.2")
        #expect(file.histories.count >= 500)
        let schedulers = try file.configs.map { try $0.scheduler(fuzz: false) }

        var reviews = 0, worstRelative = 0.0
        for (historyIndex, history) in file.histories.enumerated() {
            let scheduler = schedulers[history.config]
            var state = SchedulingState.new(due: Date(timeIntervalSince1970: history.start))
            for (reviewIndex, expected) in history.reviews.enumerated() {
                let date = Date(timeIntervalSince1970: expected.time)
                state = scheduler.review(state, rating: expected.rating, at: date, seed: 0)
                reviews += 1
                let place = "history \(historyIndex) review \(reviewIndex)"
                try #require(state.phase == expected.phase, "\(place): phase")
                try #require(state.step == expected.step, "\(place): step")
                let stability = try #require(state.stability, "\(place): stability")
                let difficulty = try #require(state.difficulty, "\(place): difficulty")
                let stabilityError = SchedulerFixtures.relativeDifference(stability, try #require(expected.first))
                let difficultyError = SchedulerFixtures.relativeDifference(difficulty, try #require(expected.second))
                try #require(stabilityError <= 1e-9, "\(place): stability \(stability) vs \(expected.first!)")
                try #require(difficultyError <= 1e-9, "\(place): difficulty \(difficulty) vs \(expected.second!)")
                worstRelative = max(worstRelative, stabilityError, difficultyError)
                let dueError = abs(state.due.timeIntervalSince1970 - expected.due)
                try #require(dueError < 0.001, "\(place): due \(state.due.timeIntervalSince1970) vs \(expected.due)")
            }
        }
        print("FSRS fixtures: \(file.histories.count) histories, \(reviews) reviews, worst relative error \(worstRelative)")
    }

    @Test("fuzzed intervals stay in the py-fsrs fuzz range")
    func fuzzTransitions() throws {
        let file = try Self.fixtures.get()
        #expect(file.fuzz.count >= 100)
        let plain = try file.configs.map { try $0.scheduler(fuzz: false) }
        let fuzzed = try file.configs.map { try $0.scheduler(fuzz: true) }
        var moved = 0, referenceOvershoots = 0
        for (index, transition) in file.fuzz.enumerated() {
            let before = transition.before.state(memory: transition.before.first.map {
                .fsrs(stability: $0, difficulty: transition.before.second!)
            })
            let date = Date(timeIntervalSince1970: transition.time)
            let unfuzzed = SchedulerFixtures.wholeDays(from: date, to: plain[transition.config].review(before, rating: transition.rating, at: date, seed: 0).due)
            try #require(unfuzzed == transition.unfuzzed, "transition \(index): unfuzzed interval")
            let maximum = plain[transition.config].maximumIntervalDays
            let range = IntervalFuzz.range(forIntervalDays: unfuzzed, maximumIntervalDays: maximum)
            for seed in UInt64(0)..<8 {
                let next = fuzzed[transition.config].review(before, rating: transition.rating, at: date, seed: seed &* 0x1234_5678_9ABC)
                let days = SchedulerFixtures.wholeDays(from: date, to: next.due)
                try #require(range.contains(days), "transition \(index): \(days) days outside \(range)")
                if days != unfuzzed { moved += 1 }
            }
            // The reference draws round(random·(n+1) + lower), which can land one day past the range.
            let referenceRange = range.lowerBound...min(range.upperBound + 1, maximum)
            #expect(referenceRange.contains(transition.fuzzed), "transition \(index): reference \(transition.fuzzed) outside \(range)")
            if transition.fuzzed > range.upperBound { referenceOvershoots += 1 }
        }
        #expect(moved > file.fuzz.count, "fuzz should usually move the interval")
        print("FSRS fuzz: \(file.fuzz.count) transitions, reference overshoots: \(referenceOvershoots)")
    }

    /// py-fsrs's `test_memo_state` (and fsrs-rs's `test_memory_state`): Again, then five Goods,
    /// gaps 0, 0, 1, 3, 8, 21 days from 2022-11-29 12:30 UTC. The published 53.62691 /
    /// 6.3574867 are FSRS-6 default-weight figures and reproduce; the full-precision values are
    /// py-fsrs 6.3.2's own output.
    @Test("the published py-fsrs / fsrs-rs memory state reproduces")
    func publishedMemoryState() throws {
        let scheduler = try FSRSScheduler(fuzzEnabled: false)
        var date = Date(timeIntervalSince1970: 1_669_725_000)   // 2022-11-29 12:30:00 UTC
        var state = SchedulingState.new(due: date)
        for (rating, gap) in zip([Rating.again, .good, .good, .good, .good, .good], [0.0, 0, 1, 3, 8, 21]) {
            date += gap * 86_400
            state = scheduler.review(state, rating: rating, at: date, seed: 0)
        }
        let stability = try #require(state.stability)
        let difficulty = try #require(state.difficulty)
        #expect(abs(stability - 53.62691) < 1e-4)
        #expect(abs(difficulty - 6.3574867) < 1e-4)
        #expect(SchedulerFixtures.relativeDifference(stability, 53.626902917141365) <= 1e-12)
        #expect(SchedulerFixtures.relativeDifference(difficulty, 6.357487083997829) <= 1e-12)
        #expect(state.phase == .review)
        #expect(state.due == Date(timeIntervalSince1970: 1_677_241_800))  // 2023-02-24 12:30 UTC
    }

    @Test("first review uses the initial stability and difficulty")
    func firstReview() {
        let scheduler = FSRSScheduler()
        let expected: [(Rating, Double, Double)] = [
            (.again, 0.212, 6.4133), (.hard, 1.2931, 5.11217071), (.good, 2.3065, 2.11810397), (.easy, 8.2956, 1.0),
        ]
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        for (rating, stability, difficulty) in expected {
            let state = scheduler.review(.new(due: now), rating: rating, at: now, seed: 1)
            #expect(state.stability == stability)
            #expect(abs(state.difficulty! - difficulty) < 1e-8)
            #expect(state.reps == 1)
        }
    }
}

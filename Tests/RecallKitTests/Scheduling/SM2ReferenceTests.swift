import Foundation
import RecallKit
import Testing

/// SM-2 against anki-sm-2 0.2.0 (fixtures from scripts/generate-scheduler-fixtures.py).
///
/// The reference always fuzzes; the generator switches that off by overriding its fuzz
/// method, so the deterministic histories compare exactly. Ease is a product of the same
/// factors in the same order, so 1e-9 relative is far looser than needed.
@Suite("SM-2 matches anki-sm-2")
struct SM2ReferenceTests {
    static let fixtures = Result { try SchedulerFixtures.load("sm2.json", config: SchedulerFixtures.SM2Config.self) }

    @Test("every fixture history replays to the reference's state after every review")
    func fixtureHistories() throws {
        let file = try Self.fixtures.get()
        #expect(file.reference == "anki-sm-2==0.2.0")
        #expect(file.histories.count >= 500)
        let schedulers = try file.configs.map { try $0.scheduler(fuzz: false) }

        var reviews = 0
        for (historyIndex, history) in file.histories.enumerated() {
            let scheduler = schedulers[history.config]
            var state = SchedulingState.new(due: Date(timeIntervalSince1970: history.start))
            for (reviewIndex, expected) in history.reviews.enumerated() {
                state = scheduler.review(state, rating: expected.rating, at: Date(timeIntervalSince1970: expected.time), seed: 0)
                reviews += 1
                let place = "history \(historyIndex) review \(reviewIndex)"
                try #require(state.phase == expected.phase, "\(place): phase")
                try #require(state.step == expected.step, "\(place): step")
                if let expectedEase = expected.first {
                    let ease = try #require(state.ease, "\(place): ease")
                    try #require(SchedulerFixtures.relativeDifference(ease, expectedEase) <= 1e-9, "\(place): ease \(ease) vs \(expectedEase)")
                    try #require(state.intervalDays == expected.second.map { Int($0) }, "\(place): interval")
                } else {
                    try #require(state.memory == nil, "\(place): memory before graduation")
                }
                let dueError = abs(state.due.timeIntervalSince1970 - expected.due)
                try #require(dueError < 0.001, "\(place): due \(state.due.timeIntervalSince1970) vs \(expected.due)")
            }
        }
        print("SM-2 fixtures: \(file.histories.count) histories, \(reviews) reviews")
    }

    @Test("fuzzed intervals stay in the anki-sm-2 fuzz range")
    func fuzzTransitions() throws {
        let file = try Self.fixtures.get()
        #expect(file.fuzz.count >= 100)
        let plain = try file.configs.map { try $0.scheduler(fuzz: false) }
        let fuzzed = try file.configs.map { try $0.scheduler(fuzz: true) }
        var moved = 0
        for (index, transition) in file.fuzz.enumerated() {
            let before = transition.before.state(memory: .sm2(
                ease: try #require(transition.before.first), intervalDays: Int(try #require(transition.before.second))
            ))
            let date = Date(timeIntervalSince1970: transition.time)
            let unfuzzed = try #require(plain[transition.config].review(before, rating: transition.rating, at: date, seed: 0).intervalDays)
            try #require(unfuzzed == transition.unfuzzed, "transition \(index): unfuzzed interval")
            let maximum = plain[transition.config].maximumIntervalDays
            let range = IntervalFuzz.range(forIntervalDays: unfuzzed, maximumIntervalDays: maximum)
            for seed in UInt64(0)..<8 {
                let next = fuzzed[transition.config].review(before, rating: transition.rating, at: date, seed: seed &* 0x1234_5678_9ABC)
                let days = try #require(next.intervalDays)
                try #require(range.contains(days), "transition \(index): \(days) days outside \(range)")
                try #require(SchedulerFixtures.wholeDays(from: date, to: next.due) == days, "transition \(index): due follows interval")
                if days != unfuzzed { moved += 1 }
            }
            // The reference draws round(random·(n+1) + lower), which can land one day past the range.
            let referenceRange = range.lowerBound...min(range.upperBound + 1, maximum)
            #expect(referenceRange.contains(transition.fuzzed), "transition \(index): reference \(transition.fuzzed) outside \(range)")
        }
        #expect(moved > file.fuzz.count)
    }

    @Test("defaults match anki-sm-2's")
    func defaults() {
        let scheduler = SM2Scheduler()
        #expect(scheduler.learningSteps == [60, 600])
        #expect(scheduler.graduatingIntervalDays == 1)
        #expect(scheduler.easyIntervalDays == 4)
        #expect(scheduler.relearningSteps == [600])
        #expect(scheduler.minimumIntervalDays == 1)
        #expect(scheduler.maximumIntervalDays == 36_500)
        #expect(scheduler.startingEase == 2.5)
        #expect(scheduler.minimumEase == 1.3)
        #expect(scheduler.easyBonus == 1.3)
        #expect(scheduler.intervalModifier == 1.0)
        #expect(scheduler.hardIntervalFactor == 1.2)
        #expect(scheduler.lapseIntervalFactor == 0.0)
        #expect(scheduler.fuzzEnabled)
        #expect(scheduler.retrievability(of: .new(due: .distantPast), at: .now) == nil)
    }
}

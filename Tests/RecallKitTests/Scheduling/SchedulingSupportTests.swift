import Foundation
import RecallKit
import Testing

@Suite("Interval formatting")
struct IntervalFormatterTests {
    @Test("compact labels", arguments: [
        (0.0, "0s"), (45, "45s"), (59.4, "59s"), (59.7, "1m"), (60, "1m"), (600, "10m"),
        (3_560, "59m"), (3_570, "1h"), (3_599, "1h"), (3_600, "1h"), (5_400, "1.5h"), (86_399, "1d"),
        (86_400, "1d"), (3 * 86_400, "3d"), (29 * 86_400, "29d"), (29.6 * 86_400, "1mo"),
        (96 * 86_400, "3.2mo"), (364 * 86_400, "12.1mo"), (365 * 86_400, "1y"),
        (547.5 * 86_400, "1.5y"), (36_500 * 86_400, "100y"), (-600, "-10m"), (.infinity, "∞"),
    ] as [(Double, String)])
    func label(seconds: Double, expected: String) {
        #expect(IntervalFormatter.string(for: seconds) == expected)
    }

    @Test("between two dates")
    func betweenDates() {
        let start = Date(timeIntervalSince1970: 0)
        #expect(IntervalFormatter.string(from: start, to: start + 86_400 * 4) == "4d")
    }
}

@Suite("Seeded generator")
struct SeededGeneratorTests {
    @Test("matches the published SplitMix64 sequence")
    func referenceSequence() {
        var generator = SeededGenerator(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(generator.next() == 0x06C4_5D18_8009_454F)
    }

    @Test("bounded integers are in range and roughly uniform")
    func boundedIntegers() {
        var generator = SeededGenerator(seed: 42)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 {
            let value = generator.nextInt(in: 3...9)
            counts[value - 3] += 1
        }
        #expect(counts.allSatisfy { (9_500...10_500).contains($0) }, "\(counts)")
        #expect(generator.nextInt(in: 5...5) == 5)
        #expect((0..<1000).allSatisfy { _ in (0..<1).contains(generator.nextUnitDouble()) })
    }

    @Test("card seeds are stable across runs")
    func stableSeeds() {
        #expect(SeededGenerator.seed(forCardIdentifier: "") == 0xCBF2_9CE4_8422_2325)
        #expect(SeededGenerator.seed(forCardIdentifier: "a") == 0xAF63_DC4C_8601_EC8C)
    }
}

@Suite("Configuration errors")
struct SchedulerConfigurationErrorTests {
    @Test("every bad weight is reported in one sentence")
    func badWeights() {
        var weights = FSRSParameters.defaultWeights
        weights[4] = 12.5
        weights[7] = -1
        weights[20] = .nan
        #expect(throws: SchedulerConfigurationError.self) { try FSRSParameters(weights: weights) }
        do {
            _ = try FSRSParameters(weights: weights)
        } catch {
            #expect(error.problems.count == 3)
            #expect(error.description == "The scheduler settings have 3 problems: FSRS weight 4 is 12.5 but must be "
                + "between 1 and 10; FSRS weight 7 is -1 but must be between 0.001 and 0.75; FSRS weight 20 is nan "
                + "but must be between 0.1 and 0.8.")
        }
    }

    @Test("wrong weight count")
    func wrongCount() {
        do {
            _ = try FSRSParameters(weights: [1, 2, 3])
            Issue.record("should throw")
        } catch {
            #expect(error == .wrongWeightCount(expected: 21, actual: 3))
            #expect(error.localizedDescription == "FSRS needs 21 weights but 3 were given.")
        }
    }

    @Test("scheduler settings are checked together")
    func schedulerSettings() {
        do {
            _ = try FSRSScheduler(desiredRetention: 1.2, relearningSteps: [-60], maximumIntervalDays: 0)
            Issue.record("should throw")
        } catch {
            #expect(error.problems == [
                .desiredRetentionOutOfRange(1.2),
                .invalidStep(phase: .relearning, index: 0, seconds: -60),
                .invalidSetting(name: "maximum interval", value: 0, unit: "days", requirement: "at least 1"),
            ])
            #expect(!error.description.contains("\n"))
        }
        do {
            _ = try SM2Scheduler(startingEase: 1.1)
            Issue.record("should throw")
        } catch {
            #expect(error.description == "Starting ease is 1.1 but must be at least the minimum ease.")
        }
    }

    @Test("decoding validates the weights")
    func decoding() throws {
        let encoded = try JSONEncoder().encode(FSRSParameters.default)
        #expect(try JSONDecoder().decode(FSRSParameters.self, from: encoded) == .default)
        let bad = Data(#"{"weights":[1,2]}"#.utf8)
        #expect(throws: SchedulerConfigurationError.self) { try JSONDecoder().decode(FSRSParameters.self, from: bad) }
    }
}

@Suite("Replay")
struct ReplayTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    static func randomLog(cards: Int, reviewsPerCard: Int, seed: UInt64) -> [CardReviewEvent] {
        var random = SeededGenerator(seed: seed)
        var events: [CardReviewEvent] = []
        events.reserveCapacity(cards * reviewsPerCard)
        for review in 0..<reviewsPerCard {
            for card in 0..<cards {
                let day = Double(review * review) + random.nextUnitDouble()
                events.append(CardReviewEvent(card: card, rating: Rating(rawValue: random.nextInt(in: 1...4))!, date: start + day * 86_400))
            }
        }
        return events
    }

    @Test("one card: the final state equals reviewing step by step")
    func singleCard() {
        let scheduler = FSRSScheduler()
        let events = (0..<12).map { ReviewEvent(rating: $0 % 5 == 4 ? .again : .good, date: Self.start + Double($0 * $0) * 86_400) }
        var state = SchedulingState.new(due: Self.start)
        for event in events { state = scheduler.review(state, rating: event.rating, at: event.date, seed: 9) }
        let history = Replay.history(after: events, from: .new(due: Self.start), using: scheduler, seed: 9)
        #expect(history.count == events.count)
        #expect(history.last == state)
        #expect(Replay.state(after: events, from: .new(due: Self.start), using: scheduler, seed: 9) == state)
    }

    @Test("many cards in one pass equal replaying each card alone")
    func manyCards() {
        let scheduler = SM2Scheduler()
        let cards = 50
        let log = Self.randomLog(cards: cards, reviewsPerCard: 10, seed: 3)
        let seeds = (0..<cards).map { SeededGenerator.seed(forCardIdentifier: "card-\($0)") }
        let initial = [SchedulingState](repeating: .new(due: Self.start), count: cards)
        let together = Replay.states(of: initial, after: log, using: scheduler, seeds: seeds)
        for card in 0..<cards {
            let own = log.filter { $0.card == card }.map { ReviewEvent(rating: $0.rating, date: $0.date) }
            #expect(together[card] == Replay.state(after: own, from: initial[card], using: scheduler, seed: seeds[card]))
        }
    }

    /// Throughput check; run with `RECALL_BENCHMARK=1 swift test -c release --filter ReplayTests`.
    @Test("replay throughput", .enabled(if: ProcessInfo.processInfo.environment["RECALL_BENCHMARK"] != nil))
    func throughput() {
        let cards = 200_000, reviewsPerCard = 30
        let log = Self.randomLog(cards: cards, reviewsPerCard: reviewsPerCard, seed: 11)
        let initial = [SchedulingState](repeating: .new(due: Self.start), count: cards)
        let seeds = (0..<cards).map { UInt64($0) }
        func reviewsPerSecond<S: Scheduler>(_ scheduler: S) -> Double {
            let clock = ContinuousClock()
            var best = 0.0
            for _ in 0..<3 {
                var states: [SchedulingState] = []
                let elapsed = clock.measure { states = Replay.states(of: initial, after: log, using: scheduler, seeds: seeds) }
                #expect(states.count == cards)
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                best = max(best, Double(log.count) / seconds)
            }
            return best
        }
        print("FSRS replay: \(Int(reviewsPerSecond(FSRSScheduler()) / 1_000)) thousand reviews per second (fuzz on)")
        print("SM-2 replay: \(Int(reviewsPerSecond(SM2Scheduler()) / 1_000)) thousand reviews per second (fuzz on)")
    }
}

import Foundation
import RecallKit

/// Reference fixtures written by scripts/generate-scheduler-fixtures.py (see its header for
/// the layout). Located next to the test sources via #filePath, not as bundle resources.
enum SchedulerFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()       // Scheduling
        .deletingLastPathComponent()       // RecallKitTests
        .appendingPathComponent("Fixtures/scheduling", isDirectory: true)

    static func load<Config: Decodable & Sendable>(_ name: String, config: Config.Type) throws -> File<Config> {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return try JSONDecoder().decode(File<Config>.self, from: data)
    }

    struct File<Config: Decodable & Sendable>: Decodable, Sendable {
        let reference: String
        let configs: [Config]
        let histories: [History]
        let fuzz: [FuzzTransition]
    }

    struct History: Decodable, Sendable {
        let config: Int
        let start: Double
        let reviews: [Review]
    }

    /// `[rating, time, phase, step, a, b, due]`: (a, b) is (stability, difficulty) for FSRS and
    /// (ease, interval days) for SM-2.
    struct Review: Decodable, Sendable {
        let rating: Rating
        let time: Double
        let phase: CardPhase
        let step: Int?
        let first: Double?
        let second: Double?
        let due: Double

        init(from decoder: any Decoder) throws {
            var fields = try decoder.unkeyedContainer()
            rating = try Rating(rawValue: fields.decode(Int.self))!
            time = try fields.decode(Double.self)
            phase = try SchedulerFixtures.referencePhase(fields.decode(Int.self))
            step = try fields.decodeIfPresent(Int.self)
            first = try fields.decodeIfPresent(Double.self)
            second = try fields.decodeIfPresent(Double.self)
            due = try fields.decode(Double.self)
        }
    }

    /// One fuzz-on review: the reference's state before it, and the intervals with and without fuzz.
    struct FuzzTransition: Decodable, Sendable {
        let config: Int
        let before: Snapshot
        let rating: Rating
        let time: Double
        let unfuzzed: Int
        let fuzzed: Int
    }

    /// `[phase, step, a, b, due, last review]`.
    struct Snapshot: Decodable, Sendable {
        let phase: CardPhase
        let step: Int?
        let first: Double?
        let second: Double?
        let due: Double
        let lastReview: Double?

        init(from decoder: any Decoder) throws {
            var fields = try decoder.unkeyedContainer()
            phase = try SchedulerFixtures.referencePhase(fields.decode(Int.self))
            step = try fields.decodeIfPresent(Int.self)
            first = try fields.decodeIfPresent(Double.self)
            second = try fields.decodeIfPresent(Double.self)
            due = try fields.decode(Double.self)
            lastReview = try fields.decodeIfPresent(Double.self)
        }

        func state(memory: MemoryState?) -> SchedulingState {
            SchedulingState(
                phase: phase, step: step, memory: memory,
                due: Date(timeIntervalSince1970: due),
                lastReview: lastReview.map(Date.init(timeIntervalSince1970:))
            )
        }
    }

    /// The references' State enum: 1 learning, 2 review, 3 relearning.
    static func referencePhase(_ value: Int) throws -> CardPhase {
        switch value {
        case 1: .learning
        case 2: .review
        case 3: .relearning
        default: throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "unknown phase \(value)"))
        }
    }

    struct FSRSConfig: Decodable, Sendable {
        let parameters: [Double]
        let desired_retention: Double
        let learning_steps: [Double]
        let relearning_steps: [Double]
        let maximum_interval: Int

        func scheduler(fuzz: Bool) throws -> FSRSScheduler {
            try FSRSScheduler(
                parameters: FSRSParameters(weights: parameters),
                desiredRetention: desired_retention,
                learningSteps: learning_steps,
                relearningSteps: relearning_steps,
                maximumIntervalDays: maximum_interval,
                fuzzEnabled: fuzz
            )
        }
    }

    struct SM2Config: Decodable, Sendable {
        let learning_steps: [Double]
        let graduating_interval: Int
        let easy_interval: Int
        let relearning_steps: [Double]
        let minimum_interval: Int
        let maximum_interval: Int
        let starting_ease: Double
        let easy_bonus: Double
        let interval_modifier: Double
        let hard_interval: Double
        let new_interval: Double

        func scheduler(fuzz: Bool) throws -> SM2Scheduler {
            try SM2Scheduler(
                learningSteps: learning_steps,
                graduatingIntervalDays: graduating_interval,
                easyIntervalDays: easy_interval,
                relearningSteps: relearning_steps,
                minimumIntervalDays: minimum_interval,
                maximumIntervalDays: maximum_interval,
                startingEase: starting_ease,
                easyBonus: easy_bonus,
                intervalModifier: interval_modifier,
                hardIntervalFactor: hard_interval,
                lapseIntervalFactor: new_interval,
                fuzzEnabled: fuzz
            )
        }
    }

    /// |a − b| / max(|a|, |b|), 0 when both are 0.
    static func relativeDifference(_ a: Double, _ b: Double) -> Double {
        let scale = max(abs(a), abs(b))
        return scale == 0 ? 0 : abs(a - b) / scale
    }

    /// Days between two instants that are a whole number of days apart.
    static func wholeDays(from start: Date, to end: Date) -> Int {
        Int((end.timeIntervalSince(start) / 86_400).rounded())
    }
}

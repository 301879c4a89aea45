import Foundation

/// A spaced-repetition algorithm: a pure function from (state, rating, time, seed) to the next state.
///
/// Implementations read no clock and no global random source, so the same inputs always
/// give the same output. `seed` only matters when fuzz is on; pass a stable per-card value
/// (for example `SeededGenerator.seed(forCardIdentifier:)`). The scheduler mixes in the
/// card's review count, so each review of the card draws fresh fuzz.
///
/// ```swift
/// let scheduler: any Scheduler = FSRSScheduler()
/// let next = scheduler.review(state, rating: .good, at: now, seed: seed)
/// let choices = scheduler.preview(state, at: now, seed: seed)
/// print(IntervalFormatter.string(from: now, to: choices.easy.due))   // e.g. "8d"
/// ```
public protocol Scheduler: Sendable {
    /// The state after reviewing `state` with `rating` at `date`.
    func review(_ state: SchedulingState, rating: Rating, at date: Date, seed: UInt64) -> SchedulingState

    /// The four states `review` would produce, one per rating.
    func preview(_ state: SchedulingState, at date: Date, seed: UInt64) -> SchedulingPreview

    /// Predicted probability of recall at `date`, or `nil` where the scheduler has no
    /// memory model for the state (new cards; SM-2 always).
    func retrievability(of state: SchedulingState, at date: Date) -> Double?

    /// Every setting that decides the scheduler's results, written the same way in every
    /// process. Progress snapshots record it and are only reused by a scheduler that gives the
    /// same text. (`String(describing:)` will not do: it can include memory addresses.)
    var settingsFingerprint: String { get }
}

extension Scheduler {
    public func preview(_ state: SchedulingState, at date: Date, seed: UInt64) -> SchedulingPreview {
        SchedulingPreview(
            again: review(state, rating: .again, at: date, seed: seed),
            hard: review(state, rating: .hard, at: date, seed: seed),
            good: review(state, rating: .good, at: date, seed: seed),
            easy: review(state, rating: .easy, at: date, seed: seed)
        )
    }
}

/// The outcome of each rating for one card, as shown on the answer buttons.
///
/// ```swift
/// let preview = scheduler.preview(state, at: now, seed: seed)
/// preview[.good].due
/// ```
public struct SchedulingPreview: Hashable, Sendable {
    public var again: SchedulingState
    public var hard: SchedulingState
    public var good: SchedulingState
    public var easy: SchedulingState

    public init(again: SchedulingState, hard: SchedulingState, good: SchedulingState, easy: SchedulingState) {
        self.again = again
        self.hard = hard
        self.good = good
        self.easy = easy
    }

    /// The state that `rating` leads to.
    public subscript(rating: Rating) -> SchedulingState {
        switch rating {
        case .again: again
        case .hard: hard
        case .good: good
        case .easy: easy
        }
    }
}

// MARK: - Shared arithmetic

/// Arithmetic shared by the schedulers, in a namespace so it cannot clash with the rest of RecallKit.
enum SchedulingArithmetic {
    static let secondsPerDay: Double = 86_400

    /// Whole days from `start` to `end`, floored, exactly as Python's `timedelta.days`
    /// (which both references use for elapsed and overdue days: 23 h 59 m is 0 days,
    /// and one second *before* `start` is −1 day).
    @inline(__always)
    static func wholeDays(from start: Date, to end: Date) -> Int {
        // Rounding to microseconds first (Python's resolution) keeps a span of exactly
        // n days from landing a hair below n through floating-point noise.
        let microseconds = (end.timeIntervalSince(start) * 1_000_000).rounded()
        return saturatingInt((microseconds / (secondsPerDay * 1_000_000)).rounded(.down))
    }

    /// Python's `round(x)`: nearest integer, ties to even.
    @inline(__always)
    static func roundHalfToEven(_ value: Double) -> Int {
        saturatingInt(value.rounded(.toNearestOrEven))
    }

    /// `Int(value)` that saturates instead of trapping (NaN gives 0); callers clamp to the
    /// maximum interval anyway, where Python's unbounded integers would do the same.
    @inline(__always)
    static func saturatingInt(_ value: Double) -> Int {
        let limit = 4.611_686_018_427_387_9e18   // 2^62: converts exactly, far beyond any interval
        return value.isNaN ? 0 : Int(min(max(value, -limit), limit))
    }

    /// Hard repeats the current step, except on the first: halfway to the second step, or
    /// 1.5 × the only step (both references, and Anki).
    @inline(__always)
    static func hardStepDelay(steps: [TimeInterval], step: Int) -> TimeInterval {
        if step == 0 {
            return steps.count == 1 ? steps[0] * 1.5 : (steps[0] + steps[1]) / 2.0
        }
        return steps[step]
    }

    /// Per-review fuzz generator: the caller's per-card seed mixed with the review count.
    @inline(__always)
    static func fuzzGenerator(seed: UInt64, state: SchedulingState) -> SeededGenerator {
        SeededGenerator(seed: seed, stream: UInt64(truncatingIfNeeded: state.reps))
    }
}

import Foundation

/// A card's memory model, which depends on the scheduler that reviewed it.
///
/// ```swift
/// let memory = MemoryState.fsrs(stability: 2.3065, difficulty: 2.118)
/// ```
public enum MemoryState: Codable, Hashable, Sendable {
    /// FSRS: `stability` is the number of days after which recall probability
    /// falls to 90 %; `difficulty` runs from 1 (easiest) to 10 (hardest).
    case fsrs(stability: Double, difficulty: Double)
    /// SM-2: the ease factor and the current review interval in whole days.
    /// A lapsed card keeps its interval through relearning, as in Anki.
    case sm2(ease: Double, intervalDays: Int)
}

/// Everything a scheduler needs to know about one card, and nothing else.
///
/// Schedulers never mutate a state in place: `Scheduler.review` returns the next one,
/// so a card's whole history can be replayed from its review log (see `Replay`).
///
/// ```swift
/// var state = SchedulingState.new(due: created)
/// state = scheduler.review(state, rating: .good, at: now, seed: cardSeed)
/// state.phase      // .learning
/// state.stability  // 2.3065 with FSRS's default weights
/// ```
public struct SchedulingState: Codable, Hashable, Sendable {
    /// Where the card is in its life cycle.
    public var phase: CardPhase
    /// Index into the learning or relearning steps; `nil` for new and review cards.
    public var step: Int?
    /// The memory model; `nil` until a scheduler first sets one (for SM-2, until graduation).
    public var memory: MemoryState?
    /// When the card should next be shown.
    public var due: Date
    /// When the card was last reviewed; `nil` for new cards.
    public var lastReview: Date?
    /// Number of reviews so far.
    public var reps: Int
    /// Number of times the card was forgotten (rated Again) while in review.
    public var lapses: Int

    public init(
        phase: CardPhase,
        step: Int? = nil,
        memory: MemoryState? = nil,
        due: Date,
        lastReview: Date? = nil,
        reps: Int = 0,
        lapses: Int = 0
    ) {
        self.phase = phase
        self.step = step
        self.memory = memory
        self.due = due
        self.lastReview = lastReview
        self.reps = reps
        self.lapses = lapses
    }

    /// A card that has never been reviewed, due at `due` (usually its creation time).
    public static func new(due: Date) -> SchedulingState {
        SchedulingState(phase: .new, due: due)
    }

    /// FSRS stability in days, if the card has an FSRS memory state.
    public var stability: Double? {
        if case .fsrs(let stability, _) = memory { return stability }
        return nil
    }

    /// FSRS difficulty (1...10), if the card has an FSRS memory state.
    public var difficulty: Double? {
        if case .fsrs(_, let difficulty) = memory { return difficulty }
        return nil
    }

    /// SM-2 ease factor, if the card has an SM-2 memory state.
    public var ease: Double? {
        if case .sm2(let ease, _) = memory { return ease }
        return nil
    }

    /// SM-2 interval in days, if the card has an SM-2 memory state.
    public var intervalDays: Int? {
        if case .sm2(_, let intervalDays) = memory { return intervalDays }
        return nil
    }
}

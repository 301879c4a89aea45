/// How well the learner recalled a card, on Anki's four-button scale.
///
/// The raw values are the ones py-fsrs, anki-sm-2 and Anki's review log use,
/// so they can be stored and exchanged as plain integers.
///
/// ```swift
/// let rating = Rating(rawValue: 3)   // .good
/// rating > .hard                     // true
/// ```
public enum Rating: Int, CaseIterable, Codable, Comparable, Hashable, Sendable {
    /// Forgot the answer.
    case again = 1
    /// Recalled it, with serious effort.
    case hard = 2
    /// Recalled it after some thought.
    case good = 3
    /// Recalled it at once.
    case easy = 4

    public static func < (lhs: Rating, rhs: Rating) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// Where a card is in its life cycle.
///
/// ```swift
/// let state = SchedulingState.new(due: created)
/// state.phase == .new   // true until the first review
/// ```
public enum CardPhase: String, CaseIterable, Codable, Hashable, Sendable {
    /// Never reviewed.
    case new
    /// Working through the short learning steps (minutes to hours).
    case learning
    /// Graduated: scheduled in whole days.
    case review
    /// Forgotten after graduating; working through the relearning steps.
    case relearning
}

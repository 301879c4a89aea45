import Foundation

/// Everything recall knows about one card's progress.
public struct CardProgress: Codable, Hashable, Sendable {
    public var scheduling: SchedulingState
    public var isSuspended: Bool
    /// Hidden until this study day begins (`:skip`, or a sibling answered today).
    public var buriedUntilDay: Int?
    /// Lapsed at least the leech threshold number of times.
    public var isLeech: Bool
    /// When the card was first answered: it counts as a new card on that study day.
    public var firstReview: Date?

    public init(scheduling: SchedulingState, isSuspended: Bool = false, buriedUntilDay: Int? = nil, isLeech: Bool = false,
                firstReview: Date? = nil) {
        self.scheduling = scheduling
        self.firstReview = firstReview
        self.isSuspended = isSuspended
        self.buriedUntilDay = buriedUntilDay
        self.isLeech = isLeech
    }

    /// A card never reviewed: new, due at the epoch so it is never "not yet due".
    public static let new = CardProgress(scheduling: .new(due: Date(timeIntervalSince1970: 0)))
}

/// One review in a learner's history, as stats and exports need it.
public struct ReviewLogEntry: Hashable, Sendable {
    public var eventID: String
    public var card: CardID
    public var time: Int64
    public var rating: Rating
    public var durationMilliseconds: Int
    /// The card's phase just before this review (new, learning, review, relearning).
    public var phaseBefore: CardPhase
    /// Stability before the review, when the scheduler is FSRS and the card was not new.
    public var stabilityBefore: Double?
    /// Days since the previous review (0 for the first).
    public var elapsedDays: Double
}

/// What to do when a card lapses `threshold` times.
public struct LeechPolicy: Hashable, Sendable, Codable {
    public var threshold: Int
    public var suspends: Bool

    public init(threshold: Int = 8, suspends: Bool = false) {
        self.threshold = threshold
        self.suspends = suspends
    }
}

/// One review read from another tool's log, for `recall import`.
public struct ImportedReview: Hashable, Sendable {
    public var card: CardID
    /// Milliseconds since the Unix epoch, UTC.
    public var time: Int64
    public var rating: Rating
    public var durationMilliseconds: Int

    public init(card: CardID, time: Int64, rating: Rating, durationMilliseconds: Int) {
        self.card = card
        self.time = time
        self.rating = rating
        self.durationMilliseconds = durationMilliseconds
    }
}

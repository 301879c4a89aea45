import Foundation

/// The learner's settings for one day's study queue.
///
/// ```swift
/// var limits = QueueLimits()
/// limits.newCardsPerDay = 10
/// limits.leechAction = .suspend
/// ```
public struct QueueLimits: Hashable, Codable, Sendable {
    /// What happens to a card the moment it becomes a leech.
    public enum LeechAction: String, Hashable, Codable, Sendable, CaseIterable {
        /// Report the leech and keep showing the card.
        case tagOnly
        /// Report the leech and take the card out of study until the learner unsuspends it.
        case suspend
    }

    /// Where new cards go relative to the day's reviews.
    public enum NewCardPlacement: String, Hashable, Codable, Sendable, CaseIterable {
        /// Spread new cards evenly among reviews: with r reviews and n new cards left, one new card
        /// after about every r / (n + 1) reviews, so new cards sit between reviews rather than at either end.
        case interleaved
        /// Show new cards only once the reviews are done.
        case afterReviews
        /// Show new cards before any review.
        case beforeReviews
    }

    /// How many new cards may be introduced per study day.
    public var newCardsPerDay: Int
    /// How many review cards may be answered per study day; learning steps are not limited.
    public var reviewsPerDay: Int
    /// When true, no two new or review cards of the same fact appear on the same study day.
    public var burySiblings: Bool
    /// Number of lapses at which a card counts as a leech.
    public var leechThreshold: Int
    /// What to do with a card when it becomes a leech.
    public var leechAction: LeechAction
    /// Learning cards due within this many seconds from now are shown as if already due.
    public var learnAheadWindow: TimeInterval
    /// Where new cards go relative to reviews.
    public var newCardPlacement: NewCardPlacement

    /// Creates settings; every default mirrors common spaced-repetition practice.
    ///
    /// ```swift
    /// let strict = QueueLimits(newCardsPerDay: 5, reviewsPerDay: 100)
    /// ```
    public init(
        newCardsPerDay: Int = 20,
        reviewsPerDay: Int = 200,
        burySiblings: Bool = true,
        leechThreshold: Int = 8,
        leechAction: LeechAction = .tagOnly,
        learnAheadWindow: TimeInterval = 20 * 60,
        newCardPlacement: NewCardPlacement = .interleaved
    ) {
        self.newCardsPerDay = newCardsPerDay
        self.reviewsPerDay = reviewsPerDay
        self.burySiblings = burySiblings
        self.leechThreshold = leechThreshold
        self.leechAction = leechAction
        self.learnAheadWindow = learnAheadWindow
        self.newCardPlacement = newCardPlacement
    }

    /// Whether a card with `lapses` lapses counts as a leech.
    ///
    /// ```swift
    /// QueueLimits().isLeech(lapses: 8) // true with the default threshold of 8
    /// ```
    public func isLeech(lapses: Int) -> Bool {
        lapses >= leechThreshold
    }

    /// Whether an answer that moved a card from `lapsesBefore` to `lapsesAfter` lapses made it a leech.
    ///
    /// The check fires once, on the lapse that reaches the threshold, so a leech is reported only once.
    ///
    /// ```swift
    /// QueueLimits().becomesLeech(lapsesBefore: 7, lapsesAfter: 8) // true
    /// ```
    public func becomesLeech(lapsesBefore: Int, lapsesAfter: Int) -> Bool {
        !isLeech(lapses: lapsesBefore) && isLeech(lapses: lapsesAfter)
    }
}

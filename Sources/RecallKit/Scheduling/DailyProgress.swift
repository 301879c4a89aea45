import Foundation

/// What the learner already did on the current study day; the queue both reads and updates it.
///
/// Feeding a queue's `progress` into a new queue for the same day reproduces the same queue,
/// so a session can be resumed from stored cards plus this value.
///
/// ```swift
/// let progress = DailyProgress(newCardsSeen: 3, reviewsDone: 40, answeredSiblingKeys: ["fact-9"])
/// ```
public struct DailyProgress: Hashable, Codable, Sendable {
    /// New cards introduced today; counts against `QueueLimits.newCardsPerDay`.
    public var newCardsSeen: Int
    /// Review cards answered today; counts against `QueueLimits.reviewsPerDay`.
    public var reviewsDone: Int
    /// Facts with a card answered today; their other cards stay buried until tomorrow.
    public var answeredSiblingKeys: Set<String>
    /// Reviews answered since the last new card, which paces interleaved new cards.
    public var reviewsSinceLastNewCard: Int

    /// Creates progress for a day; all counts default to a day that has just begun.
    ///
    /// ```swift
    /// let freshDay = DailyProgress()
    /// ```
    public init(
        newCardsSeen: Int = 0,
        reviewsDone: Int = 0,
        answeredSiblingKeys: Set<String> = [],
        reviewsSinceLastNewCard: Int = 0
    ) {
        self.newCardsSeen = newCardsSeen
        self.reviewsDone = reviewsDone
        self.answeredSiblingKeys = answeredSiblingKeys
        self.reviewsSinceLastNewCard = reviewsSinceLastNewCard
    }
}

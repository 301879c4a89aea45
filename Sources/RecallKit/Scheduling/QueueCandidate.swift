import Foundation

/// What the daily queue needs to know about one card to decide whether and when to show it.
///
/// The caller builds candidates from its stored cards; the queue never reads storage itself.
///
/// ```swift
/// let card = QueueCandidate(
///     cardID: "spanish-12:front", siblingKey: "spanish-12", phase: .review,
///     due: yesterday, retrievability: 0.82, lapses: 1
/// )
/// ```
public struct QueueCandidate: Hashable, Codable, Sendable {
    /// Unique identifier of the card; also the final tie-breaker so orders never depend on input order.
    public var cardID: String
    /// Identifier of the fact the card was made from; cards sharing it are siblings.
    public var siblingKey: String
    /// Where the card stands in its learning life cycle.
    public var phase: CardPhase
    /// When the card is next due; ignored for new cards, which are ordered by `newCardOrder`.
    public var due: Date
    /// Probability, from 0 to 1, that the learner recalls the card right now, as estimated by the caller's scheduler.
    public var retrievability: Double
    /// How many times the card was forgotten after having been learned.
    public var lapses: Int
    /// Suspended cards are never shown until the learner unsuspends them.
    public var isSuspended: Bool
    /// The first study day on which a buried card may be shown again; `nil` when not buried.
    public var buriedUntilDay: Int?
    /// Position of a new card in its deck; lower positions are introduced first.
    public var newCardOrder: Int
    /// Where the caller keeps the card, so it can find it again without a look-up by id
    /// (`StudySession`: deck and card index). The queue only carries it along.
    public var place: Int?

    /// Creates a candidate; optional details default to an unburied, unsuspended card that never lapsed.
    ///
    /// ```swift
    /// let fresh = QueueCandidate(cardID: "c1", siblingKey: "f1", phase: .new, due: .now, newCardOrder: 7)
    /// ```
    public init(
        cardID: String,
        siblingKey: String,
        phase: CardPhase,
        due: Date,
        retrievability: Double = 0,
        lapses: Int = 0,
        isSuspended: Bool = false,
        buriedUntilDay: Int? = nil,
        newCardOrder: Int = 0,
        place: Int? = nil
    ) {
        self.cardID = cardID
        self.siblingKey = siblingKey
        self.phase = phase
        self.due = due
        self.retrievability = retrievability
        self.lapses = lapses
        self.isSuspended = isSuspended
        self.buriedUntilDay = buriedUntilDay
        self.newCardOrder = newCardOrder
        self.place = place
    }

    /// Whether the card is hidden on study day `day` because it was buried.
    ///
    /// ```swift
    /// card.isBuried(onDay: today) // true when buriedUntilDay is after today
    /// ```
    public func isBuried(onDay day: Int) -> Bool {
        guard let buriedUntilDay else { return false }
        return day < buriedUntilDay
    }

    /// Whether the card is in an intraday learning step (learning or relearning).
    public var isLearning: Bool {
        phase == .learning || phase == .relearning
    }
}

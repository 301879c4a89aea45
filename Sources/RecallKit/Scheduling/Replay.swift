import Foundation

/// One review of one card: what the learner answered, and when.
public struct ReviewEvent: Codable, Hashable, Sendable {
    public var rating: Rating
    public var date: Date

    public init(rating: Rating, date: Date) {
        self.rating = rating
        self.date = date
    }
}

/// One line of a review log covering many cards: `card` indexes the caller's card array.
public struct CardReviewEvent: Hashable, Sendable {
    public var card: Int
    public var rating: Rating
    public var date: Date

    public init(card: Int, rating: Rating, date: Date) {
        self.card = card
        self.rating = rating
        self.date = date
    }
}

/// Recomputes scheduling state from review logs in one pass.
///
/// The log is the source of truth: after changing scheduler settings, replaying gives every
/// card the state it would have had under the new settings. Replays are deterministic
/// (fuzz is seeded per card and review count) and allocate nothing per review.
///
/// ```swift
/// let scheduler = FSRSScheduler()
/// let state = Replay.state(
///     after: [ReviewEvent(rating: .good, date: day1), ReviewEvent(rating: .again, date: day4)],
///     from: .new(due: day1), using: scheduler, seed: cardSeed
/// )
///
/// // A whole collection: events in chronological order, any mix of cards.
/// let states = Replay.states(of: cards.map { .new(due: $0.created) }, after: log,
///                            using: scheduler, seeds: cards.map(\.seed))
/// ```
public enum Replay {
    /// The state after applying `events`, in order, to `initial`.
    @inlinable
    public static func state<S: Scheduler, Events: Sequence<ReviewEvent>>(
        after events: Events, from initial: SchedulingState, using scheduler: S, seed: UInt64
    ) -> SchedulingState {
        var state = initial
        for event in events {
            state = scheduler.review(state, rating: event.rating, at: event.date, seed: seed)
        }
        return state
    }

    /// The state after each of `events` (same count and order as `events`).
    @inlinable
    public static func history<S: Scheduler, Events: Collection<ReviewEvent>>(
        after events: Events, from initial: SchedulingState, using scheduler: S, seed: UInt64
    ) -> [SchedulingState] {
        var states: [SchedulingState] = []
        states.reserveCapacity(events.count)
        var state = initial
        for event in events {
            state = scheduler.review(state, rating: event.rating, at: event.date, seed: seed)
            states.append(state)
        }
        return states
    }

    /// Every card's state after a mixed review log.
    ///
    /// - Parameters:
    ///   - initialStates: one state per card, usually `.new(due: created)`.
    ///   - events: the log; each card's events must be in chronological order (a log sorted
    ///     by time satisfies this). `event.card` indexes `initialStates`.
    ///   - seeds: one fuzz seed per card, same count as `initialStates`.
    /// - Precondition: every `event.card` is a valid index and `seeds.count == initialStates.count`.
    @inlinable
    public static func states<S: Scheduler, Events: Sequence<CardReviewEvent>>(
        of initialStates: [SchedulingState], after events: Events, using scheduler: S, seeds: [UInt64]
    ) -> [SchedulingState] {
        precondition(seeds.count == initialStates.count, "Replay needs one seed per card")
        var states = initialStates
        states.withUnsafeMutableBufferPointer { cards in
            seeds.withUnsafeBufferPointer { seeds in
                for event in events {
                    precondition(cards.indices.contains(event.card), "Review event for unknown card \(event.card)")
                    cards[event.card] = scheduler.review(
                        cards[event.card], rating: event.rating, at: event.date, seed: seeds[event.card]
                    )
                }
            }
        }
        return states
    }
}

import Foundation
import HeapModule

/// Review-ahead ("cram") mode: cards the daily queue would not show today, weakest memory first.
///
/// Holds every unsuspended, unburied card that has been studied before (any phase but new) and
/// is due at or after the end of the current study day, ordered by retrievability ascending
/// (ties: due, then card ID). Cram mode ignores the daily limits and sibling burying, and its
/// answers do not count towards the daily limits; each card is shown once per cram queue.
///
/// ```swift
/// var cram = CramQueue(candidates: cards, now: .now, studyDay: days)
/// while let card = cram.next() {
///     show(card)
///     cram.record(answered: card.cardID)
/// }
/// ```
public struct CramQueue: Sendable {
    /// The study day whose end separates "due today" from "ahead".
    public let today: Int

    private let candidates: [QueueCandidate]
    private var order: Heap<QueueEntry>
    private var waiting: Set<String>

    /// Builds the cram queue for the study day containing `now`.
    ///
    /// ```swift
    /// let cram = CramQueue(candidates: cards, now: .now, studyDay: StudyDay(timeZone: zone))
    /// ```
    public init(candidates: [QueueCandidate], now: Date, studyDay: StudyDay) {
        let today = studyDay.dayNumber(for: now)
        let endOfDay = studyDay.start(ofDay: today + 1)
        var entries: [QueueEntry] = []
        var waiting: Set<String> = []
        for (slot, candidate) in candidates.enumerated() {
            guard candidate.phase != .new, !candidate.isSuspended, !candidate.isBuried(onDay: today),
                  candidate.due >= endOfDay else { continue }
            entries.append(.review(candidate, slot: slot))
            waiting.insert(candidate.cardID)
        }
        self.today = today
        self.candidates = candidates
        self.order = Heap(entries)
        self.waiting = waiting
    }

    /// The card to cram next, or `nil` when every card has been shown.
    ///
    /// ```swift
    /// let card = cram.next()
    /// ```
    public func next() -> QueueCandidate? {
        order.min.map { candidates[$0.slot] }
    }

    /// Cards left in this cram session.
    public var remaining: Int {
        waiting.count
    }

    /// Takes a card out of the cram queue once answered (or skipped).
    ///
    /// ```swift
    /// cram.record(answered: "card-42")
    /// ```
    public mutating func record(answered cardID: String) {
        waiting.remove(cardID)
        // Removed cards leave the heap lazily, once they reach the top.
        while let first = order.min, !waiting.contains(first.cardID) {
            order.removeMin()
        }
    }
}

import Foundation

/// A card's place in one of the queue's heaps: small so heap moves stay cheap.
///
/// Orders compare `primary`, then `secondary`, then the card identifier, so equal sort keys
/// never fall back to input order and a rebuilt queue orders cards exactly like an updated one.
struct QueueEntry: Comparable, Sendable {
    /// Learning: due time; review: retrievability; new: deck position.
    var primary: Double
    /// Review: due time; otherwise unused.
    var secondary: Double
    var cardID: String
    /// Where the candidate is stored in the queue; a re-entered card gets a fresh slot.
    var slot: Int

    static func < (left: QueueEntry, right: QueueEntry) -> Bool {
        if left.primary != right.primary { return left.primary < right.primary }
        if left.secondary != right.secondary { return left.secondary < right.secondary }
        if left.cardID != right.cardID { return left.cardID < right.cardID }
        return left.slot < right.slot
    }

    init(primary: Double, secondary: Double, cardID: String, slot: Int) {
        self.primary = primary
        self.secondary = secondary
        self.cardID = cardID
        self.slot = slot
    }

    init(learningDue due: Double, cardID: String, slot: Int) {
        self.init(primary: due, secondary: 0, cardID: cardID, slot: slot)
    }

    init(retrievability: Double, due: Double, cardID: String, slot: Int) {
        // NaN would break the heap's ordering; an unknown recall probability is treated as forgotten.
        self.init(primary: retrievability.isNaN ? 0 : retrievability, secondary: due, cardID: cardID, slot: slot)
    }

    init(newCardOrder: Int, cardID: String, slot: Int) {
        self.init(primary: Double(newCardOrder), secondary: 0, cardID: cardID, slot: slot)
    }

    static func learning(_ candidate: QueueCandidate, slot: Int) -> QueueEntry {
        QueueEntry(learningDue: candidate.due.timeIntervalSinceReferenceDate, cardID: candidate.cardID, slot: slot)
    }

    static func review(_ candidate: QueueCandidate, slot: Int) -> QueueEntry {
        QueueEntry(
            retrievability: candidate.retrievability,
            due: candidate.due.timeIntervalSinceReferenceDate,
            cardID: candidate.cardID,
            slot: slot
        )
    }

    static func new(_ candidate: QueueCandidate, slot: Int) -> QueueEntry {
        QueueEntry(newCardOrder: candidate.newCardOrder, cardID: candidate.cardID, slot: slot)
    }
}

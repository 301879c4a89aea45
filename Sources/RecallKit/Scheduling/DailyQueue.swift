import Foundation
import HeapModule

/// Decides which card to show next on one study day.
///
/// What today holds, given the candidates and `progress`:
/// - Learning and relearning cards due before the day ends, in due order (never limited, never buried).
///   They are shown once due, or up to `QueueLimits.learnAheadWindow` early.
/// - Review cards due before the day ends, lowest retrievability first (ties: due, then card ID),
///   at most `reviewsPerDay - progress.reviewsDone` of them.
/// - New cards in deck order (ties: card ID), at most `newCardsPerDay - progress.newCardsSeen`,
///   placed among reviews as `QueueLimits.newCardPlacement` says.
///
/// Sibling rule (when `burySiblings` is on): a fact contributes at most one new or review card
/// per day. Facts answered today (`progress.answeredSiblingKeys`) or with a learning card today
/// contribute none; a fact with a review today gets no new card; of several siblings the one
/// that sorts first is taken. Suspended cards and cards buried for today are left out.
///
/// The queue covers the study day containing `now` at construction; after
/// `StudyDay.nextBoundary(after:)` build a new one. Construction takes O(n) plus O(log n) per
/// selected card; every update takes O(log n), amortised, and never rescans the candidates.
///
/// ```swift
/// var queue = DailyQueue(candidates: cards, progress: stored, now: .now, studyDay: days)
/// while let card = queue.next(now: .now) {
///     let answered = scheduler.answer(card)            // the caller's scheduler
///     queue.record(answered: card.cardID, updated: answered, now: .now)
/// }
/// ```
public struct DailyQueue: Sendable {
    /// How many cards of each kind are left today, for the status line.
    public struct RemainingCounts: Hashable, Sendable {
        public var new: Int
        /// Learning cards due before the day ends, including those not due yet.
        public var learning: Int
        public var review: Int

        /// Creates counts; mainly useful for comparisons in tests.
        ///
        /// ```swift
        /// queue.remaining == .init(new: 20, learning: 0, review: 143)
        /// ```
        public init(new: Int, learning: Int, review: Int) {
            self.new = new
            self.learning = learning
            self.review = review
        }
    }

    /// A card that became a leech through an answer recorded in this queue.
    public struct LeechReport: Hashable, Sendable {
        public var cardID: String
        public var siblingKey: String
        public var lapses: Int
        /// What the queue did; with `.suspend` the caller must also store the card as suspended.
        public var action: QueueLimits.LeechAction
        /// When the answer that made the card a leech was recorded.
        public var detectedAt: Date
    }

    /// Today's selected cards, each list in the order it is drawn from.
    public struct Snapshot: Hashable, Sendable {
        public var learning: [QueueCandidate]
        public var reviews: [QueueCandidate]
        public var newCards: [QueueCandidate]
    }

    private enum StreamKind {
        case review, new

        var path: WritableKeyPath<DailyQueue, QueueStream> {
            switch self {
            case .review: \DailyQueue.reviews
            case .new: \DailyQueue.newCards
            }
        }
    }

    private enum Verdict {
        case eligible, park, discard
    }

    /// The day rule the queue was built with.
    public let studyDay: StudyDay
    /// The settings the queue honours.
    public let limits: QueueLimits
    /// The study day this queue covers.
    public let today: Int
    /// When this study day ends; cards due before it count as due today.
    public let endOfDay: Date
    /// Today's counts so far, including answers recorded in this queue; store it to resume the day.
    public private(set) var progress: DailyProgress
    /// Cards that became leeches through answers recorded in this queue, in answer order.
    public private(set) var leeches: [LeechReport] = []

    private let candidates: [QueueCandidate]
    // Answered cards come back with new state; stored apart so the caller's array is never copied.
    private var reentered: [QueueCandidate] = []
    // Cards changed since construction: their current slot, or -1 once they left the queue.
    private var currentSlots: [String: Int] = [:]
    private var learning: Heap<QueueEntry>
    private var learningByCard: [String: QueueEntry]
    private var learningCountBySibling: [String: Int]
    private var reviews: QueueStream
    private var newCards: QueueStream

    /// Builds the queue for the study day containing `now`.
    ///
    /// Card IDs must be unique. `progress` holds what was already done today; pass
    /// `DailyProgress()` at the start of a day.
    ///
    /// ```swift
    /// let queue = DailyQueue(candidates: cards, now: .now, studyDay: StudyDay(timeZone: zone))
    /// ```
    public init(
        candidates: [QueueCandidate],
        progress: DailyProgress = DailyProgress(),
        now: Date,
        studyDay: StudyDay,
        limits: QueueLimits = QueueLimits()
    ) {
        let today = studyDay.dayNumber(for: now)
        let endOfDay = studyDay.start(ofDay: today + 1)
        let end = endOfDay.timeIntervalSinceReferenceDate
        var learningEntries: [QueueEntry] = []
        var reviewEntries: [QueueEntry] = []
        var newEntries: [QueueEntry] = []
        // Fields are read in place: copying whole candidates would retain and release their strings 100,000 times.
        candidates.withUnsafeBufferPointer { buffer in
            // Counting first lets each array be allocated once instead of regrown while appending.
            var counts = (learning: 0, review: 0, new: 0)
            for slot in buffer.indices {
                switch buffer[slot].phase {
                case .learning, .relearning: counts.learning += 1
                case .review: counts.review += 1
                case .new: counts.new += 1
                }
            }
            learningEntries.reserveCapacity(counts.learning)
            reviewEntries.reserveCapacity(counts.review)
            newEntries.reserveCapacity(counts.new)
            for slot in buffer.indices {
                if buffer[slot].isSuspended { continue }
                if let buriedUntilDay = buffer[slot].buriedUntilDay, today < buriedUntilDay { continue }
                let due = buffer[slot].due.timeIntervalSinceReferenceDate
                switch buffer[slot].phase {
                case .learning, .relearning:
                    guard due < end else { continue }
                    learningEntries.append(
                        QueueEntry(learningDue: due, cardID: buffer[slot].cardID, slot: slot)
                    )
                case .review:
                    guard due < end else { continue }
                    reviewEntries.append(
                        QueueEntry(
                            retrievability: buffer[slot].retrievability,
                            due: due,
                            cardID: buffer[slot].cardID,
                            slot: slot
                        )
                    )
                case .new:
                    newEntries.append(
                        QueueEntry(newCardOrder: buffer[slot].newCardOrder, cardID: buffer[slot].cardID, slot: slot)
                    )
                }
            }
        }
        var learningByCard: [String: QueueEntry] = Dictionary(minimumCapacity: learningEntries.count)
        var learningCountBySibling: [String: Int] = Dictionary(minimumCapacity: learningEntries.count)
        for entry in learningEntries {
            learningByCard[entry.cardID] = entry
            learningCountBySibling[candidates[entry.slot].siblingKey, default: 0] += 1
        }
        self.studyDay = studyDay
        self.limits = limits
        self.today = today
        self.endOfDay = endOfDay
        self.progress = progress
        self.candidates = candidates
        self.learning = Heap(learningEntries)
        self.learningByCard = learningByCard
        self.learningCountBySibling = learningCountBySibling
        // Heapifying is O(n); only the cards actually selected are popped.
        self.reviews = QueueStream(reserve: Heap(reviewEntries))
        self.newCards = QueueStream(reserve: Heap(newEntries))
        rebalance()
    }

    // MARK: - Reading

    /// The card to show now, or `nil` when nothing is due (learning cards may still come due later today).
    ///
    /// Due learning cards come first; then reviews and new cards as `newCardPlacement` says.
    ///
    /// ```swift
    /// if let card = queue.next(now: .now) { show(card) } else { print(queue.nextLearningDue as Any) }
    /// ```
    public func next(now: Date) -> QueueCandidate? {
        // A learning card that is due now comes first; one due within the learn-ahead window
        // only when nothing else is left, as in Anki, so a card is not asked twice in a row.
        if let first = learning.min, first.primary <= now.timeIntervalSinceReferenceDate {
            return candidate(at: first.slot)
        }
        let reviewCount = reviews.count
        let newCount = newCards.count
        let showNew: Bool
        switch limits.newCardPlacement {
        case .interleaved:
            // With r reviews and n new cards left, a new card follows about every r / (n + 1) reviews.
            showNew = newCount > 0
                && (reviewCount == 0 || progress.reviewsSinceLastNewCard * newCount >= reviewCount)
        case .afterReviews:
            showNew = reviewCount == 0
        case .beforeReviews:
            showNew = newCount > 0
        }
        if let entry = showNew ? newCards.best : reviews.best {
            return candidate(at: entry.slot)
        }
        if let first = learning.min,
           first.primary <= now.timeIntervalSinceReferenceDate + limits.learnAheadWindow {
            return candidate(at: first.slot)
        }
        return nil
    }

    /// When the earliest learning card left today is due, whether or not it is due yet.
    ///
    /// ```swift
    /// if queue.next(now: now) == nil, let wake = queue.nextLearningDue { print("next card at \(wake)") }
    /// ```
    public var nextLearningDue: Date? {
        learning.min.map { Date(timeIntervalSinceReferenceDate: $0.primary) }
    }

    /// Cards left today by kind.
    ///
    /// ```swift
    /// let left = queue.remaining
    /// print("\(left.new) new · \(left.learning) learning · \(left.review) review")
    /// ```
    public var remaining: RemainingCounts {
        RemainingCounts(new: newCards.count, learning: learningByCard.count, review: reviews.count)
    }

    /// Today's selected cards in the order each group is drawn from.
    ///
    /// ```swift
    /// let upcomingReviews = queue.snapshot().reviews.map(\.cardID)
    /// ```
    public func snapshot() -> Snapshot {
        Snapshot(
            learning: learningByCard.values.sorted().map { candidate(at: $0.slot) },
            reviews: reviews.orderedMembers().map { candidate(at: $0.slot) },
            newCards: newCards.orderedMembers().map { candidate(at: $0.slot) }
        )
    }

    // MARK: - Updating

    /// Records an answer: the card leaves, or re-enters with its `updated` state (for example a
    /// learning step due in ten minutes); its siblings are buried for the day; counts advance.
    ///
    /// Only new and review cards in today's selection count against the daily limits, so answers
    /// to other cards (for example from cram mode) leave the limits alone. With sibling burying on,
    /// the card returns today only in a learning phase. Returns the leech report when the answer
    /// raised the card's lapses to the leech threshold; with `LeechAction.suspend` the card stays out.
    ///
    /// ```swift
    /// if let leech = queue.record(answered: card.cardID, updated: rescheduled, now: .now) {
    ///     print("\(leech.cardID) is a leech")
    /// }
    /// ```
    @discardableResult
    public mutating func record(answered cardID: String, updated: QueueCandidate?, now: Date) -> LeechReport? {
        precondition(updated == nil || updated?.cardID == cardID, "updated must describe the answered card")
        let previous = currentCandidate(cardID: cardID)
        retire(cardID: cardID)
        switch previous?.phase {
        case .new:
            progress.newCardsSeen += 1
            progress.reviewsSinceLastNewCard = 0
        case .review:
            progress.reviewsDone += 1
            progress.reviewsSinceLastNewCard += 1
        case .learning, .relearning, nil:
            break
        }
        if let siblingKey = previous?.siblingKey ?? updated?.siblingKey {
            progress.answeredSiblingKeys.insert(siblingKey)
            if limits.burySiblings {
                buryGroup(siblingKey)
            }
        }
        var report: LeechReport?
        if var updated {
            // The same card: it stays where the caller keeps it.
            if let place = previous?.place { updated.place = place }
            // Without a known earlier state the queue cannot tell whether this answer was a lapse.
            let lapsesBefore = previous?.lapses ?? updated.lapses
            if limits.becomesLeech(lapsesBefore: lapsesBefore, lapsesAfter: updated.lapses) {
                let leech = LeechReport(
                    cardID: cardID,
                    siblingKey: updated.siblingKey,
                    lapses: updated.lapses,
                    action: limits.leechAction,
                    detectedAt: now
                )
                leeches.append(leech)
                report = leech
            }
            if report == nil || limits.leechAction == .tagOnly {
                enter(updated)
            }
        }
        rebalance()
        return report
    }

    /// Hides a card until tomorrow; store `buriedUntilDay = today + 1` on it to keep it hidden after a rebuild.
    ///
    /// ```swift
    /// queue.bury("card-42")
    /// ```
    public mutating func bury(_ cardID: String) {
        retire(cardID: cardID)
        rebalance()
    }

    /// Takes a card out of study; store `isSuspended = true` on it to keep it out after a rebuild.
    ///
    /// ```swift
    /// queue.suspend("card-42")
    /// ```
    public mutating func suspend(_ cardID: String) {
        retire(cardID: cardID)
        rebalance()
    }

    // MARK: - Internals

    private func candidate(at slot: Int) -> QueueCandidate {
        slot < candidates.count ? candidates[slot] : reentered[slot - candidates.count]
    }

    private func groupKey(of entry: QueueEntry) -> String {
        limits.burySiblings ? candidate(at: entry.slot).siblingKey : entry.cardID
    }

    private func isLive(_ entry: QueueEntry) -> Bool {
        if let slot = currentSlots[entry.cardID] {
            return slot == entry.slot
        }
        return entry.slot < candidates.count
    }

    private func quota(_ kind: StreamKind) -> Int {
        switch kind {
        case .review: max(0, limits.reviewsPerDay - progress.reviewsDone)
        case .new: max(0, limits.newCardsPerDay - progress.newCardsSeen)
        }
    }

    /// The card's state as today's selection knows it, or nil when it is not selected today.
    private func currentCandidate(cardID: String) -> QueueCandidate? {
        if let entry = learningByCard[cardID] { return candidate(at: entry.slot) }
        if let member = reviews.member(cardID: cardID) { return candidate(at: member.entry.slot) }
        if let member = newCards.member(cardID: cardID) { return candidate(at: member.entry.slot) }
        return nil
    }

    /// Whether a waiting card may join today's selection, must wait (parked), or is out for the day.
    private func verdict(of entry: QueueEntry, in kind: StreamKind) -> Verdict {
        guard isLive(entry) else { return .discard }
        guard limits.burySiblings else { return .eligible }
        let siblingKey = candidate(at: entry.slot).siblingKey
        if progress.answeredSiblingKeys.contains(siblingKey) { return .discard }
        // A learning sibling may still be buried or suspended today, which would free the fact.
        if learningCountBySibling[siblingKey] != nil { return .park }
        if kind == .new, reviews.containsGroup(siblingKey) { return .park }
        return .eligible
    }

    /// Removes every trace of a card from today's selection.
    private mutating func retire(cardID: String) {
        currentSlots[cardID] = -1
        var freedGroup: String?
        if let entry = learningByCard.removeValue(forKey: cardID) {
            let siblingKey = candidate(at: entry.slot).siblingKey
            let remaining = (learningCountBySibling[siblingKey] ?? 1) - 1
            learningCountBySibling[siblingKey] = remaining > 0 ? remaining : nil
            if remaining == 0 { freedGroup = groupKey(of: entry) }
        }
        if let member = reviews.removeMember(cardID: cardID) { freedGroup = member.group }
        if let member = newCards.removeMember(cardID: cardID) { freedGroup = member.group }
        if let freedGroup { unpark(group: freedGroup) }
    }

    /// Takes an answered fact's cards out of the new and review selections for the rest of the day.
    private mutating func buryGroup(_ group: String) {
        reviews.removeGroup(group)
        reviews.dropParked(group: group)
        newCards.removeGroup(group)
        newCards.dropParked(group: group)
    }

    private mutating func unpark(group: String) {
        reviews.unpark(group: group)
        newCards.unpark(group: group)
    }

    /// Adds an answered card's new state as a fresh entry; older entries for it become outdated.
    private mutating func enter(_ updated: QueueCandidate) {
        let slot = candidates.count + reentered.count
        reentered.append(updated)
        currentSlots[updated.cardID] = slot
        if updated.isSuspended || updated.isBuried(onDay: today) { return }
        let dueToday = updated.due < endOfDay
        switch updated.phase {
        case .learning, .relearning:
            guard dueToday else { return }
            let entry = QueueEntry.learning(updated, slot: slot)
            learning.insert(entry)
            learningByCard[updated.cardID] = entry
            learningCountBySibling[updated.siblingKey, default: 0] += 1
            if limits.burySiblings {
                // A learning card claims its fact for the day; siblings wait in case it gets buried.
                let group = updated.siblingKey
                if let member = reviews.removeGroup(group) { reviews.park(member.entry, group: group) }
                if let member = newCards.removeGroup(group) { newCards.park(member.entry, group: group) }
            }
        case .review:
            guard dueToday else { return }
            reviews.reserve.insert(.review(updated, slot: slot))
        case .new:
            newCards.reserve.insert(.new(updated, slot: slot))
        }
    }

    /// Restores the selection invariants after any change, reviews first because new cards depend on them.
    private mutating func rebalance() {
        rebalance(.review)
        rebalance(.new)
        while let first = learning.min, learningByCard[first.cardID]?.slot != first.slot {
            learning.removeMin()
        }
        reviews.trim()
        newCards.trim()
    }

    /// Keeps the window equal to the best eligible card per group, up to the quota.
    private mutating func rebalance(_ kind: StreamKind) {
        let path = kind.path
        let quota = quota(kind)
        while true {
            self[keyPath: path].trim()
            if self[keyPath: path].count > quota {
                demoteWorst(kind)
                continue
            }
            guard let best = self[keyPath: path].reserve.min else { break }
            let group = groupKey(of: best)
            switch verdict(of: best, in: kind) {
            case .discard:
                self[keyPath: path].reserve.removeMin()
                continue
            case .park:
                self[keyPath: path].reserve.removeMin()
                self[keyPath: path].park(best, group: group)
                continue
            case .eligible:
                break
            }
            if let member = self[keyPath: path].member(ofGroup: group) {
                // Only one card per group is selected: keep the better one, park the other.
                self[keyPath: path].reserve.removeMin()
                if best < member {
                    self[keyPath: path].removeGroup(group)
                    self[keyPath: path].park(member, group: group)
                    self[keyPath: path].admit(best, group: group)
                } else {
                    self[keyPath: path].park(best, group: group)
                }
                continue
            }
            if self[keyPath: path].count < quota {
                self[keyPath: path].reserve.removeMin()
                admit(best, group: group, kind: kind)
                continue
            }
            guard let worst = self[keyPath: path].worst, best < worst else { break }
            self[keyPath: path].reserve.removeMin()
            admit(best, group: group, kind: kind)
            demoteWorst(kind)
        }
    }

    private mutating func admit(_ entry: QueueEntry, group: String, kind: StreamKind) {
        self[keyPath: kind.path].admit(entry, group: group)
        if kind == .review, limits.burySiblings, let member = newCards.removeGroup(group) {
            // A fact with a review today gets no new card; the new card waits in case the review leaves.
            newCards.park(member.entry, group: group)
        }
    }

    private mutating func demoteWorst(_ kind: StreamKind) {
        guard let member = self[keyPath: kind.path].popWorst() else { return }
        self[keyPath: kind.path].reserve.insert(member.entry)
        unpark(group: member.group)
    }
}

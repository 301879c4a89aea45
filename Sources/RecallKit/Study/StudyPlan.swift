import Foundation

/// Joins a compiled deck with its progress: the queue candidates for today and what was
/// already done today. Pure: deck, progress, time and settings in, values out.
public enum StudyPlan {
    /// One candidate per card that `include` accepts, in deck order (new cards are introduced
    /// in the order the author wrote them); each candidate's `place` is its card's index.
    public static func candidates(cards: [Card], progress: ProgressState, scheduler: any Scheduler, now: Date,
                                  include: ((Card) -> Bool)? = nil) -> [QueueCandidate] {
        plan(cards: cards, progress: progress, scheduler: scheduler, studyDay: nil, now: now, include: include).candidates
    }

    /// The probability of recall now; for schedulers without a memory model (SM-2), an
    /// estimate from how far past its interval the card is.
    public static func retrievability(_ state: SchedulingState, scheduler: any Scheduler, now: Date) -> Double {
        if state.phase == .new { return 0 }
        if let value = scheduler.retrievability(of: state, at: now) { return value }
        guard let last = state.lastReview else { return 0 }
        let interval = max(60, state.due.timeIntervalSince(last))
        return pow(0.9, max(0, now.timeIntervalSince(last)) / interval)
    }

    /// New cards first answered today, reviews done today and the facts answered today.
    public static func dailyProgress(cards: [Card], progress: ProgressState, studyDay: StudyDay, now: Date) -> DailyProgress {
        let today = Today(studyDay: studyDay, now: now)
        var daily = DailyProgress()
        cards.withUnsafeBufferPointer { cards in
            for card in cards.indices {
                today.count(progress.progress(of: cards[card].id), factID: cards[card].factID, into: &daily)
            }
        }
        return daily
    }

    /// `candidates` and `dailyProgress` in one pass, with one progress look-up per card: what a
    /// study session does when it opens. On a 100,000-card deck the look-ups (mostly cache
    /// misses) are most of the cost, so doing them once matters. Without `include`, every card.
    /// `scatteredLookups` counts cards whose progress was not stored in deck order (see
    /// `ProgressStore.keepSnapshotInOrder`).
    public static func plan(cards: [Card], progress: ProgressState, scheduler: any Scheduler, studyDay: StudyDay, now: Date,
                            include: ((Card) -> Bool)? = nil)
        -> (candidates: [QueueCandidate], daily: DailyProgress, scatteredLookups: Int) {
        plan(cards: cards, progress: progress, scheduler: scheduler, studyDay: Optional(studyDay), now: now, include: include)
    }

    /// Without a study day, only the candidates.
    private static func plan(cards: [Card], progress: ProgressState, scheduler: any Scheduler, studyDay: StudyDay?, now: Date,
                             include: ((Card) -> Bool)?)
        -> (candidates: [QueueCandidate], daily: DailyProgress, scatteredLookups: Int) {
        let today = studyDay.map { Today(studyDay: $0, now: now) }
        var daily = DailyProgress()
        var result: [QueueCandidate] = []
        result.reserveCapacity(cards.count)
        var order = 0
        // Through a buffer, not `for card in cards` or `cards[index]`: those copy the whole
        // `Card`, retaining and releasing every string in it, 100,000 times.
        // Calling `include` copies the whole `Card` (every String retained and released), so a
        // session that takes every card passes none.
        let scattered = cards.withUnsafeBufferPointer { cards -> Int in
            guard let first = cards.baseAddress else { return 0 }
            return progress.cards.forEachValue(count: cards.count, id: { first[$0].id }) { index, found in
                let card = first + index
                let state = found ?? .new
                today?.count(state, factID: card.pointee.factID, into: &daily)
                if let include, !include(card.pointee) { return }
                result.append(candidate(id: card.pointee.id, factID: card.pointee.factID, state, scheduler: scheduler, now: now,
                                        order: order, place: index))
                order += 1
            }
        }
        return (result, daily, scattered)
    }

    private static func candidate(id: CardID, factID: String, _ state: CardProgress, scheduler: any Scheduler, now: Date,
                                  order: Int, place: Int) -> QueueCandidate {
        QueueCandidate(
            cardID: id.rawValue, siblingKey: factID, phase: state.scheduling.phase,
            due: state.scheduling.due,
            retrievability: retrievability(state.scheduling, scheduler: scheduler, now: now),
            lapses: state.scheduling.lapses, isSuspended: state.isSuspended,
            buriedUntilDay: state.buriedUntilDay, newCardOrder: order, place: place)
    }

    /// Today's bounds, computed once: calendar arithmetic per card is slow.
    private struct Today {
        let start: Date
        let end: Date

        init(studyDay: StudyDay, now: Date) {
            let today = studyDay.dayNumber(for: now)
            start = studyDay.start(ofDay: today)
            end = studyDay.start(ofDay: today + 1)
        }

        func count(_ state: CardProgress, factID: @autoclosure () -> String, into daily: inout DailyProgress) {
            guard let last = state.scheduling.lastReview, last >= start, last < end else { return }
            daily.answeredSiblingKeys.insert(factID())
            if let first = state.firstReview, first >= start, first < end {
                daily.newCardsSeen += 1
            } else {
                daily.reviewsDone += 1
            }
        }
    }
}

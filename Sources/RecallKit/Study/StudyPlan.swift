import Foundation

/// Joins a compiled deck with its progress: the queue candidates for today and what was
/// already done today. Pure: deck, progress, time and settings in, values out.
public enum StudyPlan {
    /// One candidate per card that `include` accepts, in deck order (new cards are introduced
    /// in the order the author wrote them).
    public static func candidates(cards: [Card], progress: ProgressState, scheduler: any Scheduler, now: Date,
                                  include: (Card) -> Bool = { _ in true }) -> [QueueCandidate] {
        var result: [QueueCandidate] = []
        result.reserveCapacity(cards.count)
        for (order, card) in cards.enumerated() where include(card) {
            let state = progress.progress(of: card.id)
            result.append(QueueCandidate(
                cardID: card.id.rawValue, siblingKey: card.factID, phase: state.scheduling.phase,
                due: state.scheduling.due,
                retrievability: retrievability(state.scheduling, scheduler: scheduler, now: now),
                lapses: state.scheduling.lapses, isSuspended: state.isSuspended,
                buriedUntilDay: state.buriedUntilDay, newCardOrder: order))
        }
        return result
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
        // The day's bounds once, then plain comparisons: calendar arithmetic per card is slow.
        let today = studyDay.dayNumber(for: now)
        let start = studyDay.start(ofDay: today), end = studyDay.start(ofDay: today + 1)
        var daily = DailyProgress()
        for card in cards {
            let state = progress.progress(of: card.id)
            guard let last = state.scheduling.lastReview, last >= start, last < end else { continue }
            daily.answeredSiblingKeys.insert(card.factID)
            if let first = state.firstReview, first >= start, first < end {
                daily.newCardsSeen += 1
            } else {
                daily.reviewsDone += 1
            }
        }
        return daily
    }
}

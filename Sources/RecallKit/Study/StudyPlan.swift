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
        var order = 0
        // By index, not `for card in cards`: copying a whole `Card` retains every string in it.
        for index in cards.indices where include(cards[index]) {
            result.append(candidate(cards[index], progress.progress(of: cards[index].id), scheduler: scheduler, now: now, order: order))
            order += 1
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
        let today = Today(studyDay: studyDay, now: now)
        var daily = DailyProgress()
        for index in cards.indices {
            today.count(progress.progress(of: cards[index].id), factID: cards[index].factID, into: &daily)
        }
        return daily
    }

    /// `candidates` and `dailyProgress` in one pass, with one progress look-up per card: what a
    /// study session does when it opens. On a 100,000-card deck the look-ups (a String-keyed
    /// dictionary, mostly cache misses) are most of the cost, so doing them once matters.
    public static func plan(cards: [Card], progress: ProgressState, scheduler: any Scheduler, studyDay: StudyDay, now: Date,
                            include: (Card) -> Bool = { _ in true }) -> (candidates: [QueueCandidate], daily: DailyProgress) {
        let today = Today(studyDay: studyDay, now: now)
        var daily = DailyProgress()
        var result: [QueueCandidate] = []
        result.reserveCapacity(cards.count)
        var order = 0
        for index in cards.indices {
            let state = progress.progress(of: cards[index].id)
            today.count(state, factID: cards[index].factID, into: &daily)
            guard include(cards[index]) else { continue }
            result.append(candidate(cards[index], state, scheduler: scheduler, now: now, order: order))
            order += 1
        }
        return (result, daily)
    }

    private static func candidate(_ card: Card, _ state: CardProgress, scheduler: any Scheduler, now: Date, order: Int) -> QueueCandidate {
        QueueCandidate(
            cardID: card.id.rawValue, siblingKey: card.factID, phase: state.scheduling.phase,
            due: state.scheduling.due,
            retrievability: retrievability(state.scheduling, scheduler: scheduler, now: now),
            lapses: state.scheduling.lapses, isSuspended: state.isSuspended,
            buriedUntilDay: state.buriedUntilDay, newCardOrder: order)
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

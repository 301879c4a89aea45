import Foundation

/// Rebuilds every card's progress from journal events in one pass: the journal is the truth,
/// snapshots are a cache of this function's result.
///
/// Undone events are skipped, relinked cards' histories follow them, and interval fuzz is
/// seeded from the card id and review count, so a replay reproduces exactly the due dates the
/// learner was shown.
///
///     let state = ProgressReplayer(scheduler: FSRSScheduler()).replay(events)
public struct ProgressReplayer: Sendable {
    public var scheduler: any Scheduler
    public var schedulerName: String
    public var leechPolicy: LeechPolicy

    public init(scheduler: any Scheduler, schedulerName: String = "fsrs-6", leechPolicy: LeechPolicy = LeechPolicy()) {
        self.scheduler = scheduler
        self.schedulerName = schedulerName
        self.leechPolicy = leechPolicy
    }

    /// The fuzz seed of a card: fixed per card so replays agree with what was shown.
    public static func fuzzSeed(for card: CardID) -> UInt64 {
        // `StableHash.of([card.rawValue]).value`, without the array: replay calls this per review.
        var raw = card.rawValue
        return raw.withUTF8 { CardSlots.fuzzSeed(utf8: $0) }
    }

    /// Replays `events` (in journal order) on top of `initial`.
    public func replay(_ events: [JournalEvent], onto initial: ProgressState = ProgressState(), keepLog: Bool = false) -> ProgressState {
        var state = initial
        var undone: Set<String> = []
        for event in events {
            if case .undo(let target) = event.action { undone.insert(target) }
            if case .relink(let from, let to) = event.action { state.relinks[from] = to }
        }
        for event in events where !undone.contains(event.id) {
            apply(event, to: &state, keepLog: keepLog)
        }
        return state
    }

    /// Applies one event (already known not to be undone).
    public func apply(_ event: JournalEvent, to state: inout ProgressState, keepLog: Bool = false) {
        state.eventCount += 1
        state.lastEventID = event.id
        switch event.action {
        case .review(let rawCard, let rating, let duration, _, _):
            let card = state.resolve(rawCard)
            var progress = state.cards[card] ?? .new
            let before = progress.scheduling
            let date = event.date
            review(&progress, rating: rating, at: date, seed: Self.fuzzSeed(for: card))
            state.cards[card] = progress
            state.reviewCount += 1
            state.activeQuarterHours.insert(event.time / ProgressState.quarterHour)
            if keepLog {
                let elapsed = before.lastReview.map { max(0, date.timeIntervalSince($0) / 86_400) } ?? 0
                state.log.append(ReviewLogEntry(
                    eventID: event.id, card: card, time: event.time, rating: rating, durationMilliseconds: duration,
                    phaseBefore: before.phase, stabilityBefore: before.stability, elapsedDays: elapsed))
            }
        case .undo:
            break
        case .suspend(let card):
            state.cards[state.resolve(card), default: .new].isSuspended = true
        case .unsuspend(let card):
            state.cards[state.resolve(card), default: .new].isSuspended = false
        case .bury(let card, let day):
            state.cards[state.resolve(card), default: .new].buriedUntilDay = day
        case .relink(let from, let to):
            // Replay already resolves `from` to `to`; move any state gathered under the old id
            // before the relink was known (a snapshot taken between the two).
            let target = state.resolve(to)
            if let moved = state.cards.removeValue(forKey: from), state.cards[target] == nil {
                state.cards[target] = moved
            }
            state.relinks[from] = to
        case .cardText(let card, let variant, let prompt, let answer):
            state.cardTexts[card] = CardText(variant: variant, prompt: prompt, answer: answer)
        }
    }
}

extension ProgressReplayer {
    /// One review of one card: the scheduler's new state, and what a review also changes.
    /// Both replay paths and `ProgressStore.record` go through here.
    func review(_ progress: inout CardProgress, rating: Rating, at date: Date, seed: UInt64) {
        progress.scheduling = scheduler.review(progress.scheduling, rating: rating, at: date, seed: seed)
        progress.buriedUntilDay = nil
        if progress.firstReview == nil { progress.firstReview = date }
        if progress.scheduling.lapses >= leechPolicy.threshold {
            if !progress.isLeech, leechPolicy.suspends { progress.isSuspended = true }
            progress.isLeech = true
        }
    }

    /// Replays parsed journal records on top of `initial`, with the same result as
    /// `replay(_:onto:keepLog:)` on the same lines as events. Cards are array slots here, and
    /// only the cards the records touch are read from or written back to `initial`, so a short
    /// tail after a snapshot costs what the tail costs.
    func replay(_ journal: ParsedJournal, onto initial: ProgressState = ProgressState(), keepLog: Bool = false) -> ProgressState {
        var state = initial
        var slots = journal.cards
        // Undo targets and relinks first, as the event replay does.
        let undone = Set(journal.undoTargets)
        let undoneSeeds = Set(journal.undoTargets.map { target in
            var target = target
            return target.withUTF8 { CardSlots.fuzzSeed(utf8: $0) }
        })
        for record in journal.records where record.kind == .relink {
            state.relinks[slots.ids[Int(record.card)]] = slots.ids[Int(record.other)]
        }
        let followsRelinks = !state.relinks.isEmpty
        // Where each spelling's history is now (a card) and the seed it is reviewed with (the
        // resolved id's), valid while `resolvedIn[spelling] == generation`: a relink event
        // changes the map mid-replay, as in `apply`, so it starts a new generation.
        var resolved = [Int32](repeating: -1, count: slots.count)
        var resolvedIn = [Int32](repeating: -1, count: slots.count)
        var generation: Int32 = 0
        var progress = [CardProgress?](repeating: nil, count: slots.cardCount)
        var touched = [Bool](repeating: false, count: slots.cardCount)
        let readsInitial = !initial.cards.isEmpty

        func grow() {
            if slots.count > resolved.count {
                resolved.append(contentsOf: repeatElement(-1, count: slots.count - resolved.count))
                resolvedIn.append(contentsOf: repeatElement(-1, count: slots.count - resolvedIn.count))
            }
            if slots.cardCount > progress.count {
                progress.append(contentsOf: repeatElement(nil, count: slots.cardCount - progress.count))
                touched.append(contentsOf: repeatElement(false, count: slots.cardCount - touched.count))
            }
        }
        /// The spelling whose card holds `spelling`'s history now, following relinks.
        func holder(_ spelling: Int32) -> Int {
            var current = Int(spelling)
            if followsRelinks {
                if resolvedIn[current] != generation {
                    let found = slots.slot(for: state.resolve(slots.ids[current]))
                    grow()
                    resolved[current] = found
                    resolvedIn[current] = generation
                }
                current = Int(resolved[current])
            }
            touch(Int(slots.cardOf[current]))
            return current
        }
        func touch(_ card: Int) {
            guard !touched[card] else { return }
            touched[card] = true
            if readsInitial { progress[card] = initial.cards[slots.cardIDs[card]] }
        }

        var lastApplied: Int?
        var lastQuarterHour: Int64?
        if keepLog { state.log.reserveCapacity(state.log.count + journal.records.count) }
        journal.bytes.withUnsafeBufferPointer { bytes in
            for (index, record) in journal.records.enumerated() {
                if !undone.isEmpty {
                    let seed: UInt64 = record.idStart < 0
                        ? { var id = journal.decodedIDs[-record.idStart - 1]; return id.withUTF8 { CardSlots.fuzzSeed(utf8: $0) } }()
                        : CardSlots.fuzzSeed(utf8: UnsafeBufferPointer(rebasing: bytes[record.idStart..<(record.idStart + Int(record.idLength))]))
                    if undoneSeeds.contains(seed), undone.contains(journal.eventID(record)) { continue }
                }
                state.eventCount += 1
                lastApplied = index
                switch record.kind {
                case .review:
                    let spelling = holder(record.card)
                    let card = Int(slots.cardOf[spelling])
                    var cardProgress = progress[card] ?? .new
                    let before = cardProgress.scheduling
                    let date = Date(timeIntervalSince1970: Double(record.time) / 1000)
                    review(&cardProgress, rating: record.rating, at: date, seed: slots.seeds[spelling])
                    progress[card] = cardProgress
                    state.reviewCount += 1
                    let quarterHour = record.time / ProgressState.quarterHour
                    if quarterHour != lastQuarterHour {
                        state.activeQuarterHours.insert(quarterHour)
                        lastQuarterHour = quarterHour
                    }
                    if keepLog {
                        let elapsed = before.lastReview.map { max(0, date.timeIntervalSince($0) / 86_400) } ?? 0
                        state.log.append(ReviewLogEntry(
                            eventID: journal.eventID(record), card: slots.ids[spelling], time: record.time, rating: record.rating,
                            durationMilliseconds: record.number, phaseBefore: before.phase, stabilityBefore: before.stability,
                            elapsedDays: elapsed))
                    }
                case .undo:
                    break
                case .suspend, .unsuspend:
                    let card = Int(slots.cardOf[holder(record.card)])
                    var cardProgress = progress[card] ?? .new
                    cardProgress.isSuspended = record.kind == .suspend
                    progress[card] = cardProgress
                case .bury:
                    let card = Int(slots.cardOf[holder(record.card)])
                    var cardProgress = progress[card] ?? .new
                    cardProgress.buriedUntilDay = record.number
                    progress[card] = cardProgress
                case .relink:
                    // As in `apply`: state gathered under the old id moves, unless the new one has some.
                    let from = Int(slots.cardOf[Int(record.card)])
                    touch(from)
                    let target = Int(slots.cardOf[holder(record.other)])
                    state.relinks[slots.ids[Int(record.card)]] = slots.ids[Int(record.other)]
                    generation += 1
                    let moved = progress[from]
                    progress[from] = nil
                    if let moved, progress[target] == nil { progress[target] = moved }
                case .cardText:
                    state.cardTexts[slots.ids[Int(record.card)]] = journal.texts[Int(record.other)]
                }
            }
        }
        if let lastApplied { state.lastEventID = journal.eventID(journal.records[lastApplied]) }
        // Room for twice the cards, as the snapshot reader does: look-ups stay short.
        if !readsInitial { state.cards.reserveCapacity(2 * slots.cardCount) }
        for card in touched.indices where touched[card] {
            if let cardProgress = progress[card] {
                state.cards[slots.cardIDs[card]] = cardProgress
            } else if readsInitial {
                state.cards.removeValue(forKey: slots.cardIDs[card])
            }
        }
        return state
    }
}

/// What a card asked, as recorded when it was first reviewed.
public struct CardText: Hashable, Codable, Sendable {
    public var variant: String
    public var prompt: String
    public var answer: String

    public init(variant: String, prompt: String, answer: String) {
        self.variant = variant
        self.prompt = prompt
        self.answer = answer
    }
}

/// The replayed state of one deck's progress.
public struct ProgressState: Hashable, Sendable {
    /// Each card's progress, by id (a ``CardTable``: flat arrays, no String per key).
    public var cards = CardTable<CardProgress>()
    /// What each reviewed card asked, for re-linking after deck edits.
    public var cardTexts = CardTextTable()
    /// Old card id → new card id, for histories moved after a deck edit.
    public var relinks: [CardID: CardID] = [:]
    public var eventCount = 0
    public var reviewCount = 0
    public var lastEventID: String?
    /// Every review in order; filled only when asked for (stats and exports).
    public var log: [ReviewLogEntry] = []
    /// The quarter hours (since the epoch) in which the learner reviewed: enough to count study
    /// days and streaks in any time zone without keeping every review in memory.
    public var activeQuarterHours: Set<Int64> = []
    public static let quarterHour: Int64 = 15 * 60 * 1000

    /// The study days on which the learner reviewed at least once.
    public func studyDays(_ studyDay: StudyDay) -> Set<Int> {
        Set(activeQuarterHours.map { studyDay.dayNumber(for: Date(timeIntervalSince1970: Double($0 * Self.quarterHour) / 1000)) })
    }

    /// Consecutive study days with reviews, ending today (or yesterday, if not yet today).
    public func streak(_ studyDay: StudyDay, now: Date) -> Int {
        let days = studyDays(studyDay)
        var day = studyDay.dayNumber(for: now)
        if !days.contains(day) { day -= 1 }
        var count = 0
        while days.contains(day) { count += 1; day -= 1 }
        return count
    }

    public init() {}

    /// Follows relinks to the card id that holds a history now.
    public func resolve(_ card: CardID) -> CardID {
        var current = card
        var hops = 0
        while let next = relinks[current], next != current, hops < 64 {
            current = next
            hops += 1
        }
        return current
    }

    public func progress(of card: CardID) -> CardProgress {
        cards[card] ?? .new
    }
}

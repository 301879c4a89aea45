import Foundation

/// A study session over one or more decks: which card comes next, recording answers (saved
/// before they are acknowledged), undo, skip, suspend and the closing summary. The front end
/// only reads lines and prints; everything here is testable without a terminal.
///
///     let session = StudySession(decks: [(deck, store)], settings: settings, scheduler: scheduler,
///                                studyDay: StudyDay(timeZone: .current), now: now)
///     while let card = session.nextCard(now: now) { … try session.answer(card, rating: .good, …) }
public final class StudySession {
    public struct OpenDeck {
        public var deck: CompiledDeck
        public let store: ProgressStore

        public init(deck: CompiledDeck, store: ProgressStore) {
            self.deck = deck
            self.store = store
        }
    }

    /// What a session did, for the summary printed at the end.
    public struct Summary: Equatable, Sendable {
        public var reviewed = 0
        public var correct = 0
        public var judged = 0
        public var newCardsLearned = 0
        public var timeSpent: TimeInterval = 0
        public var dueTomorrow = 0
        public var dueThisWeek = 0
        public var streak = 0

        public var correctPercentage: Int? { judged == 0 ? nil : Int((Double(correct) / Double(judged) * 100).rounded()) }
    }

    public private(set) var decks: [OpenDeck]
    public let settings: StudySettings
    public let scheduler: any Scheduler
    public let studyDay: StudyDay
    /// Review ahead: not-yet-due cards, weakest first. Answers are not recorded, so the
    /// schedule does not change.
    public let isCramming: Bool
    /// Which cards to ask; nil: all.
    private let include: (@Sendable (Card) -> Bool)?
    private var limits: QueueLimits
    private var queue: DailyQueue
    private var cram: CramQueue?
    /// Where each card is, by id: deck index in the high 32 bits, card index in the low ones
    /// (the form of `QueueCandidate.place`). Built on first use: the queue's candidates carry
    /// their place, so only undo needs it, and filling it for 100,000 cards at every start counts.
    private var location: CardTable<Int>?
    /// A card to show before anything else (the one an undo brought back).
    private var pending: String?
    /// What this session answered, newest last, for undo and the summary.
    private var answered: [(card: String, countedCorrect: Bool, isNew: Bool, duration: TimeInterval)] = []
    public private(set) var summary = Summary()

    public init(decks: [OpenDeck], settings: StudySettings, scheduler: any Scheduler, studyDay: StudyDay, now: Date,
                limits: QueueLimits? = nil, cram: Bool = false, include: (@Sendable (Card) -> Bool)? = nil) {
        self.decks = decks
        self.settings = settings
        self.scheduler = scheduler
        self.studyDay = studyDay
        self.isCramming = cram
        self.include = include
        self.limits = limits ?? settings.queueLimits
        self.queue = DailyQueue(candidates: [], now: now, studyDay: studyDay, limits: self.limits)
        rebuild(now: now)
    }

    /// Rebuilds the queue from the decks and their progress: at start, after undo and after
    /// a deck is reloaded. Answers in between update it incrementally.
    private func rebuild(now: Date) {
        location = nil
        var candidates: [QueueCandidate] = []
        var daily = DailyProgress()
        for (deckIndex, open) in decks.enumerated() {
            let cards = open.deck.cards
            var (deckCandidates, deckDaily, scattered) = StudyPlan.plan(cards: cards, progress: open.store.state, scheduler: scheduler,
                                                                         studyDay: studyDay, now: now, include: include)
            open.store.keepSnapshotInOrder(of: cards, isScattered: scattered > 0)
            // New cards from several decks interleave by position rather than deck by deck.
            for index in deckCandidates.indices {
                deckCandidates[index].newCardOrder = deckCandidates[index].newCardOrder * decks.count + deckIndex
                deckCandidates[index].place = Self.place(deck: deckIndex, card: deckCandidates[index].place!)
            }
            if candidates.isEmpty { candidates = deckCandidates } else { candidates += deckCandidates }
            daily.newCardsSeen += deckDaily.newCardsSeen
            daily.reviewsDone += deckDaily.reviewsDone
            if daily.answeredSiblingKeys.isEmpty {
                daily.answeredSiblingKeys = deckDaily.answeredSiblingKeys
            } else {
                daily.answeredSiblingKeys.formUnion(deckDaily.answeredSiblingKeys)
            }
        }
        if isCramming {
            cram = CramQueue(candidates: candidates, now: now, studyDay: studyDay)
        } else {
            queue = DailyQueue(candidates: candidates, progress: daily, now: now, studyDay: studyDay, limits: limits)
        }
    }

    public func card(withID id: String) -> (card: Card, deck: Int)? {
        if location == nil {
            var table = CardTable<Int>(minimumCapacity: decks.reduce(0) { $0 + $1.deck.cards.count })
            for (deckIndex, open) in decks.enumerated() {
                open.deck.cards.withUnsafeBufferPointer { cards in
                    for cardIndex in cards.indices { table[cards[cardIndex].id] = Self.place(deck: deckIndex, card: cardIndex) }
                }
            }
            location = table
        }
        return location![CardID(rawValue: id)].flatMap(card(at:))
    }

    /// A card's `QueueCandidate.place`: deck index in the high 32 bits, card index in the low ones.
    private static func place(deck: Int, card: Int) -> Int {
        deck << 32 | card
    }

    /// The card at a `QueueCandidate.place`, or nil if no deck has that place (any more).
    private func card(at place: Int) -> (card: Card, deck: Int)? {
        let deck = place >> 32, card = place & 0xFFFF_FFFF
        guard decks.indices.contains(deck), decks[deck].deck.cards.indices.contains(card) else { return nil }
        return (decks[deck].deck.cards[card], deck)
    }

    /// The next card to show, or nil when the session is done.
    public func nextCard(now: Date) -> (card: Card, deck: Int)? {
        if let pending, let found = card(withID: pending) { return found }
        guard let candidate = isCramming ? cram?.next() : queue.next(now: now) else { return nil }
        // A candidate made outside `rebuild` (an answer's update of a card new to the queue) may
        // not know its place; the id then finds it.
        if let place = candidate.place, let found = card(at: place), found.card.id.rawValue == candidate.cardID { return found }
        return card(withID: candidate.cardID)
    }

    /// Cards left today: new, learning, review.
    public var remaining: DailyQueue.RemainingCounts {
        if isCramming { return .init(new: 0, learning: 0, review: cram?.remaining ?? 0) }
        return queue.remaining
    }

    /// When the next learning card comes due, if the queue is only waiting for one.
    public var nextLearningDue: Date? { isCramming ? nil : queue.nextLearningDue }

    public func progress(of card: Card, deck: Int) -> CardProgress {
        decks[deck].store.state.progress(of: card.id)
    }

    /// The interval each grade would give, from now.
    public func intervals(for card: Card, deck: Int, now: Date) -> [Rating: TimeInterval] {
        let state = progress(of: card, deck: deck).scheduling
        let preview = scheduler.preview(state, at: now, seed: ProgressReplayer.fuzzSeed(for: card.id))
        return Dictionary(uniqueKeysWithValues: Rating.allCases.map { ($0, max(0, preview[$0].due.timeIntervalSince(now))) })
    }

    /// Records an answer. Returns only after the journal is on disk; throws (and records
    /// nothing) otherwise. In cram mode nothing is written.
    @discardableResult
    public func answer(_ card: Card, deck: Int, rating: Rating, response: String?, correct: Bool?, duration: TimeInterval,
                       now: Date) throws(ProgressError) -> CardProgress {
        let before = progress(of: card, deck: deck)
        var after = before
        if !isCramming {
            let text = CardText(variant: card.variant, prompt: card.question.prompt, answer: card.answer)
            after = try decks[deck].store.review(card: card.id, rating: rating, durationMilliseconds: Int(duration * 1000),
                                                answer: response, text: text, at: now)
        }
        pending = nil
        // Self-graded flashcards count as right unless graded Again.
        let countedCorrect = correct ?? (rating != .again)
        answered.append((card.id.rawValue, countedCorrect, before.scheduling.phase == .new, duration))
        summary.reviewed += 1
        summary.timeSpent += duration
        summary.judged += 1
        if countedCorrect { summary.correct += 1 }
        if before.scheduling.phase == .new { summary.newCardsLearned += 1 }
        if isCramming {
            cram?.record(answered: card.id.rawValue)
        } else {
            var updated = StudyPlan.candidates(cards: [card], progress: decks[deck].store.state, scheduler: scheduler, now: now).first
            updated?.place = nil  // its index in `[card]`; the queue keeps the one it had
            _ = queue.record(answered: card.id.rawValue, updated: updated, now: now)
        }
        return after
    }

    /// Takes back the last answer of this session and shows its card again next.
    public func undo(now: Date) throws(ProgressError) -> Card? {
        guard let last = answered.last, let found = card(withID: last.card) else { return nil }
        if !isCramming {
            guard try decks[found.deck].store.undoLastReview(at: now) != nil else { return nil }
        }
        answered.removeLast()
        summary.reviewed -= 1
        summary.timeSpent -= last.duration
        summary.judged -= 1
        if last.countedCorrect { summary.correct -= 1 }
        if last.isNew { summary.newCardsLearned -= 1 }
        rebuild(now: now)
        pending = last.card
        return found.card
    }

    public var canUndo: Bool { !answered.isEmpty }

    /// `:skip`: hide the card until the next study day.
    public func skip(_ card: Card, deck: Int, now: Date) throws(ProgressError) {
        if !isCramming {
            try decks[deck].store.record(.bury(card: card.id, untilDay: studyDay.dayNumber(for: now) + 1), at: now)
            queue.bury(card.id.rawValue)
        } else {
            cram?.record(answered: card.id.rawValue)
        }
        if pending == card.id.rawValue { pending = nil }
    }

    /// `:suspend`: stop showing the card.
    public func suspend(_ card: Card, deck: Int, now: Date) throws(ProgressError) {
        try decks[deck].store.record(.suspend(card: card.id), at: now)
        if isCramming { cram?.record(answered: card.id.rawValue) } else { queue.suspend(card.id.rawValue) }
        if pending == card.id.rawValue { pending = nil }
    }

    /// Swaps in a recompiled deck (after `:edit`) and rebuilds the queue.
    public func replaceDeck(at index: Int, with deck: CompiledDeck, now: Date) {
        decks[index].deck = deck
        rebuild(now: now)
    }

    /// The summary, with what is due tomorrow and this week and the streak, as of `now`.
    public func finish(now: Date) -> Summary {
        var result = summary
        let today = studyDay.dayNumber(for: now)
        let endOfTomorrow = studyDay.start(ofDay: today + 2)
        let endOfWeek = studyDay.start(ofDay: today + 8)
        let startOfTomorrow = studyDay.start(ofDay: today + 1)
        var days: Set<Int> = []
        for open in decks {
            // Through a buffer and a block at a time, as `StudyPlan.plan` does: `for card in cards`
            // copied every Card, and one look-up at a time waited on every cache miss.
            let progress = open.store.state.cards
            open.deck.cards.withUnsafeBufferPointer { cards in
                guard let first = cards.baseAddress else { return }
                progress.forEachValue(count: cards.count, id: { first[$0].id }) { _, found in
                    guard let state = found, state.scheduling.phase != .new, !state.isSuspended else { return }
                    let due = state.scheduling.due
                    if due >= startOfTomorrow && due < endOfTomorrow { result.dueTomorrow += 1 }
                    if due < endOfWeek && due >= startOfTomorrow { result.dueThisWeek += 1 }
                }
            }
            days.formUnion(open.store.state.studyDays(studyDay))
        }
        var day = today
        if !days.contains(day) { day -= 1 }
        while days.contains(day) { result.streak += 1; day -= 1 }
        return result
    }

    /// Writes snapshots and releases every deck's lock.
    public func close() {
        for open in decks { open.store.close() }
    }
}

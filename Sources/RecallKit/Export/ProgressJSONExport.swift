import Foundation

/// A deck's whole progress as one JSON document: every card's current state (with the
/// predicted recall probability at export time) and the full review log.
///
/// Shape, version 1 (keys sorted; absent optional values are omitted):
///
///     {
///       "schema": "recall-progress", "schemaVersion": 1,
///       "exportedAt": "2026-11-25T09:00:00Z",
///       "deck": {"id": "great-purge", "title": "The Great Purge"},
///       "desiredRetention": 0.9,
///       "cards": [{
///         "id": "fcaab8922ac2eef6", "fact": "kirov", "variant": "qa.flash", "kind": "flashcard",
///         "topic": "People", "prompt": "…", "answer": "…", "inDeck": true,
///         "phase": "review", "due": "2026-12-01T09:00:00Z", "lastReview": "…",
///         "reps": 5, "lapses": 1, "stability": 12.3, "difficulty": 5.1,
///         "ease": 2.5, "intervalDays": 8,                      // SM-2 only
///         "retrievability": 0.93, "suspended": false, "leech": false, "buriedUntilDay": 20783
///       }],
///       "reviews": [{
///         "event": "m1x…", "card": "fcaab8922ac2eef6", "time": 1795597200000,
///         "date": "2026-11-25T09:00:00Z", "rating": 3, "durationMilliseconds": 5400,
///         "phaseBefore": "new", "stabilityBefore": 2.3, "elapsedDays": 0
///       }]
///     }
///
/// Cards come in deck order, then cards with progress that the deck no longer has
/// (`inDeck: false`, prompt from the journal when known) sorted by id; reviews in log order.
///
///     let export = ProgressJSONExport(deck: deck, progress: state, now: now, scheduler: FSRSScheduler())
///     try AtomicFile.write(export.jsonData(), to: "progress.json")
public struct ProgressJSONExport: Codable, Hashable, Sendable {
    public static let schemaVersion = 1

    public var schema = "recall-progress"
    public var schemaVersion = ProgressJSONExport.schemaVersion
    public var exportedAt: String
    public var deck: Deck
    public var desiredRetention: Double?
    public var cards: [CardEntry]
    public var reviews: [ReviewEntry]

    public struct Deck: Codable, Hashable, Sendable {
        public var id: String
        public var title: String
    }

    public struct CardEntry: Codable, Hashable, Sendable {
        public var id: CardID
        public var fact: String?
        public var variant: String?
        public var kind: CardKind?
        public var topic: String?
        public var prompt: String?
        public var answer: String?
        public var inDeck: Bool
        public var phase: CardPhase
        public var due: String
        public var lastReview: String?
        public var reps: Int
        public var lapses: Int
        public var stability: Double?
        public var difficulty: Double?
        public var ease: Double?
        public var intervalDays: Int?
        public var retrievability: Double?
        public var suspended: Bool
        public var leech: Bool
        public var buriedUntilDay: Int?
    }

    public struct ReviewEntry: Codable, Hashable, Sendable {
        public var event: String
        public var card: CardID
        public var time: Int64
        public var date: String
        public var rating: Int
        public var durationMilliseconds: Int
        public var phaseBefore: CardPhase
        public var stabilityBefore: Double?
        public var elapsedDays: Double
    }

    public init(deck: CompiledDeck, progress: ProgressState, now: Date, scheduler: any Scheduler, desiredRetention: Double? = nil) {
        func entry(_ id: CardID, card: Card?, progress cardProgress: CardProgress) -> CardEntry {
            let scheduling = cardProgress.scheduling
            let text = card == nil ? progress.cardTexts[id] : nil
            return CardEntry(
                id: id, fact: card?.factID, variant: card?.variant ?? text?.variant, kind: card?.kind, topic: card?.topic,
                prompt: card?.question.prompt ?? text?.prompt, answer: card?.answer ?? text?.answer, inDeck: card != nil,
                phase: scheduling.phase, due: ExportTimestamp.string(scheduling.due), lastReview: scheduling.lastReview.map(ExportTimestamp.string),
                reps: scheduling.reps, lapses: scheduling.lapses, stability: scheduling.stability, difficulty: scheduling.difficulty,
                ease: scheduling.ease, intervalDays: scheduling.intervalDays,
                retrievability: scheduler.retrievability(of: scheduling, at: now),
                suspended: cardProgress.isSuspended, leech: cardProgress.isLeech, buriedUntilDay: cardProgress.buriedUntilDay)
        }
        var cards = deck.cards.map { entry($0.id, card: $0, progress: progress.progress(of: $0.id)) }
        let inDeck = Set(deck.cards.map(\.id))
        for (id, cardProgress) in progress.cards.sorted(by: { $0.key < $1.key }) where !inDeck.contains(id) {
            cards.append(entry(id, card: nil, progress: cardProgress))
        }
        self.exportedAt = ExportTimestamp.string(now)
        self.deck = Deck(id: deck.deck.id, title: deck.deck.title)
        self.desiredRetention = desiredRetention ?? (scheduler as? FSRSScheduler)?.desiredRetention
        self.cards = cards
        self.reviews = progress.log.map {
            ReviewEntry(event: $0.eventID, card: $0.card, time: $0.time, date: ExportTimestamp.string(milliseconds: $0.time),
                        rating: $0.rating.rawValue, durationMilliseconds: $0.durationMilliseconds, phaseBefore: $0.phaseBefore,
                        stabilityBefore: $0.stabilityBefore, elapsedDays: $0.elapsedDays)
        }
    }

    /// Sorted keys, two-space indentation, a final newline.
    public func jsonData() throws -> Data {
        try CanonicalJSON.data(self)
    }
}

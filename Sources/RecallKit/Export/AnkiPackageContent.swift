import Foundation

/// What an `.apkg` export holds, as plain values: notes, cards with their scheduling, and
/// the review log, in Anki's legacy (schema 11) terms. Built by a pure function, then written
/// by ``AnkiPackageExporter``.
///
/// Mapping from recall:
/// - One note per fact. Cloze facts become Cloze notes (`{{c1::…}}`, one card per blank or
///   blank group); every other fact becomes a Basic note from its flashcard (or, without one,
///   its first question and answer). Chronology questions become Basic notes of their own.
/// - Each Anki card carries the progress of one recall card of the fact: the one with most
///   reviews (a flashcard on ties). Reviews of the other variants are counted in
///   `unmatchedReviews` and not exported, so Anki's history stays one card's history.
/// - Tags: the topic as a hierarchical tag (`Great_Purge::People`) and the fact's tags.
///
///     let content = AnkiPackageContent(deck: deck, progress: state, now: now,
///                                      calendar: StudyCalendar(), scheduler: FSRSScheduler())
///     content.notes.count   // facts
public struct AnkiPackageContent: Hashable, Sendable {
    public var deckID: Int64
    public var deckName: String
    /// Collection creation: the start of the first study day, in seconds since 1970. Review
    /// cards' `due` counts days from it.
    public var creationSeconds: Int64
    /// The study day of `creationSeconds` (days since 1970-01-01).
    public var creationDay: Int
    public var minutesWestAtCreation: Int
    public var dayStartHour: Int
    public var exportMilliseconds: Int64
    public var desiredRetention: Double
    public var learningStepMinutes: [Double]
    public var relearningStepMinutes: [Double]
    public var notes: [AnkiNote]
    public var cards: [AnkiCard]
    public var revlog: [AnkiRevlogEntry]
    /// Reviews of recall cards whose progress no Anki card carries.
    public var unmatchedReviews: Int
}

/// The two note types an export defines.
public enum AnkiNoteType: String, Codable, Hashable, Sendable, CaseIterable {
    /// Fields Front, Back, Source.
    case basic
    /// Fields Text, Back Extra, Source.
    case cloze

    public var name: String { self == .basic ? "Basic (recall)" : "Cloze (recall)" }
    public var fieldNames: [String] { self == .basic ? ["Front", "Back", "Source"] : ["Text", "Back Extra", "Source"] }
    /// Fixed ids, so a second import of the same deck reuses the note types.
    public var id: Int64 { self == .basic ? 1_700_000_000_101 : 1_700_000_000_102 }
}

public struct AnkiNote: Hashable, Sendable {
    public var id: Int64
    /// Stable across exports of the same fact, so re-importing updates instead of duplicating.
    public var guid: String
    public var type: AnkiNoteType
    /// Field values as Anki HTML, in `type.fieldNames` order.
    public var fields: [String]
    public var tags: [String]
    /// The recall fact the note comes from.
    public var fact: String
}

public struct AnkiCard: Hashable, Sendable {
    public var id: Int64
    public var noteID: Int64
    /// Template (Basic: 0) or cloze number minus one.
    public var ordinal: Int
    /// 0 new, 1 learning, 2 review, 3 relearning.
    public var type: Int
    /// 0 new, 1 learning, 2 review, −1 suspended, −3 buried.
    public var queue: Int
    /// New: position; learning and relearning: seconds since 1970; review: days since creation.
    public var due: Int64
    /// Days; 0 for new and learning cards.
    public var interval: Int
    /// Ease in permille (2500 = 250 %); 0 for cards never graduated.
    public var factor: Int
    public var reps: Int
    public var lapses: Int
    /// Learning steps left (Anki's `left`: steps today × 1000 + steps).
    public var left: Int
    /// Anki's card `data` JSON: FSRS memory (`s`, `d`, `dr`, `lrt`) when recall has it.
    public var data: String
    /// The recall card whose progress this is, if any was reviewed.
    public var source: CardID?
}

public struct AnkiRevlogEntry: Hashable, Sendable {
    /// The review time in milliseconds (Anki's convention), made unique.
    public var id: Int64
    public var cardID: Int64
    /// The rating, 1...4.
    public var ease: Int
    /// Interval after the review: days when positive, seconds when negative (learning).
    public var interval: Int
    public var lastInterval: Int
    public var factor: Int
    /// Milliseconds spent answering.
    public var time: Int
    /// 0 learn, 1 review, 2 relearn.
    public var type: Int
}

extension AnkiPackageContent {
    public init(deck: CompiledDeck, progress: ProgressState, now: Date, calendar: StudyCalendar, scheduler: any Scheduler) {
        var indexer = DayIndexer(calendar: calendar)
        let nowMilliseconds = JournalEvent.milliseconds(now)
        let today = indexer.day(milliseconds: nowMilliseconds)
        let fsrs = scheduler as? FSRSScheduler
        let learningSteps = fsrs?.learningSteps ?? [60, 600]
        let relearningSteps = fsrs?.relearningSteps ?? [600]

        var logByCard: [CardID: [ReviewLogEntry]] = [:]
        for entry in progress.log { logByCard[entry.card, default: []].append(entry) }

        // Facts in deck order, with their cards.
        var factOrder: [String] = []
        var cardsByFact: [String: [Card]] = [:]
        for card in deck.cards {
            if cardsByFact[card.factID] == nil { factOrder.append(card.factID) }
            cardsByFact[card.factID, default: []].append(card)
        }

        // Notes and, per Anki card, the recall cards that may lend it their progress.
        var notes: [AnkiNote] = []
        var plannedCards: [(noteIndex: Int, ordinal: Int, candidates: [Card])] = []
        for factID in factOrder {
            let cards = cardsByFact[factID]!
            let guid = StableHash.of(["recall-anki-note", deck.deck.id, factID]).hex
            let tags = AnkiFormatting.tags(topic: cards[0].topic, tags: cards.flatMap(\.tags))
            let source = AnkiFormatting.source(cards[0].citations)
            let noteIndex = notes.count
            if let cloze = AnkiFormatting.cloze(cards) {
                notes.append(AnkiNote(id: 0, guid: guid, type: .cloze,
                                      fields: [cloze.text, AnkiFormatting.html(cards[0].note ?? ""), source], tags: tags, fact: factID))
                for (ordinal, group) in cloze.questions.enumerated() {
                    plannedCards.append((noteIndex, ordinal, group))
                }
            } else {
                let (front, back) = AnkiFormatting.frontAndBack(cards)
                notes.append(AnkiNote(id: 0, guid: guid, type: .basic, fields: [front, back, source], tags: tags, fact: factID))
                plannedCards.append((noteIndex, 0, cards))
            }
        }

        // The collection starts on the earliest study day any exported date needs.
        var representatives: [CardID?] = []
        var firstDay = today
        for planned in plannedCards {
            let chosen = planned.candidates.enumerated().max { left, right in
                let leftReps = progress.progress(of: left.element.id).scheduling.reps
                let rightReps = progress.progress(of: right.element.id).scheduling.reps
                if leftReps != rightReps { return leftReps < rightReps }
                // Ties go to the flashcard, then to the earlier card.
                let leftFlash = left.element.kind == .flashcard, rightFlash = right.element.kind == .flashcard
                if leftFlash != rightFlash { return !leftFlash }
                return left.offset > right.offset
            }?.element
            let reviewed = chosen.map { progress.progress(of: $0.id).scheduling.reps > 0 || logByCard[$0.id] != nil } ?? false
            representatives.append(reviewed ? chosen!.id : nil)
            if reviewed, let id = chosen?.id {
                if let first = logByCard[id]?.first { firstDay = min(firstDay, indexer.day(milliseconds: first.time)) }
                if let last = progress.progress(of: id).scheduling.lastReview {
                    firstDay = min(firstDay, indexer.day(milliseconds: JournalEvent.milliseconds(last)))
                }
            }
        }
        let creation = calendar.start(ofDay: firstDay)

        // Ids: milliseconds from the export time, as Anki derives ids from creation times.
        for index in notes.indices { notes[index].id = nowMilliseconds + Int64(index) }
        var cards: [AnkiCard] = []
        var revlog: [AnkiRevlogEntry] = []
        var usedRevlogIDs = Set<Int64>()
        var exportedReviews = 0
        for (index, planned) in plannedCards.enumerated() {
            let cardID = nowMilliseconds + Int64(index)
            let noteID = notes[planned.noteIndex].id
            guard let source = representatives[index] else {
                cards.append(AnkiCard(id: cardID, noteID: noteID, ordinal: planned.ordinal, type: 0, queue: 0,
                                      due: Int64(planned.noteIndex + 1), interval: 0, factor: 0, reps: 0, lapses: 0, left: 0,
                                      data: "{}", source: nil))
                continue
            }
            let state = progress.progress(of: source)
            cards.append(AnkiScheduling.card(id: cardID, noteID: noteID, ordinal: planned.ordinal, position: planned.noteIndex + 1,
                                             progress: state, source: source, today: today, creationDay: firstDay,
                                             indexer: &indexer, learningSteps: learningSteps.count,
                                             relearningSteps: relearningSteps.count, desiredRetention: fsrs?.desiredRetention))
            let entries = logByCard[source] ?? []
            exportedReviews += entries.count
            for var row in AnkiScheduling.revlog(entries, card: source, ankiCard: cardID, scheduler: scheduler) {
                while usedRevlogIDs.contains(row.id) { row.id += 1 }
                usedRevlogIDs.insert(row.id)
                revlog.append(row)
            }
        }
        revlog.sort { $0.id < $1.id }

        self.init(
            deckID: Int64(StableHash.of(["recall-anki-deck", deck.deck.id]).value & 0x000F_FFFF_FFFF_FFFF) | 0x0001_0000_0000_0000,
            deckName: TerminalSanitizer.clean(deck.deck.title).replacingOccurrences(of: "::", with: ":"),
            creationSeconds: Int64(creation.timeIntervalSince1970.rounded()),
            creationDay: firstDay,
            minutesWestAtCreation: -calendar.timeZone.secondsFromGMT(for: creation) / 60,
            dayStartHour: calendar.dayStartHour,
            exportMilliseconds: nowMilliseconds,
            desiredRetention: fsrs?.desiredRetention ?? 0.9,
            learningStepMinutes: learningSteps.map { $0 / 60 },
            relearningStepMinutes: relearningSteps.map { $0 / 60 },
            notes: notes, cards: cards, revlog: revlog,
            unmatchedReviews: progress.log.count - exportedReviews)
    }
}

/// recall scheduling state → Anki card columns and revlog rows.
enum AnkiScheduling {
    static func card(id: Int64, noteID: Int64, ordinal: Int, position: Int, progress: CardProgress, source: CardID, today: Int,
                     creationDay: Int, indexer: inout DayIndexer, learningSteps: Int, relearningSteps: Int,
                     desiredRetention: Double?) -> AnkiCard {
        let scheduling = progress.scheduling
        let dueSeconds = Int64(scheduling.due.timeIntervalSince1970.rounded())
        let factor = scheduling.ease.map { Int(($0 * 1000).rounded()) } ?? 2500
        let reviewInterval: Int = {
            if let days = scheduling.intervalDays { return max(1, days) }
            if let last = scheduling.lastReview { return max(1, Int((scheduling.due.timeIntervalSince(last) / 86_400).rounded())) }
            return 1
        }()
        var card = AnkiCard(id: id, noteID: noteID, ordinal: ordinal, type: 0, queue: 0, due: Int64(position), interval: 0,
                            factor: 0, reps: scheduling.reps, lapses: scheduling.lapses, left: 0, data: "{}", source: source)
        switch scheduling.phase {
        case .new:
            break
        case .learning:
            let remaining = max(1, learningSteps - (scheduling.step ?? 0))
            (card.type, card.queue, card.due, card.left) = (1, 1, dueSeconds, remaining * 1000 + remaining)
        case .review:
            let dueDay = indexer.day(milliseconds: JournalEvent.milliseconds(scheduling.due))
            (card.type, card.queue, card.due, card.interval, card.factor) = (2, 2, Int64(dueDay - creationDay), reviewInterval, factor)
        case .relearning:
            let remaining = max(1, relearningSteps - (scheduling.step ?? 0))
            let lapsedInterval = scheduling.intervalDays ?? max(1, Int((scheduling.stability ?? 1).rounded()))
            (card.type, card.queue, card.due, card.interval, card.factor, card.left) = (3, 1, dueSeconds, lapsedInterval, factor, remaining * 1000 + remaining)
        }
        if progress.isSuspended {
            card.queue = -1
        } else if let buried = progress.buriedUntilDay, buried > today {
            card.queue = -3
        }
        if let stability = scheduling.stability, let difficulty = scheduling.difficulty {
            var parts = ["\"s\":\(rounded(stability))", "\"d\":\(rounded(difficulty))"]
            if let desiredRetention { parts.append("\"dr\":\(rounded(desiredRetention))") }
            if let last = scheduling.lastReview { parts.append("\"lrt\":\(Int64(last.timeIntervalSince1970.rounded()))") }
            card.data = "{" + parts.joined(separator: ",") + "}"
        }
        return card
    }

    /// Revlog rows for one card's reviews; intervals come from replaying them with `scheduler`.
    static func revlog(_ entries: [ReviewLogEntry], card: CardID, ankiCard: Int64, scheduler: any Scheduler) -> [AnkiRevlogEntry] {
        var state = SchedulingState.new(due: Date(timeIntervalSince1970: 0))
        var lastInterval = 0
        var rows: [AnkiRevlogEntry] = []
        let seed = ProgressReplayer.fuzzSeed(for: card)
        for entry in entries {
            let date = Date(timeIntervalSince1970: Double(entry.time) / 1000)
            let next = scheduler.review(state, rating: entry.rating, at: date, seed: seed)
            let interval: Int
            if next.phase == .review {
                interval = max(1, Int((next.due.timeIntervalSince(date) / 86_400).rounded()))
            } else {
                interval = -max(1, Int(next.due.timeIntervalSince(date).rounded()))
            }
            let type: Int
            switch entry.phaseBefore {
            case .new, .learning: type = 0
            case .review: type = 1
            case .relearning: type = 2
            }
            let factor = next.ease.map { Int(($0 * 1000).rounded()) } ?? (type == 0 && next.phase != .review ? 0 : 2500)
            rows.append(AnkiRevlogEntry(id: entry.time, cardID: ankiCard, ease: entry.rating.rawValue, interval: interval,
                                        lastInterval: lastInterval, factor: factor,
                                        time: min(max(entry.durationMilliseconds, 0), Int(Int32.max)), type: type))
            lastInterval = interval
            state = next
        }
        return rows
    }

    /// Four decimals: enough for Anki, and the same text on every platform.
    static func rounded(_ value: Double) -> String {
        let scaled = (value * 10_000).rounded() / 10_000
        return scaled == scaled.rounded() ? String(Int(scaled)) + ".0" : String(scaled)
    }
}

import Foundation
@testable import RecallKit

/// Synthetic decks and histories shared by the stats and export tests. Built from flashcard,
/// choice, true/false and chronology cards only, so they never depend on the answer checker.
enum SampleStudyData {
    /// 2026-11-25T09:00:00Z, a Wednesday.
    static let now = Date(timeIntervalSince1970: 1_795_597_200)
    static let utc = StudyCalendar(timeZone: TimeZone(identifier: "UTC")!, dayStartHour: 4)

    /// Midnight UTC of the day `offset` days from `now`'s date, plus hours and minutes.
    static func at(_ offset: Int, _ hour: Int = 0, _ minute: Int = 0) -> Date {
        Date(timeIntervalSince1970: 1_795_564_800 + Double(offset) * 86_400 + Double(hour) * 3_600 + Double(minute) * 60)
    }

    static func card(_ deckID: String = "sample", fact: String, variant: String, _ question: CardQuestion, answer: String,
                     topic: String = "", tags: [String] = [], note: String? = nil, citations: [CardCitation] = [], line: Int = 1) -> Card {
        Card(id: CardID(deckID: deckID, factKey: fact, variant: variant), factID: fact, variant: variant, question: question,
             answer: answer, answerKind: nil, topic: topic, tags: tags, note: note, citations: citations, line: line)
    }

    static func fsrs(_ phase: CardPhase, stability: Double, difficulty: Double = 5, due: Date, lastReview: Date?,
                     reps: Int, lapses: Int) -> SchedulingState {
        SchedulingState(phase: phase, step: phase == .relearning || phase == .learning ? 0 : nil,
                        memory: .fsrs(stability: stability, difficulty: difficulty), due: due, lastReview: lastReview,
                        reps: reps, lapses: lapses)
    }

    // MARK: A small deck with hand-set progress, for figures checked by hand

    /// Eight flashcards `a`…`h` in two topics.
    static let handCards: [Card] = "abcdefgh".map { letter in
        card(fact: "fact-\(letter)", variant: "qa.flash", .flashcard(front: "Question \(letter.uppercased())?", back: "Answer \(letter)"),
             answer: "Answer \(letter)", topic: "abcd".contains(letter) ? "History › People" : "History › Trials")
    }

    static func handID(_ letter: Character) -> CardID { handCards[Array("abcdefgh").firstIndex(of: letter)!].id }

    static func entry(_ letter: Character, _ date: Date, _ rating: Rating, _ phase: CardPhase, stability: Double? = nil,
                      elapsed: Double = 0, duration: Int) -> ReviewLogEntry {
        ReviewLogEntry(eventID: "e\(Int(date.timeIntervalSince1970))", card: handID(letter), time: JournalEvent.milliseconds(date),
                       rating: rating, durationMilliseconds: duration, phaseBefore: phase, stabilityBefore: stability, elapsedDays: elapsed)
    }

    /// States chosen so every retrievability is exactly 90 % (elapsed days = stability).
    static var handProgress: ProgressState {
        var state = ProgressState()
        func set(_ letter: Character, _ scheduling: SchedulingState, suspended: Bool = false, leech: Bool = false) {
            state.cards[handID(letter)] = CardProgress(scheduling: scheduling, isSuspended: suspended, isLeech: leech)
        }
        set("a", fsrs(.relearning, stability: 2, due: now.addingTimeInterval(600), lastReview: now.addingTimeInterval(-2 * 86_400), reps: 6, lapses: 2))
        set("b", fsrs(.review, stability: 5, due: at(-3, 10), lastReview: now.addingTimeInterval(-5 * 86_400), reps: 4, lapses: 1))
        set("c", fsrs(.review, stability: 10, due: at(5, 9), lastReview: now.addingTimeInterval(-10 * 86_400), reps: 5, lapses: 1))
        // "d" stays new.
        set("e", fsrs(.review, stability: 1, due: at(1, 9), lastReview: now.addingTimeInterval(-86_400), reps: 9, lapses: 3), suspended: true, leech: true)
        // Due at 02:00 tomorrow: before the 04:00 day start, so still today's study day.
        set("f", fsrs(.review, stability: 3, due: at(1, 2), lastReview: now.addingTimeInterval(-3 * 86_400), reps: 2, lapses: 0))
        set("g", fsrs(.review, stability: 4, due: at(29, 12), lastReview: now.addingTimeInterval(-4 * 86_400), reps: 2, lapses: 0))
        set("h", fsrs(.review, stability: 6, due: at(30, 12), lastReview: now.addingTimeInterval(-6 * 86_400), reps: 2, lapses: 0))
        state.log = [
            entry("b", at(-40, 12), .again, .review, stability: 5, elapsed: 5, duration: 7_000),
            entry("c", at(-10, 12), .hard, .review, stability: 25, elapsed: 25, duration: 4_000),
            entry("a", at(-2, 10), .good, .new, duration: 5_000),
            entry("b", at(-2, 10, 5), .again, .new, duration: 4_000),
            // 03:00 on the 24th belongs to the 23rd's study day.
            entry("b", at(-1, 3), .good, .learning, stability: 0.5, duration: 3_000),
            entry("a", at(-1, 12), .again, .review, stability: 3, elapsed: 1, duration: 6_000),
            entry("a", at(0, 8), .good, .relearning, stability: 1, duration: 2_000),
            entry("c", at(0, 8, 30), .good, .review, stability: 30, elapsed: 30, duration: 1_000),
        ]
        state.reviewCount = state.log.count
        return state
    }

    // MARK: A fuller deck with a replayed history, for golden files and exports

    static let citation = CardCitation(key: "conquest-1990", title: "The Great Terror", location: "ch. 2", evidence: "on 1 December 1934")

    /// Facts of several kinds, as the compiler would produce them (without typed cards).
    static let richDeck: CompiledDeck = {
        let people = "Great Purge › People", trials = "Great Purge › Trials"
        var cards: [Card] = []
        cards.append(card(fact: "kirov", variant: "qa.flash", .flashcard(front: "Who was murdered in Leningrad on 1 December 1934?", back: "Sergei Kirov"),
                          answer: "Sergei Kirov", topic: people, tags: ["ussr"], note: "His death served as the pretext for the purge.", citations: [citation], line: 10))
        cards.append(card(fact: "kirov", variant: "qa.choice", .choice(prompt: "Who was murdered in Leningrad on 1 December 1934?",
                                                                       options: ["Sergei Kirov", "Lev Kamenev", "Nikolai Yezhov", "Genrikh Yagoda"], correct: 0),
                          answer: "Sergei Kirov", topic: people, tags: ["ussr"], citations: [citation], line: 10))
        cards.append(card(fact: "kirov", variant: "qa.truefalse", .truefalse(prompt: "Who was murdered in Leningrad on 1 December 1934?", proposed: "Lev Kamenev", isTrue: false),
                          answer: "Sergei Kirov", topic: people, tags: ["ussr"], citations: [citation], line: 10))
        cards.append(card(fact: "yezhov", variant: "qa.flash", .flashcard(front: "Who headed the NKVD from 1936 to 1938?", back: "Nikolai Yezhov"),
                          answer: "Nikolai Yezhov", topic: people, line: 16))
        cards.append(card(fact: "yezhov", variant: "qa.choice", .choice(prompt: "Who headed the NKVD from 1936 to 1938?",
                                                                        options: ["Genrikh Yagoda", "Nikolai Yezhov", "Lavrentiy Beria", "Sergei Kirov"], correct: 1),
                          answer: "Nikolai Yezhov", topic: people, line: 16))
        cards.append(card(fact: "show-trial", variant: "term.flash", .flashcard(front: "What is meant by “show trial”?", back: "A public trial staged for propaganda, its verdict decided in advance"),
                          answer: "A public trial staged for propaganda, its verdict decided in advance", topic: trials, tags: ["term"], line: 22))
        cards.append(card(fact: "show-trial", variant: "term.reverse.choice", .choice(prompt: "Which term is defined as: A public trial staged for propaganda, its verdict decided in advance",
                                                                                      options: ["purge", "show trial", "troika"], correct: 1),
                          answer: "show trial", topic: trials, tags: ["term"], line: 22))
        // A cloze fact with two blanks gives one question per blank.
        cards.append(card(fact: "first-trial", variant: "cloze.Kamenev.choice", .choice(prompt: "[…] and Zinoviev were the main defendants of the first Moscow trial in 1936.",
                                                                                        options: ["Bukharin", "Kamenev", "Radek", "Rykov"], correct: 1),
                          answer: "Kamenev", topic: trials, tags: ["moscow-trials"], line: 28))
        cards.append(card(fact: "first-trial", variant: "cloze.Zinoviev.choice", .choice(prompt: "Kamenev and […] were the main defendants of the first Moscow trial in 1936.",
                                                                                         options: ["Zinoviev", "Pyatakov", "Tukhachevsky", "Yagoda"], correct: 0),
                          answer: "Zinoviev", topic: trials, tags: ["moscow-trials"], line: 28))
        cards.append(card(fact: "order-00447", variant: "event.choice", .choice(prompt: "When did this happen? NKVD Order No. 00447 was issued",
                                                                                options: ["1935", "1936", "1937", "1938"], correct: 2),
                          answer: "1937", topic: "Great Purge", line: 34))
        cards.append(card(fact: "chronology-0a1b2c3d4e5f", variant: "chronology.pair",
                          .chronology(prompt: "Which came first?", events: ["NKVD Order No. 00447 was issued", "Kirov was murdered"], order: [1, 0]),
                          answer: "Kirov was murdered (1934) → NKVD Order No. 00447 was issued (1937)", topic: "Great Purge", tags: ["chronology"], line: 10))
        return CompiledDeck(deck: .init(id: "sample", title: "The Great Purge <sample>", description: "A synthetic deck for tests.",
                                        language: "en", authors: ["recall tests"], path: "sample.facts"),
                            seed: 0, contentHash: "0000000000000000", sources: [], cards: cards)
    }()

    /// A deterministic 60-day history over most of `richDeck`'s cards, replayed with FSRS,
    /// plus one suspended card. Same value on every run.
    static var richProgress: ProgressState {
        let deck = richDeck
        var generator = SeededGenerator(seed: 2026)
        var events: [JournalEvent] = []
        var due: [CardID: Date] = [:]
        let replayer = ProgressReplayer(scheduler: FSRSScheduler())
        var state = ProgressState()
        // The last card (chronology) is never studied; one card is suspended at the end.
        let studied = deck.cards.dropLast()
        for dayOffset in -60...0 {
            var minute = 0
            for (index, card) in studied.enumerated() {
                // New cards are introduced one per day; later only due cards are reviewed.
                if due[card.id] == nil, dayOffset < -60 + index * 3 { continue }
                if let next = due[card.id], next > at(dayOffset, 23, 59) { continue }
                if dayOffset == 0, index % 2 == 1 { continue }
                minute += Int(generator.next() % 3) + 1
                let date = at(dayOffset, 8, minute)
                if date > now { continue }
                let roll = generator.next() % 10
                let rating: Rating = roll == 0 ? .again : roll == 1 ? .hard : roll == 9 ? .easy : .good
                let duration = 2_000 + Int(generator.next() % 9_000)
                let time = JournalEvent.milliseconds(date)
                let event = JournalEvent(id: "r\(events.count)", time: time,
                                         action: .review(card: card.id, rating: rating, durationMilliseconds: duration, answer: nil, scheduler: "fsrs-6"))
                events.append(event)
                replayer.apply(event, to: &state, keepLog: true)
                var progress = state.progress(of: card.id)
                // Learning steps are minutes: finish them the same day so the history stays readable.
                while progress.scheduling.phase == .learning || progress.scheduling.phase == .relearning {
                    minute += 1
                    let step = JournalEvent(id: "r\(events.count)", time: JournalEvent.milliseconds(at(dayOffset, 8, minute)) + 5_000,
                                            action: .review(card: card.id, rating: .good, durationMilliseconds: 3_000, answer: nil, scheduler: "fsrs-6"))
                    guard step.date <= now else { break }
                    events.append(step)
                    replayer.apply(step, to: &state, keepLog: true)
                    progress = state.progress(of: card.id)
                }
                due[card.id] = progress.scheduling.due
            }
        }
        // Leave cards in every state at `now`: one suspended, one buried until tomorrow, one
        // relearning after a lapse, one learning after its first review.
        let nowMilliseconds = JournalEvent.milliseconds(now)
        let today = utc.dayNumber(for: now)
        for event in [
            JournalEvent(id: "s0", time: nowMilliseconds - 240_000, action: .suspend(card: deck.cards[4].id)),
            JournalEvent(id: "s1", time: nowMilliseconds - 180_000, action: .bury(card: deck.cards[9].id, untilDay: today + 1)),
            JournalEvent(id: "s2", time: nowMilliseconds - 120_000, action: .review(card: deck.cards[5].id, rating: .again,
                                                                                   durationMilliseconds: 9_000, answer: nil, scheduler: "fsrs-6")),
            JournalEvent(id: "s3", time: nowMilliseconds - 60_000, action: .review(card: deck.cards[10].id, rating: .good,
                                                                                  durationMilliseconds: 12_000, answer: nil, scheduler: "fsrs-6")),
        ] {
            replayer.apply(event, to: &state, keepLog: true)
        }
        return state
    }

    static let quizzes: [QuizResult] = [
        QuizResult(date: at(-20, 18), deckID: "sample", score: 7, total: 10, durationMilliseconds: 185_000, missedCards: [richDeck.cards[0].id]),
        QuizResult(date: at(-3, 18), deckID: "sample", score: 9, total: 10, durationMilliseconds: 142_500),
        QuizResult(date: at(-2, 18), deckID: "other", score: 1, total: 10, durationMilliseconds: 100_000),
    ]
}

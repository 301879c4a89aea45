import Foundation
import RecallKit

/// Deterministic inputs for the benchmarks: the same seed always gives the same bytes, so runs
/// on different days and machines measure the same work.
public enum Inputs {
    /// The fixed "now" every benchmark studies at: 2026-11-25 12:00 UTC.
    public static let now = Date(timeIntervalSince1970: 1_795_608_000)
    /// Study days in UTC, starting at 04:00 (the default), so results do not depend on the machine's zone.
    public static let studyDay = StudyDay(timeZone: TimeZone(identifier: "UTC")!, startHour: 4)
    public static let calendar = StudyCalendar(timeZone: TimeZone(identifier: "UTC")!, dayStartHour: 4)

    /// The repository root (this file is `Benchmarks/Sources/BenchmarkInputs/Inputs.swift`).
    public static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// A fresh, empty folder for one benchmark's files. Under `RECALL_BENCH_TMP` when set,
    /// else the system temporary folder; the caller removes it in teardown.
    public static func makeTemporaryDirectory(_ name: String) -> String {
        let path = makeTemporaryDirectoryPath(name)
        try? FileManager.default.removeItem(atPath: path)
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

extension Inputs {
    public static func makeTemporaryDirectoryPath(_ name: String) -> String {
        let base = ProcessInfo.processInfo.environment["RECALL_BENCH_TMP"] ?? NSTemporaryDirectory()
        return (base as NSString).appendingPathComponent("recall-bench-\(name)-\(getpid())")
    }
}

// MARK: - Words

/// Made-up but pronounceable words, each index giving a different one.
public enum Words {
    static let onsets = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "gr", "kr",
                         "pl", "st", "tr", "sh", "ch", "zh"]
    static let vowels = ["a", "e", "i", "o", "u", "ai", "ei", "ou", "ia", "y"]

    /// A word of at least `minimumSyllables` syllables; distinct for distinct `index` (it is the
    /// index written in a mixed-radix syllable alphabet).
    public static func word(_ index: Int, minimumSyllables: Int = 2) -> String {
        var value = index
        var syllables: [String] = []
        repeat {
            let onset = onsets[value % onsets.count]
            value /= onsets.count
            let vowel = vowels[value % vowels.count]
            value /= vowels.count
            syllables.append(onset + vowel)
        } while value > 0 || syllables.count < minimumSyllables
        return syllables.joined()
    }

    public static func capitalized(_ index: Int, minimumSyllables: Int = 2) -> String {
        let text = word(index, minimumSyllables: minimumSyllables)
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    static let firstNames = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Fyodor", "Galina", "Ivan", "Katya", "Lev",
                             "Maria", "Nikolai", "Olga", "Pavel", "Raisa", "Sergei", "Tatiana", "Viktor", "Yulia", "Zinaida"]

    /// "Firstname Surname", the surname unique for each index.
    public static func person(_ index: Int) -> (full: String, surname: String) {
        let surname = capitalized(index &* 7 &+ 3, minimumSyllables: 3) + "ov"
        return (firstNames[index % firstNames.count] + " " + surname, surname)
    }
}

// MARK: - Decks

/// A generated `.facts` deck: a mix of every kind of fact, about four cards per fact.
public enum GeneratedDeck {
    public static let deckID = "bench"

    /// The deck text with `factCount` facts. Mix (by fact): 60% Q/A (person, place,
    /// organisation, year, number kinds), 15% cloze with two blanks, 8% term, 6% number,
    /// 8% dated event, 3% list.
    ///
    /// `poolBuckets` > 0 spreads the answers over that many kinds of each sort (`person-7`,
    /// units `people-7`) and keeps years, dates and numbers to a few hundred distinct values,
    /// so no kind pool grows past a few hundred members: the same amount of text and cards,
    /// without the compiler's per-pool quadratic work (see docs/performance.md).
    public static func text(factCount: Int, seed: UInt64 = 2026, poolBuckets: Int = 0) -> String {
        var generator = SeededGenerator(seed: seed)
        let small = poolBuckets > 0
        func kind(_ name: String, _ index: Int) -> String { small ? "\(name)-\(index % poolBuckets)" : name }
        var out = """
            // Generated for the benchmarks: \(factCount) facts.

            deck: \(deckID)
            title: Benchmark deck of \(factCount) facts
            description: Made-up facts in every form the format has, for timing the compiler.
            language: en
            authors: recall benchmarks


            """
        let sourceCount = 8
        for source in 0..<sourceCount {
            out += "source: src-\(source)\ntitle: Source text number \(source)\nauthor: \(Words.person(source).full)\ndate: 20\(10 + source)\n\n"
        }
        out.reserveCapacity(factCount * 190)
        for index in 0..<factCount {
            if index % 1_000 == 0 { out += "# Part \(index / 1_000 + 1): \(Words.capitalized(index / 1_000 + 11))\n\n" }
            if index % 100 == 0 { out += "## Chapter \(Words.capitalized(index / 100 + 101))\n\n" }
            let word = Words.word(index &* 13 &+ 5)
            let roll = Int(generator.next() % 100)
            switch roll {
            case 0..<20:
                let person = Words.person(index)
                out += "Q: Who led the \(word) expedition?\nA: \(person.full) | \(person.surname)\nkind: \(kind("person", index))\n"
            case 20..<32:
                out += "Q: Where did the \(word) treaty get signed?\nA: \(Words.capitalized(index &* 11 &+ 1))grad\nkind: \(kind("place", index))\n"
            case 32..<40:
                out += "Q: Which body ran the \(word) programme?\nA: \(Words.capitalized(index &* 5 &+ 2)) Committee\nkind: \(kind("organisation", index))\n"
            case 40..<52:
                out += "Q: In which year did the \(word) reform begin?\nA: \(1700 + generator.nextInt(in: 0...320))\nkind: year\n"
            case 52..<60:
                out += "Q: How many delegates attended the \(word) congress?\nA: \(generator.nextInt(in: 12...(small ? 300 : 4_000)))\nkind: number\n"
            case 60..<75:
                let person = Words.person(index)
                out += "cloze: In \(1800 + generator.nextInt(in: 0...200)) {{\(kind("person", index)): \(person.full) | \(person.surname)}} moved the \(word) archive to {{\(kind("place", index)): \(Words.capitalized(index &* 11 &+ 1))grad}}.\n"
            case 75..<83:
                out += "term: \(word)ism\ndef: The doctrine that every \(Words.word(index &+ 17)) must answer to a \(Words.word(index &+ 29)) council.\n"
            case 83..<89:
                let value = generator.nextInt(in: 1_000...9_000_000)
                out += "number: How many people lived in the \(word) district?\nanswer: about \(grouped(value))\nunit: \(kind("people", index))\n"
            case 89..<97:
                let year = 1700 + generator.nextInt(in: 0...320), month = generator.nextInt(in: 1...12), day = generator.nextInt(in: 1...28)
                let date = small ? "\(year)" : "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
                out += "event: The \(word) charter is proclaimed\ndate: \(date)\n"
            default:
                out += "list: Which three people signed the \(word) accord?\n"
                for offset in 0..<3 {
                    let person = Words.person(5_000_000 + index * 3 + offset)
                    out += "- \(person.full) | \(person.surname)\n"
                }
                out += "kind: \(kind("person", index))\n"
            }
            out += "source: src-\(index % sourceCount), p. \(index % 400 + 1) \"the \(word) affair\"\n"
            if index % 3 == 0 { out += "note: Generated note for the \(word) fact, long enough to wrap in a terminal of eighty columns.\n" }
            if index % 7 == 0 { out += "tags: generated, \(Words.word(index % 50))\n" }
            out += "\n"
        }
        return out
    }

    /// 1234567 → "1,234,567".
    static func grouped(_ value: Int) -> String {
        var digits = String(value)
        var index = digits.endIndex
        while digits.distance(from: digits.startIndex, to: index) > 3 {
            index = digits.index(index, offsetBy: -3)
            digits.insert(",", at: index)
        }
        return digits
    }

    /// Compiles the generated deck (for benchmarks that need cards, not the compiler).
    public static func compiled(factCount: Int, seed: UInt64 = 2026, poolBuckets: Int = 0) -> CompiledDeck {
        let bytes = Array(text(factCount: factCount, seed: seed, poolBuckets: poolBuckets).utf8)
        let loaded = DeckLoader.compile(bytes: bytes, path: "bench.facts", seed: 0)
        guard let deck = loaded.deck else {
            fatalError("the generated deck does not compile: \(loaded.diagnostics.prefix(5))")
        }
        return deck
    }
}

// MARK: - Review histories

/// A learner's review history over many cards: each card introduced once, then reviewed at
/// growing gaps (lapses reset the gap), all within the year before `Inputs.now`.
public struct GeneratedReview: Sendable {
    public var card: Int
    /// Milliseconds since the Unix epoch.
    public var time: Int64
    public var rating: Rating
    public var durationMilliseconds: Int
}

public enum GeneratedHistory {
    /// About `reviewCount` reviews over the first 90% of `cardCount` cards (the last tenth stays
    /// new), in time order. Ratings: 10% Again, 10% Hard, 70% Good, 10% Easy.
    public static func reviews(cardCount: Int, reviewCount: Int, seed: UInt64 = 7) -> [GeneratedReview] {
        var generator = SeededGenerator(seed: seed)
        let studied = max(1, cardCount * 9 / 10)
        let nowMilliseconds = JournalEvent.milliseconds(Inputs.now)
        let day: Int64 = 86_400_000
        var result: [GeneratedReview] = []
        result.reserveCapacity(reviewCount + studied)
        var remaining = reviewCount
        for card in 0..<studied {
            // Spread the reviews evenly over the cards, ± 40%.
            let share = remaining / (studied - card)
            let spread = share * 2 / 5
            let count = card == studied - 1 ? remaining : min(remaining, max(1, share + generator.nextInt(in: -spread...spread)))
            remaining -= count
            var ratings: [Rating] = []
            var gaps: [Int64] = []
            var gapDays: Int64 = 1
            for review in 0..<count {
                let roll = generator.nextInt(in: 0...99)
                let rating: Rating = roll < 10 ? .again : roll < 20 ? .hard : roll < 90 ? .good : .easy
                ratings.append(rating)
                if review < 2 {
                    gaps.append(10 * 60_000)          // learning steps: minutes apart
                } else {
                    gaps.append(gapDays * day + Int64(generator.nextInt(in: 0...3_600_000)))
                    gapDays = rating == .again ? 1 : min(gapDays * (rating == .easy ? 3 : 2), 120)
                }
            }
            let span = gaps.dropLast().reduce(0, +)
            let slack = max(Int64(0), 365 * day - span)
            var time = nowMilliseconds - span - Int64(generator.nextInt(in: 1...Int(max(1, slack / 60_000)))) * 60_000
            for review in 0..<count {
                result.append(GeneratedReview(card: card, time: time, rating: ratings[review],
                                              durationMilliseconds: generator.nextInt(in: 1_500...20_000)))
                time += gaps[review]
            }
        }
        // Stable order: by time, then card.
        result.sort { $0.time != $1.time ? $0.time < $1.time : $0.card < $1.card }
        return result
    }

    /// The journal a learner with this history would have: a `card` event before each card's
    /// first review (as `StudySession` writes), then the review. Returns the bytes.
    public static func journal(cards: [Card], reviews: [GeneratedReview], seed: UInt64 = 11) -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        var seen = [Bool](repeating: false, count: cards.count)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(reviews.count * 150)
        func append(_ event: JournalEvent) {
            bytes.append(contentsOf: event.jsonLine.utf8)
            bytes.append(0x0A)
        }
        for review in reviews {
            let card = cards[review.card]
            if !seen[review.card] {
                seen[review.card] = true
                append(JournalEvent(id: JournalEvent.makeID(time: review.time, using: &generator), time: review.time,
                                    action: .cardText(card: card.id, variant: card.variant, prompt: card.question.prompt,
                                                      answer: card.answer)))
            }
            let answer: String? = card.kind == .typed ? (review.rating == .again ? "no idea" : card.answer) : nil
            append(JournalEvent(id: JournalEvent.makeID(time: review.time, using: &generator), time: review.time,
                                action: .review(card: card.id, rating: review.rating,
                                                durationMilliseconds: review.durationMilliseconds,
                                                answer: answer, scheduler: "fsrs-6")))
        }
        return bytes
    }
}

/// A line on standard error (standard output belongs to the benchmark tool).
public func note(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Seconds since `start`, for setup notes.
public func seconds(since start: ContinuousClock.Instant) -> String {
    let elapsed = ContinuousClock.now - start
    return String(format: "%.2f s", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}

// MARK: - A deck with a year of progress

/// 100,000 cards of a generated deck, with 1,000,000 reviews written as a journal.
public struct DeckWithHistory: @unchecked Sendable {
    public var deck: CompiledDeck
    public var reviews: [GeneratedReview]
    public var journal: [UInt8]

    /// The deck is compiled with small kind pools (`poolBuckets`), so setup takes seconds
    /// rather than the compiler's quadratic time; card texts and ids are as real.
    public static func make(cardCount: Int = 100_000, reviewCount: Int = 1_000_000) -> DeckWithHistory {
        let start = ContinuousClock.now
        var deck = GeneratedDeck.compiled(factCount: cardCount * 10 / 35, poolBuckets: 200)
        precondition(deck.cards.count >= cardCount, "the generated deck has only \(deck.cards.count) cards")
        deck.cards = Array(deck.cards.prefix(cardCount))
        let reviews = GeneratedHistory.reviews(cardCount: cardCount, reviewCount: reviewCount)
        let journal = GeneratedHistory.journal(cards: deck.cards, reviews: reviews)
        note("Setup: \(deck.cards.count) cards, \(reviews.count) reviews, journal \(journal.count / 1_000_000) MB in \(seconds(since: start))")
        return DeckWithHistory(deck: deck, reviews: reviews, journal: journal)
    }

    /// Writes the journal into `directory` as deck `GeneratedDeck.deckID`'s.
    public func writeJournal(to directory: String) {
        let path = directory + "/\(GeneratedDeck.deckID).journal.jsonl"
        precondition(FileManager.default.createFile(atPath: path, contents: Data(journal)), "cannot write \(path)")
    }
}

import ArgumentParser
import Foundation
import RecallKit

/// A deck with its progress opened read-only, with the full review log: what `stats` and
/// `export` work from. They never take the lock, so they run beside a study session.
struct DeckWithProgress {
    var path: String
    var deck: CompiledDeck
    var progress: ProgressState
    var warnings: [String]
}

func openForReading(_ selection: DeckSelection, global: GlobalOptions, settings: StudySettings) throws -> [DeckWithProgress] {
    let replayer = try settings.makeReplayer()
    return try selection.loadDecks(seed: global.resolvedSeed, style: global.style, cache: DeckCache(directory: global.paths.cache)).map { path, deck in
        let store = try ProgressStore.open(deckID: deck.deck.id, directory: global.paths.data, replayer: replayer,
                                           mode: .readOnly, keepLog: true)
        return DeckWithProgress(path: path, deck: deck, progress: store.state, warnings: store.warnings)
    }
}

func quizHistoryPath(_ global: GlobalOptions) -> String { global.paths.data + "/quiz-results.jsonl" }

extension Recall {
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show progress as terminal charts: forecast, heatmap, retention, hardest cards.",
            discussion: "Reads progress without locking it, so it works while a study session runs.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var selection: DeckSelection

        @Flag(help: "Print every figure as JSON instead of charts.")
        var json = false

        @Flag(help: "Draw with plain ASCII characters (also when NO_COLOR is set).")
        var ascii = false

        @Option(help: ArgumentHelp("Chart width in columns (default: the terminal's).", valueName: "columns"))
        var width: Int?

        func run() throws {
            let settings = try StudySettings.load(path: global.paths.configFile)
            let scheduler = try settings.makeScheduler()
            let now = try global.currentInstant()
            let quizzes = try loadQuizHistory()
            let plainText = ascii || !(global.environment["NO_COLOR"] ?? "").isEmpty
            let renderer = StatsRenderer(width: width ?? Terminal.width(), ascii: plainText, style: plainText ? .plain : global.style)
            for opened in try openForReading(selection, global: global, settings: settings) {
                for warning in opened.warnings { FileHandle.standardError.write(Data("note: \(warning)\n".utf8)) }
                let stats = StudyStatistics.compute(
                    cards: opened.deck.cards, progress: opened.progress, now: now,
                    calendar: StudyCalendar(timeZone: .current, dayStartHour: settings.dayStartHour),
                    desiredRetention: settings.desiredRetention, scheduler: scheduler,
                    quizResults: quizzes.filter { $0.deckID == opened.deck.deck.id }, deckID: opened.deck.deck.id)
                if json {
                    FileHandle.standardOutput.write(try stats.jsonData())
                } else {
                    print(renderer.render(stats, title: opened.deck.deck.title), terminator: "")
                }
            }
        }

        func loadQuizHistory() throws -> [QuizResult] {
            let path = quizHistoryPath(global)
            guard let data = FileManager.default.contents(atPath: path) else { return [] }
            return try QuizResult.parseLines(String(decoding: data, as: UTF8.self), source: path)
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export progress (CSV review log, JSON, Anki package, report) or a question sheet.",
            discussion: """
                Formats: csv (the FSRS optimizer's review log, plus a card-id mapping file beside it), \
                json (every card's state and the review log), apkg (an Anki package with notes, \
                review history and scheduling), markdown or html (a progress report), txt (a \
                printable question sheet with an answer key; --sheet makes markdown a sheet too). \
                Files are written atomically; nothing is written into recall's data folder.
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case csv, json, apkg, markdown, html, txt
        }

        @OptionGroup var global: GlobalOptions
        @OptionGroup var selection: DeckSelection

        @Option(help: "csv, json, apkg, markdown, html or txt.")
        var format: Format

        @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
        var output: String?

        @Flag(help: "With markdown: export the deck as a question sheet instead of a progress report.")
        var sheet = false

        func validate() throws {
            if format == .apkg, output == nil { throw ValidationError("an Anki package is binary; give a file with -o deck.apkg") }
            if selection.decks.count > 1 { throw ValidationError("export one deck at a time") }
        }

        func run() throws {
            let settings = try StudySettings.load(path: global.paths.configFile)
            let scheduler = try settings.makeScheduler()
            let now = try global.currentInstant()
            guard let opened = try openForReading(selection, global: global, settings: settings).first else { return }
            let calendar = StudyCalendar(timeZone: .current, dayStartHour: settings.dayStartHour)
            func statistics() -> StudyStatistics {
                StudyStatistics.compute(cards: opened.deck.cards, progress: opened.progress, now: now, calendar: calendar,
                                        desiredRetention: settings.desiredRetention, scheduler: scheduler, deckID: opened.deck.deck.id)
            }
            switch format {
            case .csv:
                let csv = ReviewLogCSV(log: opened.progress.log)
                try emit(Data(csv.reviews.utf8))
                if let output {
                    let mapping = (output as NSString).deletingPathExtension + ".card-ids.csv"
                    try AtomicFile.write(Data(csv.cardMapping.utf8), to: mapping)
                    FileHandle.standardError.write(Data("wrote \(output) and the card id mapping \(mapping)\n".utf8))
                }
            case .json:
                try emit(ProgressJSONExport(deck: opened.deck, progress: opened.progress, now: now, scheduler: scheduler,
                                            desiredRetention: settings.desiredRetention).jsonData())
            case .apkg:
                let exporter = AnkiPackageExporter(deck: opened.deck, progress: opened.progress, now: now, calendar: calendar, scheduler: scheduler)
                try exporter.write(to: output!)
                let content = exporter.content
                var message = "wrote \(output!): \(content.notes.count) notes, \(content.cards.count) cards, \(content.revlog.count) reviews"
                if content.unmatchedReviews > 0 {
                    message += " (\(content.unmatchedReviews) reviews of other question variants have no Anki card and were left out)"
                }
                FileHandle.standardError.write(Data((message + "\n").utf8))
            case .markdown:
                try emit(Data((sheet ? QuestionSheet(deck: opened.deck).markdown()
                               : ProgressReport(statistics: statistics(), deckTitle: opened.deck.deck.title).markdown()).utf8))
            case .html:
                try emit(Data(ProgressReport(statistics: statistics(), deckTitle: opened.deck.deck.title).html().utf8))
            case .txt:
                try emit(Data(QuestionSheet(deck: opened.deck).text().utf8))
            }
        }

        func emit(_ data: Data) throws {
            if let output { try AtomicFile.write(data, to: output) } else { FileHandle.standardOutput.write(data) }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a review log in the FSRS optimizer CSV format into a deck's progress.",
            discussion: """
                The CSV has the columns card_id,review_time,review_rating,review_state,review_duration \
                (times in ms since the epoch). card_id values are recall card ids, or numbers mapped \
                to them by --mapping (the .card-ids.csv file `recall export --format csv` writes). \
                Card ids not in the deck are kept, never dropped. Importing the same file twice \
                changes nothing. With --dry-run nothing is written.
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("The review log to import.", valueName: "reviews.csv"))
        var file: String

        @Option(help: ArgumentHelp("The deck the reviews belong to: a bundled deck name or a .facts path.", valueName: "deck"))
        var deck: String = BundledDecks.defaultDeckName

        @Option(help: ArgumentHelp("A card_id,recall_card_id mapping file.", valueName: "file"))
        var mapping: String?

        @Flag(help: "Show what importing would give each card, without writing anything.")
        var dryRun = false

        @Option(help: "With --dry-run: text or json.")
        var format: OutputFormat = .text

        enum OutputFormat: String, ExpressibleByArgument { case text, json }

        func run() throws {
            let settings = try StudySettings.load(path: global.paths.configFile)
            let replayer = try settings.makeReplayer()
            var selection = try DeckSelection.parse([deck])
            selection.plain = true
            guard let (_, compiled) = try selection.loadDecks(seed: global.resolvedSeed, style: global.style, cache: DeckCache(directory: global.paths.cache)).first else { return }
            guard let data = FileManager.default.contents(atPath: file) else { throw DeckFileError.notFound(file) }
            let rows = try ReviewLogCSV.read(String(decoding: data, as: UTF8.self), source: file)
            var map: [String: CardID] = [:]
            if let mapping {
                guard let mappingData = FileManager.default.contents(atPath: mapping) else { throw DeckFileError.notFound(mapping) }
                map = try ReviewLogCSV.readMapping(String(decoding: mappingData, as: UTF8.self), source: mapping)
            }
            let reviews = rows.map {
                ImportedReview(card: map[$0.cardID] ?? CardID(rawValue: $0.cardID), time: $0.reviewTime,
                               rating: $0.rating, durationMilliseconds: $0.durationMilliseconds ?? 0)
            }
            let known = Set(compiled.cards.map(\.id))
            let orphans = Set(reviews.map(\.card)).subtracting(known).count
            if dryRun {
                try printDryRun(reviews, replayer: replayer, known: known)
                return
            }
            let store = try ProgressStore.open(deckID: compiled.deck.id, directory: global.paths.data, replayer: replayer)
            defer { store.close() }
            let added = try store.importReviews(reviews)
            print("Imported \(plural(added, "review")) into \(compiled.deck.id) (\(reviews.count - added) already there)." +
                  (orphans > 0 ? " \(plural(orphans, "card id")) not in the deck \(orphans == 1 ? "is" : "are") kept as orphans." : ""))
        }

        func printDryRun(_ reviews: [ImportedReview], replayer: ProgressReplayer, known: Set<CardID>) throws {
            let events = reviews.sorted { ($0.time, $0.card) < ($1.time, $1.card) }.map {
                JournalEvent(id: "import-\($0.card.rawValue)-\($0.time)", time: $0.time,
                             action: .review(card: $0.card, rating: $0.rating, durationMilliseconds: $0.durationMilliseconds,
                                             answer: nil, scheduler: "import"))
            }
            let state = replayer.replay(events)
            let formatter = ISO8601DateFormatter()
            let rows = state.cards.sorted { $0.key < $1.key }.map { id, progress -> [String: Any] in
                var row: [String: Any] = [
                    "card_id": id.rawValue, "in_deck": known.contains(id), "state": progress.scheduling.phase.rawValue,
                    "due": formatter.string(from: progress.scheduling.due), "reps": progress.scheduling.reps,
                    "lapses": progress.scheduling.lapses,
                ]
                row["stability"] = progress.scheduling.stability
                row["difficulty"] = progress.scheduling.difficulty
                return row
            }
            if format == .json {
                let data = try JSONSerialization.data(withJSONObject: rows, options: [.sortedKeys, .prettyPrinted])
                FileHandle.standardOutput.write(data + Data("\n".utf8))
            } else {
                for row in rows {
                    let stability = (row["stability"] as? Double).map { String(format: "%.2f", $0) } ?? "-"
                    print("\(row["card_id"]!)  \(row["state"]!)  due \(row["due"]!)  reps \(row["reps"]!)  lapses \(row["lapses"]!)  stability \(stability)")
                }
                print("Dry run: nothing was written.")
            }
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge progress from another machine (a data folder or journal files) into this one.",
            discussion: """
                Journals are joined by event id and replayed, so the result is the same in any order \
                and merging twice changes nothing. Copy the other machine's data folder (or sync it) \
                and run `recall merge /path/to/other/data`.
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("Data folders or *.journal.jsonl files to merge in.", valueName: "path"))
        var sources: [String]

        func validate() throws {
            if sources.isEmpty { throw ValidationError("give the other machine's data folder or journal files") }
        }

        func run() throws {
            let settings = try StudySettings.load(path: global.paths.configFile)
            let replayer = try settings.makeReplayer()
            var journals: [(deckID: String, path: String)] = []
            for source in sources {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory) else { throw DeckFileError.notFound(source) }
                let files = isDirectory.boolValue
                    ? ((try? FileManager.default.contentsOfDirectory(atPath: source)) ?? []).sorted().map { source + "/" + $0 }
                    : [source]
                for file in files where file.hasSuffix(".journal.jsonl") {
                    let name = (file as NSString).lastPathComponent
                    journals.append((String(name.dropLast(".journal.jsonl".count)), file))
                }
            }
            guard !journals.isEmpty else { throw RecallFailure("no *.journal.jsonl files were found in \(sources.joined(separator: ", "))") }
            for (deckID, path) in journals {
                guard let data = FileManager.default.contents(atPath: path) else { throw DeckFileError.unreadable(path, reason: "cannot be read") }
                let store = try ProgressStore.open(deckID: deckID, directory: global.paths.data, replayer: replayer)
                defer { store.close() }
                let added = try store.merge(journal: [UInt8](data))
                print("\(deckID): \(added == 0 ? "already up to date" : "merged \(plural(added, "new event"))") (\(store.state.reviewCount) reviews in all).")
            }
        }
    }
}

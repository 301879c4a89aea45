import ArgumentParser
import Foundation
import RecallKit

/// Options `study` and `quiz` share: which decks, and which of their cards.
struct DeckSelection: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "Decks to study: bundled deck names (great-purge, recall-tutorial) or paths to .facts files. Default: the Great Purge course.",
        valueName: "deck"))
    var decks: [String] = []

    @Option(help: ArgumentHelp("Only cards whose section (topic) contains this text.", valueName: "text"))
    var topic: String?

    @Option(help: ArgumentHelp("Only cards with this tag.", valueName: "tag"))
    var tag: String?

    @Flag(help: "Read answers line by line without line editing or colour (automatic when input is piped).")
    var plain = false

    /// The deck files to open: the arguments, or the bundled default.
    func deckPaths() throws -> [String] {
        let folder = BundledDecks.folder(in: BundledDecks.searchFolders(
            executablePath: CommandLine.arguments[0], currentDirectory: FileManager.default.currentDirectoryPath,
            environment: ProcessInfo.processInfo.environment))
        if decks.isEmpty {
            guard let folder else {
                throw ValidationError("the bundled decks were not found; give a .facts file, or set RECALL_DECKS to the Decks folder")
            }
            let others = BundledDecks.decks(in: folder).map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension }
                .filter { $0 != BundledDecks.defaultDeckName }
            if !others.isEmpty {
                FileHandle.standardError.write(Data("Studying the bundled Great Purge course; also bundled: \(others.joined(separator: ", ")) (e.g. `recall study \(others[0])`).\n".utf8))
            }
            return [folder + "/" + BundledDecks.defaultDeckName + ".facts"]
        }
        return decks.map { BundledDecks.resolve($0, bundledFolder: folder) }
    }

    /// Compiles every deck, printing diagnostics and failing if any has errors.
    func loadDecks(seed: UInt64, style: TextStyle, cache: DeckCache) throws -> [(path: String, deck: CompiledDeck)] {
        var loaded: [(String, CompiledDeck)] = []
        var ids: [String: String] = [:]
        for path in try deckPaths() {
            let result = try DeckLoader.load(path: path, seed: seed, cache: cache)
            guard let deck = result.deck else {
                let errors = result.diagnostics.filter { $0.severity == .error }
                FileHandle.standardError.write(Data(DiagnosticRenderer(style: style).render(errors, lines: result.lines).utf8))
                throw RecallFailure("\(TerminalSanitizer.clean(path)) has \(plural(errors.count, "error")); fix them (see `recall check \(path)`) and try again")
            }
            if let other = ids[deck.deck.id] {
                throw RecallFailure("\(path) and \(other) are both the deck '\(deck.deck.id)'; study one of them")
            }
            ids[deck.deck.id] = path
            loaded.append((path, deck))
        }
        return loaded
    }

    /// Whether `filter` passes every card: neither `--topic` nor `--tag` was given.
    var passesEveryCard: Bool { topic == nil && tag == nil }

    /// Whether a card passes `--topic` and `--tag`.
    var filter: @Sendable (Card) -> Bool {
        let topic = self.topic?.lowercased()
        let tag = self.tag?.lowercased()
        return { card in
            if let topic, !card.topic.lowercased().contains(topic) { return false }
            if let tag, !card.tags.contains(where: { $0.lowercased() == tag }) { return false }
            return true
        }
    }
}

/// A user-facing failure from the executable's own checks: one sentence, exit status 1.
struct RecallFailure: RecallError {
    let description: String
    var category: ErrorCategory { .user }
    init(_ description: String) { self.description = description }
}

/// Which kinds of card a session asks.
enum StudyMode: String, ExpressibleByArgument, CaseIterable {
    case mixed, flashcard, typed, choice

    /// Whether `includes` is true for every kind.
    var includesEveryKind: Bool { self == .mixed }

    func includes(_ kind: CardKind) -> Bool {
        switch self {
        case .mixed: true
        case .flashcard: kind == .flashcard
        case .typed: kind == .typed
        case .choice: kind == .choice || kind == .truefalse || kind == .chronology
        }
    }
}

extension StudySettings.Algorithm: ExpressibleByArgument {}

extension Recall {
    struct Study: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Study today's cards: reviews that are due and some new ones.",
            discussion: """
                Each answer is saved before the next card appears. Type `:help` during a session for \
                the commands (:hint, :skip, :suspend, :undo, :source, :edit, :stats, :quit); Tab \
                completes them. Ctrl-D or Ctrl-C ends the session; nothing answered is lost.

                With --cram you review cards that are not due yet, weakest first; cram answers are \
                NOT recorded and do not change the schedule.
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var selection: DeckSelection

        @Option(help: ArgumentHelp("New cards to introduce today (default from config, 20).", valueName: "n"))
        var new: Int?

        @Option(help: ArgumentHelp("Reviews to do today at most (default from config, 200).", valueName: "n"))
        var limit: Int?

        @Option(help: "Which cards to ask: mixed, flashcard, typed or choice.")
        var mode: StudyMode = .mixed

        @Option(help: ArgumentHelp("The scheduler: fsrs (FSRS-6, default) or sm2 (Anki's SM-2).", valueName: "name"))
        var scheduler: StudySettings.Algorithm?

        @Option(help: ArgumentHelp("Desired retention for FSRS, e.g. 0.9.", valueName: "r"))
        var retention: Double?

        @Flag(help: "Review ahead, weakest first; answers are not recorded and the schedule does not change.")
        var cram = false

        func validate() throws {
            if let new, new < 0 { throw ValidationError("--new must be 0 or more") }
            if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
            if let retention, !(0.7..<0.99).contains(retention) { throw ValidationError("--retention must be between 0.7 and 0.99, e.g. 0.9") }
        }

        func run() throws {
            var settings = try StudySettings.load(path: global.paths.configFile)
            if let scheduler { settings.algorithm = scheduler }
            if let retention { settings.desiredRetention = retention }
            if let new { settings.newCardsPerDay = new }
            if let limit { settings.reviewsPerDay = limit }
            let frontEnd = try StudyFrontEnd(global: global, selection: selection, settings: settings, mode: mode, cram: cram)
            try frontEnd.run()
        }
    }
}

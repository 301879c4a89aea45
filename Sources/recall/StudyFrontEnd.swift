import Foundation
import RecallKit

/// The interactive loop of `recall study`: shows cards, reads answers and grades, prints
/// feedback. All decisions are made by `StudySession`, `CardJudge` and `CardRenderer`.
final class StudyFrontEnd {
    let session: StudySession
    let renderer: CardRenderer
    let editor: LineEditor
    /// Built while the first card is on screen: a large deck's answer context takes a while.
    let judges: BackgroundValue<[CardJudge]>
    let paths: [String]
    let style: TextStyle
    let seed: UInt64
    /// Compiled decks from earlier runs, also used when `:edit` recompiles.
    let deckCache: DeckCache
    let mode: StudyMode
    let filter: @Sendable (Card) -> Bool
    /// The session's clock: the real time, or `--now` standing still.
    let startInstant: Date
    let clockIsFixed: Bool
    let startMoment = ContinuousClock.now

    init(global: GlobalOptions, selection: DeckSelection, settings: StudySettings, mode: StudyMode, cram: Bool) throws {
        let forcePlain = selection.plain
        style = forcePlain ? .plain : global.style
        seed = global.resolvedSeed
        self.mode = mode
        startInstant = try global.currentInstant()
        clockIsFixed = global.isClockFixed
        deckCache = DeckCache(directory: global.paths.cache)
        let loaded = try selection.loadDecks(seed: seed, style: style, cache: deckCache)
        let scheduler = try settings.makeScheduler()
        let replayer = try settings.makeReplayer()
        var opened: [StudySession.OpenDeck] = []
        var notices: [String] = []
        for (_, deck) in loaded {
            let store = try ProgressStore.open(deckID: deck.deck.id, directory: global.paths.data, replayer: replayer,
                                               mode: cram ? .readOnly : .readWrite, now: startInstant)
            notices += store.warnings
            if !cram {
                let links = CardRelinker.links(deckCards: deck.cards, progress: store.state)
                for link in links { try store.record(.relink(from: link.from, to: link.to), at: startInstant) }
                if !links.isEmpty {
                    notices.append("\(plural(links.count, "edited card")) of \(TerminalSanitizer.clean(deck.deck.title)) kept \(links.count == 1 ? "its" : "their") history.")
                }
            }
            opened.append(.init(deck: deck, store: store))
        }
        paths = loaded.map(\.path)
        let selectionFilter = selection.filter
        filter = { card in mode.includes(card.kind) && selectionFilter(card) }
        // No filter at all when every card is in: the session then skips a call per card.
        let passesEveryCard = mode.includesEveryKind && selection.passesEveryCard
        session = StudySession(decks: opened, settings: settings, scheduler: scheduler,
                               studyDay: StudyDay(timeZone: .current, startHour: settings.dayStartHour),
                               now: startInstant, cram: cram, include: passesEveryCard ? nil : filter)
        let deckCards = opened.map(\.deck.cards)
        judges = BackgroundValue { deckCards.map { CardJudge(context: CardJudge.context(for: $0)) } }
        let width = forcePlain ? 80 : Terminal.width()
        renderer = CardRenderer(style: style, width: width)
        editor = LineEditor(historyFile: global.paths.historyFile, forcePlain: forcePlain)
        for notice in notices { print(style.warning("Note: ") + notice) }
        if cram { print(style.accent("Cram mode: reviewing ahead. Answers are not recorded; your schedule does not change.")) }
    }

    var now: Date { clockIsFixed ? startInstant : startInstant.addingTimeInterval(seconds(since: startMoment)) }

    func seconds(since moment: ContinuousClock.Instant) -> TimeInterval {
        let elapsed = ContinuousClock.now - moment
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    func run() throws {
        defer { session.close() }
        var quit = false
        while !quit, let (card, deck) = session.nextCard(now: now) {
            quit = try ask(card, deck: deck)
        }
        if !quit, session.nextCard(now: now) == nil {
            if let due = session.nextLearningDue {
                print("\nNothing else is due right now; the next learning card is due in \(IntervalFormatter.string(for: max(60, due.timeIntervalSince(now)))).")
            } else {
                print("\n" + style.success("All done for today."))
            }
        }
        printSummary()
    }

    /// Asks one card; returns true when the learner asked to quit.
    func ask(_ card: Card, deck: Int) throws -> Bool {
        let remaining = session.remaining
        let left = remaining.new + remaining.learning + remaining.review
        let spent = session.summary.timeSpent
        let average = session.summary.reviewed > 0 ? spent / Double(session.summary.reviewed) : 12
        print("")
        print(renderer.statusLine(deckTitle: session.decks[deck].deck.deck.title, counts: remaining,
                                  elapsed: seconds(since: startMoment), remaining: Double(left) * average))
        print(renderer.question(card))
        let shownAt = ContinuousClock.now
        var hints = 0
        var judgement: Judgement?
        var response: String?
        // First the answer…
        while judgement == nil {
            switch editor.readLine(prompt: "> ", completions: SessionCommand.completions) {
            case .endOfInput, .interrupted:
                return true
            case .line(let line):
                switch StudyInput(line: line) {
                case .command(let command):
                    editor.remember(line)
                    switch try perform(command, card: card, deck: deck, hints: &hints) {
                    case .quit: return true
                    case .nextCard: return false
                    case .stay: continue
                    }
                case .unknownCommand(let word):
                    print("\(TerminalSanitizer.clean(word)) is not a command; type :help for the list.")
                case .response(let text):
                    do {
                        judgement = try judges.value[deck].judge(card, response: text, seconds: seconds(since: shownAt), hints: hints)
                        response = card.kind == .flashcard ? nil : text
                    } catch {
                        print(error.description)
                    }
                }
            }
        }
        let answerTime = seconds(since: shownAt)
        guard let judgement else { return false }
        print(renderer.feedback(card, judgement))
        let explanation = renderer.explanation(card)
        if !explanation.isEmpty { print(explanation) }
        // …then the grade.
        let suggested = judgement.suggestedRating ?? .good
        let intervals = session.intervals(for: card, deck: deck, now: now)
        print(renderer.gradePreview(intervals, suggested: suggested))
        while true {
            switch editor.readLine(prompt: "grade [Enter = \(suggested.name)]> ", completions: SessionCommand.completions) {
            case .endOfInput, .interrupted:
                return true
            case .line(let line):
                if case .command(let command) = StudyInput(line: line) {
                    editor.remember(line)
                    if command == .hint { print("The answer is already shown."); continue }
                    switch try perform(command, card: card, deck: deck, hints: &hints) {
                    case .quit: return true
                    case .nextCard: return false
                    case .stay: continue
                    }
                }
                guard var rating = GradeInput.parse(line, suggested: suggested) else {
                    print("Type 1 Again, 2 Hard, 3 Good or 4 Easy, or press Enter for \(suggested.name).")
                    continue
                }
                if hints > 0, rating.rawValue > Rating.hard.rawValue {
                    rating = .hard
                    print("You used a hint, so this counts as Hard.")
                }
                let correct: Bool? = judgement.outcome == .selfGraded ? nil : judgement.isCorrect
                do {
                    let progress = try session.answer(card, deck: deck, rating: rating, response: response, correct: correct,
                                                      duration: answerTime, now: now)
                    if session.isCramming {
                        print(style.dim("\(rating.name) (cram: not recorded)"))
                    } else {
                        let next = IntervalFormatter.string(for: max(0, progress.scheduling.due.timeIntervalSince(now)))
                        print(style.dim("Saved: \(rating.name) — next in \(next)."))
                    }
                } catch {
                    print(style.error("Not saved: ") + error.description)
                    throw ExitStatus.failure
                }
                return false
            }
        }
    }

    enum CommandOutcome { case stay, nextCard, quit }

    func perform(_ command: SessionCommand, card: Card, deck: Int, hints: inout Int) throws -> CommandOutcome {
        switch command {
        case .help:
            for item in SessionCommand.allCases { print("  :\(item.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(item.summary)") }
            print("  Grades: 1 Again · 2 Hard · 3 Good · 4 Easy (or a/h/g/e); Enter takes the suggestion.")
            return .stay
        case .hint:
            if let hint = HintLadder.hint(for: card, level: hints + 1) {
                hints += 1
                print(style.accent("Hint: ") + TerminalSanitizer.clean(hint))
            } else {
                print("No more hints for this card.")
            }
            return .stay
        case .skip:
            try session.skip(card, deck: deck, now: now)
            print("Skipped until tomorrow.")
            return .nextCard
        case .suspend:
            try session.suspend(card, deck: deck, now: now)
            print("Suspended; it will not be shown again until you unsuspend it.")
            return .nextCard
        case .undo:
            guard session.canUndo else { print("Nothing to undo in this session."); return .stay }
            if let undone = try session.undo(now: now) {
                print("Undone; here is that card again.")
                _ = undone
            }
            return .nextCard
        case .source:
            if card.citations.isEmpty { print("This fact cites no source.") }
            for citation in card.citations { print("  " + renderer.citationText(citation)) }
            print(style.dim("  \(TerminalSanitizer.clean(paths[deck])):\(card.line)"))
            return .stay
        case .edit:
            try edit(card, deck: deck)
            return .nextCard
        case .stats:
            let remaining = session.remaining
            let summary = session.summary
            print("  Today: \(summary.reviewed) answered" + (summary.correctPercentage.map { ", \($0)% right" } ?? "") +
                  "; left: \(remaining.new) new, \(remaining.learning) learning, \(remaining.review) review.")
            return .stay
        case .quit:
            return .quit
        }
    }

    /// Opens the fact in the learner's editor (no shell involved), then recompiles the deck.
    func edit(_ card: Card, deck: Int) throws {
        let environment = ProcessInfo.processInfo.environment
        let command = (environment["VISUAL"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["EDITOR"].flatMap { $0.isEmpty ? nil : $0 } ?? "vi")
            .split(separator: " ").map(String.init)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command + ["+\(card.line)", paths[deck]]
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            print("Could not start the editor \(command.joined(separator: " ")): \(error.localizedDescription). Set $VISUAL or $EDITOR.")
            return
        }
        let reloaded = try DeckLoader.load(path: paths[deck], seed: seed, cache: deckCache)
        guard let newDeck = reloaded.deck else {
            let errors = reloaded.diagnostics.filter { $0.severity == .error }
            print(DiagnosticRenderer(style: style).render(errors, lines: reloaded.lines), terminator: "")
            print("The deck now has \(plural(errors.count, "error")); the session goes on with the previous version.")
            return
        }
        let store = session.decks[deck].store
        let links = CardRelinker.links(deckCards: newDeck.cards, progress: store.state)
        for link in links { try store.record(.relink(from: link.from, to: link.to), at: now) }
        session.replaceDeck(at: deck, with: newDeck, now: now)
        print("Reloaded \(TerminalSanitizer.clean(paths[deck]))" + (links.isEmpty ? "." : "; \(plural(links.count, "edited card")) kept \(links.count == 1 ? "its" : "their") history."))
    }

    func printSummary() {
        let summary = session.finish(now: now)
        print("")
        print(style.bold("Session summary"))
        guard summary.reviewed > 0 else {
            print("  No cards answered this time.")
            return
        }
        var line = "  Reviewed \(plural(summary.reviewed, "card"))"
        if let percentage = summary.correctPercentage { line += " · \(percentage)% correct" }
        line += " · \(CardRenderer.clock(summary.timeSpent))"
        print(line)
        print("  New cards learned: \(summary.newCardsLearned)")
        if !session.isCramming {
            print("  Due tomorrow: \(summary.dueTomorrow) · this week: \(summary.dueThisWeek)")
            print("  Study streak: \(plural(summary.streak, "day"))")
        }
    }
}

/// Exit statuses thrown from deep inside a command.
enum ExitStatus: Error {
    case failure
}

enum Terminal {
    /// The terminal's width in columns, or 80 when it cannot be told.
    static func width() -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 40 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns >= 40 { return columns }
        return 80
    }
}

import ArgumentParser
import Foundation
import RecallKit

extension Recall {
    struct Quiz: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take a scored test: a fixed set of questions, each asked once.",
            discussion: """
                Questions lean towards your weak cards (low recall, many lapses) unless --uniform. \
                A quiz does NOT change your schedule unless you pass --record, which logs each \
                answer as a review. Results are kept, and `recall stats` shows them over time.
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var selection: DeckSelection

        @Option(help: ArgumentHelp("How many questions.", valueName: "n"))
        var count = 20

        @Option(help: ArgumentHelp("Kinds of question, comma-separated: typed, choice, truefalse, chronology, flashcard.", valueName: "kinds"))
        var kinds = "typed,choice,truefalse,chronology"

        @Option(help: ArgumentHelp("Stop after this long, e.g. 10m.", valueName: "duration"))
        var timeLimit: String?

        @Flag(help: "Draw questions evenly instead of favouring weak cards.")
        var uniform = false

        @Flag(help: "Log each answer as a review, so the quiz changes the schedule.")
        var record = false

        @Flag(help: "Print the result as JSON at the end.")
        var json = false

        func parsedKinds() throws -> Set<CardKind> {
            var result: Set<CardKind> = []
            for word in kinds.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
                guard let kind = CardKind(rawValue: word) else {
                    throw ValidationError("'\(word)' is not a kind of question; use typed, choice, truefalse, chronology or flashcard")
                }
                result.insert(kind)
            }
            return result
        }

        func validate() throws {
            if count < 1 { throw ValidationError("--count must be at least 1") }
            _ = try parsedKinds()
            if let timeLimit, StudySettings.duration(timeLimit) == nil {
                throw ValidationError("--time-limit takes a duration such as 90s, 10m or 1h")
            }
        }

        func run() throws {
            let settings = try StudySettings.load(path: global.paths.configFile)
            try QuizFrontEnd(command: self, settings: settings).run()
        }
    }
}

/// The interactive loop of `recall quiz`.
final class QuizFrontEnd {
    let command: Recall.Quiz
    let settings: StudySettings
    let style: TextStyle
    let editor: LineEditor
    let renderer: CardRenderer

    /// With --json, standard output carries only the JSON result; the questions go to
    /// standard error so a script can still see and answer them.
    func say(_ text: String = "", terminator: String = "\n") {
        if command.json {
            FileHandle.standardError.write(Data((text + terminator).utf8))
        } else {
            print(text, terminator: terminator)
        }
    }

    init(command: Recall.Quiz, settings: StudySettings) {
        self.command = command
        self.settings = settings
        style = command.selection.plain ? .plain : command.global.style
        editor = LineEditor(historyFile: command.global.paths.historyFile, forcePlain: command.selection.plain, echoToStandardError: command.json)
        renderer = CardRenderer(style: style, width: command.selection.plain ? 80 : Terminal.width(), hintsAvailable: false)
    }

    func run() throws {
        let global = command.global
        let now = try global.currentInstant()
        let scheduler = try settings.makeScheduler()
        let replayer = try settings.makeReplayer()
        let decks = try command.selection.loadDecks(seed: global.resolvedSeed, style: style, cache: DeckCache(directory: global.paths.cache))
        var stores: [ProgressStore] = []
        defer { stores.forEach { $0.close() } }
        var pool: [(card: Card, deck: Int)] = []
        var judges: [CardJudge] = []
        for (index, (_, deck)) in decks.enumerated() {
            let store = try ProgressStore.open(deckID: deck.deck.id, directory: global.paths.data, replayer: replayer,
                                               mode: command.record ? .readWrite : .readOnly, now: now)
            stores.append(store)
            judges.append(CardJudge(context: CardJudge.context(for: deck.cards)))
            let filter = command.selection.filter
            let chosen = QuizPlan.select(cards: deck.cards.filter(filter), progress: store.state, scheduler: scheduler, now: now,
                                         count: command.count, kinds: try command.parsedKinds(), uniform: command.uniform,
                                         seed: global.resolvedSeed &+ UInt64(index))
            pool += chosen.map { ($0, index) }
        }
        // Several decks: one seeded shuffle of everything chosen, then the first `count`.
        var generator = SeededGenerator(seed: global.resolvedSeed ^ 0x5155_495A)
        if decks.count > 1 {
            for index in stride(from: pool.count - 1, to: 0, by: -1) {
                pool.swapAt(index, Int(generator.next() % UInt64(index + 1)))
            }
        }
        let questions = Array(pool.prefix(command.count))
        guard !questions.isEmpty else {
            say("No questions match: try other --kinds, --topic or --tag.")
            return
        }
        let limit = command.timeLimit.flatMap(StudySettings.duration)
        let start = ContinuousClock.now
        func elapsed(since moment: ContinuousClock.Instant) -> TimeInterval {
            let duration = ContinuousClock.now - moment
            return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
        var score = QuizScore()
        var stoppedEarly = false
        say(style.bold("Quiz: \(plural(questions.count, "question"))") + (command.record ? " (answers are recorded as reviews)" : " (your schedule is not changed)"))
        questionLoop: for (number, entry) in questions.enumerated() {
            if let limit, elapsed(since: start) >= limit {
                say("\nTime is up.")
                stoppedEarly = true
                break
            }
            say("\n" + style.dim("Question \(number + 1) of \(questions.count)"))
            say(renderer.question(entry.card))
            let shownAt = ContinuousClock.now
            while true {
                switch editor.readLine(prompt: "> ", completions: [":skip", ":quit", ":help"]) {
                case .endOfInput, .interrupted:
                    stoppedEarly = true
                    break questionLoop
                case .line(let line):
                    switch StudyInput(line: line) {
                    case .command(.quit):
                        stoppedEarly = true
                        break questionLoop
                    case .command(.skip):
                        score.add(entry.card, judgement: nil, response: nil)
                        say("Skipped — the answer is " + style.bold(TerminalSanitizer.clean(entry.card.answer)))
                        continue questionLoop
                    case .command, .unknownCommand:
                        say("In a quiz: :skip gives up on this question, :quit ends the quiz.")
                        continue
                    case .response(let text):
                        let judgement: Judgement
                        do {
                            judgement = try judges[entry.deck].judge(entry.card, response: text, seconds: elapsed(since: shownAt), hints: 0)
                        } catch {
                            say(error.description)
                            continue
                        }
                        if entry.card.kind == .flashcard {
                            say(renderer.feedback(entry.card, judgement))
                            let grade = editor.readLine(prompt: "Did you know it? [y/n]> ")
                            let knew = { if case .line(let answer) = grade { answer.lowercased().hasPrefix("y") } else { false } }()
                            score.add(entry.card, judgement: knew ? judgement : Judgement(outcome: .wrong, verdict: nil, suggestedRating: .again),
                                      response: nil)
                        } else {
                            say(renderer.feedback(entry.card, judgement))
                            score.add(entry.card, judgement: judgement, response: text)
                        }
                        if command.record, let rating = judgement.suggestedRating {
                            try stores[entry.deck].review(card: entry.card.id, rating: rating,
                                                          durationMilliseconds: Int(elapsed(since: shownAt) * 1000), answer: text,
                                                          text: CardText(variant: entry.card.variant, prompt: entry.card.question.prompt,
                                                                         answer: entry.card.answer), at: now)
                        }
                        continue questionLoop
                    }
                }
            }
        }
        let total = questions.count
        let duration = elapsed(since: start)
        printResult(score, total: total, duration: duration, stoppedEarly: stoppedEarly, decks: decks.map(\.deck))
        // Keep the result so `recall stats` can chart quiz scores over time.
        for (index, (_, deck)) in decks.enumerated() {
            let mine = questions.filter { $0.deck == index }
            guard !mine.isEmpty else { continue }
            var deckScore = QuizScore()
            for question in mine {
                let missed = score.missed.contains { $0.card.id == question.card.id }
                deckScore.add(question.card, judgement: missed ? nil : Judgement(outcome: .correct, verdict: nil, suggestedRating: nil), response: nil)
            }
            let result = QuizResult(date: now, deckID: deck.deck.id, score: Int(deckScore.points.rounded()), total: mine.count,
                                    durationMilliseconds: Int(duration * 1000), missedCards: deckScore.missed.map(\.card.id))
            appendHistory(result.jsonLine)
        }
    }

    func appendHistory(_ line: String) {
        let path = quizHistoryPath(command.global)
        try? FileManager.default.createDirectory(atPath: command.global.paths.data, withIntermediateDirectories: true)
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        fsync(descriptor)
        close(descriptor)
    }

    func printResult(_ score: QuizScore, total: Int, duration: TimeInterval, stoppedEarly: Bool, decks: [CompiledDeck]) {
        let points = score.points == score.points.rounded() ? String(Int(score.points)) : String(format: "%.1f", score.points)
        if command.json {
            let missed: [[String: Any]] = score.missed.map { miss in
                var entry: [String: Any] = ["card_id": miss.card.id.rawValue, "question": miss.card.question.prompt, "answer": miss.card.answer]
                if let response = miss.response { entry["response"] = response }
                if let citation = miss.card.citations.first { entry["source"] = citation.key }
                return entry
            }
            let object: [String: Any] = [
                "decks": decks.map(\.deck.id), "asked": score.asked, "total": total, "score": score.points,
                "percentage": score.percentage(of: total), "seconds": (duration * 10).rounded() / 10,
                "completed": !stoppedEarly, "recorded": command.record, "missed": missed,
            ]
            if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted]) {
                FileHandle.standardOutput.write(data + Data("\n".utf8))
            }
            return
        }
        say("")
        say(style.bold("Score: \(points) / \(total) (\(score.percentage(of: total))%)") + " · \(CardRenderer.clock(duration))" +
              (score.asked < total ? " · \(score.asked) of \(total) answered" : ""))
        guard !score.missed.isEmpty else {
            if score.asked == total { say(style.success("Everything right.")) }
            return
        }
        say("Missed:")
        for miss in score.missed {
            say("  • " + TerminalSanitizer.clean(miss.card.question.prompt))
            say("    answer: " + style.bold(TerminalSanitizer.clean(miss.card.answer)) +
                  (miss.response.map { " (you said: \(TerminalSanitizer.clean($0)))" } ?? ""))
            if let citation = miss.card.citations.first { say(style.dim("    source: " + renderer.citationText(citation))) }
        }
    }
}

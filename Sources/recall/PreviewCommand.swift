import ArgumentParser
import Foundation
import RecallKit

extension Recall {
    struct Preview: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show every card a fact yields, as learners will see it.",
            discussion: """
                For each selected fact: each card's kind, id and variant, the question with its \
                options or events, the accepted answers, the distractors, the note and the source. \
                Without --fact, --line or --topic: card counts for the whole deck and the facts \
                that yield the fewest cards. --seed changes distractors and option order.
                """)

        @OptionGroup var global: GlobalOptions

        @Option(help: ArgumentHelp("The fact with this id.", valueName: "id"))
        var fact: String?

        @Option(help: ArgumentHelp("The fact written on this line of the file.", valueName: "n"))
        var line: Int?

        @Option(help: ArgumentHelp("Every fact whose section (topic) contains this text.", valueName: "text"))
        var topic: String?

        @Option(help: ArgumentHelp("Only cards of this kind: typed, flashcard, choice, truefalse, chronology, or an answer kind such as person.", valueName: "kind"))
        var kind: String?

        @Argument(help: ArgumentHelp("The deck to preview: a .facts file or a bundled deck name.", valueName: "deck.facts"))
        var file: String

        func validate() throws {
            if [fact != nil, line != nil, topic != nil].filter({ $0 }).count > 1 {
                throw ValidationError("give only one of --fact, --line and --topic")
            }
            if let line, line < 1 { throw ValidationError("--line counts from 1") }
        }

        func run() throws {
            let folder = BundledDecks.folder(in: BundledDecks.searchFolders(
                executablePath: CommandLine.arguments[0], currentDirectory: FileManager.default.currentDirectoryPath,
                environment: ProcessInfo.processInfo.environment))
            let path = BundledDecks.resolve(file, bundledFolder: folder)
            let loaded = try DeckLoader.load(path: path, seed: global.resolvedSeed)
            let selection: CardPreview.Selection = fact.map { .fact($0) } ?? line.map { .line($0) } ?? topic.map { .topic($0) } ?? .deck
            do {
                print(try CardPreview(style: global.style).render(loaded, selection: selection, kind: kind), terminator: "")
            } catch {
                reportDiagnostics(of: error, style: global.style)
                throw error
            }
        }
    }
}

import ArgumentParser
import Foundation
import RecallKit

extension Recall {
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a new deck file from a template with an example of every kind of fact.",
            discussion: """
                Writes NAME.facts (NAME may be a path) with a header, a source to fill in and one \
                commented example of each kind of fact. It passes `recall check --strict` as written. \
                An existing file is never overwritten.
                """)

        @Option(help: ArgumentHelp("The deck's title (default: made from the name).", valueName: "title"))
        var title: String?

        @Argument(help: ArgumentHelp("The new file's name or path; .facts is added when missing.", valueName: "name"))
        var name: String

        func run() throws {
            let scaffold = DeckScaffold(name: name, title: title)
            try scaffold.create()
            let path = TerminalSanitizer.clean(scaffold.path)
            print("Created \(path) (deck '\(scaffold.deckID)'). Replace the examples with your facts, then run `recall check \(path)`.")
        }
    }
}

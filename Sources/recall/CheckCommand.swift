import ArgumentParser
import Foundation
import RecallKit

extension Recall {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check deck files and report every problem, compiler-style.",
            discussion: """
                Prints each problem as `file:line:column: error|warning: message` with the source \
                line and a caret. Exits 1 when there are errors (or warnings with --strict).
                """)

        @OptionGroup var global: GlobalOptions

        @Flag(help: "Treat warnings as errors.")
        var strict = false

        @Argument(help: ArgumentHelp("The .facts files to check.", valueName: "deck.facts"))
        var files: [String]

        func validate() throws {
            if files.isEmpty { throw ValidationError("give at least one .facts file to check") }
        }

        func run() throws {
            var failed = false
            let renderer = DiagnosticRenderer(style: global.style)
            for file in files {
                let loaded = try DeckLoader.load(path: file, seed: global.resolvedSeed)
                let diagnostics = strict ? loaded.diagnostics.map { $0.promoted(to: .error) } : loaded.diagnostics
                FileHandle.standardError.write(Data(renderer.render(diagnostics, lines: loaded.lines).utf8))
                let errors = diagnostics.filter { $0.severity == .error }.count
                let warnings = diagnostics.filter { $0.severity == .warning }.count
                if errors > 0 { failed = true }
                let cards = loaded.deck.map { " (\($0.cards.count) cards)" } ?? ""
                let summary = errors == 0 && warnings == 0
                    ? "\(TerminalSanitizer.clean(file)): ok\(cards)"
                    : "\(TerminalSanitizer.clean(file)): \(plural(errors, "error")), \(plural(warnings, "warning"))\(cards)"
                FileHandle.standardOutput.write(Data((summary + "\n").utf8))
            }
            if failed { throw ExitCode(1) }
        }
    }

    struct Compile: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compile a deck file to its JSON form (see docs/deck-json.md).",
            discussion: """
                `recall study` compiles decks on the fly; use this to inspect the cards or feed them \
                to other tools. The output is byte-identical for the same input and --seed.
                """)

        @OptionGroup var global: GlobalOptions

        @Flag(help: "Treat warnings as errors.")
        var strict = false

        @Option(name: .shortAndLong, help: ArgumentHelp("Write the JSON here instead of standard output.", valueName: "file"))
        var output: String?

        @Argument(help: ArgumentHelp("The .facts file to compile.", valueName: "deck.facts"))
        var file: String

        func run() throws {
            let loaded = try DeckLoader.load(path: file, seed: global.resolvedSeed)
            let diagnostics = strict ? loaded.diagnostics.map { $0.promoted(to: .error) } : loaded.diagnostics
            let renderer = DiagnosticRenderer(style: global.style)
            FileHandle.standardError.write(Data(renderer.render(diagnostics, lines: loaded.lines).utf8))
            guard let deck = loaded.deck, !diagnostics.contains(where: { $0.severity == .error }) else {
                throw ExitCode(1)
            }
            let data = try deck.jsonData()
            if let output {
                try AtomicFile.write(data, to: output)
            } else {
                FileHandle.standardOutput.write(data)
            }
        }
    }
}

func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}

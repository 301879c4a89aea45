import ArgumentParser
import Foundation
import RecallKit

extension Recall {
    struct Format: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fmt",
            abstract: "Rewrite deck files in the canonical layout (field order, spacing, line endings).",
            discussion: """
                Only the layout changes: values, comments and card ids stay as they are. Fields are \
                ordered block key first, then e.g. Q, A, kind, id, tags, distractors, source, note \
                (see docs/authoring.md). Files with errors are left alone. With --check nothing is \
                written: files that are not formatted are shown as a diff and the exit status is 1.
                """)

        @OptionGroup var global: GlobalOptions

        @Flag(help: "Write nothing; print a diff and exit 1 when a file is not formatted.")
        var check = false

        @Argument(help: ArgumentHelp("The .facts files to format.", valueName: "deck.facts"))
        var files: [String]

        func validate() throws {
            if files.isEmpty { throw ValidationError("give at least one .facts file to format") }
        }

        func run() throws {
            var failed = false
            var unformatted = 0
            for file in files {
                do {
                    let bytes = try DeckLoader.read(path: file)
                    let formatted = try FactsFormatter().format(bytes, path: file)
                    let name = TerminalSanitizer.clean(file)
                    if Array(formatted.utf8) == bytes {
                        if check { FileHandle.standardError.write(Data("\(name): ok\n".utf8)) }
                        continue
                    }
                    if check {
                        unformatted += 1
                        print(FactsFormatter.difference(original: bytes, formatted: formatted, path: file), terminator: "")
                    } else {
                        try AtomicFile.write(Data(formatted.utf8), to: file)
                        print("\(name): formatted")
                    }
                } catch let error as AuthoringError {
                    reportDiagnostics(of: error, style: global.style)
                    FileHandle.standardError.write(Data("recall: \(error.description)\n".utf8))
                    failed = true
                }
            }
            if check, unformatted > 0 {
                FileHandle.standardError.write(Data("\(plural(unformatted, "file")) not formatted; run `recall fmt` to fix\n".utf8))
                failed = true
            }
            if failed { throw ExitCode(1) }
        }
    }
}

/// Prints the diagnostics an authoring error carries, so the one-sentence error that follows
/// has its details above it.
func reportDiagnostics(of error: AuthoringError, style: TextStyle) {
    guard case .deckHasErrors(let path, let diagnostics, _) = error else { return }
    let text = String(decoding: (try? DeckLoader.read(path: path)) ?? [], as: UTF8.self)
    let errors = diagnostics.filter { $0.severity == .error }
    FileHandle.standardError.write(Data(DiagnosticRenderer(style: style).render(errors, lines: DiagnosticRenderer.lines(of: text)).utf8))
}

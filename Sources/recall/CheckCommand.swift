import ArgumentParser
import Foundation
import RecallKit
import Synchronization

extension Recall {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check deck files and report every problem, compiler-style.",
            discussion: """
                Prints each problem as `file:line:column: error|warning: message` with the source \
                line and a caret. Exits 1 when there are errors (or warnings with --strict). \
                --format json prints one JSON object per problem instead (see docs/authoring.md); \
                --watch checks again on every save until Ctrl-C; --assign-ids first writes an \
                `id:` line into every fact that has none, keeping every card id.
                """)

        enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        @OptionGroup var global: GlobalOptions

        @Flag(help: "Treat warnings as errors.")
        var strict = false

        @Option(help: ArgumentHelp("How to print problems: text, or json (one object per line; the summary goes to standard error).",
                                   valueName: "format"))
        var format: OutputFormat = .text

        @Flag(help: "Check again every time a file is saved, until Ctrl-C.")
        var watch = false

        @Flag(name: .customLong("assign-ids"), help: "Write an `id:` line into every fact without one; card ids do not change.")
        var assignIDs = false

        @Argument(help: ArgumentHelp("The .facts files to check.", valueName: "deck.facts"))
        var files: [String]

        func validate() throws {
            if files.isEmpty { throw ValidationError("give at least one .facts file to check") }
        }

        func run() throws {
            MallocTuning.tuneForCompiling()
            var failed = false
            if assignIDs {
                for file in files where !assignIdentifiers(file) { failed = true }
            }
            if watch {
                runWatching()
                return
            }
            for file in files where try !check(file) { failed = true }
            if failed { throw ExitCode(1) }
        }

        /// Checks one file and prints its problems and summary; false when it has errors.
        func check(_ file: String) throws -> Bool {
            // Checking needs every card made, not kept.
            let loaded = try DeckLoader.load(path: file, seed: global.resolvedSeed, keepsCards: false)
            let diagnostics = loaded.diagnostics(strict: strict)
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.filter { $0.severity == .warning }.count
            let cards = loaded.deck == nil ? "" : " (\(loaded.cardCount) cards)"
            let summary = errors == 0 && warnings == 0
                ? "\(TerminalSanitizer.clean(file)): ok\(cards)"
                : "\(TerminalSanitizer.clean(file)): \(plural(errors, "error")), \(plural(warnings, "warning"))\(cards)"
            switch format {
            case .text:
                let renderer = DiagnosticRenderer(style: global.style)
                FileHandle.standardError.write(Data(renderer.render(diagnostics, lines: loaded.lines).utf8))
                FileHandle.standardOutput.write(Data((summary + "\n").utf8))
            case .json:
                FileHandle.standardOutput.write(Data(DiagnosticJSON.lines(diagnostics).utf8))
                FileHandle.standardError.write(Data((summary + "\n").utf8))
            }
            // Freed while the next file is checked, or not waited for when this was the last.
            BackgroundRelease.release(consume loaded)
            return errors == 0
        }

        /// `--assign-ids` for one file; false when the file could not be given ids.
        func assignIdentifiers(_ file: String) -> Bool {
            let name = TerminalSanitizer.clean(file)
            // In JSON mode standard output carries only diagnostics.
            let say: (String) -> Void = { message in
                let handle = format == .json ? FileHandle.standardError : FileHandle.standardOutput
                handle.write(Data((message + "\n").utf8))
            }
            do {
                let bytes = try DeckLoader.read(path: file)
                let result = try IDAssigner().assign(bytes, path: file)
                if !result.assigned.isEmpty { try AtomicFile.write(Data(result.bytes), to: file) }
                say("\(name): gave \(plural(result.assigned.count, "fact")) an id")
                for line in result.skippedDuplicates {
                    say("\(name):\(line): no id assigned: another fact has the same content (see the duplicate-fact warning)")
                }
                return true
            } catch let error as AuthoringError {
                if case .deckHasErrors = error {
                    say("\(name): no ids assigned; fix the errors below first")
                } else {
                    FileHandle.standardError.write(Data("recall: \(error.description)\n".utf8))
                }
                return false
            } catch {
                // A missing or unreadable file: the check that follows reports it.
                return false
            }
        }

        /// Checks every file, then again after each save, until Ctrl-C.
        func runWatching() {
            CheckInterrupt.install()
            let header = { (reason: String) in
                let time = Date().formatted(.dateTime.hour(.twoDigits(amPM: .omitted)).minute(.twoDigits).second(.twoDigits))
                let line = "── \(time) · \(reason) " + String(repeating: "─", count: 20)
                let handle = format == .json ? FileHandle.standardError : FileHandle.standardOutput
                handle.write(Data((global.style.dim(line) + "\n").utf8))
            }
            let checkAll = {
                for file in files {
                    do {
                        _ = try check(file)
                    } catch {
                        FileHandle.standardError.write(Data("recall: \(error)\n".utf8))
                    }
                }
                let handle = format == .json ? FileHandle.standardError : FileHandle.standardOutput
                handle.write(Data("Watching \(plural(files.count, "file")) for changes; Ctrl-C to stop.\n".utf8))
            }
            header("checking \(plural(files.count, "file"))")
            checkAll()
            var watcher = DeckWatcher(paths: files)
            watcher.run(interval: 0.3, shouldStop: CheckInterrupt.received) { changed in
                header(changed.map { TerminalSanitizer.clean($0) }.joined(separator: ", ") + " changed")
                checkAll()
            }
            FileHandle.standardOutput.write(Data("\n".utf8))
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
            MallocTuning.tuneForCompiling()
            if let output {
                try compile(to: output)
                return
            }
            let loaded = try DeckLoader.load(path: file, seed: global.resolvedSeed)
            let diagnostics = report(loaded)
            guard let deck = loaded.deck, !diagnostics.contains(where: { $0.severity == .error }) else {
                throw ExitCode(1)
            }
            deck.writeJSON { FileHandle.standardOutput.write(Data($0)) }
            // The process ends next: it need not wait for a big deck to be freed.
            BackgroundRelease.release((consume loaded, consume deck))
        }

        /// Writes the cards as they are made; a deck with errors leaves the file as it was.
        func compile(to output: String) throws {
            let loaded = try DeckLoader.compileJSON(path: file, seed: global.resolvedSeed, to: output, refusingWarnings: strict)
            let diagnostics = report(loaded)
            if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
            BackgroundRelease.release(consume loaded)
        }

        /// Prints the problems found (warnings as errors under `--strict`) and returns them.
        func report(_ loaded: DeckLoader.Loaded) -> [Diagnostic] {
            let diagnostics = loaded.diagnostics(strict: strict)
            let renderer = DiagnosticRenderer(style: global.style)
            FileHandle.standardError.write(Data(renderer.render(diagnostics, lines: loaded.lines).utf8))
            return diagnostics
        }
    }
}

func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}

/// Ctrl-C during `recall check --watch`: the handler only sets a flag, which the polling loop
/// reads, so the process ends between checks and never mid-write.
enum CheckInterrupt {
    private static let flag = Atomic<Bool>(false)

    static func install() {
        signal(SIGINT) { _ in CheckInterrupt.flag.store(true, ordering: .relaxed) }
        // A parent may start us with SIGINT blocked (it inherits a worker thread's mask); Ctrl-C must work.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    static func received() -> Bool {
        flag.load(ordering: .relaxed)
    }
}

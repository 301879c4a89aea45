import ArgumentParser
import Foundation
import RecallKit

/// The root command. Subcommands live in their own files as `extension Recall { struct … }`.
struct Recall: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recall",
        abstract: "Study facts with spaced repetition, in the terminal.",
        discussion: """
            recall turns plain-text fact files (*.facts) into question decks and schedules reviews \
            with FSRS-6. Progress is saved after every answer.

            Start with `recall study` (the bundled Great Purge course), or write your own deck \
            and check it with `recall check my.facts`.
            """,
        version: RecallVersion.current,
        subcommands: [Study.self, Quiz.self, Stats.self, Check.self, Compile.self, New.self, Preview.self, Format.self, Export.self, Import.self, Merge.self],
        defaultSubcommand: nil
    )
}

/// Runs the command line and maps every failure to the documented exit status:
/// 0 ok, 1 user error, 2 usage, 3 data problem.
@main
enum RecallMain {
    static func main() {
        // A parent may start us with signals blocked (posix_spawn keeps the mask); Ctrl-C,
        // SIGTERM and `kill` must still reach recall.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        sigprocmask(SIG_SETMASK, &unblocked, nil)
        do {
            var command = try Recall.parseAsRoot()
            try command.run()
        } catch let error as RecallError {
            FileHandle.standardError.write(Data("recall: \(error.description)\n".utf8))
            exit(error.category.rawValue)
        } catch let error as ExitCode {
            exit(error.rawValue)
        } catch ExitStatus.failure {
            exit(1)
        } catch {
            let code = Recall.exitCode(for: error)
            let message = Recall.fullMessage(for: error)
            if code == .success {
                print(message)
                exit(0)
            }
            FileHandle.standardError.write(Data((message.isEmpty ? "" : message + "\n").utf8))
            // ArgumentParser's usage errors are EX_USAGE (64); recall documents 2.
            exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

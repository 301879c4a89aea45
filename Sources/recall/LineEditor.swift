import CReadline
import Foundation
import Synchronization

/// What one prompt produced.
enum LineInput: Equatable {
    case line(String)
    /// Ctrl-D on an empty line, or the end of piped input.
    case endOfInput
    /// Ctrl-C: the line was abandoned.
    case interrupted
}

/// Set from the SIGINT handler; a global `let` of an atomic is safe to touch from a signal.
private let interruptReceived = Atomic<Bool>(false)
/// The line the readline callback last delivered; touched only on the main thread.
nonisolated(unsafe) private var deliveredLine: LineInput?
/// Words offered by Tab; set before each prompt, read by the C completion callback.
nonisolated(unsafe) private var completionWords: [String] = []
nonisolated(unsafe) private var completionMatches: [String] = []
nonisolated(unsafe) private var completionIndex = 0

/// Reads lines from the user: GNU readline on a terminal (editing per `~/.inputrc`, history,
/// Tab completion of `:commands`), plain line reading when input is piped.
///
/// Readline echoes the prompt and the input when stdin is not a terminal, which would garble
/// transcripts, so piped input never goes through it.
final class LineEditor {
    let isInteractive: Bool
    private let historyFile: String?
    /// Piped mode writes prompts and echoes to standard error (when standard output is data).
    private let echoToStandardError: Bool

    init(historyFile: String?, forcePlain: Bool = false, echoToStandardError: Bool = false) {
        self.isInteractive = !forcePlain && isatty(STDIN_FILENO) == 1 && isatty(echoToStandardError ? STDERR_FILENO : STDOUT_FILENO) == 1
        self.historyFile = historyFile
        self.echoToStandardError = echoToStandardError
        guard isInteractive else { return }
        recall_set_readline_name("recall")
        // recall handles Ctrl-C itself so it can cancel a line and restore the terminal.
        recall_set_catch_signals(0)
        recall_set_attempted_completion { text, start, _ in
            guard let text else { return nil }
            let prefix = String(cString: text)
            recall_set_attempted_completion_over(1)
            let lineStart = String(cString: recall_line_buffer()).prefix(Int(start))
            // Complete only the first word of a line, where commands go.
            guard lineStart.allSatisfy({ $0 == " " }) else { return nil }
            completionMatches = completionWords.filter { $0.hasPrefix(prefix) }
            completionIndex = 0
            return recall_completion_matches(text) { _, _ in
                guard completionIndex < completionMatches.count else { return nil }
                defer { completionIndex += 1 }
                return strdup(completionMatches[completionIndex])
            }
        }
        if let historyFile {
            try? FileManager.default.createDirectory(
                atPath: (historyFile as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            read_history(historyFile)
        }
        signal(SIGINT) { _ in interruptReceived.store(true, ordering: .relaxed) }
    }

    /// Shows `prompt` and reads one line. `completions` are offered by Tab.
    func readLine(prompt: String, completions: [String] = []) -> LineInput {
        guard isInteractive else {
            func echo(_ text: String) {
                if echoToStandardError { FileHandle.standardError.write(Data(text.utf8)) } else { print(text, terminator: "") }
            }
            echo(prompt)
            fflush(nil)
            guard let line = Swift.readLine(strippingNewline: true) else {
                if !prompt.isEmpty { echo("\n") }
                return .endOfInput
            }
            if !prompt.isEmpty { echo(line + "\n") }
            return .line(line)
        }
        completionWords = completions
        deliveredLine = nil
        interruptReceived.store(false, ordering: .relaxed)
        recall_callback_handler_install(prompt) { pointer in
            if let pointer {
                deliveredLine = .line(String(cString: pointer))
                recall_free(pointer)
            } else {
                deliveredLine = .endOfInput
            }
            rl_callback_handler_remove()
        }
        while deliveredLine == nil {
            var descriptors = fd_set()
            withUnsafeMutablePointer(to: &descriptors) { pointer in
                pointer.withMemoryRebound(to: Int.self, capacity: MemoryLayout<fd_set>.size / MemoryLayout<Int>.size) {
                    $0[Int(STDIN_FILENO) / (MemoryLayout<Int>.size * 8)] |= 1 << (Int(STDIN_FILENO) % (MemoryLayout<Int>.size * 8))
                }
            }
            let ready = select(STDIN_FILENO + 1, &descriptors, nil, nil, nil)
            if interruptReceived.load(ordering: .relaxed) {
                rl_free_line_state()
                rl_callback_sigcleanup()
                rl_callback_handler_remove()
                print("")
                return .interrupted
            }
            if ready > 0 { rl_callback_read_char() }
        }
        let result = deliveredLine ?? .endOfInput
        if case .endOfInput = result { print("") }
        return result
    }

    /// Remembers a `:command` in the history file, appended at once so nothing is lost.
    func remember(_ line: String) {
        guard isInteractive, !line.isEmpty else { return }
        add_history(line)
        if let historyFile {
            if FileManager.default.fileExists(atPath: historyFile) {
                append_history(1, historyFile)
            } else {
                write_history(historyFile)
            }
        }
    }
}

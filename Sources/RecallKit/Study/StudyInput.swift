/// The `:commands` a study or quiz session understands. Completed by Tab; unique prefixes work
/// (`:q` is `:quit`).
public enum SessionCommand: String, CaseIterable, Sendable {
    case help, hint, skip, suspend, undo, source, edit, stats, quit

    /// One line for `:help`.
    public var summary: String {
        switch self {
        case .help: "show this list"
        case .hint: "reveal a little of the answer (a hinted card is graded Hard at best)"
        case .skip: "bury this card until tomorrow"
        case .suspend: "stop showing this card until you unsuspend it"
        case .undo: "take back your last answer"
        case .source: "show where this fact comes from"
        case .edit: "open the fact in $VISUAL or $EDITOR, then reload the deck"
        case .stats: "show today's counts"
        case .quit: "end the session (everything answered is already saved)"
        }
    }

    /// Every command as typed, for completion.
    public static var completions: [String] { allCases.map { ":" + $0.rawValue } }
}

/// One line the learner typed, interpreted.
public enum StudyInput: Equatable, Sendable {
    case command(SessionCommand)
    /// `:something` that is no command, or an ambiguous prefix.
    case unknownCommand(String)
    case response(String)

    /// `:he` → help, `:s` → ambiguous (skip, suspend, source, stats), anything else a response.
    ///
    ///     StudyInput(line: ":q")   // .command(.quit)
    public init(line: String) {
        let trimmed = line.trimmingWhitespace()
        guard trimmed.hasPrefix(":"), trimmed.count > 1 else {
            self = .response(line)
            return
        }
        let word = trimmed.dropFirst().lowercased()
        if let exact = SessionCommand(rawValue: word) {
            self = .command(exact)
            return
        }
        let matches = SessionCommand.allCases.filter { $0.rawValue.hasPrefix(word) }
        self = matches.count == 1 ? .command(matches[0]) : .unknownCommand(String(trimmed))
    }
}

/// Reads a grade: `1`–`4`, `a`/`h`/`g`/`e`, or the words; an empty line takes the suggestion.
public enum GradeInput {
    public static func parse(_ line: String, suggested: Rating?) -> Rating? {
        let word = line.trimmingWhitespace().lowercased()
        switch word {
        case "": return suggested
        case "1", "a", "again": return .again
        case "2", "h", "hard": return .hard
        case "3", "g", "good": return .good
        case "4", "e", "easy": return .easy
        default: return nil
        }
    }
}

extension Rating {
    /// "Again", "Hard", "Good", "Easy".
    public var name: String {
        switch self {
        case .again: "Again"
        case .hard: "Hard"
        case .good: "Good"
        case .easy: "Easy"
        }
    }
}

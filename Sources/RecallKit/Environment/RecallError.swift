/// What kind of failure an error is, which decides the process's exit status.
public enum ErrorCategory: Int32, Sendable {
    /// Something the user can fix: a missing file, a bad option value, a deck with errors.
    case user = 1
    /// Saved data that cannot be trusted: corrupt progress, an unreadable journal.
    case data = 3
}

/// The errors every RecallKit module throws: one human sentence with the place and the fix,
/// and a category the executable maps to an exit status (1 user error, 3 data problem).
public protocol RecallError: Error, CustomStringConvertible, Sendable {
    var category: ErrorCategory { get }
}

extension DeckDiagnosticsError: RecallError {
    public var category: ErrorCategory { .user }
}

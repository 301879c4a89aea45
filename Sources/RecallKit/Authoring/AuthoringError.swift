/// Why a deck-authoring command (`recall new`, `fmt`, `preview`, `check --assign-ids`) stopped.
/// Each case prints one sentence that says what to do.
public enum AuthoringError: RecallError, Equatable {
    /// `recall new` never overwrites a file.
    case deckExists(String)
    /// `recall new` into a folder that does not exist.
    case folderMissing(String)
    /// `recall new` could not write the file.
    case cannotWrite(String, reason: String)
    /// The deck has errors; the tool leaves the file alone. The diagnostics are printed first.
    case deckHasErrors(String, diagnostics: [Diagnostic], command: String)
    /// A rewrite would have changed what the deck says; nothing was written. A bug in recall.
    case rewriteWouldChangeContent(String, command: String)
    /// `recall preview --fact` with an id no fact has.
    case unknownFact(String, suggestion: String?)
    /// `recall preview --line` on a line that is not inside a fact.
    case noFactAtLine(Int)
    /// `recall preview --topic` that matches no section.
    case unknownTopic(String, suggestion: String?)

    public var category: ErrorCategory { .user }

    public var description: String {
        switch self {
        case .deckExists(let path):
            "\(clean(path)) already exists; recall new never overwrites a file, so choose another name or delete it first"
        case .folderMissing(let folder):
            "the folder \(clean(folder)) does not exist; create it first (mkdir -p \(clean(folder)))"
        case .cannotWrite(let path, let reason):
            "could not create \(clean(path)) (\(reason)); check that the folder is writable"
        case .deckHasErrors(let path, let diagnostics, let command):
            "\(clean(path)) has \(plural(diagnostics.filter { $0.severity == .error }.count, "error")), so \(command) left it unchanged; fix them (see above) and run it again"
        case .rewriteWouldChangeContent(let path, let command):
            "\(command) would have changed the content of \(clean(path)), so it left the file unchanged; please report this with the file attached"
        case .unknownFact(let id, let suggestion):
            "no fact has the id '\(clean(id))'" + (suggestion.map { "; did you mean '\(clean($0))'?" } ?? "; run `recall preview DECK` without --fact to list facts, or use --line")
        case .noFactAtLine(let line):
            "line \(line) is not inside a fact; give the line of a `Q:`, `term:`, `cloze:`, `number:`, `event:` or `list:` block"
        case .unknownTopic(let topic, let suggestion):
            "no section is called '\(clean(topic))'" + (suggestion.map { "; did you mean '\(clean($0))'?" } ?? "; topics are the deck's `#` headings")
        }
    }

    private func clean(_ text: String) -> String { TerminalSanitizer.clean(text) }

    private func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}

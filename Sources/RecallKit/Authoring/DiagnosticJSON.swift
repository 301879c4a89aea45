/// Diagnostics as JSON lines, one object a line, for editors and CI (`recall check --format json`).
/// The schema is documented in `docs/authoring.md`; keys always appear in this order:
///
///     {"path":"my.facts","line":12,"column":9,"endColumn":13,"severity":"warning",
///      "id":"unknown-source-key","message":"unknown source key 'wiki'","notes":["help: did you mean 'wiki-deep-dive'?"]}
///
/// `endColumn` is the first column after the span (exclusive); columns count Unicode scalars from 1.
public enum DiagnosticJSON {
    /// One diagnostic as a single line of JSON, without a newline.
    public static func line(_ diagnostic: Diagnostic) -> String {
        let fields: [(String, String)] = [
            ("path", string(diagnostic.path)),
            ("line", String(diagnostic.span.line)),
            ("column", String(diagnostic.span.column)),
            ("endColumn", String(diagnostic.span.column + diagnostic.span.length)),
            ("severity", string(diagnostic.severity.rawValue)),
            ("id", string(diagnostic.id)),
            ("message", string(diagnostic.message)),
            ("notes", "[" + diagnostic.notes.map(string).joined(separator: ",") + "]"),
        ]
        return "{" + fields.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    /// Every diagnostic, each on its own line, each line ended.
    public static func lines(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { line($0) + "\n" }.joined()
    }

    /// A JSON string literal. Control characters, and the two line separators some JSON readers
    /// trip on, are escaped, so one diagnostic is always one line.
    static func string(_ text: String) -> String {
        var result = ""
        FlatJSONWriter.appendQuoted(text, to: &result)
        return result
    }
}

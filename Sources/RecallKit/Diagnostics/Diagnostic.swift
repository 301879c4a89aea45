/// How serious a finding is. Errors stop compilation; warnings do not, unless `--strict`.
public enum Severity: String, Codable, Sendable, Comparable {
    case note
    case warning
    case error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A suggested edit that fixes a diagnostic: replace `span` with `replacement`.
public struct FixIt: Hashable, Codable, Sendable {
    public var span: SourceSpan
    public var replacement: String

    public init(span: SourceSpan, replacement: String) {
        self.span = span
        self.replacement = replacement
    }
}

/// One finding about a deck, as data: a stable id, a severity, a message and where it is.
///
/// Diagnostics are created from the catalogue in ``DiagnosticMessage`` and rendered by
/// ``DiagnosticRenderer``:
///
///     deck.facts:12:9: warning: unknown source key 'wiki'
///        12 | source: wiki "Yezhov"
///           |         ^~~~
///     help: did you mean 'wiki-deep-dive'?
public struct Diagnostic: Hashable, Codable, Sendable {
    /// The catalogue id (`unknown-source-key`): stable across releases, for tools and docs.
    public var id: String
    public var severity: Severity
    public var message: String
    public var path: String
    public var span: SourceSpan
    /// Extra lines: `note: …` explains, `help: …` says how to fix.
    public var notes: [String]
    public var fixIts: [FixIt]

    public init(
        _ message: DiagnosticMessage,
        path: String,
        span: SourceSpan,
        notes: [String] = [],
        fixIts: [FixIt] = []
    ) {
        self.id = message.id
        self.severity = message.severity
        self.message = message.text
        self.path = path
        self.span = span
        self.notes = notes
        self.fixIts = fixIts
    }

    /// The same diagnostic at a higher severity, as `--strict` does for warnings.
    public func promoted(to severity: Severity) -> Diagnostic {
        var copy = self
        copy.severity = max(self.severity, severity)
        return copy
    }
}

extension Diagnostic: CustomStringConvertible {
    /// The first line of the rendered form: `path:line:column: severity: message`.
    public var description: String {
        "\(path):\(span.line):\(span.column): \(severity.rawValue): \(message)"
    }
}

/// The error thrown when a deck has at least one error-severity diagnostic. Never empty.
public struct DeckDiagnosticsError: Error, CustomStringConvertible, Sendable {
    public let diagnostics: [Diagnostic]

    public init?(_ diagnostics: [Diagnostic]) {
        guard diagnostics.contains(where: { $0.severity == .error }) else { return nil }
        self.diagnostics = diagnostics
    }

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }

    public var description: String {
        let first = diagnostics.first { $0.severity == .error }!
        let more = errorCount > 1 ? " (and \(errorCount - 1) more errors; run `recall check` to see them all)" : ""
        return "\(first)\(more)"
    }
}

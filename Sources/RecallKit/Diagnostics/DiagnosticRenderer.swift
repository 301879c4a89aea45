/// Renders diagnostics as a compiler does: the location line, the source line under a
/// right-aligned gutter, a caret under the span, then notes.
///
///     Decks/x.facts:3:9: warning: unknown source key 'wiki'
///         3 | source: wiki "Yezhov"
///           |         ^~~~
///     help: did you mean 'wiki-deep-dive'?
public struct DiagnosticRenderer: Sendable {
    public var style: TextStyle

    public init(style: TextStyle = .plain) {
        self.style = style
    }

    /// Renders every diagnostic against the file's lines (1-based `line` indexes `lines[line-1]`).
    /// The lines are only split when there is something to render: a clean 100,000-fact deck
    /// should not pay for it.
    public func render(_ diagnostics: [Diagnostic], lines: @autoclosure () -> [Substring]) -> String {
        guard !diagnostics.isEmpty else { return "" }
        let lines = lines()
        let width = String(diagnostics.map(\.span.line).max() ?? 1).count
        return diagnostics.map { render($0, lines: lines, gutterWidth: width) }.joined()
    }

    /// The file's text split into lines the way the parser numbers them.
    public static func lines(of text: String) -> [Substring] {
        // "\r\n" is one Character in Swift, so both separators are named.
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    }

    func render(_ diagnostic: Diagnostic, lines: [Substring], gutterWidth: Int) -> String {
        let label: String
        switch diagnostic.severity {
        case .error: label = style.error("error:")
        case .warning: label = style.warning("warning:")
        case .note: label = style.note("note:")
        }
        var output = style.bold("\(TerminalSanitizer.clean(diagnostic.path)):\(diagnostic.span.line):\(diagnostic.span.column):")
        output += " \(label) \(style.bold(diagnostic.message))\n"
        let index = diagnostic.span.line - 1
        if index >= 0, index < lines.count {
            var source = Array(TerminalSanitizer.clean(String(lines[index])).unicodeScalars)
            var caretColumn = diagnostic.span.column - 1
            // Show at most a window of a very long line, around the caret.
            let window = 160
            var prefix = ""
            if source.count > window {
                let start = max(0, min(caretColumn - 40, source.count - window))
                source = Array(source[start..<min(source.count, start + window)])
                caretColumn -= start
                if start > 0 { prefix = "…"; caretColumn += 1 }
            }
            let gutter = String(diagnostic.span.line).leftPadded(to: gutterWidth, with: " ")
            let blank = String(repeating: " ", count: gutterWidth)
            var text = String.UnicodeScalarView()
            text.append(contentsOf: source)
            output += style.dim(" \(gutter) |") + " " + prefix + String(text) + "\n"
            let length = max(1, min(diagnostic.span.length, max(1, source.count - caretColumn)))
            let marker = "^" + String(repeating: "~", count: length - 1)
            output += style.dim(" \(blank) |") + " " + String(repeating: " ", count: max(0, caretColumn)) + style.success(marker) + "\n"
        }
        for note in diagnostic.notes {
            output += TerminalSanitizer.clean(note) + "\n"
        }
        return output
    }
}

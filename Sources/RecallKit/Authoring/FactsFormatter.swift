/// Rewrites a `.facts` file in one canonical layout, as `recall fmt` does. Only the layout
/// changes, never what the deck says, so every card id stays the same:
///
/// - fields in a fixed order (``fieldOrder(of:)``), the block's key first;
/// - `key: value` with one space, continuation lines indented two spaces;
/// - one blank line between blocks and around headings, `# Heading` with one space;
/// - comments kept, each with the line or block below it;
/// - no trailing whitespace, LF line endings, no byte-order mark, one final newline.
///
/// Formatting is idempotent, and a file the parser reports errors in is refused.
///
///     let text = try FactsFormatter().format(bytes, path: "my.facts")
public struct FactsFormatter: Sendable {
    public init() {}

    /// The canonical order of a block's fields; `-` stands for a list's items.
    ///
    ///     FactsFormatter.fieldOrder(of: "Q")
    ///     // ["Q", "A", "kind", "id", "tags", "distractors", "source", "note"]
    public static func fieldOrder(of blockKey: String) -> [String] {
        switch blockKey {
        case "deck": BlockGrammar.headerFields
        case "source": BlockGrammar.sourceFields
        case "Q": ["Q", "A"] + commonOrder
        case "term": ["term", "def"] + commonOrder
        case "cloze": ["cloze"] + commonOrder
        case "number": ["number", "answer", "unit"] + commonOrder
        case "event": ["event", "date"] + commonOrder
        case "list": ["list", "-", "order"] + commonOrder
        default: []
        }
    }

    /// The fields every fact may carry, in the order the bundled decks write them.
    static let commonOrder = ["kind", "id", "tags", "distractors", "source", "note"]

    /// The file in canonical layout. Throws ``AuthoringError/deckHasErrors(_:diagnostics:command:)``
    /// when the parser reports errors.
    public func format(_ bytes: [UInt8], path: String) throws(AuthoringError) -> String {
        let (document, diagnostics) = FactsParser().parse(bytes, path: path)
        guard !diagnostics.contains(where: { $0.severity == .error }) else {
            throw .deckHasErrors(path, diagnostics: diagnostics, command: "recall fmt")
        }
        let output = render(FactsLayout(text: String(decoding: bytes, as: UTF8.self)))
        // A safety net: the new text must say exactly what the old one said.
        let (after, afterDiagnostics) = FactsParser().parse(text: output, path: path)
        guard !afterDiagnostics.contains(where: { $0.severity == .error }),
              DocumentContent(document) == DocumentContent(after) else {
            throw .rewriteWouldChangeContent(path, command: "recall fmt")
        }
        return output
    }

    /// What `recall fmt --check` prints for a file that is not formatted: a unified diff, or,
    /// when only invisible bytes differ, which ones. "" when the file is formatted.
    ///
    ///     FactsFormatter.difference(original: bytes, formatted: text, path: "my.facts")
    public static func difference(original: [UInt8], formatted: String, path: String) -> String {
        guard original != Array(formatted.utf8) else { return "" }
        let text = String(decoding: original, as: UTF8.self)
        let diff = TextDiff.unified(old: FactsLayout.lines(of: text), new: FactsLayout.lines(of: formatted),
                                    oldName: path, newName: path + " (formatted)")
        if !diff.isEmpty { return diff }
        var reasons: [String] = []
        if original.starts(with: [0xEF, 0xBB, 0xBF]) { reasons.append("starts with a byte-order mark") }
        if original.contains(0x0D) { reasons.append("has Windows (CRLF) line endings") }
        if original.last != 0x0A { reasons.append("does not end with a newline") }
        if original.count > 1, original.suffix(2) == [0x0A, 0x0A] { reasons.append("ends with blank lines") }
        if reasons.isEmpty { reasons.append("differs in whitespace") }
        return "\(TerminalSanitizer.clean(path)): \(reasons.joined(separator: ", ")); recall fmt writes LF endings and one final newline\n"
    }

    func render(_ layout: FactsLayout) -> String {
        var paragraphs: [String] = []
        for item in layout.items {
            switch item {
            case .comments(let lines):
                paragraphs.append(lines.joined(separator: "\n"))
            case .heading(let comments, let level, let title, _):
                paragraphs.append((comments + [String(repeating: "#", count: level) + " " + title]).joined(separator: "\n"))
            case .block(let block):
                paragraphs.append(render(block).joined(separator: "\n"))
            }
        }
        return paragraphs.isEmpty ? "" : paragraphs.joined(separator: "\n\n") + "\n"
    }

    func render(_ block: FactsLayout.Block) -> [String] {
        let order = Self.fieldOrder(of: block.key ?? "")
        func rank(_ entry: FactsLayout.Entry) -> Int {
            switch entry.role {
            case .field(let key): order.firstIndex(of: key) ?? order.count
            case .item: order.firstIndex(of: "-") ?? order.count
            case .invalid: order.count
            }
        }
        // The block's first line decides what the block is, so it never moves.
        let sorted = block.entries.enumerated().sorted { left, right in
            let leftRank = left.offset == 0 ? -1 : rank(left.element)
            let rightRank = right.offset == 0 ? -1 : rank(right.element)
            return (leftRank, left.offset) < (rightRank, right.offset)
        }.map(\.element)
        var lines = block.leadingComments
        for entry in sorted {
            lines += entry.comments
            switch entry.role {
            case .field(let key): lines.append(entry.value.isEmpty ? key + ":" : key + ": " + entry.value)
            case .item: lines.append(entry.value.isEmpty ? "-" : "- " + entry.value)
            case .invalid(let text): lines.append(text.trimmingWhitespace())
            }
            for piece in entry.pieces {
                switch piece {
                case .comment(let text): lines.append(text)
                case .continuation(let text): lines.append("  " + text)
                }
            }
        }
        return lines + block.trailingComments
    }
}

/// What a document says, without where it says it: equal for two layouts of one deck.
struct DocumentContent: Equatable {
    var header: DeckHeader?
    var sources: [SourceDefinition]
    var facts: [Fact]
    var sectionPaths: [[String]]

    init(_ document: FactsDocument) {
        let nowhere = SourceSpan(line: 0, column: 0)
        header = document.header
        header?.line = 0
        sources = document.sources.map { source in
            var copy = source
            copy.line = 0
            copy.keySpan = nowhere
            return copy
        }
        facts = document.facts.map { fact in
            var copy = fact
            copy.line = 0
            copy.valueSpans = []
            copy.citations = fact.citations.map { citation in
                var moved = citation
                moved.span = nowhere
                return moved
            }
            if case .cloze(let segments) = fact.body {
                copy.body = .cloze(segments.map { segment in
                    guard case .blank(var blank) = segment else { return segment }
                    blank.span = nowhere
                    return .blank(blank)
                })
            }
            return copy
        }
        sectionPaths = document.facts.map(\.sectionPath)
    }
}

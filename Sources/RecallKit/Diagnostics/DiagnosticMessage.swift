/// The catalogue of everything the deck parser and compiler can say, sorted by id.
///
/// Each message is a static member whose name matches its stable id, so a diagnostic can be
/// looked up in the docs and matched by tools: `DiagnosticMessage.unknownSourceKey("wiki")`
/// has the id `unknown-source-key`.
public struct DiagnosticMessage: Hashable, Sendable {
    public let id: String
    public let severity: Severity
    public let text: String

    public init(id: String, severity: Severity, text: String) {
        self.id = id
        self.severity = severity
        self.text = text
    }
}

extension DiagnosticMessage {
    static func answerTooLong(_ length: Int, limit: Int) -> Self {
        .init(id: "answer-too-long", severity: .warning,
              text: "this answer is \(length) characters long, too long to type (over \(limit)); make it a `term:`/`def:` fact or shorten it")
    }
    static func clozeEmptySpan() -> Self {
        .init(id: "cloze-empty-span", severity: .error, text: "this cloze span `{{}}` has no answer in it")
    }
    static func clozeNestedSpan() -> Self {
        .init(id: "cloze-nested-span", severity: .error, text: "cloze spans cannot be nested: `{{` inside another `{{…}}`")
    }
    static func clozeTooManyBlanks(_ count: Int, limit: Int) -> Self {
        .init(id: "cloze-too-many-blanks", severity: .error,
              text: "this cloze has \(count) blanks; a cloze may have at most \(limit)")
    }
    static func clozeUnclosedSpan() -> Self {
        .init(id: "cloze-unclosed-span", severity: .error, text: "this `{{` is never closed with `}}`")
    }
    static func clozeUnopenedSpan() -> Self {
        .init(id: "cloze-unopened-span", severity: .error, text: "this `}}` closes no `{{`")
    }
    static func clozeWithoutSpan() -> Self {
        .init(id: "cloze-without-span", severity: .warning, text: "this cloze has no `{{…}}` span, so it yields no card")
    }
    static func continuationWithoutField() -> Self {
        .init(id: "continuation-without-field", severity: .error, text: "an indented continuation line must follow a field")
    }
    static func controlCharacter(_ scalar: Unicode.Scalar) -> Self {
        .init(id: "control-character", severity: .error,
              text: "the text contains the control character U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)), which cannot be shown safely")
    }
    static func deckHeaderMissing() -> Self {
        .init(id: "deck-header-missing", severity: .error, text: "the file must start with a `deck:` block that names the deck")
    }
    static func deckHeaderRepeated() -> Self {
        .init(id: "deck-header-repeated", severity: .error, text: "a file holds one deck; this second `deck:` block is not allowed")
    }
    static func distractorIsAnswer(_ distractor: String) -> Self {
        .init(id: "distractor-is-answer", severity: .error, text: "the distractor '\(distractor)' is also an accepted answer")
    }
    static func duplicateFact(firstLine: Int) -> Self {
        .init(id: "duplicate-fact", severity: .warning, text: "this fact repeats the one on line \(firstLine)")
    }
    static func duplicateField(_ key: String) -> Self {
        .init(id: "duplicate-field", severity: .error, text: "`\(key):` appears more than once in this block")
    }
    static func duplicateID(_ id: String, firstLine: Int) -> Self {
        .init(id: "duplicate-id", severity: .error, text: "the id '\(id)' is already used by the fact on line \(firstLine)")
    }
    static func duplicateSourceKey(_ key: String, firstLine: Int) -> Self {
        .init(id: "duplicate-source-key", severity: .error, text: "the source key '\(key)' is already defined on line \(firstLine)")
    }
    static func emptyHeading() -> Self {
        .init(id: "empty-heading", severity: .error, text: "this heading has no text")
    }
    static func emptyValue(_ key: String) -> Self {
        .init(id: "empty-value", severity: .error, text: "`\(key):` has no value")
    }
    static func factWithoutSource() -> Self {
        .init(id: "fact-without-source", severity: .warning, text: "this fact cites no source")
    }
    static func fieldNotAllowed(_ key: String, block: String) -> Self {
        .init(id: "field-not-allowed", severity: .error, text: "`\(key):` is not a field of a `\(block):` block")
    }
    static func invalidDate(_ text: String) -> Self {
        .init(id: "invalid-date", severity: .error, text: "'\(text)' is not a date recall understands")
    }
    static func invalidIdentifier(_ text: String, what: String) -> Self {
        .init(id: "invalid-identifier", severity: .error, text: "'\(text)' is not a valid \(what)")
    }
    static func invalidListOrder(_ text: String) -> Self {
        .init(id: "invalid-list-order", severity: .error, text: "'\(text)' is not a list order; write `set` or `sequence`")
    }
    static func invalidNumber(_ reason: String) -> Self {
        .init(id: "invalid-number", severity: .error, text: reason)
    }
    static func invalidUTF8() -> Self {
        .init(id: "invalid-utf8", severity: .error, text: "this line is not valid UTF-8; save the file as UTF-8")
    }
    static func kindTooFewMembers(_ kind: String, count: Int, needed: Int) -> Self {
        .init(id: "kind-too-few-members", severity: .warning,
              text: "the kind '\(kind)' has \(count) answer\(count == 1 ? "" : "s") in this deck, too few for multiple choice (needs \(needed)); no choice or true/false card is made for it")
    }
    static func lineTooLong(_ length: Int) -> Self {
        .init(id: "line-too-long", severity: .error, text: "this line is \(length) characters long; recall reads lines of up to 100,000 characters")
    }
    static func listItemOutsideList() -> Self {
        .init(id: "list-item-outside-list", severity: .error, text: "a `- item` line belongs in a `list:` fact")
    }
    static func listWithoutItems() -> Self {
        .init(id: "list-without-items", severity: .error, text: "this list has no `- item` lines")
    }
    static func missingField(_ key: String, block: String) -> Self {
        .init(id: "missing-field", severity: .error, text: "this `\(block):` block needs a `\(key):` line")
    }
    static func notAField() -> Self {
        .init(id: "not-a-field", severity: .error, text: "expected a `key: value` line")
    }
    static func sourceUnterminatedQuote() -> Self {
        .init(id: "source-unterminated-quote", severity: .error, text: "the evidence phrase opens a quote that is never closed")
    }
    static func tooFewDistractors(_ count: Int) -> Self {
        .init(id: "too-few-distractors", severity: .warning,
              text: "only \(count) distractor\(count == 1 ? "" : "s") given; multiple choice needs 3")
    }
    static func unknownBlock(_ key: String) -> Self {
        .init(id: "unknown-block", severity: .error, text: "a block cannot start with `\(key):`")
    }
    static func unknownSourceKey(_ key: String) -> Self {
        .init(id: "unknown-source-key", severity: .warning, text: "unknown source key '\(key)'")
    }
    static func unusedSource(_ key: String) -> Self {
        .init(id: "unused-source", severity: .warning, text: "the source '\(key)' is never cited")
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}

/// An answer as the author wrote it: the canonical form first, then accepted alternatives.
///
///     A: Nikolai Yezhov | Yezhov | Ezhov
///     // AnswerText(canonical: "Nikolai Yezhov", aliases: ["Yezhov", "Ezhov"])
public struct AnswerText: Hashable, Codable, Sendable {
    public var canonical: String
    public var aliases: [String]

    public init(canonical: String, aliases: [String] = []) {
        self.canonical = canonical
        self.aliases = aliases
    }

    /// The canonical answer followed by its aliases.
    public var all: [String] { [canonical] + aliases }
}

/// A citation of a source: `source: liao-2017, para. 4 "between 1937 and 1938"`.
public struct Citation: Hashable, Codable, Sendable {
    public var key: String
    /// Where in the source (page, paragraph, timestamp), as the author wrote it.
    public var location: String?
    /// A short verbatim phrase from the source, so a reader can find the passage.
    public var evidence: String?
    public var span: SourceSpan

    public init(key: String, location: String? = nil, evidence: String? = nil, span: SourceSpan) {
        self.key = key
        self.location = location
        self.evidence = evidence
        self.span = span
    }
}

/// One blank in a cloze sentence: `{{#1 person: Lev Kamenev | Kamenev}}`.
public struct ClozeSpan: Hashable, Codable, Sendable {
    /// Spans with the same group are asked together on one card.
    public var group: Int?
    public var kind: String?
    public var answer: AnswerText
    public var span: SourceSpan
}

/// A cloze sentence: plain text with blanks in it.
public enum ClozeSegment: Hashable, Codable, Sendable {
    case text(String)
    case blank(ClozeSpan)
}

/// What a fact says, by the kind of fact it is.
public enum FactBody: Hashable, Sendable {
    /// `Q:` / `A:`
    case question(question: String, answer: AnswerText)
    /// `term:` / `def:`
    case term(term: AnswerText, definition: String)
    /// `cloze:` with `{{…}}` blanks
    case cloze([ClozeSegment])
    /// `number:` / `answer:` / `unit:`; the answer is checked by the compiler.
    case number(question: String, answer: String, unit: String?)
    /// `event:` / `date:`; the date is checked by the compiler.
    case event(description: String, date: String)
    /// `list:` with `- item` lines
    case list(question: String, items: [AnswerText], ordered: Bool)

    /// The key that starts this kind of block (`Q`, `term`, …).
    public var blockKey: String {
        switch self {
        case .question: "Q"
        case .term: "term"
        case .cloze: "cloze"
        case .number: "number"
        case .event: "event"
        case .list: "list"
        }
    }
}

/// One fact of a deck, as parsed from its block.
public struct Fact: Hashable, Sendable {
    public var body: FactBody
    /// The author's `id:`, if any; otherwise the compiler derives one from the content.
    public var explicitID: String?
    /// Headings above the fact, outermost first.
    public var sectionPath: [String]
    public var tags: [String]
    public var note: String?
    public var kind: String?
    public var distractors: [String]
    public var citations: [Citation]
    /// The line the block starts on.
    public var line: Int
    /// Where each field's value starts (the first, for a repeated field), in the order
    /// written, for diagnostics the compiler raises later. A fact has a handful of fields:
    /// a short array beats a dictionary per fact.
    public var valueSpans: [FieldSpan]

    public struct FieldSpan: Hashable, Sendable {
        public var key: String
        public var span: SourceSpan

        public init(key: String, span: SourceSpan) {
            self.key = key
            self.span = span
        }
    }

    public init(body: FactBody, line: Int) {
        self.body = body
        self.explicitID = nil
        self.sectionPath = []
        self.tags = []
        self.note = nil
        self.kind = nil
        self.distractors = []
        self.citations = []
        self.line = line
        self.valueSpans = []
    }

    /// The span of a field's value, or the block's first line when the field is absent.
    public func span(of key: String) -> SourceSpan {
        valueSpans.first { $0.key == key }?.span ?? SourceSpan(line: line, column: 1)
    }
}

/// The `deck:` block.
public struct DeckHeader: Hashable, Codable, Sendable {
    public var id: String
    public var title: String
    public var description: String?
    public var language: String
    public var authors: [String]
    public var line: Int
}

/// A `source:` block.
public struct SourceDefinition: Hashable, Codable, Sendable {
    public var key: String
    public var title: String
    public var author: String?
    public var date: String?
    public var url: String?
    public var file: String?
    public var note: String?
    public var line: Int
    public var keySpan: SourceSpan
}

/// A parsed `.facts` file: what it says, before any question is generated.
public struct FactsDocument: Sendable {
    public var path: String
    public var header: DeckHeader?
    public var sources: [SourceDefinition]
    public var facts: [Fact]

    public init(path: String, header: DeckHeader? = nil, sources: [SourceDefinition] = [], facts: [Fact] = []) {
        self.path = path
        self.header = header
        self.sources = sources
        self.facts = facts
    }
}

/// The answer a typed card expects, as the deck compiler builds it from a fact.
///
/// ```swift
/// // Q: Who shot Sergei Kirov?   A: Leonid Nikolaev | Nikolayev   kind: person
/// ExpectedAnswer.text(canonical: "Leonid Nikolaev", aliases: ["Nikolayev"], kind: .person)
///
/// // number: How many executions do NKVD records give for 1937–38?   answer: 681,692   unit: people
/// ExpectedAnswer.number(try NumberSpec.parse("681,692"), unit: "people")
///
/// // event: Sergei Kirov is shot in Leningrad   date: 1934-12-01
/// ExpectedAnswer.date(try HistoricalDate.parse("1934-12-01"))
///
/// // list: Which two defendants headed the first Moscow trial?   order: set
/// ExpectedAnswer.list(items: [ListItem(canonical: "Grigory Zinoviev", kind: .person),
///                             ListItem(canonical: "Lev Kamenev", kind: .person)], ordered: false)
/// ```
///
/// A `.text` answer of kind `year` or `date` whose canonical text is an ISO date (`1937`,
/// `1934-12-01`) is judged as that date, and one of kind `number` whose canonical text parses
/// as a `NumberSpec` is judged as that number, so cloze spans behave like dedicated facts.
///
/// Multiple choice is matched by the front end; see `AnswerChecker.matchChoice(_:options:)`.
public enum ExpectedAnswer: Sendable, Hashable, Codable {
    /// A name, place, term or any other text, with the alternatives the author accepts.
    case text(canonical: String, aliases: [String], kind: AnswerKind)
    /// A number judged by value; `unit` is shown in feedback only ("681,692 people").
    case number(NumberSpec, unit: String?)
    /// A date judged at its precision.
    case date(HistoricalDate)
    /// Several items, in any order (`ordered: false`) or in the given order.
    case list(items: [ListItem], ordered: Bool)

    /// The answer as feedback shows it: `Leonid Nikolaev`, `681,692 people`, `1 December 1934`,
    /// `Grigory Zinoviev, Lev Kamenev`.
    public var displayText: String {
        switch self {
        case .text(let canonical, _, _):
            return canonical
        case .number(let spec, let unit):
            guard let unit, !unit.isEmpty else { return spec.displayText }
            return spec.displayText + " " + unit
        case .date(let date):
            return date.displayText
        case .list(let items, _):
            return items.map(\.canonical).joined(separator: ", ")
        }
    }

    // MARK: - Codable

    // {"type": "text", "canonical": …, "aliases": […], "kind": "person"} · {"type": "number", "spec": {…}, "unit": …}
    // {"type": "date", "date": "1934-12-01"} · {"type": "list", "items": […], "ordered": false}
    private enum CodingKeys: String, CodingKey { case type, canonical, aliases, kind, spec, unit, date, items, ordered }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "text":
            self = .text(
                canonical: try container.decode(String.self, forKey: .canonical),
                aliases: try container.decodeIfPresent([String].self, forKey: .aliases) ?? [],
                kind: try container.decodeIfPresent(AnswerKind.self, forKey: .kind) ?? .text
            )
        case "number":
            self = .number(try container.decode(NumberSpec.self, forKey: .spec), unit: try container.decodeIfPresent(String.self, forKey: .unit))
        case "date":
            self = .date(try container.decode(HistoricalDate.self, forKey: .date))
        case "list":
            self = .list(items: try container.decode([ListItem].self, forKey: .items), ordered: try container.decodeIfPresent(Bool.self, forKey: .ordered) ?? false)
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: "Unknown answer type “\(other)”.")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .text(let canonical, let aliases, let kind):
            try container.encode("text", forKey: .type)
            try container.encode(canonical, forKey: .canonical)
            try container.encode(aliases, forKey: .aliases)
            try container.encode(kind, forKey: .kind)
        case .number(let spec, let unit):
            try container.encode("number", forKey: .type)
            try container.encode(spec, forKey: .spec)
            try container.encodeIfPresent(unit, forKey: .unit)
        case .date(let date):
            try container.encode("date", forKey: .type)
            try container.encode(date, forKey: .date)
        case .list(let items, let ordered):
            try container.encode("list", forKey: .type)
            try container.encode(items, forKey: .items)
            try container.encode(ordered, forKey: .ordered)
        }
    }
}

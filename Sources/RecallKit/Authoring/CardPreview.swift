import Foundation

/// Shows an author every card a fact yields, as `recall preview` prints it: each card's kind,
/// stable id and variant, the question with its options or events, the answers accepted, the
/// distractors, and the explanation and source. Without a selection, a summary of the deck.
///
/// Every piece of deck text passes through ``TerminalSanitizer``.
///
///     let loaded = try DeckLoader.load(path: "Decks/great-purge.facts", seed: 0)
///     print(try CardPreview().render(loaded, selection: .fact("kirov-assassin")))
public struct CardPreview: Sendable {
    /// Which facts to show.
    public enum Selection: Sendable, Equatable {
        /// The whole deck: a summary, or every card of one kind with `kind`.
        case deck
        /// The fact with this explicit id (or derived `~…` id).
        case fact(String)
        /// The fact whose block contains this line.
        case line(Int)
        /// Every fact whose section contains this text (`Kirov`, `Background › Famine`), ignoring case.
        case topic(String)
    }

    /// How many facts the summary lists as yielding the fewest cards.
    public static let fewestCount = 10

    public var style: TextStyle

    public init(style: TextStyle = .plain) {
        self.style = style
    }

    /// The preview of the selected facts, or of the deck. `kind` keeps only cards of one card
    /// kind (`typed`, `choice`, …) or one answer kind (`person`, `year`, …).
    public func render(_ loaded: DeckLoader.Loaded, selection: Selection, kind: String? = nil) throws(AuthoringError) -> String {
        guard let deck = loaded.deck else {
            throw .deckHasErrors(loaded.path, diagnostics: loaded.diagnostics, command: "recall preview")
        }
        let (document, _) = FactsParser().parse(loaded.bytes, path: loaded.path)
        // Facts that did not compile have no cards; the deck has none when it has errors.
        let facts: [Fact]
        switch selection {
        case .deck:
            guard kind != nil else { return summary(deck, document: document) }
            facts = document.facts
        case .fact(let id):
            facts = document.facts.filter { $0.explicitID == id || cards(of: $0, in: deck).contains { $0.factID == id } }
            if facts.isEmpty {
                throw .unknownFact(id, suggestion: Suggestion.closest(to: id, in: document.facts.compactMap(\.explicitID)))
            }
        case .line(let line):
            let layout = FactsLayout(text: String(decoding: loaded.bytes, as: UTF8.self))
            guard let block = layout.block(containing: line), let fact = document.facts.first(where: { $0.line == block.line }) else {
                throw .noFactAtLine(line)
            }
            facts = [fact]
        case .topic(let topic):
            facts = document.facts.filter { Self.topic($0.sectionPath, matches: topic) }
            if facts.isEmpty {
                let topics = uniqued(document.facts.flatMap { $0.sectionPath + [$0.sectionPath.joined(separator: " › ")] })
                throw .unknownTopic(topic, suggestion: Suggestion.closest(to: topic, in: topics))
            }
        }
        var sections: [String] = []
        for fact in facts {
            let shown = cards(of: fact, in: deck).filter { kind == nil || Self.card($0, hasKind: kind!) }
            if shown.isEmpty, kind != nil { continue }
            sections.append(render(fact, cards: shown, path: loaded.path))
        }
        if sections.isEmpty, let kind {
            return "No card of kind '\(clean(kind))' in the selected facts.\n"
        }
        return sections.joined(separator: "\n")
    }

    /// Whether a fact's section path contains the text, ignoring case, as `recall study --topic` does.
    static func topic(_ path: [String], matches topic: String) -> Bool {
        let wanted = topic.trimmingWhitespace().lowercased()
        return !wanted.isEmpty && path.joined(separator: " › ").lowercased().contains(wanted)
    }

    static func card(_ card: Card, hasKind kind: String) -> Bool {
        card.kind.rawValue == kind || card.answerKind == kind
    }

    /// A fact's own cards, then the chronology cards its event takes part in.
    func cards(of fact: Fact, in deck: CompiledDeck) -> [Card] {
        let own = deck.cards.filter { $0.line == fact.line && $0.kind != .chronology }
        guard case .event(let description, _) = fact.body else { return own }
        let chronology = deck.cards.filter { card in
            guard case .chronology(_, let events, _) = card.question else { return false }
            return events.contains(description)
        }
        return own + chronology
    }

    // MARK: One fact

    func render(_ fact: Fact, cards: [Card], path: String) -> String {
        var identity = fact.explicitID.map { "id " + clean($0) } ?? "no id"
        // Facts identified by content (no id, or a pinned `h-` id) show the derived `~…` id too.
        let derived = cards.first { $0.kind != .chronology }?.factID
        if let derived, derived != fact.explicitID {
            identity += " (\(clean(derived)))"
        }
        let title = "\(clean(path)):\(fact.line) · \(fact.body.blockKey) · \(identity) · \(cards.count) card\(cards.count == 1 ? "" : "s")"
        var lines = [style.bold(title)]
        if !fact.sectionPath.isEmpty { lines.append("topic:   " + clean(fact.sectionPath.joined(separator: " › "))) }
        if let note = fact.note { lines.append("note:    " + clean(note)) }
        let titles = cards.first?.citations ?? []
        for citation in fact.citations {
            let known = titles.first { $0.key == citation.key }
            lines.append("source:  " + citationText(citation, title: known?.title))
        }
        if cards.isEmpty { lines.append(style.dim("(this fact yields no card)")) }
        for card in cards {
            lines.append("")
            lines += render(card)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func citationText(_ citation: Citation, title: String?) -> String {
        var text = clean(citation.key)
        if let title { text += " — " + clean(title) }
        if let location = citation.location { text += ", " + clean(location) }
        if let evidence = citation.evidence { text += " “" + clean(evidence) + "”" }
        return text
    }

    func render(_ card: Card) -> [String] {
        var lines = [style.accent("\(card.kind.rawValue) · \(card.id.rawValue) · \(clean(card.variant))")
                     + (card.answerKind.map { style.dim(" · kind " + clean($0)) } ?? "")]
        func field(_ label: String, _ value: String) {
            lines.append("  " + label.padding(toLength: 12, withPad: " ", startingAt: 0) + value)
        }
        switch card.question {
        case .typed(let prompt, let expected):
            field("question", clean(prompt))
            field("accepts", accepted(expected))
        case .flashcard(let front, let back):
            field("front", clean(front))
            field("back", clean(back))
        case .choice(let prompt, let options, let correct):
            field("question", clean(prompt))
            for (index, option) in options.enumerated() {
                field("", "\(index + 1)) \(clean(option))" + (index == correct ? "  ✓" : ""))
            }
            field("distractors", options.enumerated().filter { $0.offset != correct }.map { clean($0.element) }.joined(separator: "; "))
        case .truefalse(let prompt, let proposed, let isTrue):
            field("question", clean(prompt))
            field("proposed", clean(proposed) + " — " + (isTrue ? "true" : "false"))
        case .chronology(let prompt, let events, let order):
            field("question", clean(prompt))
            for (index, event) in events.enumerated() {
                field("", "\(index + 1)) \(clean(event))")
            }
            field("order", order.map { String($0 + 1) }.joined(separator: ", ") + " (earliest first)")
        }
        field("answer", clean(card.answer))
        return lines
    }

    /// The canonical answer and every alias a typed card accepts.
    func accepted(_ expected: ExpectedAnswer) -> String {
        switch expected {
        case .text(let canonical, let aliases, _):
            return ([canonical] + aliases).map(clean).joined(separator: " | ")
        case .number(let spec, let unit):
            return clean(spec.displayText + (unit.map { " " + $0 } ?? ""))
        case .date(let date):
            return "\(date.displayText) (\(date.isoText))"
        case .list(let items, let ordered):
            let shown = items.map { ([$0.canonical] + $0.aliases).map(clean).joined(separator: " | ") }
            return shown.joined(separator: "; ") + (ordered ? " — in this order" : " — any order")
        }
    }

    // MARK: The deck

    func summary(_ deck: CompiledDeck, document: FactsDocument) -> String {
        var lines = [style.bold("\(clean(deck.deck.path)): \(document.facts.count) facts, \(deck.cards.count) cards")]
        let counts = deck.countsByKind
        for kind in CardKind.allCases {
            lines.append("  " + kind.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0) + String(counts[kind, default: 0]).leftPadded(to: 6, with: " "))
        }
        let perFact = document.facts.map { fact in
            (fact, deck.cards.filter { $0.line == fact.line && $0.kind != .chronology }.count)
        }.sorted { ($0.1, $0.0.line) < ($1.1, $1.0.line) }
        lines.append("")
        lines.append(style.bold("The \(min(Self.fewestCount, perFact.count)) facts with the fewest cards:"))
        let fewest = perFact.prefix(Self.fewestCount)
        let idWidth = fewest.map { clean($0.0.explicitID ?? "(no id)").count }.max() ?? 0
        for (fact, count) in fewest {
            let id = clean(fact.explicitID ?? "(no id)")
            let line = "  line " + String(fact.line).leftPadded(to: 5, with: " ") + "  " + String(count).leftPadded(to: 2, with: " ")
                + " card" + (count == 1 ? " " : "s") + "  " + fact.body.blockKey.padding(toLength: 7, withPad: " ", startingAt: 0)
                + id + String(repeating: " ", count: idWidth - id.count) + "  " + style.dim(clean(Self.excerpt(of: fact.body)))
            lines.append(line)
        }
        lines.append("")
        lines.append(style.dim("Show a fact's cards with --fact ID, --line N or --topic TEXT."))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The first words of what a fact asks.
    static func excerpt(of body: FactBody) -> String {
        let text: String
        switch body {
        case .question(let question, _): text = question
        case .term(let term, _): text = term.canonical
        case .cloze(let segments):
            text = segments.map { segment in
                switch segment {
                case .text(let plain): plain
                case .blank(let span): "[" + span.answer.canonical + "]"
                }
            }.joined()
        case .number(let question, _, _): text = question
        case .event(let description, _): text = description
        case .list(let question, _, _): text = question
        }
        return text.count > 50 ? String(text.prefix(49)) + "…" : text
    }

    func clean(_ text: String) -> String { TerminalSanitizer.clean(text) }
}

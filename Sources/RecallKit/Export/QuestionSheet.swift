/// A deck as a printable question sheet with an answer key at the end, as plain text or
/// markdown. By default one question per fact (multiple choice when the fact has one, so the
/// options are listed; else typed, flashcard, true/false), grouped by topic in deck order.
///
///     let sheet = QuestionSheet(deck: deck)
///     print(sheet.text())
///     try AtomicFile.write(Data(sheet.markdown().utf8), to: "great-purge-questions.md")
public struct QuestionSheet: Sendable {
    public var deck: CompiledDeck
    /// One question per fact; false lists every card.
    public var onePerFact: Bool

    public init(deck: CompiledDeck, onePerFact: Bool = true) {
        self.deck = deck
        self.onePerFact = onePerFact
    }

    /// The questions in sheet order, with their topic.
    var questions: [Card] {
        guard onePerFact else { return deck.cards }
        let preference: [CardKind] = [.choice, .typed, .flashcard, .truefalse, .chronology]
        var order: [String] = []
        var byFact: [String: [Card]] = [:]
        for card in deck.cards {
            if byFact[card.factID] == nil { order.append(card.factID) }
            byFact[card.factID, default: []].append(card)
        }
        return order.compactMap { fact in
            byFact[fact]!.min { preference.firstIndex(of: $0.kind)! < preference.firstIndex(of: $1.kind)! }
        }
    }

    /// Topics in order of first appearance, each with its questions.
    var sections: [(topic: String, cards: [Card])] {
        var order: [String] = []
        var byTopic: [String: [Card]] = [:]
        for card in questions {
            if byTopic[card.topic] == nil { order.append(card.topic) }
            byTopic[card.topic, default: []].append(card)
        }
        return order.map { ($0, byTopic[$0]!) }
    }

    static let letters = Array("abcdefghijklmnopqrstuvwxyz")

    /// Plain text for printing.
    public func text() -> String {
        let title = clean(deck.deck.title)
        var lines = [title, String(repeating: "=", count: max(title.count, 3)), ""]
        var key: [String] = []
        var number = 0
        for section in sections {
            if !section.topic.isEmpty {
                lines += [clean(section.topic), String(repeating: "-", count: max(clean(section.topic).count, 3)), ""]
            }
            for card in section.cards {
                number += 1
                lines += body(of: card, number: number, markdown: false)
                lines.append("")
                key.append("\(number). " + answer(of: card))
            }
        }
        lines += ["Answer key", "----------", ""] + key
        return lines.joined(separator: "\n") + "\n"
    }

    /// Markdown, with a heading per topic and the answer key last.
    public func markdown() -> String {
        var lines = ["# " + escape(deck.deck.title), ""]
        var key: [String] = []
        var number = 0
        for section in sections {
            if !section.topic.isEmpty { lines += ["## " + escape(section.topic), ""] }
            for card in section.cards {
                number += 1
                lines += body(of: card, number: number, markdown: true)
                lines.append("")
                key.append("\(number). " + escape(answer(of: card)))
            }
        }
        lines += ["## Answer key", ""] + key
        return lines.joined(separator: "\n") + "\n"
    }

    func body(of card: Card, number: Int, markdown: Bool) -> [String] {
        func text(_ value: String) -> String { markdown ? escape(value) : clean(value) }
        let indent = markdown ? "   " : "    "
        var lines: [String] = []
        switch card.question {
        case .choice(let prompt, let options, _):
            lines.append("\(number). " + text(prompt))
            for (index, option) in options.enumerated() { lines.append(indent + "\(Self.letter(index))) " + text(option)) }
        case .truefalse(let prompt, let proposed, _):
            lines.append("\(number). True or false? " + text(prompt))
            lines.append(indent + "Proposed answer: " + text(proposed))
            lines.append(indent + "[ ] true   [ ] false")
        case .chronology(let prompt, let events, _):
            lines.append("\(number). " + text(prompt))
            for (index, event) in events.enumerated() { lines.append(indent + "\(Self.letter(index))) " + text(event)) }
        case .typed(let prompt, _), .flashcard(let prompt, _):
            lines.append("\(number). " + text(prompt))
            lines.append(indent + (markdown ? "Answer: \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_" : "Answer: ____________"))
        }
        return lines
    }

    func answer(of card: Card) -> String {
        switch card.question {
        case .choice(_, let options, let correct) where options.indices.contains(correct):
            return "\(Self.letter(correct))) " + clean(options[correct])
        case .truefalse(_, let proposed, let isTrue):
            return isTrue ? "true" : "false (\(clean(proposed)) is wrong; the answer is \(clean(card.answer)))"
        case .chronology(_, let events, let order):
            let letters = order.map { Self.letter($0) }.joined(separator: ", ")
            return letters + (events.isEmpty ? "" : " — " + clean(card.answer))
        default:
            return clean(card.answer)
        }
    }

    static func letter(_ index: Int) -> String {
        index < letters.count ? String(letters[index]) : String(index + 1)
    }

    func clean(_ text: String) -> String {
        TerminalSanitizer.clean(text.replacingOccurrences(of: "\n", with: " "))
    }

    /// Markdown-safe text: markup characters escaped, one line.
    func escape(_ text: String) -> String {
        var output = ""
        for character in clean(text) {
            if "\\`*_[]<>#|".contains(character) { output.append("\\") }
            output.append(character)
        }
        return output
    }
}

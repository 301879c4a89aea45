/// Deck text → Anki note fields: HTML escaping, tags, sources, and cloze text rebuilt from
/// the compiled cloze questions.
///
///     AnkiFormatting.html("a < b\nc")                                   // "a &lt; b<br>c"
///     AnkiFormatting.tags(topic: "Great Purge › People", tags: ["ussr"])  // ["Great_Purge::People", "ussr"]
enum AnkiFormatting {
    /// Anki fields are HTML: escape markup characters and keep line breaks. Apostrophes stay
    /// as they are, as Anki's own editor leaves them.
    static func html(_ text: String) -> String {
        HTMLText.escaped(text, lineBreaks: true, apostrophes: false)
    }

    /// Anki's sort field: the field with HTML removed, as Anki computes it for plain text.
    static func plain(_ field: String) -> String {
        var text = field.replacingOccurrences(of: "<br>", with: " ")
        // Cloze markers show their answers in the sort field.
        while let open = text.range(of: "{{c"), let separator = text.range(of: "::", range: open.upperBound..<text.endIndex),
              let close = text.range(of: "}}", range: separator.upperBound..<text.endIndex) {
            text.replaceSubrange(open.lowerBound..<close.upperBound, with: text[separator.upperBound..<close.lowerBound])
        }
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text
    }

    /// The topic as a hierarchical tag, then the fact's tags; spaces become underscores.
    static func tags(topic: String, tags: [String]) -> [String] {
        func tag(_ text: String) -> String {
            String(TerminalSanitizer.clean(text).trimmingCharacters(in: .whitespaces).map { $0.isWhitespace ? "_" : $0 })
        }
        var result: [String] = []
        let parts = topic.components(separatedBy: "›").map(tag).filter { !$0.isEmpty }
        if !parts.isEmpty { result.append(parts.joined(separator: "::")) }
        for value in tags.map(tag) where !value.isEmpty && !result.contains(value) { result.append(value) }
        return result
    }

    /// Citations as "Title, location: “evidence”", one per line.
    static func source(_ citations: [CardCitation]) -> String {
        citations.map { citation in
            var text = citation.title ?? citation.key
            if let location = citation.location, !location.isEmpty { text += ", " + location }
            if let evidence = citation.evidence, !evidence.isEmpty { text += ": “" + evidence + "”" }
            return html(text)
        }.joined(separator: "<br>")
    }

    /// A Basic note's front and back: the fact's flashcard if it has one, else its first
    /// question with its answer; choices and events are listed on the front.
    static func frontAndBack(_ cards: [Card]) -> (front: String, back: String) {
        let card = cards.first { $0.kind == .flashcard } ?? cards.first { $0.kind == .typed } ?? cards[0]
        var front: String
        var back = card.answer
        switch card.question {
        case .flashcard(let question, let answer):
            front = question
            back = answer
        case .chronology(let prompt, let events, _):
            front = prompt + "\n" + events.map { "• " + $0 }.joined(separator: "\n")
        default:
            front = card.question.prompt
        }
        if let note = card.note ?? cards.first(where: { $0.note != nil })?.note, !note.isEmpty {
            back += "\n\n" + note
        }
        front = html(front)
        return (front, html(back))
    }

    /// The cloze note text, and per cloze number the cards asking it; nil when the cards are
    /// not cloze questions or their prompts do not line up (then a Basic note is made).
    static func cloze(_ cards: [Card]) -> (text: String, questions: [[Card]])? {
        // Questions in first-appearance order: `cloze.Kirov.typed` and `cloze.Kirov.choice` ask the same blank.
        var keys: [String] = []
        var groups: [String: [Card]] = [:]
        for card in cards {
            guard card.variant.hasPrefix("cloze.") else { return nil }
            var parts = card.variant.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if let last = parts.last, ["typed", "choice", "truefalse"].contains(last), parts.count > 2 { parts.removeLast() }
            let key = parts.joined(separator: ".")
            if groups[key] == nil { keys.append(key) }
            groups[key, default: []].append(card)
        }
        guard !keys.isEmpty else { return nil }
        let blank = "[…]"
        var prompts: [[Character]] = []
        var answers: [[String]] = []
        for key in keys {
            let group = groups[key]!
            let card = group.first { $0.kind == .typed } ?? group[0]
            prompts.append(Array(card.question.prompt))
            let blanks = card.question.prompt.components(separatedBy: blank).count - 1
            let split = blanks > 1 ? card.answer.components(separatedBy: "; ") : [card.answer]
            guard split.count == blanks else { return nil }
            answers.append(split)
        }
        // Walk all prompts together: shared text is copied; where one prompt has a blank, the
        // others show that blank's answer, which tells how far they move.
        let blankCharacters = Array(blank)
        var positions = [Int](repeating: 0, count: prompts.count)
        var nextAnswer = [Int](repeating: 0, count: prompts.count)
        var text = ""
        while prompts.indices.contains(where: { positions[$0] < prompts[$0].count }) {
            if let owner = prompts.indices.first(where: { prompts[$0][positions[$0]...].starts(with: blankCharacters) }) {
                guard nextAnswer[owner] < answers[owner].count else { return nil }
                let answer = answers[owner][nextAnswer[owner]]
                nextAnswer[owner] += 1
                for index in prompts.indices {
                    if index == owner {
                        positions[index] += blankCharacters.count
                    } else {
                        guard prompts[index][positions[index]...].starts(with: Array(answer)) else { return nil }
                        positions[index] += answer.count
                    }
                }
                text += "{{c\(owner + 1)::" + html(answer) + "}}"
            } else {
                let character = prompts[0][positions[0]...].first
                guard let character, prompts.indices.allSatisfy({ prompts[$0][positions[$0]...].first == character }) else { return nil }
                text += html(String(character))
                for index in positions.indices { positions[index] += 1 }
            }
        }
        guard nextAnswer.indices.allSatisfy({ nextAnswer[$0] == answers[$0].count }) else { return nil }
        return (text, keys.map { groups[$0]! })
    }
}

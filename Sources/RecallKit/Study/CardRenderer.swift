import Foundation

/// Renders cards, feedback and status lines as terminal text. Every piece of deck text passes
/// through ``TerminalSanitizer`` here, so a deck can never send escape sequences to the screen.
///
///     let renderer = CardRenderer(style: .plain)
///     print(renderer.question(card))
public struct CardRenderer: Sendable {
    public var style: TextStyle
    public var width: Int
    /// Whether `:hint` and `:help` work here (a study session) or not (a quiz).
    public var hintsAvailable: Bool

    public init(style: TextStyle, width: Int = 80, hintsAvailable: Bool = true) {
        self.style = style
        self.width = max(40, width)
        self.hintsAvailable = hintsAvailable
    }

    func clean(_ text: String) -> String { TerminalSanitizer.clean(text) }

    /// `── The Great Purge ─────────── 18 new · 0 learning · 3 review · 2m, ~6m left`
    public func statusLine(deckTitle: String, counts: DailyQueue.RemainingCounts,
                           elapsed: TimeInterval, remaining: TimeInterval?) -> String {
        var left = "── " + clean(deckTitle)
        var right = "\(counts.new) new · \(counts.learning) learning · \(counts.review) review · \(Self.clock(elapsed))"
        if let remaining { right += ", ~\(Self.clock(remaining)) left" }
        let room = width - right.count - 2
        if left.count > room { left = String(left.prefix(max(3, room - 1))) + "…" }
        let fill = String(repeating: "─", count: max(1, width - left.count - right.count - 2))
        return style.dim(left + " " + fill + " " + right)
    }

    /// `4m`, `1h05m`
    public static func clock(_ seconds: TimeInterval) -> String {
        let minutes = Int((seconds / 60).rounded())
        if minutes < 60 { return "\(max(0, minutes))m" }
        let rest = minutes % 60
        return "\(minutes / 60)h" + (rest < 10 ? "0" : "") + "\(rest)m"
    }

    /// The card's topic above its question, and the question with options or events
    /// numbered, and a line saying how to answer.
    public func question(_ card: Card) -> String {
        let topic = card.topic.isEmpty ? "" : style.dim(clean(card.topic)) + "\n"
        return topic + questionBody(card)
    }

    func questionBody(_ card: Card) -> String {
        // Long prompts (definitions) wrap at the width rather than at the terminal's edge.
        func clean(_ text: String) -> String { wrap(TerminalSanitizer.clean(text), indent: "") }
        switch card.question {
        case .typed(let prompt, _):
            return style.bold(clean(prompt)) + "\n" + style.dim(hintsAvailable ? "Type the answer (:hint for a hint, :help for commands)." : "Type the answer.")
        case .flashcard(let front, _):
            return style.bold(clean(front)) + "\n" + style.dim("Recall the answer, then press Enter to reveal it.")
        case .choice(let prompt, let options, _):
            let lines = options.enumerated().map { "  \($0.offset + 1)) \(clean($0.element))" }
            return ([style.bold(clean(prompt))] + lines + [style.dim("Answer with a number or the option's text.")]).joined(separator: "\n")
        case .truefalse(let prompt, let proposed, _):
            return [style.bold(clean(prompt)), "  Proposed answer: \(style.accent(clean(proposed)))",
                    style.dim("True or false? (t/f)")].joined(separator: "\n")
        case .chronology(let prompt, let events, _):
            let lines = events.enumerated().map { "  \($0.offset + 1)) \(clean($0.element))" }
            let example = (1...events.count).reversed().map(String.init).joined()
            let how = events.count == 2 ? "Answer 1 or 2." : "Type the numbers earliest first, e.g. \(example)."
            return ([style.bold(clean(prompt))] + lines + [style.dim(how)]).joined(separator: "\n")
        }
    }

    /// The verdict line and, for a near miss, the character-level difference.
    public func feedback(_ card: Card, _ judgement: Judgement) -> String {
        let answer = clean(card.answer)
        var lines: [String] = []
        switch judgement.outcome {
        case .correct:
            lines.append(style.success("✓ Correct") + " — " + answer)
        case .correctWithTypo:
            let spelled = judgement.verdict.map { clean($0.matchedAnswer) } ?? answer
            lines.append(style.warning("✓ Accepted with a typo") + " — it is spelled " + style.bold(spelled))
        case .partiallyCorrect:
            lines.append(style.warning("◐ Partly right") + " — the answer is " + style.bold(answer))
            if case .partiallyCorrect(_, let missing, let extra)? = judgement.verdict?.outcome {
                if !missing.isEmpty { lines.append("  missing: " + missing.map(clean).joined(separator: ", ")) }
                if !extra.isEmpty { lines.append("  not part of it: " + extra.map(clean).joined(separator: ", ")) }
            }
        case .wrong:
            if case .chronology(_, _, let order) = card.question {
                // One event a line, with the number it had in the question.
                lines.append(style.error("✗ Not quite") + " — the order is:")
                for (position, event) in card.answer.components(separatedBy: " → ").enumerated() where position < order.count {
                    lines.append("  \(order[position] + 1)) \(clean(event))")
                }
                break
            }
            lines.append(style.error("✗ Not quite") + " — the answer is " + style.bold(answer))
            if let confused = judgement.verdict?.confusedWith {
                lines.append("  (\(clean(confused)) is the answer to a different question)")
            }
            if case .choice(_, let options, _) = card.question, let chosen = judgement.chosenOption {
                lines.append("  you chose \(chosen + 1)) \(clean(options[chosen]))")
            }
        case .selfGraded:
            lines.append(style.accent("Answer: ") + style.bold(answer))
        }
        if let verdict = judgement.verdict, judgement.outcome != .correct, !verdict.diff.isEmpty,
           verdict.diff.contains(where: { if case .same = $0 { true } else { false } }) {
            lines.append("  " + diff(verdict.diff))
        }
        return lines.joined(separator: "\n")
    }

    /// What you typed against the answer: extra letters struck through, missing ones underlined
    /// (in plain text: `[-extra-]` and `{+missing+}`).
    public func diff(_ segments: [DiffSegment]) -> String {
        segments.map { segment in
            switch segment {
            case .same(let text): clean(text)
            case .missing(let text): style.colour ? style.missing(clean(text)) : "{+" + clean(text) + "+}"
            case .extra(let text): style.colour ? style.extra(clean(text)) : "[-" + clean(text) + "-]"
            }
        }.joined()
    }

    /// The fact's explanation and its source, shown after every answer.
    public func explanation(_ card: Card) -> String {
        var lines: [String] = []
        if let note = card.note, !note.isEmpty {
            lines.append(wrap(clean(note), indent: "  "))
        }
        if let citation = card.citations.first {
            lines.append(style.dim("  Source: " + citationText(citation)))
        }
        return lines.joined(separator: "\n")
    }

    public func citationText(_ citation: CardCitation) -> String {
        var text = clean(citation.title ?? citation.key)
        if let location = citation.location { text += ", " + clean(location) }
        if let evidence = citation.evidence { text += " — “" + clean(evidence) + "”" }
        return text
    }

    /// `Again 1m · Hard 6m · Good 1d · Easy 4d`, with the suggestion marked.
    public func gradePreview(_ intervals: [Rating: TimeInterval], suggested: Rating?) -> String {
        Rating.allCases.map { rating in
            let text = "\(rating.rawValue) \(rating.name) \(IntervalFormatter.string(for: intervals[rating] ?? 0))"
            return rating == suggested ? style.bold("[" + text + "]") : text
        }.joined(separator: " · ")
    }

    /// Wraps words to the width, indenting every line.
    public func wrap(_ text: String, indent: String) -> String {
        var lines: [String] = []
        var line = indent
        for word in text.split(separator: " ") {
            if line.count + word.count + 1 > width, line.count > indent.count {
                lines.append(line)
                line = indent
            }
            line += (line.count > indent.count ? " " : "") + word
        }
        if line.count > indent.count { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}

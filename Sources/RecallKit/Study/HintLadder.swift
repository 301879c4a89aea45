/// Progressive hints for a card: each `:hint` reveals a little more.
///
///     HintLadder.hint(for: card, level: 1)   // "N_______ N_______"  (first letters)
public enum HintLadder {
    /// The hint at `level` (1, 2, …), or nil when this card has no (further) hint.
    public static func hint(for card: Card, level: Int) -> String? {
        switch card.question {
        case .typed, .flashcard:
            return revealing(card.answer, level: level)
        case .choice(_, let options, let correct):
            // Each level rules out one more wrong option, keeping at least two.
            let wrong = options.indices.filter { $0 != correct }
            guard level <= wrong.count - 1 else { return nil }
            let removed = wrong.prefix(level).map { "\($0 + 1)" }
            return "It is not option \(removed.joined(separator: " or "))."
        case .truefalse:
            return nil
        case .chronology(_, let events, let order):
            guard level == 1, let first = order.first else { return nil }
            return "The earliest is \(first + 1): \(events[first])."
        }
    }

    /// Level 1: length and first letters; level 2: half of each word; then nothing more.
    static func revealing(_ answer: String, level: Int) -> String? {
        guard level <= 2 else { return nil }
        let words = answer.split(separator: " ", omittingEmptySubsequences: false)
        return words.map { word -> String in
            let letters = Array(word)
            let shown = level == 1 ? 1 : max(1, (letters.count + 1) / 2)
            return letters.enumerated().map { index, character in
                index < shown || !(character.isLetter || character.isNumber) ? String(character) : "_"
            }.joined()
        }.joined(separator: " ")
    }
}

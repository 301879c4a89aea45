import Foundation

/// Scores a response to a list answer.
///
/// The response is split into items at line breaks, semicolons, commas (not inside numbers such
/// as `681,692`), `&`, and the word `and` (unless the text around it is itself one expected item);
/// a response without any of these whose every word is an item (`Again Hard Good Easy`) is split at spaces.
/// Each typed item is matched with the text rules of its expected item (aliases, surnames,
/// typos), and never to an item already taken; repeating an item is ignored.
///
/// Credit, for `n` expected items:
/// - a set (`ordered: false`): (items matched − ½ × extra items) / n, at least 0;
/// - a sequence (`ordered: true`): the same, but only items in the longest run that keeps the
///   expected order count; the others are reported as `misplaced`.
/// An item matched only by an ambiguous surname counts ½. All items, nothing extra and in order
/// is `correct` (or `correctWithTypo` when any item had a typo); credit 0 is `wrong`.
struct ListAnswerScorer {
    /// At most this many typed items are considered; the rest of a pasted wall of text is ignored.
    static let maximumItems = 100

    let items: [ListItem]
    let ordered: Bool
    private let matchers: [TextAnswerMatcher]

    init(items: [ListItem], ordered: Bool, context: AnswerContext) {
        self.items = items
        self.ordered = ordered
        // Each item's rivals include the list's other items, so a typo cannot take a neighbour's place.
        let prepared = items.map { AnswerContext.PreparedEntry(AnswerContext.Entry(kind: $0.kind, canonical: $0.canonical, aliases: $0.aliases)) }
        matchers = items.indices.map { index in
            let others = prepared.indices.filter { $0 != index }.map { prepared[$0] }
            let item = items[index]
            return TextAnswerMatcher(canonical: item.canonical, aliases: item.aliases, kind: item.kind,
                                     context: context, extraRivals: others)
        }
    }

    private var expectedDisplay: String { items.map(\.canonical).joined(separator: ", ") }

    func judge(_ response: String) -> Verdict {
        let pieces = splitAtSpacesIfOneWordItems(split(response))
        guard !items.isEmpty else {
            return Verdict(outcome: pieces.isEmpty ? .correct : .wrong, matchedAnswer: "", expectedAnswer: "")
        }

        // Every typed item against every expected item, then the best pairs first.
        let checker = AnswerChecker()
        var candidates: [(piece: Int, item: Int, rank: Int, verdict: Verdict)] = []
        for (pieceIndex, piece) in pieces.enumerated() {
            for (itemIndex, matcher) in matchers.enumerated() {
                let verdict = checker.judgeText(piece, with: matcher)
                let rank = switch verdict.outcome {
                case .correct: 3
                case .correctWithTypo: 2
                case .partiallyCorrect: 1
                case .wrong: 0
                }
                if rank > 0 { candidates.append((pieceIndex, itemIndex, rank, verdict)) }
            }
        }
        candidates.sort { ($0.rank, -$0.piece, -$0.item) > ($1.rank, -$1.piece, -$1.item) }
        var itemForPiece = [Int?](repeating: nil, count: pieces.count)
        var verdictForItem = [Verdict?](repeating: nil, count: items.count)
        for candidate in candidates where itemForPiece[candidate.piece] == nil && verdictForItem[candidate.item] == nil {
            itemForPiece[candidate.piece] = candidate.item
            verdictForItem[candidate.item] = candidate.verdict
        }

        let matchedInTypedOrder = itemForPiece.compactMap { $0 }
        let inOrder = ordered ? Set(Self.longestIncreasingRun(matchedInTypedOrder)) : Set(matchedInTypedOrder)
        let misplaced = matchedInTypedOrder.filter { !inOrder.contains($0) }.map { items[$0].canonical }
        let extra = pieces.indices.filter { itemForPiece[$0] == nil }.map { pieces[$0] }
        let missing = items.indices.filter { verdictForItem[$0] == nil }.map { items[$0].canonical }

        let earned = inOrder.reduce(0.0) { $0 + (verdictForItem[$1]?.credit ?? 0) }
        let credit = max(0, earned - 0.5 * Double(extra.count)) / Double(items.count)
        let hadTypo = verdictForItem.contains { if case .correctWithTypo? = $0?.outcome { true } else { false } }

        let outcome: Verdict.Outcome
        if credit >= 1 - 1e-9, extra.isEmpty, misplaced.isEmpty {
            outcome = hadTypo ? .correctWithTypo(expected: expectedDisplay) : .correct
        } else if credit > 0 {
            outcome = .partiallyCorrect(credit: credit, missing: missing, extra: extra)
        } else {
            outcome = .wrong
        }
        return Verdict(outcome: outcome, matchedAnswer: expectedDisplay, expectedAnswer: expectedDisplay, misplaced: misplaced)
    }

    // MARK: - Splitting

    /// The typed items, trimmed, without empty ones and without repeats.
    func split(_ response: String) -> [String] {
        var pieces: [String] = []
        var seen = Set<String>()
        for rough in Self.splitAtMarks(response) {
            for piece in splitAtAnd(rough) {
                let trimmed = AnswerNormalizer.trimmed(piece)
                let key = AnswerNormalizer.normalize(trimmed).compact
                guard !key.isEmpty, seen.insert(key).inserted else { continue }
                pieces.append(trimmed)
                if pieces.count == Self.maximumItems { return pieces }
            }
        }
        return pieces
    }

    /// "Again Hard Good Easy": one piece that is no item, but whose every word is one, is several items.
    private func splitAtSpacesIfOneWordItems(_ pieces: [String]) -> [String] {
        guard pieces.count == 1 else { return pieces }
        let words = pieces[0].split(whereSeparator: \.isWhitespace).map(String.init)
        let isItem: (String) -> Bool = { text in matchers.contains { $0.isExactMatch(text) } }
        guard words.count > 1, !isItem(pieces[0]), words.allSatisfy(isItem) else { return pieces }
        return words
    }

    /// Splits at line breaks, `;`, `&` and commas that are not between two digits.
    static func splitAtMarks(_ text: String) -> [String] {
        let characters = Array(text)
        var pieces: [String] = []
        var current = ""
        for (index, character) in characters.enumerated() {
            let isDigitComma = character == "," && index > 0 && index + 1 < characters.count
                && characters[index - 1].isWholeNumber && characters[index + 1].isWholeNumber
            if character.isNewline || character == ";" || character == "&" || (character == "," && !isDigitComma) {
                pieces.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        pieces.append(current)
        return pieces
    }

    /// Splits at the word `and` unless the whole text is one expected item ("one hundred and twelve").
    private func splitAtAnd(_ text: String) -> [String] {
        let words = text.split(whereSeparator: \.isWhitespace)
        guard words.contains(where: { $0.lowercased() == "and" }) else { return [text] }
        if matchers.contains(where: { $0.isExactMatch(text) }) { return [text] }
        var pieces: [String] = [], current: [Substring] = []
        for word in words {
            if word.lowercased() == "and" {
                pieces.append(current.joined(separator: " "))
                current = []
            } else {
                current.append(word)
            }
        }
        pieces.append(current.joined(separator: " "))
        return pieces
    }

    /// The longest strictly increasing subsequence of `values` (patience sorting, n log n).
    static func longestIncreasingRun(_ values: [Int]) -> [Int] {
        var tailIndices: [Int] = []
        var previous = [Int?](repeating: nil, count: values.count)
        for (index, value) in values.enumerated() {
            var low = 0, high = tailIndices.count
            while low < high {
                let middle = (low + high) / 2
                if values[tailIndices[middle]] < value { low = middle + 1 } else { high = middle }
            }
            if low > 0 { previous[index] = tailIndices[low - 1] }
            if low == tailIndices.count { tailIndices.append(index) } else { tailIndices[low] = index }
        }
        var run: [Int] = []
        var cursor = tailIndices.last
        while let index = cursor {
            run.append(values[index])
            cursor = previous[index]
        }
        return run.reversed()
    }
}

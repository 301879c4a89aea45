/// One run of a character-level comparison between what the learner typed and the answer.
///
/// Reading `same` and `missing` segments in order spells the answer; reading `same` and `extra`
/// segments spells the response (up to case and accents, which are compared folded and shown as
/// the answer spells them).
///
/// ```swift
/// DiffSegment.segments(typed: "Nikolaef", answer: "Nikolaev")
/// // [.same("Nikolae"), .extra("f"), .missing("v")]
/// ```
public enum DiffSegment: Sendable, Hashable, Codable {
    /// Present in both (spelled as in the answer).
    case same(String)
    /// In the answer but not typed.
    case missing(String)
    /// Typed but not in the answer.
    case extra(String)

    /// The text of the segment, whichever side it comes from.
    public var text: String {
        switch self {
        case .same(let text), .missing(let text), .extra(let text): text
        }
    }

    /// Diffs longer than this many characters are shown as a plain replacement: the table is quadratic.
    public static let maximumLength = 300

    /// The character-level difference between `typed` and `answer`, with case and diacritics
    /// ignored. Within a changed stretch, what was typed (`extra`) comes before the correction (`missing`).
    public static func segments(typed: String, answer: String) -> [DiffSegment] {
        let typedCharacters = Array(typed), answerCharacters = Array(answer)
        if typedCharacters.isEmpty { return answerCharacters.isEmpty ? [] : [.missing(answer)] }
        if answerCharacters.isEmpty { return [.extra(typed)] }
        guard typedCharacters.count <= maximumLength, answerCharacters.count <= maximumLength else {
            return [.extra(typed), .missing(answer)]
        }
        let typedKeys = typedCharacters.map(comparisonKey), answerKeys = answerCharacters.map(comparisonKey)

        // Longest common subsequence table, filled from the ends so the walk below runs forwards.
        let columns = answerKeys.count + 1
        var table = [UInt16](repeating: 0, count: (typedKeys.count + 1) * columns)
        for row in stride(from: typedKeys.count - 1, through: 0, by: -1) {
            for column in stride(from: answerKeys.count - 1, through: 0, by: -1) {
                table[row * columns + column] = typedKeys[row] == answerKeys[column]
                    ? table[(row + 1) * columns + column + 1] + 1
                    : max(table[(row + 1) * columns + column], table[row * columns + column + 1])
            }
        }

        var segments: [DiffSegment] = []
        var pendingExtra = "", pendingMissing = ""
        func flushChanges() {
            if !pendingExtra.isEmpty { append(.extra(pendingExtra), to: &segments) }
            if !pendingMissing.isEmpty { append(.missing(pendingMissing), to: &segments) }
            pendingExtra = ""
            pendingMissing = ""
        }
        var row = 0, column = 0
        while row < typedKeys.count || column < answerKeys.count {
            if row < typedKeys.count, column < answerKeys.count, typedKeys[row] == answerKeys[column] {
                flushChanges()
                append(.same(String(answerCharacters[column])), to: &segments)
                row += 1
                column += 1
            } else if column < answerKeys.count,
                      row == typedKeys.count || table[row * columns + column + 1] >= table[(row + 1) * columns + column] {
                pendingMissing.append(answerCharacters[column])
                column += 1
            } else {
                pendingExtra.append(typedCharacters[row])
                row += 1
            }
        }
        flushChanges()
        return segments
    }

    /// Letters compare folded (`é` = `E`); anything the normaliser drops compares as itself.
    private static func comparisonKey(_ character: Character) -> String {
        if character.isASCII { return character.isLetter ? character.lowercased() : String(character) }
        let folded = AnswerNormalizer.fold(String(character))
        return folded.isEmpty ? String(character) : folded
    }

    /// Appends, merging with the last segment when it is of the same sort.
    private static func append(_ segment: DiffSegment, to segments: inout [DiffSegment]) {
        switch (segments.last, segment) {
        case (.same(let previous)?, .same(let next)): segments[segments.count - 1] = .same(previous + next)
        case (.missing(let previous)?, .missing(let next)): segments[segments.count - 1] = .missing(previous + next)
        case (.extra(let previous)?, .extra(let next)): segments[segments.count - 1] = .extra(previous + next)
        default: segments.append(segment)
        }
    }
}

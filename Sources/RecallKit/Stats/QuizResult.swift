import Foundation

/// One finished quiz, as `recall quiz` appends it to the quiz history (one JSON object per
/// line) and `recall stats` reads it back.
///
///     let result = QuizResult(date: now, deckID: "great-purge", score: 17, total: 20,
///                             durationMilliseconds: 412_000, missedCards: [id])
///     try history.append(contentsOf: (result.jsonLine + "\n").utf8)
///     let all = try QuizResult.parseLines(text)
public struct QuizResult: Codable, Hashable, Sendable {
    public var date: Date
    public var deckID: String
    /// Questions answered right.
    public var score: Int
    /// Questions asked.
    public var total: Int
    /// `score / total` in percent, one decimal.
    public var percentage: Double
    public var durationMilliseconds: Int
    public var missedCards: [CardID]

    public init(date: Date, deckID: String, score: Int, total: Int, durationMilliseconds: Int, missedCards: [CardID] = []) {
        self.date = date
        self.deckID = deckID
        self.score = score
        self.total = total
        self.percentage = total > 0 ? (Double(score) / Double(total) * 1000).rounded() / 10 : 0
        self.durationMilliseconds = durationMilliseconds
        self.missedCards = missedCards
    }

    enum CodingKeys: String, CodingKey {
        case date, deckID, score, total, percentage, durationMilliseconds, missedCards
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .date)
        guard let date = ExportTimestamp.parse(text) else {
            throw DecodingError.dataCorruptedError(forKey: .date, in: container, debugDescription: "not an ISO 8601 instant")
        }
        self.date = date
        deckID = try container.decode(String.self, forKey: .deckID)
        score = try container.decode(Int.self, forKey: .score)
        total = try container.decode(Int.self, forKey: .total)
        percentage = try container.decodeIfPresent(Double.self, forKey: .percentage)
            ?? (total > 0 ? (Double(score) / Double(total) * 1000).rounded() / 10 : 0)
        durationMilliseconds = try container.decodeIfPresent(Int.self, forKey: .durationMilliseconds) ?? 0
        missedCards = try container.decodeIfPresent([CardID].self, forKey: .missedCards) ?? []
    }

    // Dates are always written as ISO 8601 text, whatever the encoder's date strategy, so the
    // history file reads the same from every tool.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ExportTimestamp.string(date), forKey: .date)
        try container.encode(deckID, forKey: .deckID)
        try container.encode(score, forKey: .score)
        try container.encode(total, forKey: .total)
        try container.encode(percentage, forKey: .percentage)
        try container.encode(durationMilliseconds, forKey: .durationMilliseconds)
        try container.encode(missedCards, forKey: .missedCards)
    }

    /// The result as one line of JSON with sorted keys, without the newline.
    public var jsonLine: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and numbers cannot fail.
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// Reads a quiz history: one result per line; blank lines are skipped.
    public static func parseLines(_ text: String, source: String = "quiz history") throws(QuizHistoryError) -> [QuizResult] {
        var results: [QuizResult] = []
        let decoder = JSONDecoder()
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            do {
                results.append(try decoder.decode(QuizResult.self, from: Data(trimmed.utf8)))
            } catch {
                throw .malformedLine(source: source, line: index + 1)
            }
        }
        return results
    }
}

/// A quiz history line could not be read.
public enum QuizHistoryError: RecallError, Equatable {
    case malformedLine(source: String, line: Int)

    public var category: ErrorCategory { .data }

    public var description: String {
        switch self {
        case .malformedLine(let source, let line):
            "line \(line) of \(TerminalSanitizer.clean(source)) is not a quiz result; fix or delete that line (the other results are fine)"
        }
    }
}

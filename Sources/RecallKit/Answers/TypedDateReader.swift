import Foundation

/// Reads dates from learners' responses.
///
/// Accepts `1 December 1934`, `December 1, 1934`, `1 Dec 1934`, `Dec 1 1934`, `1st of December 1934`,
/// `the first of December, 1934`, `Saturday 1 December 1934`, `1934-12-01`, `1934-12`, `12/1934`,
/// `December 1934`, `1934`, `in 1934`, and all-numeric `01/12/1934`, `1.12.1934`, `12-01-1934`.
///
/// All-numeric day and month (`01/12/1934`) are ambiguous between day-first and month-first.
/// When both readings are real, different dates, both are returned and the checker accepts the
/// response if either reading is right: the learner cannot be blamed for a locale the tool does
/// not know, and a learner who meant the other date by coincidence is vanishingly rare.
enum TypedDateReader {
    /// Dates are short; anything longer is not a date.
    static let maximumLength = 200

    private enum Token: Equatable {
        case number(String)
        case word(String)
        case separator(Character)
    }

    /// The possible readings of `text`, or an empty array when it is not a date.
    static func read(_ text: String) -> [HistoricalDate] {
        guard text.utf8.count <= maximumLength else { return [] }
        let tokens = tokenize(AnswerNormalizer.foldKeepingPunctuation(text))
        guard !tokens.isEmpty else { return [] }
        if tokens.allSatisfy({ if case .word = $0 { false } else { true } }) {
            return numericReadings(tokens)
        }
        return wordReadings(tokens).map { [$0] } ?? []
    }

    private static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var characters = Array(text)[...]
        while let character = characters.first {
            if character.isASCII && character.isWholeNumber {
                let digits = characters.prefix { $0.isASCII && $0.isWholeNumber }
                tokens.append(.number(String(digits)))
                characters = characters.dropFirst(digits.count)
            } else if character.isLetter {
                let letters = characters.prefix(while: \.isLetter)
                tokens.append(.word(String(letters)))
                characters = characters.dropFirst(letters.count)
            } else {
                if !character.isWhitespace { tokens.append(.separator(character)) }
                characters = characters.dropFirst()
            }
        }
        return tokens
    }

    // MARK: All-numeric forms

    private static func numericReadings(_ tokens: [Token]) -> [HistoricalDate] {
        var numbers: [String] = []
        var separators: [Character] = []
        for (index, token) in tokens.enumerated() {
            switch token {
            case .number(let digits) where index % 2 == 0: numbers.append(digits)
            case .separator(let mark) where index % 2 == 1 && "-/.".contains(mark): separators.append(mark)
            default: return []
            }
        }
        // Marks must be consistent: 1934-12-01 or 01/12/1934, never 01/12-1934.
        guard numbers.count == separators.count + 1, Set(separators).count <= 1,
              numbers.allSatisfy({ $0.count <= 4 }) else { return [] }
        let values = numbers.compactMap { Int($0) }
        let isYear = numbers.map { $0.count == 4 }
        let date: (Int, Int?, Int?) -> HistoricalDate? = { HistoricalDate(year: $0, month: $1, day: $2) }
        switch (values.count, isYear) {
        case (1, [true]):
            return [date(values[0], nil, nil)].compactMap { $0 }
        case (2, [true, false]):
            return [date(values[0], values[1], nil)].compactMap { $0 }
        case (2, [false, true]):
            return [date(values[1], values[0], nil)].compactMap { $0 }
        case (3, [true, false, false]):
            return [date(values[0], values[1], values[2])].compactMap { $0 }
        case (3, [false, false, true]):
            let dayFirst = date(values[2], values[1], values[0])
            let monthFirst = date(values[2], values[0], values[1])
            var readings: [HistoricalDate] = []
            for reading in [dayFirst, monthFirst] {
                if let reading, !readings.contains(reading) { readings.append(reading) }
            }
            return readings
        default:
            return []
        }
    }

    // MARK: Forms with a month name

    private static let ignoredWords: Set<String> = [
        "the", "of", "on", "in", "year", "ad", "ce",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    ]
    private static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th"]
    private static let ordinalWords: [String: Int] = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
        "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
        "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
        "twentieth": 20, "thirtieth": 30,
    ]
    private static let ordinalTens: [String: Int] = ["twenty": 20, "thirty": 30]

    /// Month names in English, with their usual abbreviations.
    static let monthNumbers: [String: Int] = {
        var months: [String: Int] = ["sept": 9]
        for (index, name) in HistoricalDate.monthNames.enumerated() {
            months[name.lowercased()] = index + 1
            months[String(name.lowercased().prefix(3))] = index + 1
        }
        return months
    }()

    private static func wordReadings(_ tokens: [Token]) -> HistoricalDate? {
        var month: Int?
        var day: Int?
        var year: Int?
        var previousWasNumber = false
        var pendingTens: Int?
        for token in tokens {
            defer { if case .number = token { previousWasNumber = true } else { previousWasNumber = false } }
            switch token {
            case .separator:
                continue
            case .number(let digits):
                guard pendingTens == nil, digits.count <= 4, let value = Int(digits) else { return nil }
                if digits.count >= 3 {
                    guard year == nil else { return nil }
                    year = value
                } else {
                    guard day == nil else { return nil }
                    day = value
                }
            case .word(let word):
                if previousWasNumber, ordinalSuffixes.contains(word) { continue }
                if ignoredWords.contains(word) { continue }
                if let number = monthNumbers[word] {
                    guard month == nil else { return nil }
                    month = number
                } else if let tens = ordinalTens[word], pendingTens == nil, day == nil {
                    pendingTens = tens
                } else if let ordinal = ordinalWords[word], day == nil {
                    // "twenty-first" arrives as "twenty" then "first".
                    if let tens = pendingTens {
                        guard ordinal < 10 else { return nil }
                        day = tens + ordinal
                        pendingTens = nil
                    } else {
                        day = ordinal
                    }
                } else {
                    return nil
                }
            }
        }
        guard pendingTens == nil, let year else { return nil }
        if month == nil, day != nil { return nil }
        return HistoricalDate(year: year, month: month, day: day)
    }
}

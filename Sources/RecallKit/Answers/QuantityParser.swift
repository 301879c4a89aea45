/// Reads quantities — digits or English number words, with an optional magnitude — from a
/// token stream, for both an author's number specification and a learner's response.
///
/// `1.2 million`, `700k`, `twenty-five`, `one hundred and twelve`, `a million`, `half a million`,
/// `one and a half million`.
struct QuantityParser {
    private let tokens: [NumberLexer.Token]
    private(set) var position = 0
    let mode: NumberLexer.Mode

    init(tokens: [NumberLexer.Token], mode: NumberLexer.Mode) {
        self.tokens = tokens
        self.mode = mode
    }

    var isAtEnd: Bool { position >= tokens.count }
    var remainingTokens: ArraySlice<NumberLexer.Token> { tokens[min(position, tokens.count)...] }

    private func token(at offset: Int = 0) -> NumberLexer.Token? {
        let index = position + offset
        return index < tokens.count ? tokens[index] : nil
    }

    private func word(at offset: Int = 0) -> String? {
        if case .word(let word) = token(at: offset) { return word }
        return nil
    }

    /// Consumes the next token when it is one of `words` (an array literal of a few words
    /// costs less than a set made at each call).
    mutating func consume(anyOf words: some Collection<String>) -> Bool {
        guard let word = word(), words.contains(word) else { return false }
        position += 1
        return true
    }

    /// Consumes the next token when it is `symbol`.
    mutating func consume(symbol: Character) -> Bool {
        guard case .symbol(symbol) = token() else { return false }
        position += 1
        return true
    }

    /// Reads one quantity, all of its readings (see `NumberLexer.readings`). Returns nil, without
    /// consuming anything, when no quantity starts here.
    mutating func quantity() throws(NumberLexer.LiteralProblem) -> [Double]? {
        let start = position
        let isNegative = token() == .symbol("-") && {
            if case .literal = token(at: 1) { return true } else { return false }
        }()
        if isNegative { position += 1 }
        if case .literal(let literal) = token() {
            position += 1
            var readings = try NumberLexer.readings(ofLiteral: literal, mode: mode)
            if let word = word(), let power = NumberLexer.magnitudes[word] {
                position += 1
                readings = readings.map { $0.scaled(byPowerOfTen: power) }
            }
            let values = readings.compactMap(\.value).map { isNegative ? -$0 : $0 }
            if values.isEmpty { position = start; return nil }
            return values
        }
        if let value = numberWords() { return [value] }
        position = start
        return nil
    }

    // MARK: - Number words

    private static let units: [String: Double] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
        "seventeen": 17, "eighteen": 18, "nineteen": 19,
        "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]
    private static let wordMagnitudes: [String: Double] = ["thousand": 1e3, "million": 1e6, "billion": 1e9]

    private func isNumberWord(_ word: String?) -> Bool {
        guard let word else { return false }
        return Self.units[word] != nil || word == "hundred" || Self.wordMagnitudes[word] != nil
    }

    /// English cardinal words: `three`, `twenty-five`, `one hundred and twelve`, `a million`, `half a million`.
    private mutating func numberWords() -> Double? {
        var total = 0.0, current = 0.0, sawNumber = false
        if word() == "half", (word(at: 1) == "a" || word(at: 1) == "an"), let magnitude = word(at: 2).flatMap({ Self.wordMagnitudes[$0] }) {
            position += 3
            return magnitude / 2
        }
        // "a hundred", "a million": the article stands for one.
        if word() == "a" || word() == "an", let next = word(at: 1), next == "hundred" || Self.wordMagnitudes[next] != nil {
            position += 1
            current = 1
            sawNumber = true
        }
        while let word = word() {
            if let value = Self.units[word] {
                current += value
            } else if word == "hundred" {
                current = (current == 0 ? 1 : current) * 100
            } else if let magnitude = Self.wordMagnitudes[word] {
                total += (current == 0 ? 1 : current) * magnitude
                current = 0
            } else if word == "and", sawNumber, self.word(at: 1) == "a", self.word(at: 2) == "half" {
                // "one and a half million"
                current += 0.5
                position += 2
            } else if word == "and", sawNumber, let next = self.word(at: 1), Self.units[next] != nil {
                // "one hundred and twelve": `and` joins, it does not separate.
            } else {
                break
            }
            sawNumber = true
            position += 1
            // "twenty-five": a hyphen between number words joins them.
            if token() == .symbol("-"), isNumberWord(self.word(at: 1)) { position += 1 }
        }
        guard sawNumber else { return nil }
        let value = total + current
        return value.isFinite ? value : nil
    }
}

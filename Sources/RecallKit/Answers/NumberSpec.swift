import Foundation

/// What counts as a right number: an exact value, a value with a tolerance, or a range.
///
/// ```swift
/// try NumberSpec.parse("681,692")                           // .exact(681692)
/// try NumberSpec.parse("about 681,692")                     // .approximately(681692, tolerance: .percent(5))
/// try NumberSpec.parse("680,000 +/- 20,000")                // .approximately(680000, tolerance: .absolute(20000))
/// try NumberSpec.parse("between 700,000 and 1.2 million")   // .range(low: 700000, high: 1200000)
/// NumberSpec.range(low: 700_000, high: 1_200_000).displayText  // "between 700,000 and 1.2 million"
/// ```
public enum NumberSpec: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How far from the value an answer may be.
    public enum Tolerance: Sendable, Hashable, Codable {
        /// Plus or minus this many units.
        case absolute(Double)
        /// Plus or minus this percentage of the value.
        case percent(Double)
    }

    /// Only this value (after reading the learner's digits or words) is right.
    case exact(Double)
    /// Any value within the tolerance of this value is right.
    case approximately(Double, tolerance: Tolerance)
    /// Any value from `low` to `high`, both included, is right.
    case range(low: Double, high: Double)

    /// The tolerance `about X` stands for.
    public static let aboutTolerance = Tolerance.percent(5)

    /// Whether `value` is a right answer.
    public func accepts(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        switch self {
        case .exact(let expected):
            // Both sides come from exact decimal text, so only rounding noise needs absorbing.
            return abs(value - expected) <= 1e-9 * max(1, abs(expected))
        case .approximately(let expected, let tolerance):
            let allowed: Double
            switch tolerance {
            case .absolute(let amount): allowed = abs(amount)
            case .percent(let percent): allowed = abs(expected) * abs(percent) / 100
            }
            return abs(value - expected) <= allowed * (1 + 1e-12) + 1e-9
        case .range(let low, let high):
            return value >= low && value <= high
        }
    }

    /// The spec as feedback shows it: `681,692`, `681,692 ± 5%`, `680,000 ± 20,000`,
    /// `between 700,000 and 1.2 million`. `parse(displayText)` gives the spec back.
    public var displayText: String {
        switch self {
        case .exact(let value):
            return NumberSpec.format(value)
        case .approximately(let value, .absolute(let amount)):
            return "\(NumberSpec.format(value)) ± \(NumberSpec.format(amount))"
        case .approximately(let value, .percent(let percent)):
            return "\(NumberSpec.format(value)) ± \(NumberSpec.format(percent))%"
        case .range(let low, let high):
            return "between \(NumberSpec.format(low)) and \(NumberSpec.format(high))"
        }
    }

    public var description: String { displayText }

    /// Formats a number for people: `681,692`, `1.2 million`, `20 million`, `1.5 billion`, `3.25`.
    ///
    /// Whole millions and billions with at most two decimals use the word; everything else is
    /// written out with thousands separators, so the text always reads back to the same value.
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return String(value) }
        let sign = value < 0 ? "-" : ""
        let magnitude = abs(value)
        if magnitude == magnitude.rounded(), magnitude < 1e15 {
            let whole = Int64(magnitude)
            for (name, power) in [("billion", Int64(1_000_000_000)), ("million", Int64(1_000_000))] where whole >= power {
                guard whole % (power / 100) == 0 else { continue }
                let hundredths = String(whole % power / (power / 100))
                var fractionText = hundredths.count < 2 ? "0" + hundredths : hundredths
                while fractionText.hasSuffix("0") { fractionText.removeLast() }
                return sign + String(whole / power) + (fractionText.isEmpty ? "" : "." + fractionText) + " " + name
            }
            return sign + grouped(String(whole))
        }
        // Swift's shortest round-tripping digits, with the whole part grouped.
        let text = String(magnitude)
        guard !text.contains("e") else { return sign + text }
        let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
        return sign + grouped(parts[0]) + (parts.count > 1 ? "." + parts[1] : "")
    }

    private static func grouped(_ digits: String) -> String {
        var result = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }

    // MARK: - Parsing an author's text

    /// Why an author's `answer:` could not be read as a number, with the fix to suggest.
    public enum ParseError: Error, Sendable, Hashable, LocalizedError, CustomStringConvertible {
        case empty
        /// No number where one was expected.
        case notANumber(String)
        /// Thousands separators in the wrong places (`68,1692`) or a decimal comma (`1,5`).
        case badDigitGrouping(String)
        /// Text left over after the number (`681,692 people`).
        case unexpectedText(String)
        /// A range written high to low.
        case invertedRange(low: String, high: String)
        /// A tolerance that is missing, negative, or used together with `about`.
        case invalidTolerance(String)

        /// One sentence saying what is wrong.
        public var message: String {
            switch self {
            case .empty: "The number is empty."
            case .notANumber(let text): "“\(text)” is not a number."
            case .badDigitGrouping(let text): "“\(text)” has its digits grouped in an unexpected way."
            case .unexpectedText(let text): "“\(text)” follows the number but is not part of it."
            case .invertedRange(let low, let high): "The range starts at \(low), which is above its end, \(high)."
            case .invalidTolerance(let text): "“\(text)” is not a usable tolerance."
            }
        }

        /// What the author should write instead.
        public var suggestedFix: String {
            switch self {
            case .empty, .notANumber:
                "Write a number such as 681,692, about 681,692, 681,692 ± 2%, 1.2 million or between 700,000 and 1.2 million."
            case .badDigitGrouping:
                "Group digits in threes with commas (681,692) and use a point for decimals (1.5)."
            case .unexpectedText:
                "Keep only the number on the answer line; put the unit on a `unit:` line."
            case .invertedRange(let low, let high):
                "Write the smaller number first: between \(high) and \(low)."
            case .invalidTolerance:
                "Write a tolerance such as ± 2% or +/- 20,000 after the number, without `about`."
            }
        }

        public var description: String { "\(message) \(suggestedFix)" }
        public var errorDescription: String? { description }
    }

    private static let approximationWords: Set<String> = ["about", "approximately", "around", "roughly", "circa", "c", "ca", "approx"]

    /// Reads an author's number: `681692`, `681,692`, `about 681,692` (±5%), `681,692 ± 2%`,
    /// `680,000 +/- 20,000`, `between 700,000 and 1.2 million`, `750,000–1,200,000`,
    /// `1.2 million`, `20 million`, `1.5 billion`, `35,000`.
    ///
    /// Authors write English numbers: commas group thousands and a point marks decimals.
    public static func parse(_ authorText: String) throws(ParseError) -> NumberSpec {
        if let plain = plainWholeNumber(authorText) { return plain }
        return try parseGenerally(authorText)
    }

    /// `1,217`, `1217` or `about 1,217`, the shapes most answers take, read from their bytes:
    /// the general lexer took 40,000 instructions a number. Nil for anything else (a fraction,
    /// a sign, a scale word, a range, a grouping in doubt), which the general reading takes,
    /// and reports when it is wrong.
    static func plainWholeNumber(_ text: String) -> NumberSpec? {
        text.withUTF8Bytes { bytes -> NumberSpec? in
            let about: StaticString = "about "
            let isApproximate = bytes.count > about.utf8CodeUnitCount
                && about.withUTF8Buffer { $0.elementsEqual(bytes.prefix($0.count)) }
            let start = isApproximate ? about.utf8CodeUnitCount : 0
            var value: UInt64 = 0
            var digits = 0, groupLength = 0, isGrouped = false
            for byte in bytes[start...] {
                if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                    value = value * 10 + UInt64(byte - UInt8(ascii: "0"))
                    digits += 1
                    groupLength += 1
                    // Fifteen digits are exact in a Double.
                    if digits > 15 { return nil }
                } else if byte == UInt8(ascii: ",") {
                    // Groups of three after a first group of one to three digits.
                    guard isGrouped ? groupLength == 3 : (1...3).contains(groupLength) else { return nil }
                    isGrouped = true
                    groupLength = 0
                } else {
                    return nil
                }
            }
            guard digits > 0, !isGrouped || groupLength == 3, digits == 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
            return isApproximate ? .approximately(Double(value), tolerance: aboutTolerance) : .exact(Double(value))
        }
    }

    /// Any number an author may write, through the lexer and the quantity grammar.
    static func parseGenerally(_ authorText: String) throws(ParseError) -> NumberSpec {
        let text = AnswerNormalizer.trimmed(authorText)
        guard !text.isEmpty else { throw .empty }
        guard text.utf8.count <= NumberLexer.maximumLength else { throw .notANumber(String(text.prefix(40)) + "…") }
        var parser = QuantityParser(tokens: NumberLexer.tokens(text), mode: .author)
        do {
            let spec = try parse(with: &parser, text: text)
            guard parser.isAtEnd else { throw ParseError.unexpectedText(describe(parser.remainingTokens)) }
            return spec
        } catch let problem as NumberLexer.LiteralProblem {
            if case .badGrouping(let literal) = problem { throw .badDigitGrouping(literal) }
            throw .notANumber(text)
        } catch let error as ParseError {
            throw error
        } catch {
            throw .notANumber(text)
        }
    }

    private static func parse(with parser: inout QuantityParser, text: String) throws -> NumberSpec {
        var isApproximate = false
        while parser.consume(anyOf: approximationWords) || parser.consume(symbol: "~") || parser.consume(symbol: "≈") {
            isApproximate = true
            _ = parser.consume(symbol: ".")
        }
        if parser.consume(anyOf: ["between", "from"]) {
            guard !isApproximate else { throw ParseError.invalidTolerance(text) }
            guard let low = try parser.quantity()?.first else { throw ParseError.notANumber(text) }
            _ = parser.consume(symbol: "%")
            guard parser.consume(anyOf: ["and", "to"]) || parser.consume(symbol: "-") else {
                throw ParseError.unexpectedText(describe(parser.remainingTokens))
            }
            guard let high = try parser.quantity()?.first else { throw ParseError.notANumber(text) }
            _ = parser.consume(symbol: "%")
            return try range(low, high)
        }
        guard let value = try parser.quantity()?.first else { throw ParseError.notANumber(text) }
        _ = parser.consume(symbol: "%")
        if parser.consume(symbol: "±") {
            guard !isApproximate, let amount = try parser.quantity()?.first, amount >= 0 else {
                throw ParseError.invalidTolerance(text)
            }
            let isPercent = parser.consume(symbol: "%") || parser.consume(anyOf: ["percent"])
            return .approximately(value, tolerance: isPercent ? .percent(amount) : .absolute(amount))
        }
        if parser.consume(anyOf: ["to"]) || parser.consume(symbol: "-") {
            guard !isApproximate else { throw ParseError.invalidTolerance(text) }
            guard let high = try parser.quantity()?.first else { throw ParseError.notANumber(text) }
            _ = parser.consume(symbol: "%")
            return try range(value, high)
        }
        return isApproximate ? .approximately(value, tolerance: aboutTolerance) : .exact(value)
    }

    private static func range(_ low: Double, _ high: Double) throws(ParseError) -> NumberSpec {
        guard low <= high else { throw .invertedRange(low: format(low), high: format(high)) }
        return .range(low: low, high: high)
    }

    private static func describe(_ tokens: ArraySlice<NumberLexer.Token>) -> String {
        tokens.map { token in
            switch token {
            case .literal(let text), .word(let text): text
            case .symbol(let symbol): String(symbol)
            }
        }.joined(separator: " ")
    }

    // MARK: - Codable

    // {"exact": 681692} · {"approximately": 681692, "plusOrMinus": 20000} or
    // {"approximately": 681692, "plusOrMinusPercent": 5} · {"low": 700000, "high": 1200000}
    private enum CodingKeys: String, CodingKey { case exact, approximately, plusOrMinus, plusOrMinusPercent, low, high }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let value = try container.decodeIfPresent(Double.self, forKey: .exact) {
            self = .exact(value)
        } else if let value = try container.decodeIfPresent(Double.self, forKey: .approximately) {
            if let percent = try container.decodeIfPresent(Double.self, forKey: .plusOrMinusPercent) {
                self = .approximately(value, tolerance: .percent(percent))
            } else {
                self = .approximately(value, tolerance: .absolute(try container.decode(Double.self, forKey: .plusOrMinus)))
            }
        } else {
            self = .range(low: try container.decode(Double.self, forKey: .low), high: try container.decode(Double.self, forKey: .high))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .exact(let value):
            try container.encode(value, forKey: .exact)
        case .approximately(let value, let tolerance):
            try container.encode(value, forKey: .approximately)
            switch tolerance {
            case .absolute(let amount): try container.encode(amount, forKey: .plusOrMinus)
            case .percent(let percent): try container.encode(percent, forKey: .plusOrMinusPercent)
            }
        case .range(let low, let high):
            try container.encode(low, forKey: .low)
            try container.encode(high, forKey: .high)
        }
    }
}

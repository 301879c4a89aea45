import Foundation

/// Splits number text (an author's `answer:` line or a learner's response) into digit literals,
/// words and symbols, and reads quantities from them.
///
/// `"about 1.2 million people"` → `about`, `1.2`, `million`, `people`; `"681 692"` stays one
/// literal because the space groups thousands; `"700k"` → `700`, `k`.
struct NumberLexer {
    enum Token: Hashable, Sendable {
        /// Digits with their grouping and decimal marks as typed: `681,692`, `1.2`, `681 692`.
        case literal(String)
        case word(String)
        /// One symbol; `+/-` and `+-` arrive as `±`, every dash and the minus sign as `-`.
        case symbol(Character)
    }

    /// Whether digit literals follow English conventions strictly (authors) or are read forgivingly (learners).
    enum Mode: Sendable { case author, response }

    /// Why a literal could not be read.
    enum LiteralProblem: Error, Equatable { case badGrouping(String) }

    /// The longest text read; longer responses are not numbers anyone typed.
    static let maximumLength = 1_000

    static func tokens(_ text: String) -> [Token] {
        // Compatibility mapping leaves ASCII as it is; it is Foundation's and slow, so only other text takes it.
        let prepared = (text.isPureASCII ? text : text.precomposedStringWithCompatibilityMapping).lowercased()
        let characters = Array(prepared)
        var tokens: [Token] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace || character.isNewline {
                index += 1
            } else if isDigit(character) || (character == "." && index + 1 < characters.count && isDigit(characters[index + 1])) {
                let end = literalEnd(characters, from: index)
                // Character by character: the generic initializer from a slice is not specialized.
                var literal = ""
                for character in characters[index..<end] { literal.append(character == "’" ? "'" : character) }
                tokens.append(.literal(literal))
                index = end
            } else if character.isLetter {
                var end = index
                while end < characters.count, characters[end].isLetter { end += 1 }
                var word = ""
                for character in characters[index..<end] { word.append(character) }
                tokens.append(.word(word))
                index = end
            } else if character == "+", index + 2 < characters.count, characters[index + 1] == "/", characters[index + 2] == "-" {
                tokens.append(.symbol("±"))
                index += 3
            } else if character == "+", index + 1 < characters.count, characters[index + 1] == "-" {
                tokens.append(.symbol("±"))
                index += 2
            } else if "–—−‒―-".contains(character) {
                tokens.append(.symbol("-"))
                index += 1
            } else {
                tokens.append(.symbol(character))
                index += 1
            }
        }
        return tokens
    }

    private static func isDigit(_ character: Character) -> Bool { character.isASCII && character.isWholeNumber }

    /// Where a digit literal starting at `start` ends. A mark continues the literal only when a
    /// digit follows it; a space only when exactly three digits follow (`681 692`, not `1934 1935`).
    private static func literalEnd(_ characters: [Character], from start: Int) -> Int {
        var index = start
        var groupLength = 0
        while index < characters.count {
            let character = characters[index]
            if isDigit(character) {
                groupLength += 1
                index += 1
                continue
            }
            let next = index + 1
            guard next < characters.count, isDigit(characters[next]) else { break }
            if ",.'’_".contains(character) {
                groupLength = 0
                index += 1
            } else if character == " " || character == "\u{2009}" {
                let groupFollows = next + 2 < characters.count
                    && isDigit(characters[next + 1]) && isDigit(characters[next + 2])
                    && (next + 3 == characters.count || !isDigit(characters[next + 3]))
                guard groupLength > 0, groupLength <= 3, groupFollows else { break }
                groupLength = 0
                index += 1
            } else {
                break
            }
        }
        return index
    }

    /// The readings of a digit literal, most likely first, as exact decimal text.
    ///
    /// Authors: `,` `'` and spaces group thousands (groups of three), `.` is the decimal point.
    /// Learners: additionally `1,5` is a decimal comma and `1.234.567` groups with dots; a single
    /// `,` or `.` before exactly three digits (`681.692`) is ambiguous and yields both readings.
    static func readings(ofLiteral literal: String, mode: Mode) throws(LiteralProblem) -> [ExactDecimal] {
        let characters = Array(literal)
        var groups: [String] = [""]
        var marks: [Character] = []
        for character in characters {
            if isDigit(character) {
                groups[groups.count - 1].append(character)
            } else {
                marks.append(character == " " || character == "\u{2009}" || character == "_" ? "'" : character)
                groups.append("")
            }
        }
        if marks.isEmpty { return [ExactDecimal(integer: groups[0])] }

        let isThousandsGrouping: ([String]) -> Bool = { groups in
            guard let first = groups.first, (1...3).contains(first.count) else { return false }
            return groups.dropFirst().allSatisfy { $0.count == 3 }
        }
        let distinctMarks = Set(marks)
        // Two kinds of mark: the last one, used once, is the decimal mark (1,234.5 or 1.234,5).
        if distinctMarks.count == 2, let decimalMark = marks.last, decimalMark != "'",
           marks.filter({ $0 == decimalMark }).count == 1, isThousandsGrouping(Array(groups.dropLast())),
           let fraction = groups.last, !fraction.isEmpty {
            if mode == .author, decimalMark == "," { throw .badGrouping(literal) }
            return [ExactDecimal(integer: groups.dropLast().joined(), fraction: fraction)]
        }
        guard distinctMarks.count == 1, let mark = marks.first else { throw .badGrouping(literal) }
        let grouped = ExactDecimal(integer: groups.joined())
        if marks.count > 1 || mark == "'" {
            guard isThousandsGrouping(groups), mode == .response || mark != "." else { throw .badGrouping(literal) }
            return [grouped]
        }
        let decimal = ExactDecimal(integer: groups[0], fraction: groups[1])
        let couldGroup = isThousandsGrouping(groups) && groups[0] != "0"
        switch (mark, mode) {
        case (",", .author):
            guard couldGroup else { throw .badGrouping(literal) }
            return [grouped]
        case (".", .author):
            return [decimal]
        case (",", .response):
            return couldGroup ? [grouped, decimal] : [decimal]
        default:
            return couldGroup ? [decimal, grouped] : [decimal]
        }
    }

    /// Powers of ten named by magnitude words and suffixes (`k`, `million`, `bn`, …).
    static let magnitudes: [String: Int] = [
        "k": 3, "thousand": 3, "thousands": 3,
        "m": 6, "mn": 6, "mln": 6, "mil": 6, "mio": 6, "million": 6, "millions": 6,
        "b": 9, "bn": 9, "bln": 9, "billion": 9, "billions": 9,
    ]
}

/// A decimal number kept as its digits, so `1.2 million` is exactly `1200000`.
struct ExactDecimal: Hashable, Sendable {
    var digits: String
    /// The value is `digits × 10^exponent`.
    var exponent: Int

    init(integer: String, fraction: String = "") {
        digits = integer + fraction
        exponent = -fraction.count
    }

    init(digits: String, exponent: Int) {
        self.digits = digits
        self.exponent = exponent
    }

    /// Scaled by a power of ten (a magnitude word).
    func scaled(byPowerOfTen power: Int) -> ExactDecimal { ExactDecimal(digits: digits, exponent: exponent + power) }

    /// The nearest `Double`; exact for every whole number below 2⁵³. Nil when out of range.
    var value: Double? {
        let trimmed = digits.drop { $0 == "0" }
        if trimmed.isEmpty { return 0 }
        guard let value = Double(trimmed + "e" + String(exponent)), value.isFinite else { return nil }
        return value
    }
}

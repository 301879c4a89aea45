import Foundation

/// A calendar date known to a year, a month or a day (proleptic Gregorian calendar).
///
/// ```swift
/// let kirov = try HistoricalDate.parse("1934-12-01")
/// kirov.precision     // .day
/// kirov.displayText   // "1 December 1934"
/// try HistoricalDate.parse("1934-12").displayText  // "December 1934"
/// HistoricalDate(year: 1937)?.displayText           // "1937"
/// ```
///
/// Encoded as its ISO 8601 text (`"1934-12-01"`, `"1934-12"`, `"1934"`).
public struct HistoricalDate: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// How much of the date is known.
    public enum Precision: Int, Sendable, Hashable, Codable, Comparable, CaseIterable {
        case year = 1, month, day
        public static func < (left: Precision, right: Precision) -> Bool { left.rawValue < right.rawValue }
    }

    /// Why an author's date could not be read, with the fix to suggest.
    public enum ParseError: Error, Sendable, Hashable, LocalizedError, CustomStringConvertible {
        case empty
        /// The text is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
        case notISO(String)
        /// The month is outside 1–12.
        case invalidMonth(String)
        /// The day does not exist in that month (`1934-02-30`).
        case invalidDay(String)

        /// One sentence saying what is wrong.
        public var message: String {
            switch self {
            case .empty: "The date is empty."
            case .notISO(let text): "“\(text)” is not an ISO 8601 date."
            case .invalidMonth(let text): "“\(text)” has a month outside 1–12."
            case .invalidDay(let text): "“\(text)” names a day that does not exist in that month."
            }
        }

        /// What the author should write instead.
        public var suggestedFix: String {
            switch self {
            case .empty, .notISO: "Write the date as YYYY-MM-DD, YYYY-MM or YYYY, for example 1934-12-01, 1934-12 or 1934."
            case .invalidMonth: "Write the month as two digits from 01 to 12, for example 1934-12."
            case .invalidDay: "Check the day against the calendar; for example 1934-12-01."
            }
        }

        public var description: String { "\(message) \(suggestedFix)" }
        public var errorDescription: String? { description }
    }

    public let year: Int
    /// 1–12, or nil when only the year is known.
    public let month: Int?
    /// 1–31, or nil when only the year or month is known; never set without a month.
    public let day: Int?

    /// Creates a date, or nil when the month or day does not exist or a day is given without a month.
    public init?(year: Int, month: Int? = nil, day: Int? = nil) {
        if let month, !(1...12).contains(month) { return nil }
        if let day {
            guard let month, (1...HistoricalDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        }
        self.year = year
        self.month = month
        self.day = day
    }

    public var precision: Precision {
        if day != nil { return .day }
        if month != nil { return .month }
        return .year
    }

    /// Reads an author's ISO 8601 date: `1934-12-01`, `1934-12` or `1934` (four-digit years).
    public static func parse(_ authorText: String) throws(ParseError) -> HistoricalDate {
        let text = AnswerNormalizer.trimmed(authorText)
        guard !text.isEmpty else { throw .empty }
        // ASCII digits with dashes at fixed places, so the bytes are read without splitting.
        let parts = text.withUTF8Bytes { bytes -> (year: Int, month: Int?, day: Int?)? in
            guard [4, 7, 10].contains(bytes.count) else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for index in range {
                    let digit = bytes[index] &- UInt8(ascii: "0")
                    guard digit < 10 else { return nil }
                    value = value * 10 + Int(digit)
                }
                return value
            }
            guard let year = number(0..<4) else { return nil }
            guard bytes.count > 4 else { return (year, nil, nil) }
            guard bytes[4] == UInt8(ascii: "-"), let month = number(5..<7) else { return nil }
            guard bytes.count > 7 else { return (year, month, nil) }
            guard bytes[7] == UInt8(ascii: "-"), let day = number(8..<10) else { return nil }
            return (year, month, day)
        }
        guard let (year, month, day) = parts else { throw .notISO(text) }
        if let month, !(1...12).contains(month) { throw .invalidMonth(text) }
        guard let date = HistoricalDate(year: year, month: month, day: day) else { throw .invalidDay(text) }
        return date
    }

    /// `"1 December 1934"`, `"December 1934"` or `"1934"`.
    public var displayText: String {
        var text = ""
        if let day { text += String(day) + " " }
        if let month { text += HistoricalDate.monthNames[month - 1] + " " }
        return text + String(year)
    }

    /// `"1934-12-01"`, `"1934-12"` or `"1934"`.
    public var isoText: String {
        var text = HistoricalDate.padded(year, to: 4)
        if let month { text += "-" + HistoricalDate.padded(month, to: 2) }
        if let day { text += "-" + HistoricalDate.padded(day, to: 2) }
        return text
    }

    public var description: String { isoText }

    private static func padded(_ number: Int, to width: Int) -> String {
        let digits = String(number.magnitude)
        let zeros = String(repeating: "0", count: max(0, width - digits.count))
        return (number < 0 ? "-" : "") + zeros + digits
    }

    /// English month names, January first.
    public static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    /// Days in a month of the proleptic Gregorian calendar.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return isLeap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Earlier first; at equal known parts the less precise date sorts first.
    public static func < (left: HistoricalDate, right: HistoricalDate) -> Bool {
        (left.year, left.month ?? 0, left.day ?? 0) < (right.year, right.month ?? 0, right.day ?? 0)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try HistoricalDate.parse(text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(isoText)
    }
}


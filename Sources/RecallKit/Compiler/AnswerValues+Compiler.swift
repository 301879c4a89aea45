import Foundation

// What the compiler needs of numbers and dates beyond checking answers: a value to find the
// nearest distractors, an order for chronology, and the wording of a "when?" question.

extension NumberSpec {
    /// The middle of what the spec accepts.
    var centralValue: Double {
        switch self {
        case .exact(let value), .approximately(let value, _): value
        case .range(let low, let high): (low + high) / 2
        }
    }
}

extension NumberSpec {
    /// How the number reads as a multiple-choice option: "681,692", "about 1.5 million",
    /// "between 700,000 and 1.2 million".
    var optionText: String {
        switch self {
        case .exact(let value): NumberSpec.format(value)
        case .approximately(let value, _): "about " + NumberSpec.format(value)
        case .range: displayText
        }
    }
}

extension HistoricalDate {
    /// A number that orders dates: year, then month, then day (unknown parts count as 0).
    var sortValue: Double {
        Double(year) * 10_000 + Double(month ?? 0) * 100 + Double(day ?? 0)
    }

    /// True when this date is certainly earlier than `other` at the precision both have.
    func isStrictlyBefore(_ other: HistoricalDate) -> Bool {
        if year != other.year { return year < other.year }
        guard let month, let otherMonth = other.month else { return false }
        if month != otherMonth { return month < otherMonth }
        guard let day, let otherDay = other.day else { return false }
        return day < otherDay
    }

    /// What a "when?" question asks for at this precision.
    var precisionRequest: String {
        switch precision {
        case .year: "give the year"
        case .month: "give the month and year"
        case .day: "give the full date"
        }
    }

    /// Reads an author's date written as people write it ("1 December 1934"), when it has
    /// exactly one reading.
    static func parseWritten(_ text: String) -> HistoricalDate? {
        let readings = TypedDateReader.read(text)
        return readings.count == 1 ? readings[0] : nil
    }
}

import Foundation

/// Turns instants into study days: a study day starts at `dayStartHour` local time (4 am by
/// default, as in Anki), so a review at 1 am still counts for the evening before.
///
/// Days are numbered from 1970-01-01 (day 0), so consecutive days differ by one whatever the
/// month, and weekdays and ISO weeks follow from the number alone.
///
///     let calendar = StudyCalendar(timeZone: TimeZone(identifier: "Europe/Berlin")!, dayStartHour: 4)
///     let today = calendar.dayNumber(for: now)
///     StudyCalendar.label(ofDay: today)      // "2026-11-25"
public struct StudyCalendar: Hashable, Sendable {
    public var timeZone: TimeZone
    /// The local hour (0...23) at which a new study day begins.
    public var dayStartHour: Int

    public init(timeZone: TimeZone = .current, dayStartHour: Int = 4) {
        self.timeZone = timeZone
        self.dayStartHour = min(max(dayStartHour, 0), 23)
    }

    /// The study day `date` falls in.
    public func dayNumber(for date: Date) -> Int {
        var indexer = DayIndexer(calendar: self)
        return indexer.day(milliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// The instant study day `day` begins (its local `dayStartHour`).
    public func start(ofDay day: Int) -> Date {
        let local = Double(day) * 86_400 + Double(dayStartHour) * 3_600
        // The offset depends on the instant we are looking for; two rounds settle it, also
        // on the day a daylight-saving change happens.
        var guess = Date(timeIntervalSince1970: local - Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: local))))
        guess = Date(timeIntervalSince1970: local - Double(timeZone.secondsFromGMT(for: guess)))
        return guess
    }

    /// Year, month (1...12) and day of month of a study day.
    public static func civilDate(ofDay day: Int) -> (year: Int, month: Int, day: Int) {
        // Howard Hinnant's days-to-civil algorithm: exact for the proleptic Gregorian calendar.
        let shifted = day + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let dayOfMonth = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth)
    }

    /// The study day of a calendar date.
    public static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let adjustedYear = month <= 2 ? year - 1 : year
        let era = (adjustedYear >= 0 ? adjustedYear : adjustedYear - 399) / 400
        let yearOfEra = adjustedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// `2026-11-25`.
    public static func label(ofDay day: Int) -> String {
        let date = civilDate(ofDay: day)
        return "\(date.year)-\(twoDigits(date.month))-\(twoDigits(date.day))"
    }

    /// 0 for Monday through 6 for Sunday (1970-01-01 was a Thursday).
    public static func weekdayIndex(ofDay day: Int) -> Int {
        ((day + 3) % 7 + 7) % 7
    }

    /// The ISO 8601 week (Monday to Sunday) a day belongs to.
    public static func isoWeek(ofDay day: Int) -> (year: Int, week: Int) {
        // The week belongs to the year its Thursday falls in.
        let thursday = day - weekdayIndex(ofDay: day) + 3
        let year = civilDate(ofDay: thursday).year
        let firstOfYear = dayNumber(year: year, month: 1, day: 1)
        return (year, (thursday - firstOfYear) / 7 + 1)
    }

    /// `2026-W48`.
    public static func isoWeekLabel(ofDay day: Int) -> String {
        let week = isoWeek(ofDay: day)
        return "\(week.year)-W\(twoDigits(week.week))"
    }

    static let monthAbbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let weekdayAbbreviations = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    static func twoDigits(_ value: Int) -> String {
        value < 10 && value >= 0 ? "0\(value)" : "\(value)"
    }
}

/// Study days for many instants, fast: keeps the time-zone offset until the next
/// daylight-saving change instead of asking the time zone for every review.
struct DayIndexer {
    let timeZone: TimeZone
    let dayStartMilliseconds: Int64
    private var spanStart: Int64 = .max
    private var spanEnd: Int64 = .min
    private var offsetMilliseconds: Int64 = 0

    init(calendar: StudyCalendar) {
        timeZone = calendar.timeZone
        dayStartMilliseconds = Int64(calendar.dayStartHour) * 3_600_000
    }

    mutating func day(milliseconds time: Int64) -> Int {
        if time < spanStart || time >= spanEnd { refresh(at: time) }
        let local = time + offsetMilliseconds - dayStartMilliseconds
        let (quotient, remainder) = local.quotientAndRemainder(dividingBy: 86_400_000)
        return Int(remainder < 0 ? quotient - 1 : quotient)
    }

    private mutating func refresh(at time: Int64) {
        let date = Date(timeIntervalSince1970: Double(time) / 1000)
        offsetMilliseconds = Int64(timeZone.secondsFromGMT(for: date)) * 1000
        spanStart = time
        if let next = timeZone.nextDaylightSavingTimeTransition(after: date) {
            spanEnd = Int64((next.timeIntervalSince1970 * 1000).rounded(.down))
        } else {
            spanEnd = .max
        }
    }
}

/// ISO 8601 instants as every export writes them: `2026-11-25T09:00:00Z`, UTC.
enum ExportTimestamp {
    static func string(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: false, timeZone: TimeZone(identifier: "UTC")!))
    }

    static func string(milliseconds: Int64) -> String {
        string(Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    static func parse(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: false).parse(text) { return date }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }
}

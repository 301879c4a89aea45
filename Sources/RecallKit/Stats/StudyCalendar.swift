import Foundation

/// Study days for statistics and exports: the ``StudyDay`` rule (a day starts at
/// `dayStartHour` local time, 4 am by default as in Anki, so a review at 1 am still counts for
/// the evening before) plus the calendar arithmetic charts need — dates, weekdays, ISO weeks.
///
/// Days are numbered from 1970-01-01 (day 0), so consecutive days differ by one whatever the
/// month, and weekdays and ISO weeks follow from the number alone.
///
///     let calendar = StudyCalendar(timeZone: TimeZone(identifier: "Europe/Berlin")!, dayStartHour: 4)
///     let today = calendar.dayNumber(for: now)
///     StudyCalendar.label(ofDay: today)      // "2026-11-25"
public struct StudyCalendar: Hashable, Sendable {
    public var timeZone: TimeZone { studyDay.timeZone }
    /// The local hour (0...23) at which a new study day begins.
    public var dayStartHour: Int { studyDay.startHour }
    /// The one rule for where days start, shared with the scheduler's daily queue.
    public let studyDay: StudyDay

    public init(timeZone: TimeZone = .current, dayStartHour: Int = 4) {
        studyDay = StudyDay(timeZone: timeZone, startHour: min(max(dayStartHour, 0), 23))
    }

    /// The study day `date` falls in.
    public func dayNumber(for date: Date) -> Int {
        studyDay.dayNumber(for: date)
    }

    /// The instant study day `day` begins (its local `dayStartHour`, or the first instant after
    /// it when a clock change skips that hour).
    public func start(ofDay day: Int) -> Date {
        studyDay.start(ofDay: day)
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

/// Study days for many instants, fast: while no clock change is within a day and a bit of an
/// instant, the day is plain arithmetic on the current offset; near a change it asks
/// ``StudyDay``, so the two never disagree.
struct DayIndexer {
    let studyDay: StudyDay
    let dayStartMilliseconds: Int64
    /// Instants in `validFrom..<validUntil` have no clock change within `margin` either side.
    private var validFrom: Int64 = .max
    private var validUntil: Int64 = .min
    private var offsetMilliseconds: Int64 = 0
    /// More than the longest a study day can last (25 hours) plus the largest offset change.
    private static let margin: Int64 = 27 * 3_600_000

    init(calendar: StudyCalendar) {
        studyDay = calendar.studyDay
        dayStartMilliseconds = Int64(calendar.dayStartHour) * 3_600_000
    }

    mutating func day(milliseconds time: Int64) -> Int {
        if time < validFrom || time >= validUntil {
            guard refresh(at: time) else {
                return studyDay.dayNumber(for: Date(timeIntervalSince1970: Double(time) / 1000))
            }
        }
        let local = time + offsetMilliseconds - dayStartMilliseconds
        let (quotient, remainder) = local.quotientAndRemainder(dividingBy: 86_400_000)
        return Int(remainder < 0 ? quotient - 1 : quotient)
    }

    /// Sets up the arithmetic for instants from `time` on; false when a clock change is too
    /// close to `time` for it.
    private mutating func refresh(at time: Int64) -> Bool {
        let timeZone = studyDay.timeZone
        let windowStart = Date(timeIntervalSince1970: Double(time - Self.margin) / 1000)
        var nextChange = Int64.max
        if let next = timeZone.nextDaylightSavingTimeTransition(after: windowStart) {
            nextChange = Int64((next.timeIntervalSince1970 * 1000).rounded(.down))
        }
        guard nextChange > time + Self.margin else { return false }
        offsetMilliseconds = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(time) / 1000))) * 1000
        validFrom = time
        validUntil = nextChange == .max ? .max : nextChange - Self.margin
        return true
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

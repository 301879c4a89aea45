import Foundation
import Testing
@testable import RecallKit

/// Stats and exports number days with the same rule as the daily queue (``StudyDay``), also on
/// the days clocks change, and the fast indexer they use for a million reviews agrees with it.
@Suite struct StudyCalendarTests {
    static let zones = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Santiago", "Asia/Kolkata", "UTC"]

    @Test(arguments: zones)
    func theFastIndexerAgreesWithTheStudyDayRuleAroundClockChanges(zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        for startHour in [0, 2, 4] {
            let calendar = StudyCalendar(timeZone: timeZone, dayStartHour: startHour)
            var indexer = DayIndexer(calendar: calendar)
            // Two years in steps of 7 minutes 13 seconds crosses every change at odd offsets.
            var time: Int64 = 1_735_689_600_000  // 2025-01-01T00:00:00Z
            let end: Int64 = 1_798_761_600_000  // 2027-01-01
            var checked = 0
            while time < end {
                let expected = calendar.studyDay.dayNumber(for: Date(timeIntervalSince1970: Double(time) / 1000))
                #expect(indexer.day(milliseconds: time) == expected, "\(zone), start \(startHour), \(time)")
                time += 433_000
                checked += 1
            }
            #expect(checked > 100_000)
        }
    }

    @Test func statisticsAndTheQueueStartTheDayAtTheSameInstant() throws {
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        let calendar = StudyCalendar(timeZone: berlin, dayStartHour: 2)
        let rule = StudyDay(timeZone: berlin, startHour: 2)
        // 2026-03-29: Berlin's clocks jump from 02:00 to 03:00, so that day starts at the jump.
        let day = StudyCalendar.dayNumber(year: 2026, month: 3, day: 29)
        #expect(calendar.start(ofDay: day) == rule.start(ofDay: day))
        #expect(calendar.start(ofDay: day) == Date(timeIntervalSince1970: 1_774_746_000))  // 01:00 UTC = 03:00 CEST
        #expect(StudyCalendar.label(ofDay: calendar.dayNumber(for: calendar.start(ofDay: day))) == "2026-03-29")
    }

    @Test func civilDatesRoundTrip() {
        for day in stride(from: -800_000, through: 800_000, by: 997) {
            let date = StudyCalendar.civilDate(ofDay: day)
            #expect(StudyCalendar.dayNumber(year: date.year, month: date.month, day: date.day) == day)
        }
        #expect(StudyCalendar.label(ofDay: 0) == "1970-01-01")
        #expect(StudyCalendar.label(ofDay: 20_782) == "2026-11-25")
        #expect(StudyCalendar.weekdayIndex(ofDay: 20_782) == 2)
    }

    @Test func isoWeeksFollowTheThursdayRule() {
        // 2026-01-01 is a Thursday: week 1 of 2026 starts on Monday 2025-12-29.
        #expect(StudyCalendar.isoWeekLabel(ofDay: StudyCalendar.dayNumber(year: 2025, month: 12, day: 29)) == "2026-W01")
        #expect(StudyCalendar.isoWeekLabel(ofDay: StudyCalendar.dayNumber(year: 2027, month: 1, day: 3)) == "2026-W53")
        #expect(StudyCalendar.isoWeekLabel(ofDay: StudyCalendar.dayNumber(year: 2021, month: 1, day: 3)) == "2020-W53")
    }

    @Test func aDaylightSavingChangeDoesNotShiftTheDayStart() {
        let berlin = StudyCalendar(timeZone: TimeZone(identifier: "Europe/Berlin")!, dayStartHour: 4)
        // 2026-03-29: clocks go from 02:00 to 03:00; the day still starts at 04:00 local (02:00 UTC).
        let day = StudyCalendar.dayNumber(year: 2026, month: 3, day: 29)
        #expect(berlin.start(ofDay: day) == ISO8601DateFormatter().date(from: "2026-03-29T02:00:00Z"))
        #expect(berlin.start(ofDay: day - 1) == ISO8601DateFormatter().date(from: "2026-03-28T03:00:00Z"))
        #expect(berlin.dayNumber(for: ISO8601DateFormatter().date(from: "2026-03-29T01:59:59Z")!) == day - 1)
        #expect(berlin.dayNumber(for: ISO8601DateFormatter().date(from: "2026-03-29T02:00:00Z")!) == day)
    }
}

import Foundation
import Testing
@testable import RecallKit

@Suite("StudyDay boundaries")
struct StudyDayTests {
    private let berlin = TimeZone(identifier: "Europe/Berlin")!
    private let newYork = TimeZone(identifier: "America/New_York")!

    private func instant(_ text: String) -> Date {
        DailyQueueFixtures.instant(text)
    }

    @Test("a review at 02:00 belongs to the previous study day with a 04:00 start")
    func earlyMorningBelongsToPreviousDay() {
        let days = StudyDay(timeZone: berlin, startHour: 4)
        let tenthOfMarch = 20_522
        #expect(days.dayNumber(for: instant("2026-03-10T20:00:00+01:00")) == tenthOfMarch)
        #expect(days.dayNumber(for: instant("2026-03-11T00:00:00+01:00")) == tenthOfMarch)
        #expect(days.dayNumber(for: instant("2026-03-11T02:00:00+01:00")) == tenthOfMarch)
        #expect(days.dayNumber(for: instant("2026-03-11T03:59:59+01:00")) == tenthOfMarch)
        #expect(days.dayNumber(for: instant("2026-03-11T04:00:00+01:00")) == tenthOfMarch + 1)
        #expect(days.start(ofDay: tenthOfMarch + 1) == instant("2026-03-11T04:00:00+01:00"))
        #expect(days.nextBoundary(after: instant("2026-03-11T02:00:00+01:00")) == instant("2026-03-11T04:00:00+01:00"))
        #expect(days.nextBoundary(after: instant("2026-03-11T04:00:00+01:00")) == instant("2026-03-12T04:00:00+01:00"))
    }

    @Test("midnight start hour uses plain calendar dates")
    func midnightStart() {
        let days = StudyDay(timeZone: TimeZone(identifier: "UTC")!, startHour: 0)
        #expect(days.dayNumber(for: instant("1970-01-01T00:00:00Z")) == 0)
        #expect(days.dayNumber(for: instant("1969-12-31T23:59:59Z")) == -1)
        #expect(days.start(ofDay: 20_583) == instant("2026-05-10T00:00:00Z"))
    }

    @Test("the zone is injected, never read from the process")
    func zoneIsInjected() {
        let moment = instant("2026-05-10T02:30:00Z")
        let tokyo = StudyDay(timeZone: TimeZone(identifier: "Asia/Tokyo")!)
        let losAngeles = StudyDay(timeZone: TimeZone(identifier: "America/Los_Angeles")!)
        #expect(tokyo.dayNumber(for: moment) == 20_583)  // 11:30 on 10 May in Tokyo
        #expect(losAngeles.dayNumber(for: moment) == 20_582)  // 19:30 on 9 May in Los Angeles
    }

    @Test("Berlin spring forward: the day before the change lasts 23 hours")
    func berlinSpringForward() {
        let days = StudyDay(timeZone: berlin, startHour: 4)
        let changeDay = 20_541  // 2026-03-29, 02:00 CET jumps to 03:00 CEST
        #expect(days.start(ofDay: changeDay - 1) == instant("2026-03-28T04:00:00+01:00"))
        #expect(days.start(ofDay: changeDay) == instant("2026-03-29T04:00:00+02:00"))
        #expect(days.start(ofDay: changeDay).timeIntervalSince(days.start(ofDay: changeDay - 1)) == 23 * 3_600)
        #expect(days.dayNumber(for: instant("2026-03-29T01:59:59+01:00")) == changeDay - 1)
        #expect(days.dayNumber(for: instant("2026-03-29T03:30:00+02:00")) == changeDay - 1)
        #expect(days.dayNumber(for: instant("2026-03-29T04:00:00+02:00")) == changeDay)
    }

    @Test("Berlin spring forward: a start hour that does not exist starts the day at the jump")
    func berlinSkippedStartHour() {
        let days = StudyDay(timeZone: berlin, startHour: 2)
        let changeDay = 20_541
        let jump = instant("2026-03-29T03:00:00+02:00")  // the instant after 01:59:59 CET
        #expect(days.start(ofDay: changeDay) == jump)
        #expect(days.dayNumber(for: jump.addingTimeInterval(-1)) == changeDay - 1)
        #expect(days.dayNumber(for: jump) == changeDay)
        #expect(days.start(ofDay: changeDay + 1) == instant("2026-03-30T02:00:00+02:00"))
    }

    @Test("Berlin fall back: the change day lasts 25 hours")
    func berlinFallBack() {
        let days = StudyDay(timeZone: berlin, startHour: 4)
        let changeDay = 20_751  // 2026-10-25, 03:00 CEST falls back to 02:00 CET
        #expect(days.start(ofDay: changeDay) == instant("2026-10-25T04:00:00+01:00"))
        #expect(days.start(ofDay: changeDay + 1).timeIntervalSince(days.start(ofDay: changeDay)) == 24 * 3_600)
        #expect(days.start(ofDay: changeDay).timeIntervalSince(days.start(ofDay: changeDay - 1)) == 25 * 3_600)
        #expect(days.dayNumber(for: instant("2026-10-25T02:30:00+02:00")) == changeDay - 1)
        #expect(days.dayNumber(for: instant("2026-10-25T02:30:00+01:00")) == changeDay - 1)
        #expect(days.dayNumber(for: instant("2026-10-25T03:59:59+01:00")) == changeDay - 1)
    }

    @Test("Berlin fall back: a repeated start hour starts the day at its first occurrence")
    func berlinRepeatedStartHour() {
        let days = StudyDay(timeZone: berlin, startHour: 2)
        let changeDay = 20_751
        let firstTwoOClock = instant("2026-10-25T02:00:00+02:00")
        #expect(days.start(ofDay: changeDay) == firstTwoOClock)
        #expect(days.dayNumber(for: firstTwoOClock.addingTimeInterval(-1)) == changeDay - 1)
        // The second 02:00-02:59, an hour later, is still the same study day.
        #expect(days.dayNumber(for: instant("2026-10-25T02:30:00+01:00")) == changeDay)
        #expect(days.nextBoundary(after: instant("2026-10-25T02:30:00+01:00")) == instant("2026-10-26T02:00:00+01:00"))
    }

    @Test("New York spring forward and fall back")
    func newYorkChanges() {
        let fourOClock = StudyDay(timeZone: newYork, startHour: 4)
        let springDay = 20_520  // 2026-03-08, 02:00 EST jumps to 03:00 EDT
        #expect(fourOClock.start(ofDay: springDay) == instant("2026-03-08T04:00:00-04:00"))
        #expect(fourOClock.start(ofDay: springDay).timeIntervalSince(fourOClock.start(ofDay: springDay - 1)) == 23 * 3_600)
        let fallDay = 20_758  // 2026-11-01, 02:00 EDT falls back to 01:00 EST
        #expect(fourOClock.start(ofDay: fallDay) == instant("2026-11-01T04:00:00-05:00"))
        #expect(fourOClock.start(ofDay: fallDay).timeIntervalSince(fourOClock.start(ofDay: fallDay - 1)) == 25 * 3_600)

        let twoOClock = StudyDay(timeZone: newYork, startHour: 2)
        #expect(twoOClock.start(ofDay: springDay) == instant("2026-03-08T03:00:00-04:00"))
        #expect(twoOClock.dayNumber(for: instant("2026-03-08T01:59:59-05:00")) == springDay - 1)

        let oneOClock = StudyDay(timeZone: newYork, startHour: 1)
        #expect(oneOClock.start(ofDay: fallDay) == instant("2026-11-01T01:00:00-04:00"))
        #expect(oneOClock.dayNumber(for: instant("2026-11-01T00:59:59-04:00")) == fallDay - 1)
        #expect(oneOClock.dayNumber(for: instant("2026-11-01T01:30:00-05:00")) == fallDay)
    }

    @Test("every instant lies in exactly one study day, in many zones and start hours")
    func daysAreContiguous() {
        let zones = [
            "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Santiago",
            "Pacific/Apia", "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham", "UTC",
        ].map { TimeZone(identifier: $0)! }
        var generator = SeededGenerator(seed: 2026)
        for _ in 0..<600 {
            let days = StudyDay(
                timeZone: zones.randomElement(using: &generator)!,
                startHour: Int.random(in: 0..<24, using: &generator)
            )
            let moment = Date(timeIntervalSince1970: Double(Int.random(in: 946_684_800...2_051_222_400, using: &generator)))
            let day = days.dayNumber(for: moment)
            #expect(days.start(ofDay: day) <= moment, "\(days) \(moment)")
            #expect(moment < days.start(ofDay: day + 1), "\(days) \(moment)")
            #expect(days.nextBoundary(after: moment) == days.start(ofDay: day + 1))
            #expect(days.dayNumber(for: days.start(ofDay: day)) == day, "\(days) \(day)")
            #expect(days.start(ofDay: day + 1) > days.start(ofDay: day))
        }
    }

    @Test("every start and boundary near clock changes agrees with the day numbers")
    func clockChangesAreContiguous() {
        for (zone, hours) in [(berlin, 0..<24), (newYork, 0..<24)] {
            for startHour in hours {
                let days = StudyDay(timeZone: zone, startHour: startHour)
                for changeDay in [20_520, 20_541, 20_751, 20_758] {
                    for day in (changeDay - 1)...(changeDay + 1) {
                        let start = days.start(ofDay: day)
                        #expect(days.dayNumber(for: start) == day, "\(zone.identifier) \(startHour) \(day)")
                        #expect(days.dayNumber(for: start.addingTimeInterval(-1)) == day - 1, "\(zone.identifier) \(startHour) \(day)")
                    }
                }
            }
        }
    }
}

import Foundation

/// The rule that cuts time into a learner's study days.
///
/// A study day starts at `startHour` o'clock local time in `timeZone` rather than at midnight,
/// so a late-night session still counts towards the evening it began in. Study days are numbered
/// by the local calendar date they start on, counted in days since 1970-01-01.
///
/// Daylight saving time rule: a study day starts at the first instant whose local wall-clock
/// time on that date is at or after `startHour`. When that hour does not exist (the clock jumps
/// over it), the day starts at the jump; when it happens twice (the clock falls back), the day
/// starts at its first occurrence. So every instant belongs to exactly one study day and
/// `start(ofDay: dayNumber(for: t)) <= t < nextBoundary(after: t)` always holds.
///
/// ```swift
/// let days = StudyDay(timeZone: TimeZone(identifier: "Europe/Berlin")!, startHour: 4)
/// let today = days.dayNumber(for: .now)
/// let tomorrowStarts = days.start(ofDay: today + 1)
/// ```
public struct StudyDay: Hashable, Sendable {
    /// The zone whose wall clock decides where days start; injected so logic never reads the process time zone.
    public let timeZone: TimeZone
    /// The local hour, 0 through 23, at which a new study day begins.
    public let startHour: Int

    private static let secondsPerDay = 86_400

    /// Creates a day rule for `timeZone` whose days begin at `startHour` o'clock (4 by default).
    ///
    /// ```swift
    /// let days = StudyDay(timeZone: TimeZone(identifier: "America/New_York")!)
    /// ```
    public init(timeZone: TimeZone, startHour: Int = 4) {
        precondition((0..<24).contains(startHour), "startHour must be within 0...23")
        self.timeZone = timeZone
        self.startHour = startHour
    }

    /// The number of the study day that `instant` falls in.
    ///
    /// ```swift
    /// // With a 04:00 start, 02:00 on 11 March still belongs to 10 March's study day.
    /// days.dayNumber(for: twoInTheMorning) == days.dayNumber(for: previousEvening)
    /// ```
    public func dayNumber(for instant: Date) -> Int {
        let seconds = instant.timeIntervalSince1970
        let wallClock = seconds + Double(timeZone.secondsFromGMT(for: instant))
        let shifted = wallClock - Double(startHour * 3_600)
        let estimate = Int((shifted / Double(Self.secondsPerDay)).rounded(.down))
        // The wall-clock estimate can be off by one only when a clock change crosses the start hour;
        // checking against the real start instants keeps days contiguous even then.
        if instant < start(ofDay: estimate) {
            return estimate - 1
        }
        if instant >= start(ofDay: estimate + 1) {
            return estimate + 1
        }
        return estimate
    }

    /// The instant study day `day` begins.
    ///
    /// ```swift
    /// let startOfToday = days.start(ofDay: days.dayNumber(for: .now))
    /// ```
    public func start(ofDay day: Int) -> Date {
        let wallClock = Double(day * Self.secondsPerDay + startHour * 3_600)
        var matches: [Double] = []
        // Offsets a day either side cover the offsets before and after any clock change that day.
        for probe in [wallClock - Double(Self.secondsPerDay), wallClock + Double(Self.secondsPerDay)] {
            var offset = offsetSeconds(at: probe)
            for _ in 0..<2 {
                let candidate = wallClock - offset
                let actual = offsetSeconds(at: candidate)
                if actual == offset {
                    matches.append(candidate)
                    break
                }
                offset = actual
            }
        }
        if let first = matches.min() {
            return Date(timeIntervalSince1970: first)
        }
        return Date(timeIntervalSince1970: firstInstantShowing(wallClock: wallClock))
    }

    /// The first day boundary strictly after `instant`: when "tomorrow" begins.
    ///
    /// ```swift
    /// let rebuildAt = days.nextBoundary(after: .now)
    /// ```
    public func nextBoundary(after instant: Date) -> Date {
        start(ofDay: dayNumber(for: instant) + 1)
    }

    private func offsetSeconds(at secondsSince1970: Double) -> Double {
        Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: secondsSince1970)))
    }

    /// Finds the clock change that skips over `wallClock`; that jump is the first instant whose wall clock reaches it.
    private func firstInstantShowing(wallClock: Double) -> Double {
        let offsetBefore = offsetSeconds(at: wallClock - Double(Self.secondsPerDay))
        let offsetAfter = offsetSeconds(at: wallClock + Double(Self.secondsPerDay))
        // In a gap the wall clock reads too early at `low` and has already passed `wallClock` at `high`.
        var low = (wallClock - max(offsetBefore, offsetAfter)).rounded(.down) - 1
        var high = (wallClock - min(offsetBefore, offsetAfter)).rounded(.up) + 1
        while high - low > 1 {
            let middle = ((low + high) / 2).rounded(.down)
            if middle + offsetSeconds(at: middle) >= wallClock {
                high = middle
            } else {
                low = middle
            }
        }
        return high
    }
}

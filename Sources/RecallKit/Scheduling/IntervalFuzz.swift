/// Interval fuzz shared by both schedulers: spreads cards reviewed together over nearby days
/// so they do not stay clumped forever.
///
/// The ranges are py-fsrs's `FUZZ_RANGES` (also used by anki-sm-2 and Anki): an interval of
/// `d` days (d ≥ 3) may move by ±δ with δ = 1 + 0.15·(min(d,7) − 2.5)⁺ + 0.10·(min(d,20) − 7)⁺
/// + 0.05·(d − 20)⁺, rounded, never below 2 days nor above the maximum interval.
/// Intervals under 2.5 days are left alone.
///
/// ```swift
/// IntervalFuzz.range(forIntervalDays: 10, maximumIntervalDays: 36500)   // 8...12
/// ```
public enum IntervalFuzz {
    /// The days a fuzzed interval of `intervalDays` may land on (a single day when fuzz does
    /// not apply).
    public static func range(forIntervalDays intervalDays: Int, maximumIntervalDays: Int) -> ClosedRange<Int> {
        let days = Double(intervalDays)
        guard days >= 2.5 else { return intervalDays...intervalDays }
        var delta = 1.0
        delta += 0.15 * max(min(days, 7.0) - 2.5, 0.0)
        delta += 0.1 * max(min(days, 20.0) - 7.0, 0.0)
        delta += 0.05 * max(days - 20.0, 0.0)
        var lower = SchedulingArithmetic.roundHalfToEven(days - delta)
        var upper = SchedulingArithmetic.roundHalfToEven(days + delta)
        lower = max(2, lower)
        upper = min(upper, maximumIntervalDays)
        lower = min(lower, upper)
        return lower...upper
    }

    /// `intervalDays` moved to a uniformly chosen day of its fuzz range.
    ///
    /// The references draw `round(random() · (n + 1) + lower)`, which gives the two end days
    /// half weight and can overshoot the range by one day; Anki itself draws uniformly from the
    /// range, as here.
    public static func fuzzed(
        intervalDays: Int,
        maximumIntervalDays: Int,
        using generator: inout SeededGenerator
    ) -> Int {
        guard Double(intervalDays) >= 2.5 else { return intervalDays }
        let range = range(forIntervalDays: intervalDays, maximumIntervalDays: maximumIntervalDays)
        return min(generator.nextInt(in: range), maximumIntervalDays)
    }
}

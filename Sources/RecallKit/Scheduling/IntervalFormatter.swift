import Foundation

/// Renders a duration as the short label shown on answer buttons and in listings.
///
/// Rules (one unit, no spaces; a month is 30 days and a year 365, as in Anki):
/// - under a minute: whole seconds, "45s" (zero is "0s")
/// - under an hour: whole minutes, "10m"
/// - under a day: hours with at most one decimal, "1h", "5.5h"
/// - under 30 days: whole days, "1d", "29d"
/// - under 365 days: months with at most one decimal, "3.2mo"
/// - otherwise: years with at most one decimal, "1.5y", "100y"
///
/// Rounding is to nearest, halves away from zero; a trailing ".0" is dropped. A value that
/// rounds up to a whole next unit moves to that unit (59.7 s is "1m", 23.97 h is "1d").
/// Negative durations get a leading "-"; infinity is "∞".
///
/// ```swift
/// IntervalFormatter.string(for: 600)                  // "10m"
/// IntervalFormatter.string(for: 96 * 86_400)          // "3.2mo"
/// IntervalFormatter.string(from: now, to: state.due)  // e.g. "4d"
/// ```
public enum IntervalFormatter {
    /// The label for `seconds`.
    public static func string(for seconds: TimeInterval) -> String {
        if seconds.isNaN { return "?" }
        if seconds < 0 { return "-" + string(for: -seconds) }
        if seconds.isInfinite { return "∞" }

        let minute = 60.0, hour = 3_600.0, day = 86_400.0
        if seconds.rounded() < minute {
            return "\(Int(seconds.rounded()))s"
        }
        if (seconds / minute).rounded() < 60 {
            return "\(Int((seconds / minute).rounded()))m"
        }
        if oneDecimal(seconds / hour) < 24 {
            return format(oneDecimal(seconds / hour)) + "h"
        }
        let days = seconds / day
        if days.rounded() < 30 {
            return "\(Int(days.rounded()))d"
        }
        if days.rounded() < 365 {
            return format(oneDecimal(days / 30)) + "mo"
        }
        return format(oneDecimal(days / 365)) + "y"
    }

    /// The label for the time from `start` to `end`.
    public static func string(from start: Date, to end: Date) -> String {
        string(for: end.timeIntervalSince(start))
    }

    private static func oneDecimal(_ value: Double) -> Double {
        (value * 10).rounded() / 10
    }

    /// "1" for 1.0, "3.2" for 3.2.
    private static func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }
}

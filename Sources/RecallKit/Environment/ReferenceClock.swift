import Foundation

/// The instant a command treats as "now": `--now`, else `RECALL_NOW`, else the system clock.
///
/// Everything that schedules or counts days receives this instant as a value, so scripted runs
/// and tests are reproducible:
///
///     try ReferenceClock.now(option: "2026-11-25T09:00:00Z", environment: [:])
public enum ReferenceClock {
    public static func now(option: String?, environment: [String: String], system: () -> Date = Date.init) throws(ClockError) -> Date {
        if let option { return try parse(option, origin: "--now") }
        if let value = environment["RECALL_NOW"], !value.isEmpty { return try parse(value, origin: "RECALL_NOW") }
        return system()
    }

    /// Parses ISO 8601: `2026-11-25T09:00:00Z`, with fractional seconds or an offset, or a
    /// bare date `2026-11-25` (midnight UTC).
    public static func parse(_ text: String, origin: String = "--now") throws(ClockError) -> Date {
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [
            [.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds], [.withFullDate],
        ] {
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return date }
        }
        throw ClockError.invalidInstant(text, origin: origin)
    }
}

public enum ClockError: RecallError {
    case invalidInstant(String, origin: String)

    public var category: ErrorCategory { .user }

    public var description: String {
        switch self {
        case .invalidInstant(let text, let origin):
            "\(origin) '\(TerminalSanitizer.clean(text))' is not an ISO 8601 instant; write it like 2026-11-25T09:00:00Z"
        }
    }
}

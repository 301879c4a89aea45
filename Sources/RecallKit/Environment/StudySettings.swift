import Foundation
import TOMLKit

/// The learner's settings: scheduler, daily limits, day boundary and leeches. Read from
/// `config.toml`; command-line options override single values.
///
///     [scheduler]
///     algorithm = "fsrs"          # or "sm2"
///     desired_retention = 0.9
///     learning_steps = ["1m", "10m"]
///     relearning_steps = ["10m"]
///     maximum_interval_days = 36500
///     fuzz = true
///
///     [daily]
///     new_cards = 20
///     reviews = 200
///     day_starts_at = 4           # hour, local time
///     bury_siblings = true
///
///     [leeches]
///     threshold = 8
///     action = "tag"              # or "suspend"
public struct StudySettings: Equatable, Sendable {
    public enum Algorithm: String, Sendable, CaseIterable {
        case fsrs, sm2
    }

    public var algorithm: Algorithm = .fsrs
    public var desiredRetention = 0.9
    public var learningSteps: [TimeInterval] = [60, 600]
    public var relearningSteps: [TimeInterval] = [600]
    public var maximumIntervalDays = 36_500
    public var fuzz = true
    public var newCardsPerDay = 20
    public var reviewsPerDay = 200
    public var dayStartHour = 4
    public var burySiblings = true
    public var leechThreshold = 8
    public var leechSuspends = false

    public init() {}

    /// The name recorded with every review (`fsrs-6`, `sm2`).
    public var schedulerName: String { algorithm == .fsrs ? "fsrs-6" : "sm2" }

    public func makeScheduler() throws(SettingsError) -> any Scheduler {
        do {
            switch algorithm {
            case .fsrs:
                return try FSRSScheduler(parameters: .default, desiredRetention: desiredRetention, learningSteps: learningSteps,
                                         relearningSteps: relearningSteps, maximumIntervalDays: maximumIntervalDays, fuzzEnabled: fuzz)
            case .sm2:
                return try SM2Scheduler(learningSteps: learningSteps, relearningSteps: relearningSteps,
                                        maximumIntervalDays: maximumIntervalDays, fuzzEnabled: fuzz)
            }
        } catch {
            throw .invalidScheduler("\(error)")
        }
    }

    public func makeReplayer() throws(SettingsError) -> ProgressReplayer {
        ProgressReplayer(scheduler: try makeScheduler(), schedulerName: schedulerName,
                         leechPolicy: LeechPolicy(threshold: leechThreshold, suspends: leechSuspends))
    }

    public var queueLimits: QueueLimits {
        QueueLimits(newCardsPerDay: newCardsPerDay, reviewsPerDay: reviewsPerDay, burySiblings: burySiblings,
                    leechThreshold: leechThreshold, leechAction: leechSuspends ? .suspend : .tagOnly)
    }

    // MARK: Reading config.toml

    static let knownKeys: [String: [String]] = [
        "scheduler": ["algorithm", "desired_retention", "learning_steps", "relearning_steps", "maximum_interval_days", "fuzz"],
        "daily": ["new_cards", "reviews", "day_starts_at", "bury_siblings"],
        "leeches": ["threshold", "action"],
    ]

    /// Reads settings from TOML text; every problem is reported at once.
    public static func parse(toml text: String, path: String) throws(SettingsError) -> StudySettings {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .invalid(path: path, problems: ["line \(error.source.begin.line): \(error.description)"])
        } catch {
            throw .invalid(path: path, problems: ["\(error)"])
        }
        var settings = StudySettings()
        var problems: [String] = []
        for section in table.keys {
            guard let known = knownKeys[section] else {
                let hint = Suggestion.closest(to: section, in: Array(knownKeys.keys)).map { "; did you mean [\($0)]?" } ?? ""
                problems.append("unknown section [\(section)]\(hint)")
                continue
            }
            guard let values = table[section]?.table else {
                problems.append("`\(section)` must be a [\(section)] table")
                continue
            }
            for key in values.keys where !known.contains(key) {
                let hint = Suggestion.closest(to: key, in: known).map { "; did you mean `\($0)`?" } ?? ""
                problems.append("unknown setting \(section).\(key)\(hint)")
            }
        }
        func value(_ section: String, _ key: String) -> TOMLValueConvertible? { table[section]?.table?[key] }
        func integer(_ section: String, _ key: String, in range: ClosedRange<Int>, _ apply: (Int) -> Void) {
            guard let raw = value(section, key) else { return }
            guard let number = raw.int, range.contains(number) else {
                problems.append("\(section).\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
                return
            }
            apply(number)
        }
        func boolean(_ section: String, _ key: String, _ apply: (Bool) -> Void) {
            guard let raw = value(section, key) else { return }
            guard let flag = raw.bool else { problems.append("\(section).\(key) must be true or false"); return }
            apply(flag)
        }
        func steps(_ section: String, _ key: String, _ apply: ([TimeInterval]) -> Void) {
            guard let raw = value(section, key) else { return }
            guard let array = raw.array else { problems.append("\(section).\(key) must be a list such as [\"1m\", \"10m\"]"); return }
            var result: [TimeInterval] = []
            for element in array {
                guard let text = element.string, let seconds = Self.duration(text) else {
                    problems.append("\(section).\(key) has a step that is not a duration; write steps like \"30s\", \"10m\", \"1h\" or \"1d\"")
                    return
                }
                result.append(seconds)
            }
            apply(result)
        }
        if let raw = value("scheduler", "algorithm") {
            if let name = raw.string, let algorithm = Algorithm(rawValue: name) {
                settings.algorithm = algorithm
            } else {
                problems.append("scheduler.algorithm must be \"fsrs\" or \"sm2\"")
            }
        }
        if let raw = value("scheduler", "desired_retention") {
            if let number = raw.double ?? raw.int.map(Double.init), number > 0.7, number < 0.99 {
                settings.desiredRetention = number
            } else {
                problems.append("scheduler.desired_retention must be a number between 0.7 and 0.99, such as 0.9")
            }
        }
        steps("scheduler", "learning_steps") { settings.learningSteps = $0 }
        steps("scheduler", "relearning_steps") { settings.relearningSteps = $0 }
        integer("scheduler", "maximum_interval_days", in: 1...36_500) { settings.maximumIntervalDays = $0 }
        boolean("scheduler", "fuzz") { settings.fuzz = $0 }
        integer("daily", "new_cards", in: 0...10_000) { settings.newCardsPerDay = $0 }
        integer("daily", "reviews", in: 0...100_000) { settings.reviewsPerDay = $0 }
        integer("daily", "day_starts_at", in: 0...23) { settings.dayStartHour = $0 }
        boolean("daily", "bury_siblings") { settings.burySiblings = $0 }
        integer("leeches", "threshold", in: 1...100) { settings.leechThreshold = $0 }
        if let raw = value("leeches", "action") {
            switch raw.string {
            case "tag": settings.leechSuspends = false
            case "suspend": settings.leechSuspends = true
            default: problems.append("leeches.action must be \"tag\" or \"suspend\"")
            }
        }
        guard problems.isEmpty else { throw .invalid(path: path, problems: problems) }
        return settings
    }

    /// Reads `path` if it exists; defaults otherwise.
    public static func load(path: String) throws(SettingsError) -> StudySettings {
        guard FileManager.default.fileExists(atPath: path) else { return StudySettings() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalid(path: path, problems: ["the file cannot be read"])
        }
        return try parse(toml: String(decoding: data, as: UTF8.self), path: path)
    }

    /// `"30s"`, `"10m"`, `"1h"`, `"2d"` → seconds.
    public static func duration(_ text: String) -> TimeInterval? {
        let trimmed = text.trimmingWhitespace()
        guard let unit = trimmed.last, let number = Double(trimmed.dropLast()), number > 0, number.isFinite else { return nil }
        switch unit {
        case "s": return number
        case "m": return number * 60
        case "h": return number * 3600
        case "d": return number * 86_400
        default: return nil
        }
    }
}

/// The settings file or an option is wrong.
public enum SettingsError: RecallError, Equatable {
    case invalid(path: String, problems: [String])
    case invalidScheduler(String)

    public var category: ErrorCategory { .user }

    public var description: String {
        switch self {
        case .invalid(let path, let problems):
            "\(path) has \(problems.count == 1 ? "a problem" : "\(problems.count) problems"): \(problems.joined(separator: "; ")); fix \(problems.count == 1 ? "it" : "them") or delete the file to use the defaults"
        case .invalidScheduler(let message):
            "the scheduler settings are not valid: \(message)"
        }
    }
}

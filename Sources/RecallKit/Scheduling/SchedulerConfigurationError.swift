import Foundation

/// A scheduler setting that cannot work, found when the scheduler or its FSRS weights are built.
///
/// Everything is checked before anything is reported, so several problems arrive together
/// as `.several`. Each error prints as one sentence:
///
/// ```swift
/// do {
///     _ = try FSRSScheduler(desiredRetention: 1.2, maximumIntervalDays: 0)
/// } catch {
///     print(error)
///     // The scheduler settings have 2 problems: desired retention is 1.2 but must be
///     // greater than 0 and less than 1; maximum interval is 0 days but must be at least 1.
/// }
/// ```
public enum SchedulerConfigurationError: Error, Hashable, Sendable, CustomStringConvertible, LocalizedError {
    /// FSRS-6 takes exactly 21 weights.
    case wrongWeightCount(expected: Int, actual: Int)
    /// An FSRS weight lies outside the range the FSRS optimizer allows (bounds inclusive).
    case weightOutOfRange(index: Int, value: Double, allowed: ClosedRange<Double>)
    /// Desired retention must lie strictly between 0 and 1.
    case desiredRetentionOutOfRange(Double)
    /// A learning or relearning step is not a positive, finite number of seconds.
    case invalidStep(phase: CardPhase, index: Int, seconds: Double)
    /// Any other numeric setting outside its range; `requirement` completes
    /// "… but must be", e.g. "at least 1".
    case invalidSetting(name: String, value: Double, unit: String, requirement: String)
    /// More than one of the above, in the order the settings are declared.
    case several([SchedulerConfigurationError])

    /// All problems as a flat list.
    public var problems: [SchedulerConfigurationError] {
        if case .several(let problems) = self { return problems.flatMap(\.problems) }
        return [self]
    }

    public var description: String {
        let problems = problems
        if problems.count == 1 {
            return problems[0].clause.prefix(1).uppercased() + problems[0].clause.dropFirst() + "."
        }
        return "The scheduler settings have \(problems.count) problems: "
            + problems.map(\.clause).joined(separator: "; ") + "."
    }

    public var errorDescription: String? { description }

    /// Wraps the problems found by a validation pass; `nil` when there are none.
    static func combining(_ problems: [SchedulerConfigurationError]) -> SchedulerConfigurationError? {
        switch problems.count {
        case 0: nil
        case 1: problems[0]
        default: .several(problems)
        }
    }

    /// The problem as a clause without capital or full stop, so several can share a sentence.
    private var clause: String {
        switch self {
        case .wrongWeightCount(let expected, let actual):
            "FSRS needs \(expected) weights but \(actual) were given"
        case .weightOutOfRange(let index, let value, let allowed):
            "FSRS weight \(index) is \(Self.number(value)) but must be between "
                + "\(Self.number(allowed.lowerBound)) and \(Self.number(allowed.upperBound))"
        case .desiredRetentionOutOfRange(let value):
            "desired retention is \(Self.number(value)) but must be greater than 0 and less than 1"
        case .invalidStep(let phase, let index, let seconds):
            "\(phase == .relearning ? "relearning" : "learning") step \(index + 1) is "
                + "\(Self.number(seconds)) seconds but must be a positive, finite duration"
        case .invalidSetting(let name, let value, let unit, let requirement):
            "\(name) is \(Self.number(value))\(unit.isEmpty ? "" : " " + unit) but must be \(requirement)"
        case .several(let problems):
            problems.map(\.clause).joined(separator: "; ")
        }
    }

    /// 12.0 prints as "12", 0.123 as "0.123".
    private static func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            return String(Int(value))
        }
        return String(value)
    }
}

/// Collects every problem in a set of settings before anything is thrown.
struct SchedulerConfigurationValidator {
    private(set) var problems: [SchedulerConfigurationError] = []

    mutating func check(_ condition: Bool, _ problem: @autoclosure () -> SchedulerConfigurationError) {
        if !condition { problems.append(problem()) }
    }

    mutating func checkSteps(_ steps: [Double], phase: CardPhase) {
        for (index, seconds) in steps.enumerated() {
            check(seconds.isFinite && seconds > 0, .invalidStep(phase: phase, index: index, seconds: seconds))
        }
    }

    mutating func absorb(_ error: SchedulerConfigurationError) {
        problems += error.problems
    }

    func finish() throws(SchedulerConfigurationError) {
        if let error = SchedulerConfigurationError.combining(problems) { throw error }
    }
}

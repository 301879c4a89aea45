import ArgumentParser
import Foundation
import RecallKit

/// Options every command takes: where data lives, what time it is, and the random seed.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: ArgumentHelp(
        "Keep progress, history and config under this folder (overrides RECALL_HOME and the XDG folders).",
        valueName: "folder"))
    var dataDirectory: String?

    @Option(help: ArgumentHelp(
        "Act as if it were this instant, and keep the clock still (ISO 8601, e.g. 2026-11-25T09:00:00Z); also RECALL_NOW.",
        valueName: "instant"))
    var now: String?

    @Option(help: ArgumentHelp(
        "Seed for everything random: distractor choice, quiz order, interval fuzz; also RECALL_SEED.",
        valueName: "number"))
    var seed: UInt64?

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    var paths: RecallPaths { RecallPaths(environment: environment, override: dataDirectory) }

    /// True when `--now` or `RECALL_NOW` fixes the time: the clock then stands still, so a
    /// scripted session schedules exactly the same way on every run.
    var isClockFixed: Bool { now != nil || !(environment["RECALL_NOW"] ?? "").isEmpty }

    func currentInstant() throws -> Date {
        try ReferenceClock.now(option: now, environment: environment)
    }

    /// The seed: `--seed`, else `RECALL_SEED`, else 0 so that runs are reproducible by default.
    var resolvedSeed: UInt64 {
        seed ?? environment["RECALL_SEED"].flatMap { UInt64($0) } ?? 0
    }

    /// Colour only on a terminal and only when `NO_COLOR` is unset.
    var style: TextStyle {
        TextStyle(colour: isatty(STDOUT_FILENO) == 1 && (environment["NO_COLOR"] ?? "").isEmpty)
    }
}

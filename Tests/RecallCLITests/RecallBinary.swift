import Foundation
import Testing

/// Runs the built `recall` executable as a subprocess, as a user's shell would.
struct RecallBinary {
    struct Result {
        var status: Int32
        var output: String
        var errors: String
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The binary beside the test bundle (whatever the build folder is called).
    static let url: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for candidate in [beside, beside.deletingLastPathComponent(), packageRoot.appendingPathComponent(".build/debug")] {
            let url = candidate.appendingPathComponent("recall")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return packageRoot.appendingPathComponent(".build/debug/recall")
    }()

    /// A fresh RECALL_HOME for one test.
    static func temporaryHome() -> String {
        let path = NSTemporaryDirectory() + "recall-cli-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func environment(home: String, extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["RECALL_HOME"] = home
        environment["NO_COLOR"] = "1"
        // Study days and charts depend on the time zone; transcripts are recorded in UTC.
        environment["TZ"] = "UTC"
        environment["RECALL_NOW"] = nil
        environment["RECALL_SEED"] = nil
        environment["RECALL_DECKS"] = packageRoot.appendingPathComponent("Decks").path
        for (key, value) in extra { environment[key] = value }
        return environment
    }

    @discardableResult
    static func run(_ arguments: [String], input: String = "", home: String, environment extra: [String: String] = [:],
                    directory: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.environment = environment(home: home, extra: extra)
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? packageRoot.path)
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        // Read both pipes to the end before waiting, so a chatty process never blocks.
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        group.enter()
        DispatchQueue.global().async {
            errorData = stderr.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
                      errors: String(decoding: errorData, as: UTF8.self))
    }
}

/// Compares text with a golden file; `RECALL_UPDATE_GOLDEN=1` rewrites it.
func checkGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = RecallBinary.fixtures.appendingPathComponent("transcripts/\(name).txt")
    if ProcessInfo.processInfo.environment["RECALL_UPDATE_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    if expected != actual {
        let expectedLines = expected.components(separatedBy: "\n"), actualLines = actual.components(separatedBy: "\n")
        let index = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(expectedLines.count, actualLines.count)
        Issue.record("""
            transcript \(name) differs at line \(index + 1):
              expected: \(index < expectedLines.count ? expectedLines[index] : "<end>")
              actual:   \(index < actualLines.count ? actualLines[index] : "<end>")
            """, sourceLocation: sourceLocation)
    }
}

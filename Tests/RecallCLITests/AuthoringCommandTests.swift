import Foundation
import Testing
import TestSupport

/// The deck-authoring commands end to end: new, preview, fmt, and check's JSON, ids and watch.
@Suite struct AuthoringCommandTests {
    let scratchHome = ScratchFolder("recall-cli")
    var home: String { scratchHome.path }
    let scratch = ScratchFolder("recall-authoring")
    var folder: String { scratch.path }
    let bundled = RecallBinary.packageRoot.appendingPathComponent("Decks/great-purge.facts").path

    func write(_ text: String, to name: String) throws -> String {
        let path = folder + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func newWritesADeckThatPassesAStrictCheckAndNeverOverwrites() throws {
        let created = try RecallBinary.run(["new", "roman-roads", "--title", "Roman roads"], home: home, directory: folder)
        #expect(created.status == 0, "\(created.errors)")
        #expect(created.output.contains("Created roman-roads.facts"))
        let text = try read(folder + "/roman-roads.facts")
        #expect(text.contains("deck: roman-roads\ntitle: Roman roads\n"))
        let check = try RecallBinary.run(["check", "--strict", "roman-roads.facts"], home: home, directory: folder)
        #expect(check.status == 0, "\(check.errors)")
        #expect(check.output.contains("roman-roads.facts: ok"))
        let again = try RecallBinary.run(["new", "roman-roads.facts"], home: home, directory: folder)
        #expect(again.status == 1)
        #expect(again.errors.contains("roman-roads.facts already exists"))
        #expect(try read(folder + "/roman-roads.facts") == text)
    }

    @Test func previewShowsEveryCardOfAFact() throws {
        let result = try RecallBinary.run(["preview", bundled, "--fact", "kirov-assassin", "--seed", "3"], home: home)
        #expect(result.status == 0, "\(result.errors)")
        for part in ["· Q · id kirov-assassin", "qa.typed", "qa.flash", "qa.choice", "qa.truefalse", "accepts", "distractors", "note:", "source:"] {
            #expect(result.output.contains(part), "\(part)")
        }
        let summary = try RecallBinary.run(["preview", "great-purge"], home: home)
        #expect(summary.status == 0)
        #expect(summary.output.contains("The 10 facts with the fewest cards:"))
        let unknown = try RecallBinary.run(["preview", bundled, "--fact", "kirov-assasin"], home: home)
        #expect(unknown.status == 1)
        #expect(unknown.errors.contains("did you mean 'kirov-assassin'?"))
        #expect(try RecallBinary.run(["preview", bundled, "--fact", "x", "--line", "3"], home: home).status == 2)
    }

    @Test func fmtCheckDiffsWithoutWritingAndFmtRewrites() throws {
        let messy = "deck: d\ntitle: D\n\nsource: s\nnote: n\ntitle: S\n\n\nQ: Who?   \nsource: s\nA: Him\n"
        let path = try write(messy, to: "messy.facts")
        let check = try RecallBinary.run(["fmt", "--check", path], home: home)
        #expect(check.status == 1)
        #expect(check.output.contains("--- \(path)\n+++ \(path) (formatted)\n@@ "))
        #expect(check.errors.contains("1 file not formatted"))
        #expect(try read(path) == messy)
        let format = try RecallBinary.run(["fmt", path], home: home)
        #expect(format.status == 0, "\(format.errors)")
        #expect(try read(path) == "deck: d\ntitle: D\n\nsource: s\ntitle: S\nnote: n\n\nQ: Who?\nA: Him\nsource: s\n")
        #expect(try RecallBinary.run(["fmt", "--check", path], home: home).status == 0)
        let broken = try write("deck: d\ntitle: D\n\nQ: no answer\n", to: "broken.facts")
        let refused = try RecallBinary.run(["fmt", broken], home: home)
        #expect(refused.status == 1)
        #expect(refused.errors.contains("needs a `A:` line"))
        #expect(refused.errors.contains("left it unchanged"))
    }

    @Test func checkJSONPrintsOneObjectPerDiagnosticAndTheSummaryOnStandardError() throws {
        let path = try write("deck: d\ntitle: D\n\nsource: s\ntitle: S\n\nQ: Who?\nA: Him\nsource: scr\n", to: "json.facts")
        let result = try RecallBinary.run(["check", "--format", "json", path], home: home)
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 2)
        let objects = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.map { $0["id"] as? String } == ["unused-source", "unknown-source-key"])
        #expect(objects[1]["line"] as? Int == 9 && objects[1]["column"] as? Int == 9 && objects[1]["endColumn"] as? Int == 12)
        #expect(objects[1]["notes"] as? [String] == ["help: define it in a `source: scr` block"])
        #expect(result.errors == "\(path): 0 errors, 2 warnings (2 cards)\n")
        let strict = try RecallBinary.run(["check", "--format", "json", "--strict", path], home: home)
        #expect(strict.status == 1)
        #expect(strict.output.contains("\"severity\":\"error\""))
    }

    @Test func assignIdsKeepsEveryCardIdAndEveryOtherByte() throws {
        let original = try read(bundled)
        let stripped = original.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("id: ") }.joined(separator: "\n")
        let path = try write(stripped, to: "ids.facts")
        let before = try RecallBinary.run(["compile", path], home: home)
        let result = try RecallBinary.run(["check", "--assign-ids", path], home: home)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("ids.facts: gave 248 facts an id"))
        let after = try RecallBinary.run(["compile", path], home: home)
        let ids = { (json: String) throws -> [String] in
            let deck = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            let cards = try #require(deck?["cards"] as? [[String: Any]])
            return cards.compactMap { $0["id"] as? String }
        }
        #expect(try !ids(before.output).isEmpty)
        #expect(try ids(after.output) == ids(before.output))
        let written = try read(path)
        #expect(written.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("id: h-") }.joined(separator: "\n") == stripped)
    }

    @Test func watchChecksAgainAfterASaveAndStopsCleanlyOnControlC() throws {
        let path = try write("deck: d\ntitle: D\n\nsource: s\ntitle: S\n\nQ: Who?\nA: Him\nsource: s\n", to: "watch.facts")
        let process = Process()
        process.executableURL = RecallBinary.url
        process.arguments = ["check", "--watch", path]
        process.environment = RecallBinary.environment(home: home)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        let collected = Collected()
        output.fileHandleForReading.readabilityHandler = { handle in collected.append(handle.availableData) }
        try process.run()
        #expect(collected.wait(for: "\(path): ok", seconds: 20))
        try Data("deck: d\ntitle: D\n\nsource: s\ntitle: S\n\nQ: Who?\nsource: s\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(collected.wait(for: "\(path): 1 error", seconds: 20))
        #expect(collected.text.contains("watch.facts changed"))
        process.interrupt()
        let deadline = Date().addingTimeInterval(20)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            Issue.record("recall check --watch did not stop on SIGINT")
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        output.fileHandleForReading.readabilityHandler = nil
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }
}

/// Output read from a pipe as it arrives.
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ chunk: Data) {
        lock.lock(); data.append(chunk); lock.unlock()
    }

    var text: String {
        lock.lock(); defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }

    func wait(for needle: String, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if text.contains(needle) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }
}

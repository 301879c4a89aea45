import Foundation
import Testing
import TestSupport

/// End-to-end study sessions with piped answers at a fixed `--now`, compared with golden
/// transcripts (Fixtures/transcripts). `RECALL_UPDATE_GOLDEN=1 swift test` rewrites them.
@Suite struct StudyTranscriptTests {
    let scratchHome = ScratchFolder("recall-cli")
    var home: String { scratchHome.path }
    let deck = RecallBinary.fixtures.appendingPathComponent("history.facts").path
    let now = "2026-11-25T09:00:00Z"

    func study(_ arguments: [String], input: String, now: String? = nil) throws -> RecallBinary.Result {
        let result = try RecallBinary.run(["study", deck, "--now", now ?? self.now, "--seed", "3"] + arguments, input: input, home: home)
        #expect(result.status == 0, "\(result.errors)")
        return result
    }

    func journal() throws -> [String] {
        try String(contentsOfFile: home + "/data/history.journal.jsonl", encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test func typedAnswersWithAHintAndANearMiss() throws {
        let result = try study(["--new", "3", "--mode", "typed"], input: "Nikolaev\n\n:hint\nYezhof\n\nYezhov\n2\n")
        try checkGolden(result.output, "typed")
        #expect(try journal().filter { $0.contains("\"type\":\"review\"") }.count == 3)
    }

    @Test func flashcardsRevealThenSelfGrade() throws {
        let result = try study(["--new", "2", "--mode", "flashcard"], input: "\n3\n\n:help\ne\n")
        try checkGolden(result.output, "flashcard")
    }

    @Test func choiceAndTrueFalseByNumberTextAndLetter() throws {
        // Siblings are not buried here (config.toml), so each choice card's true/false twin follows it.
        try FileManager.default.createDirectory(atPath: home + "/config", withIntermediateDirectories: true)
        try "[daily]\nbury_siblings = false\n".write(toFile: home + "/config/config.toml", atomically: true, encoding: .utf8)
        let result = try study(["--new", "5", "--mode", "choice"],
                               input: "7\nLeonid Nikolaev\n\nmaybe\nt\n\n2\n\nfalse\n\n:stats\nc\n\n")
        try checkGolden(result.output, "choice")
    }

    @Test func chronologyByOrder() throws {
        let result = try study(["--new", "6", "--tag", "chronology"], input: "1234\n21\n\n1\n\n2\n\n2\n\n4321\n1\n\n3142\n\n")
        try checkGolden(result.output, "chronology")
    }

    @Test func undoTakesBackTheLastAnswer() throws {
        let result = try study(["--new", "2", "--mode", "typed"], input: "Nikolaev\n\n:undo\nLeonid Nikolaev\n3\n")
        try checkGolden(result.output, "undo")
        let lines = try journal()
        #expect(lines.filter { $0.contains("\"type\":\"undo\"") }.count == 1)
        #expect(lines.filter { $0.contains("\"type\":\"review\"") }.count == 2)
    }

    @Test func skipAndSuspendAreRecorded() throws {
        let result = try study(["--new", "3", "--mode", "typed"], input: ":skip\n:suspend\n:quit\n")
        try checkGolden(result.output, "skip-suspend")
        let lines = try journal()
        #expect(lines.contains { $0.contains("\"type\":\"bury\"") })
        #expect(lines.contains { $0.contains("\"type\":\"suspend\"") })
        // The next day the skipped card is back; the suspended one is not.
        let tomorrow = try study(["--new", "3", "--mode", "typed"], input: ":quit\n", now: "2026-11-26T09:00:00Z")
        #expect(tomorrow.output.contains("Who shot Sergei Kirov?"))
    }

    @Test func quitMidSessionThenResume() throws {
        let first = try study(["--new", "3", "--mode", "typed"], input: "Nikolaev\n\n:quit\n")
        let second = try study(["--new", "3", "--mode", "typed"], input: "Yezhov\n\nYagoda\n\n")
        try checkGolden(first.output + "\n=== resumed ===\n" + second.output, "resume")
        #expect(!second.output.contains("Who shot Sergei Kirov?"), "an answered card is not asked again the same day")
    }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport

/// `quiz`, `stats` and `export` run end to end against a history made by a scripted session.
@Suite struct QuizStatsExportTests {
    let scratchHome = ScratchFolder("recall-cli")
    var home: String { scratchHome.path }
    let deck = RecallBinary.fixtures.appendingPathComponent("history.facts").path

    /// Three days of scripted study, so there is a history to chart and export.
    func makeHistory() throws {
        for (day, answers) in [("2026-11-20", "Nikolaev\n\nYezhov\n\nYagoda\n1\n"), ("2026-11-21", "Beria\n\nKamenev\n\n"),
                               ("2026-11-24", "Yezhov\n3\nYagoda\n\n")] {
            let result = try RecallBinary.run(["study", deck, "--now", "\(day)T09:00:00Z", "--new", "3", "--mode", "typed"],
                                              input: answers, home: home)
            #expect(result.status == 0, "\(result.errors)")
        }
    }

    @Test func aQuizIsScoredAndDoesNotChangeTheSchedule() throws {
        let result = try RecallBinary.run(["quiz", deck, "--count", "4", "--seed", "5", "--now", "2026-11-25T09:00:00Z"],
                                          input: "Gulag\nYagoda\nt\n35,000\n", home: home)
        #expect(result.status == 0)
        try checkGolden(result.output, "quiz")
        #expect(result.output.contains("Score: 3 / 4 (75%)"))
        #expect(!FileManager.default.fileExists(atPath: home + "/data/history.journal.jsonl"), "a quiz without --record writes no review")
        let history = try String(contentsOfFile: home + "/data/quiz-results.jsonl", encoding: .utf8)
        #expect(history.split(separator: "\n").count == 1)
        let json = try RecallBinary.run(["quiz", deck, "--count", "2", "--seed", "5", "--now", "2026-11-25T09:00:00Z", "--json", "--record"],
                                        input: "Gulag\nGenrikh Yagoda\n", home: home)
        // With --json, standard output is only the JSON; the questions went to standard error.
        let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect(json.errors.contains("Question 1 of 2"))
        #expect(object?["percentage"] as? Int == 100)
        #expect(object?["recorded"] as? Bool == true)
        #expect(try String(contentsOfFile: home + "/data/history.journal.jsonl", encoding: .utf8).contains("\"type\":\"review\""))
    }

    /// A synthetic journal with fixed times and durations, so the charts are the same every run.
    func writeSyntheticJournal() throws {
        let compiled = try RecallBinary.run(["compile", deck], home: home)
        let object = try JSONSerialization.jsonObject(with: Data(compiled.output.utf8)) as? [String: Any]
        let cards = (object?["cards"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        var lines: [String] = []
        let base: Int64 = 1_795_597_200_000 - 20 * 86_400_000
        for index in 0..<40 {
            let card = cards[index % 10]
            let time = base + Int64(index / 10) * 5 * 86_400_000 + Int64(index) * 60_000
            let grade = index % 7 == 3 ? 1 : 3
            lines.append("{\"type\":\"review\",\"id\":\"e\(index)\",\"time\":\(time),\"card\":\"\(card)\",\"grade\":\(grade),\"duration\":\(4000 + index * 250),\"scheduler\":\"fsrs-6\"}")
        }
        try FileManager.default.createDirectory(atPath: home + "/data", withIntermediateDirectories: true)
        try (lines.joined(separator: "\n") + "\n").write(toFile: home + "/data/history.journal.jsonl", atomically: true, encoding: .utf8)
    }

    @Test func decksAreCompiledOnceAndRecompiledAfterAnEdit() throws {
        let folder = home + "/decks"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let copy = folder + "/history.facts"
        try FileManager.default.copyItem(atPath: deck, toPath: copy)
        let quiz = ["quiz", copy, "--count", "1", "--seed", "5", "--now", "2026-11-25T09:00:00Z", "--json"]
        let first = try RecallBinary.run(quiz, input: "x\n", home: home)
        #expect(first.status == 0, "\(first.errors)")
        let cacheFolder = home + "/cache/decks"
        let entries = try FileManager.default.contentsOfDirectory(atPath: cacheFolder)
        #expect(entries.count == 1 && entries[0].hasSuffix(".deck"), "the compiled deck is kept in RECALL_HOME/cache")
        let entry = cacheFolder + "/" + entries[0]

        // A damaged entry is not trusted: the deck is compiled again and the quiz is the same.
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: entry))
        let second = try RecallBinary.run(quiz, input: "x\n", home: home)
        #expect(second.status == 0 && second.errors == first.errors)
        #expect(try Data(contentsOf: URL(fileURLWithPath: entry)) != Data("garbage".utf8), "and the entry is rewritten")

        // An edit that breaks the deck is reported, whatever the cache holds.
        try ("\nQ: a question without an answer\nsource: notes\n").appendLine(to: copy)
        let broken = try RecallBinary.run(quiz, input: "x\n", home: home)
        #expect(broken.status != 0 && broken.errors.contains("error:"), "\(broken.errors)")
    }

    @Test func statsDrawTheHistoryAtAFixedTime() throws {
        try writeSyntheticJournal()
        let result = try RecallBinary.run(["stats", deck, "--now", "2026-11-25T09:00:00Z", "--width", "80", "--ascii"], home: home,
                                          environment: ["TZ": "UTC"])
        #expect(result.status == 0, "\(result.errors)")
        try checkGolden(result.output, "stats")
        let json = try RecallBinary.run(["stats", deck, "--now", "2026-11-25T09:00:00Z", "--json"], home: home, environment: ["TZ": "UTC"])
        let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect(object != nil)
    }

    /// (recall card id, time, rating, state) of every exported review, through the mapping file.
    func reviews(in folder: String) throws -> Set<String> {
        let mapping = try String(contentsOfFile: folder + "/reviews.card-ids.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            .reduce(into: [Substring: Substring]()) { map, line in
                let parts = line.split(separator: ",")
                map[parts[0]] = parts[1]
            }
        return Set(try String(contentsOfFile: folder + "/reviews.csv", encoding: .utf8).split(separator: "\n").dropFirst().map { line in
            let parts = line.split(separator: ",")
            return "\(mapping[parts[0]] ?? "?"),\(parts[1]),\(parts[2]),\(parts[3])"
        })
    }

    @Test func everyExportFormat() throws {
        try makeHistory()
        let now = ["--now", "2026-11-25T09:00:00Z"]
        let csv = try RecallBinary.run(["export", deck, "--format", "csv", "-o", home + "/reviews.csv"] + now, home: home)
        #expect(csv.status == 0, "\(csv.errors)")
        let lines = try String(contentsOfFile: home + "/reviews.csv", encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "card_id,review_time,review_rating,review_state,review_duration")
        #expect(lines.count == 1 + 7)
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",").count == 5 })
        #expect(FileManager.default.fileExists(atPath: home + "/reviews.card-ids.csv"))
        // Import what was exported into a fresh place: the same reviews come back.
        let other = RecallBinary.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: other) }
        let imported = try RecallBinary.run(["import", home + "/reviews.csv", "--deck", deck, "--mapping", home + "/reviews.card-ids.csv"] + now, home: other)
        #expect(imported.output.contains("Imported 7 reviews"), "\(imported.output)\(imported.errors)")
        let again = try RecallBinary.run(["export", deck, "--format", "csv", "-o", other + "/reviews.csv"] + now, home: other)
        #expect(again.status == 0)
        #expect(try reviews(in: other) == reviews(in: home), "import → export gives the same reviews")

        let json = try RecallBinary.run(["export", deck, "--format", "json"] + now, home: home)
        #expect((try JSONSerialization.jsonObject(with: Data(json.output.utf8))) is [String: Any])
        let apkg = try RecallBinary.run(["export", deck, "--format", "apkg", "-o", home + "/deck.apkg"] + now, home: home)
        #expect(apkg.status == 0, "\(apkg.errors)")
        let zip = try Data(contentsOf: URL(fileURLWithPath: home + "/deck.apkg"))
        #expect(zip.starts(with: [0x50, 0x4B, 0x03, 0x04]), "an apkg is a zip file")
        let html = try RecallBinary.run(["export", deck, "--format", "html"] + now, home: home)
        let parser = XMLParser(data: Data(html.output.utf8))
        #expect(parser.parse(), "the HTML report is well-formed")
        let markdown = try RecallBinary.run(["export", deck, "--format", "markdown"] + now, home: home)
        #expect(markdown.output.hasPrefix("#"))
        let sheet = try RecallBinary.run(["export", deck, "--format", "txt"] + now, home: home)
        #expect(sheet.output.contains("Who shot Sergei Kirov?"))
        #expect(try RecallBinary.run(["export", deck, "--format", "apkg"] + now, home: home).status == 2, "apkg needs -o")
    }
}

extension String {
    /// Appends this text to the file at `path`.
    func appendLine(to path: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(utf8))
        try handle.close()
    }
}

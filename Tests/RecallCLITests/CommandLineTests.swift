import Foundation
import Testing
import TestSupport

/// The executable as a whole: help, exit statuses, environment, and line-by-line input.
@Suite struct CommandLineTests {
    let scratchHome = ScratchFolder("recall-cli")
    var home: String { scratchHome.path }
    let deck = RecallBinary.fixtures.appendingPathComponent("history.facts").path

    @Test func helpListsEverySubcommandWithADescription() throws {
        let result = try RecallBinary.run(["--help"], home: home)
        #expect(result.status == 0)
        for command in ["study", "check", "compile"] {
            let line = result.output.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(command + " ") }
            #expect(line != nil, "no line for \(command)")
            #expect((line?.count ?? 0) > command.count + 10, "\(command) has no description")
        }
        #expect(try RecallBinary.run(["--version"], home: home).output.hasPrefix("0."))
    }

    @Test func exitStatusesAreTheDocumentedOnes() throws {
        #expect(try RecallBinary.run(["study", "--new", "-3"], home: home).status == 2)
        #expect(try RecallBinary.run(["no-such-command"], home: home).status == 2)
        let missing = try RecallBinary.run(["check", "nowhere.facts"], home: home)
        #expect(missing.status == 1)
        #expect(missing.errors.contains("nowhere.facts: no such deck file"))
        #expect(try RecallBinary.run(["check", deck], home: home).status == 0)
        #expect(try RecallBinary.run(["study", deck, "--now", "tomorrow"], home: home).status == 1)
    }

    /// `check` makes every card without keeping it, and counts as many as `compile` writes.
    @Test func checkCountsTheCardsCompileWrites() throws {
        let compiled = try RecallBinary.run(["compile", deck], home: home)
        let object = try JSONSerialization.jsonObject(with: Data(compiled.output.utf8)) as? [String: Any]
        let cards = try #require(object?["cards"] as? [[String: Any]])
        #expect(cards.count > 50)
        let checked = try RecallBinary.run(["check", deck], home: home)
        #expect(checked.output.hasSuffix(": ok (\(cards.count) cards)\n"), "\(checked.output)")
    }

    /// `compile -o` writes the cards as they are made: the same bytes as standard output, and a
    /// deck that fails `--strict` leaves the file as it was, with no temporary file behind.
    @Test func compileToAFileStreamsTheSameJSONAndLeavesTheFileAloneOnFailure() throws {
        let folder = home + "/out"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let output = folder + "/deck.json"
        let printed = try RecallBinary.run(["compile", deck], home: home)
        let written = try RecallBinary.run(["compile", deck, "-o", output], home: home)
        #expect(written.status == 0, "\(written.errors)")
        #expect(try String(contentsOfFile: output, encoding: .utf8) == printed.output)

        let warned = folder + "/warned.facts"
        try "deck: w\ntitle: W\n\nQ: Who?\nA: Him\n".write(toFile: warned, atomically: true, encoding: .utf8)
        #expect(try RecallBinary.run(["compile", warned, "-o", output], home: home).status == 0, "warnings alone do not stop it")
        let strict = try RecallBinary.run(["compile", "--strict", deck, "-o", output], home: home)
        #expect(strict.status == 0)
        try "keep me".write(toFile: output, atomically: true, encoding: .utf8)
        let refused = try RecallBinary.run(["compile", "--strict", warned, "-o", output], home: home)
        #expect(refused.status == 1)
        #expect(refused.errors.contains("error: this fact cites no source"))
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "keep me")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["deck.json", "warned.facts"])
        let missing = try RecallBinary.run(["compile", folder + "/nowhere.facts", "-o", output], home: home)
        #expect(missing.status == 1)
        #expect(missing.errors.contains("no such deck file"))
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "keep me")
    }

    @Test func nowAndRecallHomeAreHonoured() throws {
        let result = try RecallBinary.run(["study", deck, "--now", "2026-11-25T09:00:00Z", "--new", "1"], input: "Nikolaev\n\n", home: home)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("Saved: Easy — next in"))
        let journal = try String(contentsOfFile: home + "/data/history.journal.jsonl", encoding: .utf8)
        // The review is stamped with --now exactly: the clock stands still under --now.
        #expect(journal.contains("\"time\":1795597200000,\"card\""))
        let fromEnvironment = try RecallBinary.run(["study", deck, "--new", "0"], home: home, environment: ["RECALL_NOW": "2026-12-01T09:00:00Z"])
        #expect(fromEnvironment.output.contains("1 review") || fromEnvironment.output.contains("0 review"))
        #expect(FileManager.default.fileExists(atPath: home + "/data/history.snapshot"), "a snapshot is written when a session ends")
    }

    @Test func aLaterSessionReusesTheSnapshotInsteadOfReplayingEverything() throws {
        let first = try RecallBinary.run(["study", deck, "--now", "2026-11-25T09:00:00Z", "--new", "2", "--mode", "typed"],
                                         input: "Nikolaev\n3\nYezhov\n3\n", home: home)
        #expect(first.status == 0, "\(first.errors)")
        let snapshot = home + "/data/history.snapshot"
        let inode = try #require(FileManager.default.attributesOfItem(atPath: snapshot)[.systemFileNumber] as? Int)
        // A new process: a snapshot it could not trust would be rebuilt from the whole journal and
        // written again (a new file) when the session closes.
        let second = try RecallBinary.run(["study", deck, "--now", "2026-11-25T10:00:00Z", "--new", "0"], input: ":quit\n", home: home)
        #expect(second.status == 0, "\(second.errors)")
        #expect(try FileManager.default.attributesOfItem(atPath: snapshot)[.systemFileNumber] as? Int == inode,
                "the snapshot from the first session was used as it was")
    }

    @Test func pipedLinesAreReadOneByOne() throws {
        // Three answers arrive in one write; each is read and answered in turn.
        let result = try RecallBinary.run(["study", deck, "--now", "2026-11-25T09:00:00Z", "--new", "2", "--mode", "typed"],
                                          input: "Nikolaev\n3\nwrong answer\n1\n", home: home)
        let prompts = result.output.components(separatedBy: "\n").filter { $0.hasPrefix("> ") || $0.hasPrefix("grade ") }
        #expect(prompts == ["> Nikolaev", "grade [Enter = Easy]> 3", "> wrong answer", "grade [Enter = Again]> 1", "> "])
    }

    @Test func corruptProgressStopsWithStatusThree() throws {
        try FileManager.default.createDirectory(atPath: home + "/data", withIntermediateDirectories: true)
        let garbage = Data((0..<6000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) })
        try garbage.write(to: URL(fileURLWithPath: home + "/data/history.journal.jsonl"))
        let result = try RecallBinary.run(["study", deck, "--now", "2026-11-25T09:00:00Z"], input: "x\n", home: home)
        #expect(result.status == 3)
        #expect(result.errors.contains("recall has changed nothing"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: home + "/data/history.journal.jsonl")) == garbage)
    }

    @Test func aSecondSessionOnTheSameDeckIsRefused() throws {
        let first = Process()
        first.executableURL = RecallBinary.url
        first.arguments = ["study", deck, "--now", "2026-11-25T09:00:00Z"]
        first.environment = RecallBinary.environment(home: home)
        let input = Pipe()
        first.standardInput = input
        first.standardOutput = Pipe()
        try first.run()
        defer {
            // End of input ends the first session cleanly.
            try? input.fileHandleForWriting.close()
            first.waitUntilExit()
        }
        // Wait until the first session holds the lock.
        let lock = home + "/data/history.lock"
        for _ in 0..<200 where ((try? String(contentsOfFile: lock, encoding: .utf8)) ?? "").isEmpty {
            Thread.sleep(forTimeInterval: 0.02)
        }
        let second = try RecallBinary.run(["study", deck, "--now", "2026-11-25T09:00:00Z"], input: "x\n", home: home)
        #expect(second.status == 1)
        #expect(second.errors.contains("in use by process \(first.processIdentifier)"))
    }

    @Test func deckTextCannotReachTheTerminal() throws {
        let hostile = home + "/hostile.facts"
        try """
            deck: hostile
            title: Hostile\u{1B}]0;pwned\u{07}

            Q: Who?\u{1B}[2J
            A: Him
            """.write(toFile: hostile, atomically: true, encoding: .utf8)
        let result = try RecallBinary.run(["check", hostile], home: home)
        #expect(!result.output.contains("\u{1B}") && !result.errors.contains("\u{1B}"))
        #expect(result.errors.contains("control character U+001B"))
    }
}

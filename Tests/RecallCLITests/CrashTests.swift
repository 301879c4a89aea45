import Foundation
import Testing

/// Kills the real binary with SIGKILL at seeded random points of a scripted session, hundreds
/// of times over one data folder, and checks that every answer the program acknowledged
/// ("Saved: …") is in the journal and that the store opens cleanly every time.
@Suite struct CrashTests {
    @Test func everyAcknowledgedAnswerSurvivesKillNine() throws {
        let home = RecallBinary.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let deck = RecallBinary.fixtures.appendingPathComponent("history.facts").path
        var random = SplitMix(seed: 447)
        var acknowledged = 0
        let rounds = 200
        for round in 0..<rounds {
            let process = Process()
            process.executableURL = RecallBinary.url
            // Each round is a later day, so there is always something to answer.
            let day = String(format: "2026-%02d-%02dT09:00:00Z", 1 + round / 28 % 12, 1 + round % 28)
            process.arguments = ["study", deck, "--now", day, "--new", "20", "--mode", "typed"]
            process.environment = RecallBinary.environment(home: home)
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Plenty of answers up front; the pipe stays open so the session never ends by itself.
            input.fileHandleForWriting.write(Data(String(repeating: "Nikolaev\n3\nwrong\n1\n", count: 40).utf8))
            let target = Int(random.next() % 5)
            var seen = ""
            var saved = 0
            let deadline = Date().addingTimeInterval(20)
            while saved < target, Date() < deadline {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                seen += String(decoding: chunk, as: UTF8.self)
                saved = seen.components(separatedBy: "Saved: ").count - 1
            }
            // Kill at a random moment after the chosen acknowledgement: possibly mid-write.
            usleep(UInt32(random.next() % 4000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            // Whatever else arrived before the kill was acknowledged too.
            seen += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            acknowledged += seen.components(separatedBy: "Saved: ").count - 1
            try? input.fileHandleForWriting.close()
            #expect(!seen.contains("cannot be read"), "round \(round) could not open the store")
        }
        // The store opens cleanly (a torn last line is set aside, never fatal) and holds every acknowledged answer.
        let reopen = try RecallBinary.run(["study", deck, "--now", "2027-06-01T09:00:00Z", "--new", "0"], input: ":quit\n", home: home)
        #expect(reopen.status == 0, "\(reopen.errors)")
        let journal = try String(contentsOfFile: home + "/data/history.journal.jsonl", encoding: .utf8)
        let reviews = journal.split(separator: "\n").filter { $0.hasPrefix("{\"type\":\"review\"") && $0.hasSuffix("}") }.count
        #expect(acknowledged > rounds)
        #expect(reviews >= acknowledged, "\(acknowledged) answers were acknowledged but only \(reviews) are in the journal")
    }
}

/// A tiny seeded generator for the test's own choices.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

import Foundation
import Testing
import TestSupport
@testable import RecallKit

/// The snapshot as a shortcut: an open reads only the journal after it, gives the same state
/// as replaying everything, and falls back to a full replay whenever the journal is not the
/// one the snapshot saw.
@Suite struct ProgressSnapshotTests {
    let scratch = ScratchFolder("recall-snapshot")
    var directory: String { scratch.path }
    let replayer = ProgressReplayer(scheduler: FSRSScheduler())
    let start = Date(timeIntervalSince1970: 1_795_597_200)
    let cards = (0..<40).map { CardID(rawValue: String(format: "%016x", 0xC0FFEE + $0 * 7919)) }

    init() throws {
    }

    var journalPath: String { directory + "/demo.journal.jsonl" }
    var snapshotPath: String { directory + "/demo.snapshot" }
    /// Where recall before layout 3 kept a JSON snapshot.
    var legacyPath: String { directory + "/demo.json" }

    func open(_ mode: ProgressStore.Mode = .readWrite) throws -> ProgressStore {
        try ProgressStore.open(deckID: "demo", directory: directory, replayer: replayer, mode: mode, now: start)
    }

    /// The state with no snapshot at all: the journal replayed from its first line.
    func fullReplay() throws -> ProgressState {
        let saved = try? Data(contentsOf: URL(fileURLWithPath: snapshotPath))
        try? FileManager.default.removeItem(atPath: snapshotPath)
        defer { if let saved { try? saved.write(to: URL(fileURLWithPath: snapshotPath)) } }
        let store = try open(.readOnly)
        return store.state
    }

    /// One study session of `count` answers with suspends, skips, card texts and an undo.
    func study(_ count: Int, from offset: Int, seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let store = try open()
        for index in 0..<count {
            let card = cards[generator.uniform(below: cards.count)]
            let at = start.addingTimeInterval(Double(offset + index) * 3_700)
            switch generator.uniform(below: 12) {
            case 0: try store.record(.suspend(card: card), at: at)
            case 1: try store.record(.unsuspend(card: card), at: at)
            case 2: try store.record(.bury(card: card, untilDay: 20_400 + index), at: at)
            case 3 where store.canUndo: try store.undoLastReview(at: at)
            default:
                let text = CardText(variant: "qa", prompt: "Who was \(card)?", answer: "Ежов \(index)")
                try store.review(card: card, rating: Rating(rawValue: 1 + generator.uniform(below: 4))!, durationMilliseconds: 4000,
                                 answer: "typed", text: text, at: at)
            }
        }
        store.close()
    }

    @Test func schedulerFingerprintsAreTheSameInEveryProcess() throws {
        // Pinned text: anything that varies between processes (an address, a hash seed) fails here.
        let fsrs = try StudySettings().makeScheduler()
        #expect(fsrs.settingsFingerprint == "fsrs-6 weights \(FSRSParameters.default.weights) retention 0.9 learning [60.0, 600.0]"
            + " relearning [600.0] maximum 36500 fuzz true")
        var settings = StudySettings()
        settings.algorithm = .sm2
        let sm2 = try settings.makeScheduler()
        #expect(sm2.settingsFingerprint.hasPrefix("sm-2 learning [60.0, 600.0] graduating 1 easy 4"))
        #expect(!sm2.settingsFingerprint.contains("0x") && !fsrs.settingsFingerprint.contains("$"))
        settings.desiredRetention = 0.85
        settings.algorithm = .fsrs
        #expect(try settings.makeScheduler().settingsFingerprint != fsrs.settingsFingerprint, "other settings, another fingerprint")
    }

    @Test func anOpenAfterASnapshotReadsOnlyTheTailAndMatchesAFullReplay() throws {
        try study(120, from: 0, seed: 1)
        // The snapshot of the first session, kept while a second session adds to the journal.
        let firstSnapshot = try Data(contentsOf: URL(fileURLWithPath: snapshotPath))
        let store = try open()
        try store.record(.relink(from: cards[0], to: CardID(rawValue: "moved-card-0000")), at: start.addingTimeInterval(900_000))
        store.close()
        try study(80, from: 300, seed: 2)
        try firstSnapshot.write(to: URL(fileURLWithPath: snapshotPath))

        let tail = try open(.readOnly)
        let journalLines = try String(contentsOfFile: journalPath, encoding: .utf8).split(separator: "\n").count
        #expect(tail.eventsReplayedAtOpen > 80)
        #expect(tail.eventsReplayedAtOpen < journalLines)
        let full = try fullReplay()
        #expect(tail.state == full)
        #expect(tail.state.cards[CardID(rawValue: "moved-card-0000")] != nil)
        #expect(tail.warnings.isEmpty)

        // With the latest snapshot, nothing at all is replayed, and the state is the same.
        let latest = try open()
        latest.close()
        let warm = try open(.readOnly)
        #expect(warm.eventsReplayedAtOpen == 0)
        #expect(warm.state == full)
    }

    @Test func aSnapshotThatNoLongerMatchesTheJournalIsIgnored() throws {
        try study(60, from: 0, seed: 3)
        let journal = try Data(contentsOf: URL(fileURLWithPath: journalPath))

        // An older copy of the journal put back (shorter than the snapshot says).
        let lines = journal.split(separator: 0x0A, omittingEmptySubsequences: false)
        let shorter = Data(lines.prefix(30).joined(separator: [0x0A])) + Data([0x0A])
        try shorter.write(to: URL(fileURLWithPath: journalPath))
        let afterRestore = try open(.readOnly)
        #expect(afterRestore.eventsReplayedAtOpen == 30)
        #expect(afterRestore.state == (try fullReplay()))

        // A journal with an event inserted near the start: every offset moved.
        let inserted = JournalEvent(id: "inserted-event", time: 1_795_000_000_000,
                                    action: .review(card: cards[5], rating: .easy, durationMilliseconds: 1, answer: nil, scheduler: "fsrs-6"))
        try (Data((inserted.jsonLine + "\n").utf8) + journal).write(to: URL(fileURLWithPath: journalPath))
        let afterInsert = try open(.readOnly)
        #expect(afterInsert.eventsReplayedAtOpen == lines.count)  // every line, the new one included
        #expect(afterInsert.state == (try fullReplay()))
        #expect(afterInsert.state.reviewCount == (try fullReplay()).reviewCount)

        // The same length and line ends, but another event on the line the snapshot names.
        var swapped = [UInt8](journal)
        let lastLineStart = JournalParser.startOfLastLine(swapped)
        let idStart = lastLineStart + swapped[lastLineStart...].firstRange(of: Array("\"id\":\"".utf8))!.upperBound - lastLineStart
        swapped[idStart] = swapped[idStart] == UInt8(ascii: "z") ? UInt8(ascii: "y") : UInt8(ascii: "z")
        try Data(swapped).write(to: URL(fileURLWithPath: journalPath))
        let afterSwap = try open(.readOnly)
        #expect(afterSwap.eventsReplayedAtOpen == lines.count - 1)
        #expect(afterSwap.state == (try fullReplay()))
    }

    @Test func aTornLineAfterTheSnapshotIsSetAsideAndTheNextOpenIsWarm() throws {
        try study(40, from: 0, seed: 8)
        let handle = try #require(FileHandle(forWritingAtPath: journalPath))
        handle.seekToEndOfFile()
        handle.write(Data("{\"type\":\"review\",\"id\":\"torn\",\"ti".utf8))
        try handle.close()
        let reopened = try open()
        #expect(reopened.eventsReplayedAtOpen == 0)
        #expect(reopened.warnings.count == 1)
        reopened.close()
        let next = try open(.readOnly)
        #expect(next.eventsReplayedAtOpen == 0)
        #expect(next.warnings.isEmpty)
        #expect(next.state == (try fullReplay()))
    }

    @Test func mergingAndImportingKeepTheSnapshotHonest() throws {
        try study(50, from: 0, seed: 4)
        let other = (0..<20).map { index in
            JournalEvent(id: "other-\(index)", time: 1_795_000_000_000 + Int64(index) * 60_000,
                         action: .review(card: cards[index], rating: .good, durationMilliseconds: 1, answer: nil, scheduler: "fsrs-6")).jsonLine + "\n"
        }.joined()
        let store = try open()
        #expect(try store.merge(journal: Array(other.utf8)) == 20)
        try store.importReviews([ImportedReview(card: cards[1], time: 1_795_100_000_000, rating: .hard, durationMilliseconds: 5)])
        try store.review(card: cards[2], rating: .good, durationMilliseconds: 1, answer: nil, at: start.addingTimeInterval(10_000_000))
        store.close()
        let reopened = try open(.readOnly)
        #expect(reopened.eventsReplayedAtOpen == 0)
        #expect(reopened.state == (try fullReplay()))
    }

    @Test func aVersionOneSnapshotIsReplacedWithoutLosingAnything() throws {
        try study(30, from: 0, seed: 5)
        let expected = try fullReplay()
        let journalBytes = try Data(contentsOf: URL(fileURLWithPath: journalPath)).count
        // What recall 1 wrote (JSONEncoder, sorted keys), with a card state that is now wrong:
        // it must not be used, and it must not be reported as damage.
        let versionOne = """
            {"activeQuarterHours":[1994663],"cardTexts":{},"cards":{"\(cards[0])":{"firstReview":1795597200000,"isLeech":false,\
            "isSuspended":true,"scheduling":{"due":1795597800000,"lapses":9,"lastReview":1795597200000,"phase":"learning",\
            "reps":99,"step":1}}},"deckID":"demo","eventCount":1,"fingerprint":"\(try open(.readOnly).fingerprint)",\
            "journalBytes":\(journalBytes),"lastEventID":"x","relinks":{},"reviewCount":1,"schema":"recall-progress","schemaVersion":1}
            """
        try FileManager.default.removeItem(atPath: snapshotPath)
        try Data(versionOne.utf8).write(to: URL(fileURLWithPath: legacyPath))
        let reader = try open(.readOnly)
        #expect(reader.state == expected)
        #expect(reader.warnings.isEmpty)

        let writer = try open()
        #expect(writer.state == expected)
        writer.close()
        #expect(ProgressSnapshot.isBinary(try [UInt8](Data(contentsOf: URL(fileURLWithPath: snapshotPath)))))
        #expect(!FileManager.default.fileExists(atPath: legacyPath), "the old layout's file is gone once the new one is written")
        let warm = try open(.readOnly)
        #expect(warm.eventsReplayedAtOpen == 0)
        #expect(warm.state == expected)
    }

    @Test func theSnapshotRoundTripsAwkwardTextAndEveryCardState() throws {
        let awkward = [
            "plain-ascii-id", "quote\"inside", "back\\slash", "new\nline", "tab\t", "control\u{1}\u{1F}", "del\u{7F}",
            "c1\u{85}", "separators\u{2028}\u{2029}", "emoji 🙂 and 👩‍👩‍👧", "Ежов", "e\u{301} combining", "é precomposed",
            "/slash", "", "{\"json\":[1,2]}", String(repeating: "long ", count: 200),
        ]
        var state = ProgressState()
        state.eventCount = 12_345
        state.reviewCount = 9_876
        state.lastEventID = "last \"event\" \u{2028}"
        state.activeQuarterHours = [0, 1_994_663, -5, Int64(Int32.max) * 4]
        let fsrs = FSRSScheduler()
        for (index, text) in awkward.enumerated() {
            let id = CardID(rawValue: text)
            // Dates from reviews at odd milliseconds, and a due that is not a whole millisecond.
            var scheduling = SchedulingState.new(due: Date(timeIntervalSince1970: Double(index) * 1.000_000_7))
            for review in 0..<(index % 5) {
                let at = Date(timeIntervalSince1970: Double(1_795_597_200_123 + Int64(review * 86_400_017 + index)) / 1000)
                scheduling = fsrs.review(scheduling, rating: Rating(rawValue: 1 + (index + review) % 4)!, at: at, seed: UInt64(index))
            }
            if index % 7 == 3 {
                scheduling.memory = .sm2(ease: 2.5 - Double(index) / 1000, intervalDays: index)
                scheduling.due = scheduling.due.addingTimeInterval(0.000_123_4)
            }
            state.cards[id] = CardProgress(scheduling: scheduling, isSuspended: index % 2 == 0,
                                           buriedUntilDay: index % 3 == 0 ? nil : 20_000 + index, isLeech: index % 4 == 1,
                                           firstReview: scheduling.lastReview)
            state.cardTexts[id] = CardText(variant: text, prompt: "Q: \(text)?", answer: text + "!")
            state.relinks[CardID(rawValue: "old " + text)] = id
        }
        let snapshot = ProgressSnapshot(deckID: "deck \"with\" ünïcode", fingerprint: "f\\p", journalBytes: 123_456_789,
                                        lastLineStart: 123_456_700, state: state)
        #expect(try ProgressSnapshot.decode(snapshot.encoded()) == snapshot)
        // The JSON layout older recalls wrote reads back the same, too.
        let bytes = try snapshot.jsonEncoded()
        #expect(try ProgressSnapshot.decode(bytes) == snapshot)
        // Foundation agrees it is JSON, and reads the same text back.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(object["deckID"] as? String == "deck \"with\" ünïcode")
        let rows = try #require(object["cards"] as? [[Any]])
        #expect(Set(rows.compactMap { $0.first as? String }) == Set(awkward))
        // One card per line: the file stays readable and diffable.
        #expect(bytes.split(separator: 0x0A).count >= awkward.count * 3)
    }

    @Test func aDamagedSnapshotSaysWhereItBroke() throws {
        try study(10, from: 0, seed: 6)
        // A JSON snapshot (layout 2) left by an older recall, damaged.
        let current = try ProgressSnapshot.decode([UInt8](Data(contentsOf: URL(fileURLWithPath: snapshotPath))))
        var bytes = try current.jsonEncoded()
        try FileManager.default.removeItem(atPath: snapshotPath)
        let cardsStart = bytes.firstRange(of: Array("\"cards\":[\n[".utf8))!.upperBound
        bytes.insert(contentsOf: Array("\"x\",".utf8), at: cardsStart + 20)
        #expect {
            _ = try ProgressSnapshot.decode(bytes)
        } throws: { error in
            "\(error)".contains("cards.0")
        }
        try Data(bytes).write(to: URL(fileURLWithPath: legacyPath))
        let reopened = try open()
        #expect(reopened.state == (try fullReplay()))
        #expect(reopened.warnings.first?.contains("rebuilt from the journal") == true)
    }

    @Test func aVersionTwoSnapshotIsStillReadThenReplacedByLayoutThree() throws {
        try study(90, from: 0, seed: 9)
        let expected = try fullReplay()
        let current = try ProgressSnapshot.decode([UInt8](Data(contentsOf: URL(fileURLWithPath: snapshotPath))))
        try FileManager.default.removeItem(atPath: snapshotPath)
        try Data(current.jsonEncoded()).write(to: URL(fileURLWithPath: legacyPath))

        let reader = try open(.readOnly)
        #expect(reader.eventsReplayedAtOpen == 0, "the JSON snapshot is used, not replayed")
        #expect(reader.state == expected)
        #expect(reader.warnings.isEmpty)
        // A session that adds nothing still writes layout 3, so the JSON is read only once.
        let writer = try open()
        writer.close()
        #expect(ProgressSnapshot.isBinary(try [UInt8](Data(contentsOf: URL(fileURLWithPath: snapshotPath)))))
        #expect(!FileManager.default.fileExists(atPath: legacyPath))
        let warm = try open(.readOnly)
        #expect(warm.eventsReplayedAtOpen == 0)
        #expect(warm.state == expected)
    }

    @Test func aTruncatedOrBitFlippedLayoutThreeSnapshotIsRebuiltFromTheJournal() throws {
        try study(70, from: 0, seed: 10)
        let expected = try fullReplay()
        let good = try [UInt8](Data(contentsOf: URL(fileURLWithPath: snapshotPath)))
        #expect(ProgressSnapshot.isBinary(good))
        var generator = SeededGenerator(seed: 11)
        var damaged: [[UInt8]] = [Array(good.prefix(good.count - 1)), Array(good.prefix(100)), Array(good.prefix(20)), good + [0]]
        for _ in 0..<40 {
            var flipped = good
            let bit = generator.uniform(below: good.count * 8)
            flipped[bit / 8] ^= UInt8(1 << (bit % 8))
            damaged.append(flipped)
        }
        for bytes in damaged {
            #expect(throws: SnapshotProblem.self) { _ = try ProgressSnapshot.decode(bytes) }
            try Data(bytes).write(to: URL(fileURLWithPath: snapshotPath))
            let reopened = try open(.readOnly)
            #expect(reopened.state == expected)
            #expect(reopened.eventsReplayedAtOpen > 0, "replayed from the journal")
            #expect(reopened.warnings.first?.contains("rebuilt from the journal") == true)
        }
    }

    @Test func layoutThreeRoundTripsRemovedEntriesAndEmptyTables() throws {
        var state = ProgressState()
        #expect(try ProgressSnapshot.decode(ProgressSnapshot(deckID: "d", fingerprint: "f", journalBytes: 0, lastLineStart: 0,
                                                             state: state).encoded()).state == state)
        for (index, id) in cards.enumerated() {
            state.cards[id] = CardProgress(scheduling: .new(due: Date(timeIntervalSince1970: Double(index) * 0.001)))
            state.cardTexts[id] = CardText(variant: "qa", prompt: "p\(index)", answer: "a")
        }
        // Removed entries (an undone first review, a relink) are left out of the stored index.
        for id in cards.prefix(7) { state.cards[id] = nil }
        state.cardTexts[cards[9]] = nil
        state.cardTexts[cards[10]] = CardText(variant: "qa", prompt: "replaced", answer: "b")
        let snapshot = ProgressSnapshot(deckID: "d", fingerprint: "f", journalBytes: 10, lastLineStart: 2, state: state)
        let decoded = try ProgressSnapshot.decode(snapshot.encoded())
        #expect(decoded == snapshot)
        #expect(decoded.state.cards.count == cards.count - 7)
        #expect(decoded.state.cardTexts[cards[10]]?.prompt == "replaced")
        #expect(decoded.state.cardTexts[cards[9]] == nil)
        for id in cards.dropFirst(7) { #expect(decoded.state.cards[id] != nil) }
    }
}

/// The compact replay that opening uses gives the same state as replaying whole events.
@Suite struct JournalRecordReplayTests {
    @Test func recordsAndEventsReplayAlike() {
        var generator = SeededGenerator(seed: 7)
        // Escaped and canonically equivalent ids included: "é" written two ways is one card.
        let names = ["0123456789abcdef", "fedcba9876543210", "card\"quoted", "caf\u{E9}", "cafe\u{301}", "K", "\u{212A}", "🙂"]
        let cards = names.map(CardID.init(rawValue:))
        let replayer = ProgressReplayer(scheduler: FSRSScheduler(), leechPolicy: LeechPolicy(threshold: 3, suspends: true))
        for round in 0..<150 {
            var lines: [String] = []
            var ids: [String] = []
            for index in 0..<generator.uniform(below: 60) {
                let id = index % 17 == 5 ? "e\\u0073caped-\(round)-\(index)" : "ev-\(round)-\(index)"
                let card = cards[generator.uniform(below: cards.count)]
                let time = Int64(1_795_000_000_000 + index * 3_600_000 + generator.uniform(below: 1000))
                let action: JournalEvent.Action
                switch generator.uniform(below: 14) {
                case 0 where !ids.isEmpty: action = .undo(target: ids[generator.uniform(below: ids.count)])
                case 1: action = .suspend(card: card)
                case 2: action = .unsuspend(card: card)
                case 3: action = .bury(card: card, untilDay: 20_000 + index)
                case 4: action = .relink(from: card, to: cards[generator.uniform(below: cards.count)])
                case 5: action = .cardText(card: card, variant: "qa", prompt: "p \(index)", answer: "a")
                default:
                    action = .review(card: card, rating: Rating(rawValue: 1 + generator.uniform(below: 4))!,
                                     durationMilliseconds: index, answer: "x", scheduler: "fsrs-6")
                }
                var line = JournalEvent(id: "placeholder", time: time, action: action).jsonLine
                line = line.replacingOccurrences(of: "\"placeholder\"", with: "\"\(id)\"")
                if index % 9 == 4 { line = line.replacingOccurrences(of: "\"card\":\"0", with: "\"card\":\"\\u0030") }
                ids.append(id.replacingOccurrences(of: "\\u0073", with: "s"))
                lines.append(line)
            }
            let journal = Array(lines.map { $0 + "\n" }.joined().utf8)
            let events = JournalParser.parse(journal, from: 0).events
            #expect(events.count == lines.count)
            for keepLog in [false, true] {
                let fromEvents = replayer.replay(events, keepLog: keepLog)
                let fromRecords = replayer.replay(JournalParser.records(journal, from: 0), keepLog: keepLog)
                #expect(fromRecords == fromEvents, "round \(round)")
            }
            // Replaying the second half onto the first half's state is the same as replaying all,
            // when the second half only undoes its own events (and no relink merges histories
            // differently depending on where the cut falls).
            let half = lines.count / 2
            let firstHalf = Array(lines.prefix(half).map { $0 + "\n" }.joined().utf8)
            let tail = JournalParser.records(journal, from: firstHalf.count)
            if tail.undoesOnlyItsOwnEvents, !lines.contains(where: { $0.contains("\"type\":\"relink\"") }) {
                let stepwise = replayer.replay(tail, onto: replayer.replay(JournalParser.records(firstHalf, from: 0)))
                let whole = replayer.replay(JournalParser.records(journal, from: 0))
                #expect(stepwise.cards == whole.cards, "round \(round)")
                #expect(stepwise.lastEventID == whole.lastEventID)
            }
        }
    }

    @Test func theFuzzSeedFromBytesIsTheStableHash() {
        for text in ["", "a", "fcaab8922ac2eef6", String(repeating: "x", count: 300)] {
            var copy = text
            #expect(copy.withUTF8 { CardSlots.fuzzSeed(utf8: $0) } == StableHash.of([text]).value)
        }
    }
}

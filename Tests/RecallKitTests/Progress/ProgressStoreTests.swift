import Foundation
import Testing
import TestSupport
@testable import RecallKit

@Suite struct ProgressStoreTests {
    let scratch = ScratchFolder("recall-progress")
    var directory: String { scratch.path }
    let replayer = ProgressReplayer(scheduler: FSRSScheduler())
    let start = Date(timeIntervalSince1970: 1_795_597_200)
    let cardA = CardID(rawValue: "aaaaaaaaaaaaaaaa")
    let cardB = CardID(rawValue: "bbbbbbbbbbbbbbbb")

    init() throws {
    }

    func open(_ mode: ProgressStore.Mode = .readWrite) throws -> ProgressStore {
        try ProgressStore.open(deckID: "demo", directory: directory, replayer: replayer, mode: mode, now: start)
    }

    func journal() throws -> String {
        try String(contentsOfFile: directory + "/demo.journal.jsonl", encoding: .utf8)
    }

    @Test func reviewsSurviveReopeningWithAndWithoutTheSnapshot() throws {
        let store = try open()
        try store.review(card: cardA, rating: .good, durationMilliseconds: 3000, answer: "x", at: start)
        try store.review(card: cardB, rating: .again, durationMilliseconds: 9000, answer: nil, at: start.addingTimeInterval(60))
        let expected = store.state.cards
        store.close()
        #expect(try open(.readOnly).state.cards == expected)
        try FileManager.default.removeItem(atPath: directory + "/demo.snapshot")
        #expect(try open(.readOnly).state.cards == expected)
    }

    /// A session keeps the snapshot in deck order: the first one after answers came in another
    /// order rewrites it at close, even with nothing new, and the next plan reads it in place.
    @Test func theSnapshotFollowsTheDeckOrderOfTheSessionThatClosedIt() throws {
        let cards = (0..<40).map { index in
            Card(id: CardID(rawValue: String(format: "card-%011d", index)), factID: "f\(index)", variant: "qa.typed",
                 question: .typed(prompt: "q\(index)", expected: .text(canonical: "a", aliases: [], kind: .text)), answer: "a", answerKind: nil, topic: "",
                 tags: [], note: nil, citations: [], line: index)
        }
        let store = try open()
        // Answered back to front, plus one card no longer in the deck.
        for (step, card) in cards.reversed().enumerated() where step % 4 != 1 {
            try store.review(card: card.id, rating: .good, durationMilliseconds: 2000, answer: "a", at: start.addingTimeInterval(Double(step)))
        }
        try store.review(card: CardID(rawValue: "orphan"), rating: .hard, durationMilliseconds: 2000, answer: nil, at: start)
        let expected = store.state.cards
        store.close()

        func plan(_ store: ProgressStore) -> Int {
            StudyPlan.plan(cards: cards, progress: store.state, scheduler: replayer.scheduler,
                           studyDay: StudyDay(timeZone: .gmt), now: start).scatteredLookups
        }
        // An atomic write makes a new file: its inode number tells a rewrite apart.
        func snapshotFile() throws -> Int? {
            try FileManager.default.attributesOfItem(atPath: directory + "/demo.snapshot")[.systemFileNumber] as? Int
        }
        let first = try open()
        #expect(plan(first) > 0)
        first.keepSnapshotInOrder(of: cards, isScattered: plan(first) > 0)
        let journalOrder = try snapshotFile()
        first.close()
        let deckOrder = try snapshotFile()
        #expect(deckOrder != journalOrder)

        let second = try open()
        #expect(second.state.cards == expected)
        #expect(second.eventsReplayedAtOpen == 0)
        #expect(plan(second) == 0)
        second.keepSnapshotInOrder(of: cards, isScattered: false)
        second.close()
        // Already in order and nothing new: the second close leaves the snapshot alone.
        #expect(try snapshotFile() == deckOrder)
        #expect(try open(.readOnly).state.cards == expected)
    }

    @Test func aTornLastLineIsSetAsideAndStudyGoesOn() throws {
        let store = try open()
        try store.review(card: cardA, rating: .good, durationMilliseconds: 3000, answer: nil, at: start)
        store.close()
        let handle = try #require(FileHandle(forWritingAtPath: directory + "/demo.journal.jsonl"))
        handle.seekToEndOfFile()
        handle.write(Data("{\"type\":\"review\",\"id\":\"x\",\"ti".utf8))
        try handle.close()
        try FileManager.default.removeItem(atPath: directory + "/demo.snapshot")
        let reopened = try open()
        #expect(reopened.state.reviewCount == 1)
        #expect(reopened.warnings.count == 1)
        #expect(try String(contentsOfFile: directory + "/demo.journal.rejected", encoding: .utf8).hasPrefix("{\"type\":\"review\",\"id\":\"x\""))
        #expect(try journal().hasSuffix("}\n"))
        try reopened.review(card: cardB, rating: .easy, durationMilliseconds: 1000, answer: nil, at: start.addingTimeInterval(5))
        reopened.close()
        #expect(try open(.readOnly).state.reviewCount == 2)
    }

    @Test func aCorruptSnapshotIsRebuiltFromTheJournal() throws {
        let store = try open()
        try store.review(card: cardA, rating: .hard, durationMilliseconds: 3000, answer: nil, at: start)
        let expected = store.state.cards
        store.close()
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: directory + "/demo.snapshot"))
        let reopened = try open()
        #expect(reopened.state.cards == expected)
        #expect(reopened.warnings.first?.contains("rebuilt from the journal") == true)
    }

    @Test func bothUnreadableStopsAndTouchesNothing() throws {
        let garbage = Data((0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try garbage.write(to: URL(fileURLWithPath: directory + "/demo.journal.jsonl"))
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: directory + "/demo.snapshot"))
        #expect(throws: ProgressError.self) { try open() }
        do { _ = try open() } catch let error as ProgressError {
            #expect(error.category == .data)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/demo.journal.jsonl")) == garbage)
        #expect(!FileManager.default.fileExists(atPath: directory + "/demo.journal.rejected"))
    }

    @Test func aSecondWriterIsToldWhoHoldsTheLock() throws {
        let first = try open()
        #expect {
            _ = try open()
        } throws: { error in
            guard case ProgressError.locked(_, let pid, let since) = error else { return false }
            return pid == getpid() && since != nil
        }
        // Readers are never blocked.
        _ = try open(.readOnly)
        first.close()
        _ = try open()
    }

    @Test func undoRestoresTheCardAndSurvivesReplay() throws {
        let store = try open()
        try store.review(card: cardA, rating: .good, durationMilliseconds: 1000, answer: nil, at: start)
        let afterFirst = store.state.cards[cardA]
        try store.review(card: cardA, rating: .again, durationMilliseconds: 1000, answer: nil, at: start.addingTimeInterval(600))
        #expect(try store.undoLastReview(at: start.addingTimeInterval(601)) == cardA)
        #expect(store.state.cards[cardA] == afterFirst)
        store.close()
        try FileManager.default.removeItem(atPath: directory + "/demo.snapshot")
        let replayed = try open(.readOnly)
        #expect(replayed.state.cards[cardA] == afterFirst)
        #expect(replayed.state.reviewCount == 1)
    }

    @Test func aFullDiskRefusesTheAnswerAndHarmsNothing() throws {
        let store = try open()
        try store.review(card: cardA, rating: .good, durationMilliseconds: 1000, answer: nil, at: start)
        let saved = try journal()
        let before = store.state
        // Writes to /dev/full fail with ENOSPC, exactly as on a full disk.
        let full = Foundation.open("/dev/full", O_WRONLY)
        try #require(full >= 0)
        dup2(full, store.journalDescriptor)
        Foundation.close(full)
        #expect {
            try store.review(card: cardB, rating: .good, durationMilliseconds: 1000, answer: nil, at: start.addingTimeInterval(9))
        } throws: { error in
            guard case ProgressError.cannotSave(_, let code) = error else { return false }
            return code == ENOSPC && "\(error)".contains("NOT saved")
        }
        #expect(store.state == before)
        #expect(try journal() == saved)
    }

    @Test func anUnwritableDataFolderGivesAClearError() throws {
        // A file where the folder should be fails for root too, unlike permissions.
        let blocker = directory + "/not-a-folder"
        try Data().write(to: URL(fileURLWithPath: blocker))
        #expect(throws: ProgressError.self) {
            try ProgressStore.open(deckID: "demo", directory: blocker + "/data", replayer: replayer, now: start)
        }
    }

    @Test func journalLinesRoundTripWithHostileText() throws {
        let answer = "quote \" backslash \\ newline \n tab \t control \u{1} emoji 🙂 Ежов \u{2028}"
        let event = JournalEvent(id: "abc", time: 1_795_597_200_000, action: .review(card: cardA, rating: .hard, durationMilliseconds: 12, answer: answer, scheduler: "fsrs-6"))
        let line = event.jsonLine
        #expect(!line.contains("\n"))
        #expect(JournalEvent(jsonLine: line[...]) == event)
        // Foundation agrees it is JSON.
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(object?["answer"] as? String == answer)
        for truncated in 1..<line.count {
            #expect(JournalEvent(jsonLine: line.prefix(truncated)) == nil)
        }
    }
}

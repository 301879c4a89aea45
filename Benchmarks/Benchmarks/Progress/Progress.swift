// Progress: a deck of 100,000 cards with a journal of 1,000,000 reviews (plus the `card` event
// written before each card's first review, as StudySession does).
// - open with a current snapshot and show the first due card (target: at most 150 ms,
//   peak memory at most 200 MB), measured until the card is there: closing and freeing the
//   session come when the learner is done;
// - cold open: no snapshot, the whole journal parsed and replayed;
// - one answer appended (store.review, fsync included).
import Benchmark
import BenchmarkInputs
import Foundation
import RecallKit

/// Folders written once per process in setup, removed at exit.
final class ProgressFixture: @unchecked Sendable {
    let data: DeckWithHistory
    let replayer = ProgressReplayer(scheduler: FSRSScheduler())
    let root: String
    /// Journal and a current snapshot, written by a study session of the deck (so in deck order).
    let warm: String
    /// Journal and a current snapshot in journal order: what the first session after
    /// replaying (or after an older recall) opens.
    let scattered: String
    /// The same journal, no snapshot.
    let cold: String

    init() {
        data = DeckWithHistory.make()
        root = Inputs.makeTemporaryDirectory("progress")
        warm = root + "/warm"
        cold = root + "/cold"
        scattered = root + "/scattered"
        for folder in [warm, cold] {
            try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            data.writeJournal(to: folder)
        }
        // One open replays the journal; closing it writes the snapshot.
        let start = ContinuousClock.now
        let store = try! ProgressStore.open(deckID: GeneratedDeck.deckID, directory: warm, replayer: replayer, now: Inputs.now)
        let opened = seconds(since: start)
        store.close()
        let size = (try? FileManager.default.attributesOfItem(atPath: warm + "/\(GeneratedDeck.deckID).snapshot")[.size] as? Int) ?? 0
        note("Setup: first open \(opened), snapshot written (\(size / 1_000_000) MB) after \(seconds(since: start)); \(store.state.cards.count) cards with progress, \(store.state.eventCount) events")
        try! FileManager.default.copyItem(atPath: warm, toPath: scattered)
        // A study session that opens and closes: its snapshot keeps progress in deck order.
        let studied = try! ProgressStore.open(deckID: GeneratedDeck.deckID, directory: warm, replayer: replayer, now: Inputs.now)
        let session = StudySession(decks: [.init(deck: data.deck, store: studied)], settings: StudySettings(),
                                   scheduler: replayer.scheduler, studyDay: Inputs.studyDay, now: Inputs.now)
        session.close()
        atexit_cleanup.append(root)
    }

    /// A new folder holding a copy of the warm journal and snapshot, for benchmarks that write.
    func copyOfWarm(_ name: String) -> String {
        let folder = root + "/" + name
        try? FileManager.default.removeItem(atPath: folder)
        try! FileManager.default.copyItem(atPath: warm, toPath: folder)
        return folder
    }
}

nonisolated(unsafe) var atexit_cleanup: [String] = []
nonisolated(unsafe) var sharedFixture: ProgressFixture?

func sharedProgressFixture() -> ProgressFixture {
    if let sharedFixture { return sharedFixture }
    let made = ProgressFixture()
    sharedFixture = made
    atexit {
        for folder in atexit_cleanup { try? FileManager.default.removeItem(atPath: folder) }
    }
    return made
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration.metrics = [.wallClock, .cpuTotal, .peakMemoryResident, .peakMemoryResidentDelta, .mallocCountTotal]
    Benchmark.defaultConfiguration.timeUnits = .milliseconds

    Benchmark("Open with snapshot, then first due card (StudySession)",
              configuration: .init(maxDuration: .seconds(10), maxIterations: 50)) { (benchmark: Benchmark, fixture: ProgressFixture) in
        let store = try! ProgressStore.open(deckID: GeneratedDeck.deckID, directory: fixture.warm, replayer: fixture.replayer,
                                            now: Inputs.now)
        let session = StudySession(decks: [.init(deck: fixture.data.deck, store: store)], settings: StudySettings(),
                                   scheduler: fixture.replayer.scheduler, studyDay: Inputs.studyDay, now: Inputs.now)
        let first = session.nextCard(now: Inputs.now)
        precondition(first != nil, "nothing is due")
        blackHole(first)
        // The learner sees the card now. Closing the store and freeing the session happen when
        // the session ends, so they are not part of the wait.
        benchmark.stopMeasurement()
        store.close()
    } setup: {
        sharedProgressFixture()
    }

    Benchmark("Open with snapshot in journal order, then first due card (StudySession, no close)",
              configuration: .init(maxDuration: .seconds(10), maxIterations: 50)) { (benchmark: Benchmark, fixture: ProgressFixture) in
        // Read-only, so the snapshot stays as it is for the next iteration.
        let store = try! ProgressStore.open(deckID: GeneratedDeck.deckID, directory: fixture.scattered, replayer: fixture.replayer,
                                            mode: .readOnly, now: Inputs.now)
        let session = StudySession(decks: [.init(deck: fixture.data.deck, store: store)], settings: StudySettings(),
                                   scheduler: fixture.replayer.scheduler, studyDay: Inputs.studyDay, now: Inputs.now)
        blackHole(session.nextCard(now: Inputs.now))
        benchmark.stopMeasurement()
    } setup: {
        sharedProgressFixture()
    }

    Benchmark("Open with snapshot only (ProgressStore.open + close)",
              configuration: .init(maxDuration: .seconds(10), maxIterations: 50)) { (benchmark: Benchmark, fixture: ProgressFixture) in
        let store = try! ProgressStore.open(deckID: GeneratedDeck.deckID, directory: fixture.warm, replayer: fixture.replayer,
                                            now: Inputs.now)
        blackHole(store.state.cards.count)
        store.close()
    } setup: {
        sharedProgressFixture()
    }

    // What StudySession does when it opens: one pass for candidates and today's counts.
    Benchmark("Plan and queue only (StudyPlan.plan + DailyQueue + next)",
              configuration: .init(maxDuration: .seconds(10), maxIterations: 50)) { (benchmark: Benchmark, state: (ProgressFixture, ProgressState)) in
        let (fixture, progress) = state
        let cards = fixture.data.deck.cards
        let (candidates, daily, _) = StudyPlan.plan(cards: cards, progress: progress, scheduler: fixture.replayer.scheduler,
                                                 studyDay: Inputs.studyDay, now: Inputs.now)
        let queue = DailyQueue(candidates: candidates, progress: daily, now: Inputs.now, studyDay: Inputs.studyDay)
        blackHole(queue.next(now: Inputs.now))
    } setup: {
        let fixture = sharedProgressFixture()
        let store = try! ProgressStore.open(deckID: GeneratedDeck.deckID, directory: fixture.warm, replayer: fixture.replayer,
                                            mode: .readOnly, now: Inputs.now)
        return (fixture, store.state)
    }

    Benchmark("Cold open: parse and replay the whole journal (no snapshot, read-only)",
              configuration: .init(maxDuration: .seconds(30), maxIterations: 10)) { (benchmark: Benchmark, fixture: ProgressFixture) in
        let store = try! ProgressStore.open(deckID: GeneratedDeck.deckID, directory: fixture.cold, replayer: fixture.replayer,
                                            mode: .readOnly, now: Inputs.now)
        blackHole(store.state.cards.count)
        store.close()
    } setup: {
        sharedProgressFixture()
    }

    Benchmark("Replay 1,000,000 parsed events in memory (ProgressReplayer.replay)",
              configuration: .init(maxDuration: .seconds(30), maxIterations: 10)) { (benchmark: Benchmark, events: [JournalEvent]) in
        blackHole(ProgressReplayer(scheduler: FSRSScheduler()).replay(events).cards.count)
    } setup: {
        let journal = sharedProgressFixture().data.journal
        return journal.split(separator: 0x0A).compactMap { JournalEvent(jsonLine: String(decoding: $0, as: UTF8.self)[...]) }
    }

    final class AppendState: @unchecked Sendable {
        let store: ProgressStore
        let cards: [Card]
        var index = 0
        init(store: ProgressStore, cards: [Card]) {
            self.store = store
            self.cards = cards
        }
    }

    Benchmark("Append one answer (store.review, with fsync)",
              configuration: .init(metrics: [.wallClock, .cpuTotal, .syscalls, .mallocCountTotal], timeUnits: .microseconds,
                                   maxDuration: .seconds(15), maxIterations: 1_000)) { (benchmark: Benchmark, state: AppendState) in
        let card = state.cards[(state.index * 7_919) % state.cards.count]
        state.index += 1
        let text = CardText(variant: card.variant, prompt: card.question.prompt, answer: card.answer)
        blackHole(try! state.store.review(card: card.id, rating: state.index % 9 == 0 ? .again : .good,
                                          durationMilliseconds: 4_200, answer: card.answer, text: text,
                                          at: Inputs.now.addingTimeInterval(Double(state.index))))
    } setup: {
        let fixture = sharedProgressFixture()
        let folder = fixture.copyOfWarm("append")
        let store = try! ProgressStore.open(deckID: GeneratedDeck.deckID, directory: folder, replayer: fixture.replayer,
                                            now: Inputs.now)
        // Setup just wrote about 400 MB (journals, snapshot, this copy). Flush it now, or the
        // first answers' fsync waits for that writeback and measures the setup, not the answer.
        sync()
        return AppendState(store: store, cards: fixture.data.deck.cards)
    }
}

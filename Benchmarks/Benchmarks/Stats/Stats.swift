// Stats: StudyStatistics.compute + StatsRenderer for 100,000 cards and 1,000,000 reviews
// (target: at most 300 ms), and the read-only open with the full review log that
// `recall stats` does first.
import Benchmark
import BenchmarkInputs
import Foundation
import RecallKit

final class StatsFixture: @unchecked Sendable {
    let data = DeckWithHistory.make()
    let replayer = ProgressReplayer(scheduler: FSRSScheduler())
    lazy var progress: ProgressState = {
        let events = data.journal.split(separator: 0x0A).compactMap { JournalEvent(jsonLine: String(decoding: $0, as: UTF8.self)[...]) }
        return replayer.replay(events, keepLog: true)
    }()
    lazy var folder: String = {
        let folder = Inputs.makeTemporaryDirectory("stats")
        data.writeJournal(to: folder)
        atexit { try? FileManager.default.removeItem(atPath: Inputs.makeTemporaryDirectoryPath("stats")) }
        return folder
    }()
}

nonisolated(unsafe) var sharedFixture: StatsFixture?

func sharedStatsFixture() -> StatsFixture {
    if let sharedFixture { return sharedFixture }
    let made = StatsFixture()
    sharedFixture = made
    return made
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration.metrics = [.wallClock, .cpuTotal, .peakMemoryResident, .peakMemoryResidentDelta, .mallocCountTotal]
    Benchmark.defaultConfiguration.timeUnits = .milliseconds

    Benchmark("StudyStatistics.compute + render, 100,000 cards, 1,000,000 reviews",
              configuration: .init(maxDuration: .seconds(10), maxIterations: 50)) { (benchmark: Benchmark, fixture: StatsFixture) in
        let stats = StudyStatistics.compute(cards: fixture.data.deck.cards, progress: fixture.progress, now: Inputs.now,
                                            calendar: Inputs.calendar, desiredRetention: 0.9,
                                            scheduler: fixture.replayer.scheduler, deckID: GeneratedDeck.deckID)
        let text = StatsRenderer(width: 80).render(stats, title: fixture.data.deck.deck.title)
        blackHole(text)
    } setup: {
        let fixture = sharedStatsFixture()
        _ = fixture.progress
        return fixture
    }

    Benchmark("StudyStatistics.compute only",
              configuration: .init(maxDuration: .seconds(10), maxIterations: 50)) { (benchmark: Benchmark, fixture: StatsFixture) in
        blackHole(StudyStatistics.compute(cards: fixture.data.deck.cards, progress: fixture.progress, now: Inputs.now,
                                          calendar: Inputs.calendar, desiredRetention: 0.9,
                                          scheduler: fixture.replayer.scheduler, deckID: GeneratedDeck.deckID))
    } setup: {
        let fixture = sharedStatsFixture()
        _ = fixture.progress
        return fixture
    }

    Benchmark("Open read-only with the review log (what recall stats does first)",
              configuration: .init(maxDuration: .seconds(30), maxIterations: 10)) { (benchmark: Benchmark, fixture: StatsFixture) in
        let store = try! ProgressStore.open(deckID: GeneratedDeck.deckID, directory: fixture.folder, replayer: fixture.replayer,
                                            mode: .readOnly, keepLog: true, now: Inputs.now)
        blackHole(store.state.log.count)
    } setup: {
        let fixture = sharedStatsFixture()
        _ = fixture.folder
        return fixture
    }
}

import Foundation
import Testing
@testable import RecallKit

/// Inputs for `scripts/interop-export`, which checks the exports with the real FSRS optimizer
/// and the real Anki. Written only when asked:
///
///     RECALL_WRITE_EXPORT_SAMPLES=1 swift test --filter ExportSamples
///
/// into `.venv-interop/samples/` (ignored by git), or `RECALL_EXPORT_SAMPLES_DIR`.
@Suite struct ExportSamples {
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The export every interop check is about: the rich sample deck, exported at `now` in UTC.
    static func ankiExporter() -> AnkiPackageExporter {
        AnkiPackageExporter(deck: SampleStudyData.richDeck, progress: SampleStudyData.richProgress, now: SampleStudyData.now,
                            calendar: SampleStudyData.utc, scheduler: FSRSScheduler())
    }

    /// A longer simulated history (300 cards, 150 days) so the optimizer has something to train on.
    static func simulatedLog() -> [ReviewLogEntry] {
        let replayer = ProgressReplayer(scheduler: FSRSScheduler())
        var state = ProgressState()
        var generator = SeededGenerator(seed: 7)
        let start = SampleStudyData.at(-150, 9)
        var events: [JournalEvent] = []
        for index in 0..<300 {
            let card = CardID(deckID: "simulated", factKey: "fact-\(index)", variant: "qa.flash")
            // Each card has its own difficulty: a multiplier on the predicted recall chance.
            let ease = 0.75 + generator.nextUnitDouble() * 0.3
            var date = start.addingTimeInterval(Double(index / 10) * 86_400 + Double(index % 10) * 60)
            var scheduling = SchedulingState.new(due: date)
            while date < SampleStudyData.now {
                let recall = FSRSScheduler().retrievability(of: scheduling, at: date) ?? 0.5
                let draw = generator.nextUnitDouble()
                let rating: Rating = draw > recall * ease ? .again : draw < 0.1 ? .easy : draw > recall * ease - 0.05 ? .hard : .good
                let time = JournalEvent.milliseconds(date)
                events.append(JournalEvent(id: "s\(events.count)", time: time, action: .review(
                    card: card, rating: rating, durationMilliseconds: 2_000 + Int(generator.next() % 12_000), answer: nil, scheduler: "fsrs-6")))
                scheduling = FSRSScheduler().review(scheduling, rating: rating, at: date, seed: ProgressReplayer.fuzzSeed(for: card))
                // Reviews happen when due, at least a minute later.
                date = max(scheduling.due, date.addingTimeInterval(60))
            }
        }
        events.sort { $0.time < $1.time }
        state = replayer.replay(events, keepLog: true)
        return state.log
    }

    @Test func writeSamples() throws {
        let environment = ProcessInfo.processInfo.environment
        guard environment["RECALL_WRITE_EXPORT_SAMPLES"] == "1" else { return }
        let folder = environment["RECALL_EXPORT_SAMPLES_DIR"].map { URL(fileURLWithPath: $0) }
            ?? Self.repositoryRoot.appendingPathComponent(".venv-interop/samples")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let csv = ReviewLogCSV(log: Self.simulatedLog())
        try AtomicFile.write(Data(csv.reviews.utf8), to: folder.appendingPathComponent("reviews.csv").path)
        try AtomicFile.write(Data(csv.cardMapping.utf8), to: folder.appendingPathComponent("reviews.cards.csv").path)
        try Self.ankiExporter().write(to: folder.appendingPathComponent("sample.apkg").path)
        let progress = ProgressJSONExport(deck: SampleStudyData.richDeck, progress: SampleStudyData.richProgress,
                                          now: SampleStudyData.now, scheduler: FSRSScheduler())
        try AtomicFile.write(progress.jsonData(), to: folder.appendingPathComponent("progress.json").path)
    }
}

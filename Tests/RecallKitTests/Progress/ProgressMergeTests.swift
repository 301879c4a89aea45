import Foundation
import Testing
@testable import RecallKit

/// Merging journals: the same result in any order, and merging twice changes nothing.
@Suite struct ProgressMergeTests {
    /// A random journal: reviews, undos, suspends and a torn line now and then.
    func randomJournal(_ generator: inout SeededGenerator, cards: [CardID], prefix: String) -> [UInt8] {
        var lines: [String] = []
        var ids: [String] = []
        for index in 0..<generator.uniform(below: 30) {
            let time = Int64(1_795_000_000_000 + generator.uniform(below: 10_000_000) * 1000)
            let id = "\(prefix)-\(index)-\(generator.next() % 1000)"
            let card = cards[generator.uniform(below: cards.count)]
            let action: JournalEvent.Action
            switch generator.uniform(below: 10) {
            case 0 where !ids.isEmpty: action = .undo(target: ids[generator.uniform(below: ids.count)])
            case 1: action = .suspend(card: card)
            default: action = .review(card: card, rating: Rating(rawValue: 1 + generator.uniform(below: 4))!, durationMilliseconds: 1000, answer: nil, scheduler: "fsrs-6")
            }
            ids.append(id)
            lines.append(JournalEvent(id: id, time: time, action: action).jsonLine)
        }
        var text = lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
        if generator.uniform(below: 5) == 0 { text += "{\"type\":\"rev" }
        return Array(text.utf8)
    }

    @Test func mergeIsCommutativeAssociativeAndIdempotent() {
        var generator = SeededGenerator(seed: 42)
        let cards = (0..<6).map { CardID(rawValue: "card\($0)") }
        let replayer = ProgressReplayer(scheduler: FSRSScheduler())
        for round in 0..<200 {
            let a = randomJournal(&generator, cards: cards, prefix: "a\(round)")
            let b = randomJournal(&generator, cards: cards, prefix: "b\(round)")
            let c = randomJournal(&generator, cards: cards, prefix: "c\(round)")
            let ab = ProgressMerger.merge([a, b]).journal
            #expect(ab == ProgressMerger.merge([b, a]).journal)
            #expect(ProgressMerger.merge([ab, c]).journal == ProgressMerger.merge([a, ProgressMerger.merge([b, c]).journal]).journal)
            #expect(ProgressMerger.merge([ab, ab]).journal == ab)
            #expect(ProgressMerger.merge([ab, a]).journal == ab)
            let state = replayer.replay(JournalParser.parse(ab, from: 0).events)
            let again = replayer.replay(JournalParser.parse(ProgressMerger.merge([b, a, b]).journal, from: 0).events)
            #expect(state == again)
        }
    }

    @Test func mergingIntoAStoreAddsOnlyNewEventsAndReplays() throws {
        let directory = NSTemporaryDirectory() + "recall-merge-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let replayer = ProgressReplayer(scheduler: FSRSScheduler())
        let start = Date(timeIntervalSince1970: 1_795_597_200)
        let card = CardID(rawValue: "aaaaaaaaaaaaaaaa")
        let laptop = try ProgressStore.open(deckID: "d", directory: directory + "/laptop", replayer: replayer, now: start)
        try laptop.review(card: card, rating: .easy, durationMilliseconds: 1, answer: nil, at: start)
        laptop.close()
        let desktop = try ProgressStore.open(deckID: "d", directory: directory + "/desktop", replayer: replayer, now: start)
        try desktop.review(card: card, rating: .again, durationMilliseconds: 1, answer: nil, at: start.addingTimeInterval(86_400))
        let laptopJournal = try [UInt8](Data(contentsOf: URL(fileURLWithPath: directory + "/laptop/d.journal.jsonl")))
        #expect(try desktop.merge(journal: laptopJournal) == 1)
        #expect(try desktop.merge(journal: laptopJournal) == 0)
        #expect(desktop.state.reviewCount == 2)
        #expect(desktop.state.cards[card]?.scheduling.lapses == 1, "replayed in time order: Easy (a review card), then Again a day later (a lapse)")
        // Appending after a merge still works and survives reopening.
        try desktop.review(card: card, rating: .good, durationMilliseconds: 1, answer: nil, at: start.addingTimeInterval(90_000))
        desktop.close()
        let reopened = try ProgressStore.open(deckID: "d", directory: directory + "/desktop", replayer: replayer, mode: .readOnly)
        #expect(reopened.state.reviewCount == 3)
    }

    @Test func csvImportRoundTripsThroughExport() throws {
        let directory = NSTemporaryDirectory() + "recall-import-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let replayer = ProgressReplayer(scheduler: FSRSScheduler())
        let start = Date(timeIntervalSince1970: 1_795_597_200)
        let store = try ProgressStore.open(deckID: "d", directory: directory, replayer: replayer, now: start)
        for (offset, rating) in [Rating.good, .again, .good, .easy].enumerated() {
            try store.review(card: CardID(rawValue: offset % 2 == 0 ? "aaaaaaaaaaaaaaaa" : "bbbbbbbbbbbbbbbb"), rating: rating, durationMilliseconds: 1500 + offset,
                             answer: nil, at: start.addingTimeInterval(Double(offset) * 3600))
        }
        store.close()
        let exported = try ProgressStore.open(deckID: "d", directory: directory, replayer: replayer, mode: .readOnly, keepLog: true).state
        let csv = ReviewLogCSV(log: exported.log)
        let rows = try ReviewLogCSV.read(csv.reviews)
        let mapping = try ReviewLogCSV.readMapping(csv.cardMapping)
        let imported = rows.map { ImportedReview(card: mapping[$0.cardID]!, time: $0.reviewTime, rating: $0.rating, durationMilliseconds: $0.durationMilliseconds ?? 0) }
        let target = try ProgressStore.open(deckID: "d", directory: directory + "/other", replayer: replayer, now: start)
        #expect(try target.importReviews(imported) == 4)
        #expect(try target.importReviews(imported) == 0, "importing twice changes nothing")
        target.close()
        let reimported = try ProgressStore.open(deckID: "d", directory: directory + "/other", replayer: replayer, mode: .readOnly, keepLog: true).state
        #expect(ReviewLogCSV(log: reimported.log).reviews == csv.reviews, "import → export gives the same events")
        #expect(reimported.cards == exported.cards)
    }
}

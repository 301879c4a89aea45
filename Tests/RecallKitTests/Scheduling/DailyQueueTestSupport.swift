import Foundation
@testable import RecallKit

/// Builders for small synthetic collections; a namespace so names cannot clash with other test files.
enum DailyQueueFixtures {
    static let utc = TimeZone(identifier: "UTC")!
    /// Days start at 04:00 UTC, so 2026-05-10 12:00 UTC sits mid-day and the day ends 2026-05-11 04:00 UTC.
    static let studyDay = StudyDay(timeZone: utc, startHour: 4)
    static let now = instant("2026-05-10T12:00:00Z")
    static let today = 20_583

    static func instant(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        guard let date = formatter.date(from: text) else {
            preconditionFailure("bad ISO 8601 instant \(text)")
        }
        return date
    }

    static func review(
        _ cardID: String,
        fact: String? = nil,
        retrievability: Double,
        due: Date = now.addingTimeInterval(-3_600),
        lapses: Int = 0
    ) -> QueueCandidate {
        QueueCandidate(
            cardID: cardID,
            siblingKey: fact ?? "fact-\(cardID)",
            phase: .review,
            due: due,
            retrievability: retrievability,
            lapses: lapses
        )
    }

    static func new(_ cardID: String, fact: String? = nil, order: Int) -> QueueCandidate {
        QueueCandidate(
            cardID: cardID,
            siblingKey: fact ?? "fact-\(cardID)",
            phase: .new,
            due: now,
            newCardOrder: order
        )
    }

    static func learning(
        _ cardID: String,
        fact: String? = nil,
        dueInMinutes minutes: Double,
        phase: CardPhase = .learning,
        lapses: Int = 0
    ) -> QueueCandidate {
        QueueCandidate(
            cardID: cardID,
            siblingKey: fact ?? "fact-\(cardID)",
            phase: phase,
            due: now.addingTimeInterval(minutes * 60),
            retrievability: 0.5,
            lapses: lapses
        )
    }

    static func queue(
        _ candidates: [QueueCandidate],
        progress: DailyProgress = DailyProgress(),
        limits: QueueLimits = QueueLimits(),
        at instant: Date = now
    ) -> DailyQueue {
        DailyQueue(candidates: candidates, progress: progress, now: instant, studyDay: studyDay, limits: limits)
    }

    /// Answers whatever the queue shows next, graduating it out of today, until the queue is empty.
    static func drain(_ queue: inout DailyQueue, at instant: Date = now) -> [String] {
        var shown: [String] = []
        while let card = queue.next(now: instant) {
            shown.append(card.cardID)
            var graduated = card
            graduated.phase = .review
            graduated.due = instant.addingTimeInterval(5 * 86_400)
            queue.record(answered: card.cardID, updated: graduated, now: instant)
        }
        return shown
    }

    /// A large mixed collection: reviews spread around today, new cards, learning and suspended cards, facts of two cards.
    static func largeCollection(count: Int, seed: UInt64) -> [QueueCandidate] {
        var generator = SeededGenerator(seed: seed)
        var candidates: [QueueCandidate] = []
        candidates.reserveCapacity(count)
        for index in 0..<count {
            let cardID = "card-\(index)"
            let fact = "fact-\(index / 2)"
            let roll = Int.random(in: 0..<100, using: &generator)
            let due = now.addingTimeInterval(Double.random(in: -30 * 86_400...30 * 86_400, using: &generator))
            let phase: CardPhase = roll < 60 ? .review : roll < 90 ? .new : roll < 95 ? .learning : .relearning
            candidates.append(
                QueueCandidate(
                    cardID: cardID,
                    siblingKey: fact,
                    phase: phase,
                    due: phase == .learning || phase == .relearning ? now.addingTimeInterval(Double(roll) * 60) : due,
                    retrievability: Double.random(in: 0...1, using: &generator),
                    lapses: Int.random(in: 0...3, using: &generator),
                    isSuspended: roll % 20 == 7,
                    buriedUntilDay: nil,
                    newCardOrder: index
                )
            )
        }
        return candidates
    }
}

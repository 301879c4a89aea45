import Foundation

/// Chooses the questions of a quiz: a fixed set, one card per fact, drawn with the seed and
/// weighted towards weak cards (low retrievability, many lapses) unless asked to be uniform.
///
///     let questions = QuizPlan.select(cards: deck.cards, progress: state, scheduler: FSRSScheduler(),
///                                     now: now, count: 20, kinds: [.typed, .choice], uniform: false, seed: 7)
public enum QuizPlan {
    /// A card's weight: 1, plus 3 × how likely it is forgotten, plus 2 per lapse. Cards never
    /// studied count as half forgotten.
    public static func weight(of progress: CardProgress, scheduler: any Scheduler, now: Date) -> Double {
        let retrievability = progress.scheduling.phase == .new ? 0.5 : StudyPlan.retrievability(progress.scheduling, scheduler: scheduler, now: now)
        return 1 + 3 * (1 - retrievability) + 2 * Double(progress.scheduling.lapses)
    }

    public static func select(cards: [Card], progress: ProgressState, scheduler: any Scheduler, now: Date, count: Int,
                              kinds: Set<CardKind>, uniform: Bool, seed: UInt64) -> [Card] {
        var generator = SeededGenerator(seed: seed)
        // Weighted sampling without replacement (Efraimidis–Spirakis): the smallest keys win.
        let keyed: [(key: Double, card: Card)] = cards.filter { kinds.contains($0.kind) }.map { card in
            let unit = (Double(generator.next() >> 11) + 0.5) / Double(1 << 53)
            let weight = uniform ? 1 : weight(of: progress.progress(of: card.id), scheduler: scheduler, now: now)
            return (-log(unit) / weight, card)
        }
        var chosen: [Card] = []
        var facts: Set<String> = []
        for entry in keyed.sorted(by: { ($0.key, $0.card.id) < ($1.key, $1.card.id) }) where chosen.count < count {
            if facts.insert(entry.card.factID).inserted { chosen.append(entry.card) }
        }
        return chosen
    }
}

/// The running score of a quiz: a point for each right answer, part of one for a partly
/// right answer.
public struct QuizScore: Sendable {
    public struct Miss: Sendable {
        public var card: Card
        public var response: String?
    }

    public private(set) var asked = 0
    public private(set) var points = 0.0
    public private(set) var missed: [Miss] = []

    public init() {}

    public mutating func add(_ card: Card, judgement: Judgement?, response: String?) {
        asked += 1
        guard let judgement else {
            missed.append(Miss(card: card, response: response))
            return
        }
        switch judgement.outcome {
        case .correct, .correctWithTypo, .selfGraded: points += 1
        case .partiallyCorrect:
            points += judgement.verdict?.credit ?? 0.5
            missed.append(Miss(card: card, response: response))
        case .wrong:
            missed.append(Miss(card: card, response: response))
        }
    }

    public func percentage(of total: Int) -> Int {
        total == 0 ? 0 : Int((points / Double(total) * 100).rounded())
    }
}

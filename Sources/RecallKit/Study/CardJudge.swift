import Foundation

/// How a response to a card was judged, for every kind of card.
public struct Judgement: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        case correct
        case correctWithTypo
        case partiallyCorrect
        case wrong
        /// Flashcards: the learner grades themselves.
        case selfGraded
    }

    public var outcome: Outcome
    /// The typed-answer verdict, with its diff, when the card was typed.
    public var verdict: Verdict?
    public var suggestedRating: Rating?
    /// For choice cards: which option the learner picked.
    public var chosenOption: Int?

    public var isCorrect: Bool { outcome == .correct || outcome == .correctWithTypo }

    public init(outcome: Outcome, verdict: Verdict? = nil, suggestedRating: Rating? = nil, chosenOption: Int? = nil) {
        self.outcome = outcome
        self.verdict = verdict
        self.suggestedRating = suggestedRating
        self.chosenOption = chosenOption
    }
}

/// Why a response could not be judged yet: the learner is asked again, nothing is recorded.
public enum ResponseProblem: Error, Equatable, Sendable, CustomStringConvertible {
    case notAnOption(count: Int)
    case notTrueOrFalse
    case notAnOrder(count: Int)

    public var description: String {
        switch self {
        case .notAnOption(let count): "Answer with a number from 1 to \(count), or type the option."
        case .notTrueOrFalse: "Answer t (true) or f (false)."
        case .notAnOrder(let count):
            count == 2 ? "Answer 1 or 2: the one that came first."
                : "Type the \(count) numbers in order, earliest first, e.g. \((1...count).reversed().map(String.init).joined())."
        }
    }
}

/// Judges a response to any card. Pure: the same card, response, time and hints give the
/// same judgement.
///
///     let judgement = try CardJudge(context: context).judge(card, response: "Nikolaev", seconds: 4, hints: 0)
public struct CardJudge: Sendable {
    public var context: AnswerContext
    private let checker = AnswerChecker()

    public init(context: AnswerContext) {
        self.context = context
    }

    /// The context for a deck: every typed answer, so near misses that are another answer in
    /// the deck are never accepted as typos.
    public static func context(for cards: [Card]) -> AnswerContext {
        AnswerContext(answers: cards.compactMap {
            if case .typed(_, let expected) = $0.question { return expected }
            return nil
        })
    }

    public func judge(_ card: Card, response: String, seconds: TimeInterval, hints: Int) throws(ResponseProblem) -> Judgement {
        func graded(_ correct: Bool) -> Judgement {
            let rating: Rating = correct ? (hints > 0 ? .hard : (seconds < 3 ? .easy : .good)) : .again
            return Judgement(outcome: correct ? .correct : .wrong, verdict: nil, suggestedRating: rating)
        }
        switch card.question {
        case .typed(_, let expected):
            let verdict = checker.check(response, against: expected, context: context)
            let outcome: Judgement.Outcome = switch verdict.outcome {
            case .correct: .correct
            case .correctWithTypo: .correctWithTypo
            case .partiallyCorrect: .partiallyCorrect
            case .wrong: .wrong
            }
            return Judgement(outcome: outcome, verdict: verdict, suggestedRating: verdict.suggestedGrade(responseTime: seconds, hintsUsed: hints))
        case .flashcard:
            return Judgement(outcome: .selfGraded, verdict: nil, suggestedRating: nil)
        case .choice(_, let options, let correct):
            guard let chosen = AnswerChecker.matchChoice(response, options: options) else { throw .notAnOption(count: options.count) }
            var judgement = graded(chosen == correct)
            judgement.chosenOption = chosen
            return judgement
        case .truefalse(_, _, let isTrue):
            let word = response.trimmingWhitespace().lowercased()
            let said: Bool
            switch word {
            case "t", "true", "y", "yes", "1": said = true
            case "f", "false", "n", "no", "2": said = false
            default: throw .notTrueOrFalse
            }
            return graded(said == isTrue)
        case .chronology(_, let events, let order):
            var digits = response.compactMap { $0.wholeNumberValue }
            // "Which came first?" is answered with the one that did.
            if events.count == 2, digits.count == 1, let first = digits.first, first == 1 || first == 2,
               response.trimmingWhitespace().count == 1 {
                digits = [first, 3 - first]
                return graded(digits.map { $0 - 1 } == order)
            }
            let stripped = response.filter { !$0.isWhitespace && $0 != "," && $0 != "-" && $0 != ">" }
            guard digits.count == events.count, stripped.count == events.count,
                  Set(digits) == Set(1...events.count)
            else { throw .notAnOrder(count: events.count) }
            return graded(digits.map { $0 - 1 } == order)
        }
    }
}

import Foundation

/// How a typed response was judged, with what the learner needs to see.
///
/// ```swift
/// let verdict = AnswerChecker().check("Nikolaef", against: .text(canonical: "Leonid Nikolaev",
///                                     aliases: [], kind: .person), context: .empty)
/// verdict.outcome         // .correctWithTypo(expected: "Nikolaev")
/// verdict.matchedAnswer   // "Nikolaev"
/// verdict.expectedAnswer  // "Leonid Nikolaev"
/// verdict.diff            // [.same("Nikolae"), .extra("f"), .missing("v")]
/// verdict.suggestedGrade(responseTime: .seconds(3), hintsUsed: 0)   // .hard
/// ```
public struct Verdict: Sendable, Hashable, Codable {
    /// The judgement itself.
    public enum Outcome: Sendable, Hashable, Codable {
        /// Right (an accepted spelling, alias or form of the answer).
        case correct
        /// Right apart from a small typing slip; `expected` is the proper spelling of what was meant.
        case correctWithTypo(expected: String)
        /// Partly right: `credit` in (0, 1); `missing` lists what was left out (list items,
        /// or `"month"`/`"day"` of a date, or a given name when a surname alone is ambiguous);
        /// `extra` lists what was given but is not part of the answer.
        case partiallyCorrect(credit: Double, missing: [String], extra: [String])
        /// Not right.
        case wrong
    }

    public var outcome: Outcome
    /// The accepted answer the response matched or came closest to, properly spelt
    /// (`"Nikolaev"`, `"L. Nikolaev"`, `"1 December 1934"`); the diff is against this.
    public var matchedAnswer: String
    /// The answer as the card states it (`"Leonid Nikolaev"`, `"681,692 people"`).
    public var expectedAnswer: String
    /// Character-level difference between the response and `matchedAnswer`, for text answers;
    /// empty for numbers, dates and lists, whose feedback is the outcome's missing and extra parts.
    public var diff: [DiffSegment]
    /// Items of an ordered list that were given but in the wrong place.
    public var misplaced: [String]
    /// Another answer of the deck that the response is (or is nearest to), when that is why it
    /// was judged wrong: "Yagoda" for a card whose answer is Yezhov.
    public var confusedWith: String?

    public init(
        outcome: Outcome, matchedAnswer: String, expectedAnswer: String,
        diff: [DiffSegment] = [], misplaced: [String] = [], confusedWith: String? = nil
    ) {
        self.outcome = outcome
        self.matchedAnswer = matchedAnswer
        self.expectedAnswer = expectedAnswer
        self.diff = diff
        self.misplaced = misplaced
        self.confusedWith = confusedWith
    }

    /// Right, with or without a typo.
    public var isCorrect: Bool {
        switch outcome {
        case .correct, .correctWithTypo: true
        case .partiallyCorrect, .wrong: false
        }
    }

    /// 1 for right (typos included), the partial credit, or 0.
    public var credit: Double {
        switch outcome {
        case .correct, .correctWithTypo: 1
        case .partiallyCorrect(let credit, _, _): credit
        case .wrong: 0
        }
    }

    // MARK: - Suggested grade

    /// Thinking time every card is allowed before a right answer stops counting as quick.
    public static let quickAnswerBaseTime: Duration = .seconds(4)
    /// Typing time allowed per character of the answer (about 40 words a minute).
    public static let quickAnswerTimePerCharacter: Duration = .milliseconds(300)

    /// The longest response time that still counts as quick for this answer: 4 s plus 0.3 s per
    /// character of `matchedAnswer` (so 5.2 s for `1934`, 8.5 s for `Leonid Nikolaev`).
    public var quickAnswerLimit: Duration {
        Verdict.quickAnswerBaseTime + Verdict.quickAnswerTimePerCharacter * max(1, matchedAnswer.count)
    }

    /// The grade to suggest to the learner.
    ///
    /// - wrong → `.again`
    /// - right with a typo, or partly right → `.hard`
    /// - right within `quickAnswerLimit` → `.easy`; right but slower → `.good`
    /// - any hint used caps the grade at `.hard`
    ///
    /// A negative response time (a clock that went backwards) never counts as quick.
    public func suggestedGrade(responseTime: Duration, hintsUsed: Int = 0) -> Rating {
        let grade: Rating
        switch outcome {
        case .wrong: grade = .again
        case .correctWithTypo, .partiallyCorrect: grade = .hard
        case .correct:
            let isQuick = responseTime >= .zero && responseTime <= quickAnswerLimit
            grade = isQuick ? .easy : .good
        }
        if hintsUsed > 0, grade.rawValue > Rating.hard.rawValue { return .hard }
        return grade
    }

    /// The grade to suggest, with the response time in seconds; a time that is not a finite,
    /// non-negative number never counts as quick.
    public func suggestedGrade(responseTime seconds: TimeInterval, hintsUsed: Int = 0) -> Rating {
        guard seconds.isFinite, seconds >= 0, seconds < 1e9 else {
            return suggestedGrade(responseTime: Duration.seconds(-1), hintsUsed: hintsUsed)
        }
        return suggestedGrade(responseTime: Duration.seconds(seconds), hintsUsed: hintsUsed)
    }
}

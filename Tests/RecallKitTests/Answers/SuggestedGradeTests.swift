import Testing
@testable import RecallKit

@Suite("Suggested grades")
struct SuggestedGradeTests {
    private func verdict(_ outcome: Verdict.Outcome, answer: String = "Leonid Nikolaev") -> Verdict {
        Verdict(outcome: outcome, matchedAnswer: answer, expectedAnswer: answer)
    }

    @Test("Quick-answer limit: 4 s plus 0.3 s per character of the answer")
    func limit() {
        #expect(verdict(.correct, answer: "1934").quickAnswerLimit == .milliseconds(5_200))
        #expect(verdict(.correct, answer: "Leonid Nikolaev").quickAnswerLimit == .milliseconds(8_500))
        #expect(verdict(.correct, answer: "").quickAnswerLimit == .milliseconds(4_300))
    }

    @Test("Wrong is again, whatever the time")
    func wrong() {
        #expect(verdict(.wrong).suggestedGrade(responseTime: .seconds(1)) == .again)
        #expect(verdict(.wrong).suggestedGrade(responseTime: .seconds(60), hintsUsed: 2) == .again)
    }

    @Test("A typo or a partial answer is hard")
    func typoAndPartial() {
        #expect(verdict(.correctWithTypo(expected: "Nikolaev")).suggestedGrade(responseTime: .seconds(1)) == .hard)
        #expect(verdict(.partiallyCorrect(credit: 0.9, missing: ["day"], extra: [])).suggestedGrade(responseTime: .seconds(1)) == .hard)
    }

    @Test("Right and quick is easy; right and slower is good; the limit itself is quick")
    func correct() {
        let right = verdict(.correct)
        #expect(right.suggestedGrade(responseTime: .seconds(3)) == .easy)
        #expect(right.suggestedGrade(responseTime: .milliseconds(8_500)) == .easy)
        #expect(right.suggestedGrade(responseTime: .milliseconds(8_501)) == .good)
        #expect(right.suggestedGrade(responseTime: .seconds(90)) == .good)
    }

    @Test("A hint caps the grade at hard", arguments: [0, 1, 3])
    func hints(_ hints: Int) {
        let grade = verdict(.correct).suggestedGrade(responseTime: .seconds(2), hintsUsed: hints)
        #expect(grade == (hints == 0 ? .easy : .hard))
        #expect(verdict(.correct).suggestedGrade(responseTime: .seconds(60), hintsUsed: hints) == (hints == 0 ? .good : .hard))
    }

    @Test("Seconds as TimeInterval, and times that are not times")
    func timeInterval() {
        let right = verdict(.correct)
        #expect(right.suggestedGrade(responseTime: 2.5) == .easy)
        #expect(right.suggestedGrade(responseTime: 20.0) == .good)
        #expect(right.suggestedGrade(responseTime: -1.0) == .good)
        #expect(right.suggestedGrade(responseTime: .nan) == .good)
        #expect(right.suggestedGrade(responseTime: .infinity) == .good)
        #expect(right.suggestedGrade(responseTime: Duration.seconds(-1)) == .good)
        #expect(right.suggestedGrade(responseTime: 1.0, hintsUsed: -3) == .easy)
    }

    @Test("Rating values match the scheduler's")
    func ratingValues() {
        #expect(Rating.allCases.map(\.rawValue) == [1, 2, 3, 4])
    }
}

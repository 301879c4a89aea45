import Foundation
import Testing
@testable import RecallKit

/// The table-driven suite: every line of `Fixtures/answers/*.cases` is one case.
@Suite("Answer cases from the fixture decks")
struct AnswerCaseTests {
    static let cases: [AnswerCase] = (try? AnswerCaseFile.allCases()) ?? []

    @Test("The fixtures parse and hold enough cases")
    func fixturesAreComplete() throws {
        let cases = try AnswerCaseFile.allCases()
        #expect(cases.count >= 200)
        #expect(cases.filter(\.expectation.isMustReject).count >= 50)
    }

    @Test("Each case gets its verdict", arguments: cases)
    func verdict(_ testCase: AnswerCase) {
        let verdict = AnswerChecker().check(testCase.response, against: testCase.expected, context: testCase.context)
        switch testCase.expectation {
        case .correct:
            #expect(verdict.outcome == .correct, "\(testCase)")
        case .typo(let spelling):
            #expect(verdict.outcome == .correctWithTypo(expected: spelling), "\(testCase)")
        case .partial(let credit):
            if case .partiallyCorrect(let actual, _, _) = verdict.outcome {
                #expect(abs(actual - credit) < 1e-6, "\(testCase): credit \(actual)")
            } else {
                Issue.record("\(testCase): expected partial \(credit), got \(verdict.outcome)")
            }
        case .wrong:
            #expect(verdict.outcome == .wrong, "\(testCase)")
        case .confused(let other):
            #expect(verdict.outcome == .wrong, "\(testCase)")
            #expect(verdict.confusedWith == other, "\(testCase)")
        }
    }
}

import Testing
@testable import RecallKit

@Suite("Character diff of a near miss")
struct DiffSegmentTests {
    @Test("A substitution shows what was typed, then the correction")
    func substitution() {
        #expect(DiffSegment.segments(typed: "Nikolaef", answer: "Nikolaev") == [.same("Nikolae"), .extra("f"), .missing("v")])
    }

    @Test("Insertions and deletions")
    func insertionsAndDeletions() {
        #expect(DiffSegment.segments(typed: "Yagodda", answer: "Yagoda") == [.same("Yagod"), .extra("d"), .same("a")])
        #expect(DiffSegment.segments(typed: "Bukharn", answer: "Bukharin") == [.same("Bukhar"), .missing("i"), .same("n")])
    }

    @Test("Case and accents are not differences; the answer's spelling is shown")
    func foldedComparison() {
        #expect(DiffSegment.segments(typed: "coyoacan", answer: "Coyoacán") == [.same("Coyoacán")])
        #expect(DiffSegment.segments(typed: "smolny institute", answer: "Smolny Institute") == [.same("Smolny Institute")])
    }

    @Test("Reading the segments spells both sides")
    func reconstruction() {
        let typed = "Leonid Nikoalev", answer = "Leonid Nikolaev"
        let segments = DiffSegment.segments(typed: typed, answer: answer)
        let answerSide = segments.compactMap { if case .extra = $0 { nil } else { $0.text } }.joined()
        let typedSide = segments.compactMap { if case .missing = $0 { nil } else { $0.text } }.joined()
        #expect(answerSide == answer)
        #expect(typedSide == typed)
    }

    @Test("Empty sides and long texts")
    func edges() {
        #expect(DiffSegment.segments(typed: "", answer: "Kirov") == [.missing("Kirov")])
        #expect(DiffSegment.segments(typed: "Kirov", answer: "") == [.extra("Kirov")])
        #expect(DiffSegment.segments(typed: "", answer: "") == [])
        let long = String(repeating: "x", count: DiffSegment.maximumLength + 1)
        #expect(DiffSegment.segments(typed: long, answer: "Kirov") == [.extra(long), .missing("Kirov")])
    }

    @Test("A verdict carries the diff against the accepted spelling nearest to the response")
    func inVerdict() {
        let expected = ExpectedAnswer.text(canonical: "Leonid Nikolaev", aliases: [], kind: .person)
        let verdict = AnswerChecker().check("Nikolaew", against: expected)
        #expect(verdict.matchedAnswer == "Nikolaev")
        #expect(verdict.diff == [.same("Nikolae"), .extra("w"), .missing("v")])
        // A near miss that is still wrong gets a letter-by-letter diff…
        let nearMiss = AnswerChecker().check("Nikolaevich", against: expected)
        #expect(nearMiss.outcome == .wrong)
        #expect(nearMiss.diff == [.same("Nikolaev"), .extra("ich")])
        // …one far from every spelling gets a plain replacement.
        let farOff = AnswerChecker().check("Yagoda", against: expected)
        #expect(farOff.diff == [.extra("Yagoda"), .missing(farOff.matchedAnswer)])
    }
}

import Testing
@testable import RecallKit

@Suite("Typo tolerance and edit distance")
struct TypoToleranceTests {
    private func distance(_ first: String, _ second: String, limit: Int = .max) -> Int? {
        OptimalStringAlignment.distance(Array(first.unicodeScalars), Array(second.unicodeScalars), limit: limit)
    }

    @Test("Edit distance counts insertions, deletions, substitutions and neighbour swaps as one")
    func editDistance() {
        #expect(distance("yezhov", "yezhov") == 0)
        #expect(distance("yezhov", "yezhv") == 1)
        #expect(distance("yezhov", "yezhovv") == 1)
        #expect(distance("yezhov", "yeshov") == 1)
        #expect(distance("yezhov", "yezohv") == 1)
        #expect(distance("yagoda", "yezhov") == 5)
        #expect(distance("", "kirov") == 5)
        #expect(distance("kirov", "") == 5)
        #expect(distance("ca", "abc") == 3)   // optimal string alignment, not full Damerau–Levenshtein
    }

    @Test("A limit stops early and reports nil beyond it")
    func limit() {
        #expect(distance("yagoda", "yezhov", limit: 2) == nil)
        #expect(distance("kamenev", "kaganovich", limit: 1) == nil)
        #expect(distance("kirov", "kirow", limit: 1) == 1)
    }

    @Test("Inputs over the cap are not compared at all")
    func cap() {
        let long = String(repeating: "a", count: OptimalStringAlignment.maximumLength + 1)
        #expect(distance(long, long) == nil)
        #expect(distance(String(long.dropLast()), String(long.dropLast())) == 0)
    }

    @Test("Budget for a whole answer", arguments: [(1, 0), (4, 0), (5, 1), (9, 1), (10, 2), (19, 2), (20, 3), (200, 3)])
    func wholeBudget(_ pair: (Int, Int)) {
        #expect(TypoTolerance.allowedEdits(forLength: pair.0) == pair.1)
    }

    @Test("Budget for one word", arguments: [(1, 0), (2, 0), (3, 1), (7, 1), (8, 2), (14, 2)])
    func wordBudget(_ pair: (Int, Int)) {
        #expect(TypoTolerance.allowedEdits(forWordLength: pair.0) == pair.1)
    }

    private func edits(_ typed: String, _ accepted: String) -> Int? {
        TypoTolerance.edits(from: AnswerNormalizer.normalize(typed), to: AnswerNormalizer.normalize(accepted))
    }

    @Test("Typos are measured against the accepted answer's length")
    func typos() {
        #expect(edits("Nikolaew", "Nikolaev") == 1)
        #expect(edits("Nikolaew", "Nikolaev") == 1)
        #expect(edits("Goad", "Good") == nil)          // four letters: exact only
        #expect(edits("Yezhovshina", "Yezhovshchina") == 2)
        #expect(edits("Smolny Instutite", "Smolny Institute") == 2)
    }

    @Test("One word may not spend the whole budget")
    func perWordCap() {
        #expect(edits("recall import", "recall export") == nil)
        #expect(edits("recall exprot", "recall export") == 1)
        #expect(edits("M Nikolaev", "L Nikolaev") == nil)
    }

    @Test("A typo may never change a digit")
    func digits() {
        #expect(edits("Order No. 00448", "Order No. 00447") == nil)
        #expect(edits("Ordre No. 00447", "Order No. 00447") == 1)
        #expect(edits("1938", "1937") == nil)
    }

    @Test("Differently split words are compared without spaces, but a stray initial is never a typo")
    func differentWordCounts() {
        #expect(edits("Yezhov shchina", "Yezhovshchina") == 0)
        #expect(edits("Yezhov shcina", "Yezhovshchina") == 1)
        #expect(edits("M. Nikolaev", "Nikolaev") == nil)
    }
}

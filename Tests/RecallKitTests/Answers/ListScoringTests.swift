import Testing
@testable import RecallKit

@Suite("List answers")
struct ListScoringTests {
    let checker = AnswerChecker()
    let firstTrial = ExpectedAnswer.list(items: [
        ListItem(canonical: "Grigory Zinoviev", kind: .person),
        ListItem(canonical: "Lev Kamenev", aliases: ["Kamenev"], kind: .person),
    ], ordered: false)
    let chiefs = ExpectedAnswer.list(items: [
        ListItem(canonical: "Genrikh Yagoda", kind: .person),
        ListItem(canonical: "Nikolai Yezhov", aliases: ["Ezhov"], kind: .person),
        ListItem(canonical: "Lavrentiy Beria", kind: .person),
    ], ordered: true)

    private func outcome(_ response: String, _ expected: ExpectedAnswer, _ context: AnswerContext = .empty) -> Verdict.Outcome {
        checker.check(response, against: expected, context: context).outcome
    }

    @Test("Separators: commas, semicolons, line breaks, ampersands and “and”", arguments: [
        "Zinoviev, Kamenev", "Zinoviev; Kamenev", "Zinoviev\nKamenev", "Zinoviev\r\nKamenev", "Zinoviev & Kamenev",
        "Zinoviev and Kamenev", "Zinoviev, and Kamenev", "Kamenev AND Zinoviev", " Zinoviev ,, Kamenev ,",
    ])
    func separators(_ response: String) {
        #expect(outcome(response, firstTrial) == .correct, "“\(response)”")
    }

    @Test("Set credit: matched minus half an item per extra, over the expected count")
    func setCredit() {
        #expect(outcome("Zinoviev", firstTrial) == .partiallyCorrect(credit: 0.5, missing: ["Lev Kamenev"], extra: []))
        #expect(outcome("Zinoviev, Kamenev, Bukharin", firstTrial) == .partiallyCorrect(credit: 0.75, missing: [], extra: ["Bukharin"]))
        #expect(outcome("Zinoviev, Bukharin", firstTrial) == .partiallyCorrect(credit: 0.25, missing: ["Lev Kamenev"], extra: ["Bukharin"]))
        #expect(outcome("Zinoviev, Bukharin, Rykov", firstTrial) == .wrong)
        #expect(outcome("Trotsky", firstTrial) == .wrong)
        #expect(outcome("", firstTrial) == .wrong)
    }

    @Test("Repeating an item is not an extra")
    func duplicates() {
        #expect(outcome("Kamenev, Zinoviev, kamenev, Lev Kamenev", firstTrial) == .partiallyCorrect(credit: 0.75, missing: [], extra: ["Lev Kamenev"]))
        #expect(outcome("Kamenev, Kamenev", firstTrial) == .partiallyCorrect(credit: 0.5, missing: ["Grigory Zinoviev"], extra: []))
    }

    @Test("Each item is matched with the text rules, and a typo cannot take a neighbour's place")
    func itemRules() {
        #expect(outcome("G. Zinoviev, L. Kamenev", firstTrial) == .correct)
        #expect(outcome("Zinovev, Kamenev", firstTrial) == .correctWithTypo(expected: "Grigory Zinoviev, Lev Kamenev"))
        let pair = ExpectedAnswer.list(items: [ListItem(canonical: "recall export", kind: .custom("command")),
                                               ListItem(canonical: "recall import", kind: .custom("command"))], ordered: false)
        // "recall emport" is as near import as export: refused, so an extra.
        #expect(outcome("recall export, recall emport", pair) == .partiallyCorrect(credit: 0.25, missing: ["recall import"], extra: ["recall emport"]))
    }

    @Test("An ambiguous surname earns half an item")
    func ambiguousSurnameInList() {
        let context = AnswerContext([(kind: .person, canonical: "Sergei Kamenev", aliases: [])])
        let list = ExpectedAnswer.list(items: [ListItem(canonical: "Grigory Zinoviev", kind: .person), ListItem(canonical: "Lev Kamenev", kind: .person)], ordered: false)
        #expect(outcome("Zinoviev, Kamenev", list, context) == .partiallyCorrect(credit: 0.75, missing: [], extra: []))
    }

    @Test("Sequence credit counts the longest run in the right order; the rest are misplaced")
    func sequenceCredit() {
        #expect(outcome("Yagoda, Yezhov, Beria", chiefs) == .correct)
        let swapped = checker.check("Yezhov, Yagoda, Beria", against: chiefs)
        #expect(swapped.outcome == .partiallyCorrect(credit: 2.0 / 3.0, missing: [], extra: []))
        #expect(swapped.misplaced == ["Nikolai Yezhov"])
        let reversed = checker.check("Beria, Yezhov, Yagoda", against: chiefs)
        #expect(reversed.credit == 1.0 / 3.0)
        #expect(reversed.misplaced.count == 2)
        #expect(outcome("Yagoda, Beria", chiefs) == .partiallyCorrect(credit: 2.0 / 3.0, missing: ["Nikolai Yezhov"], extra: []))
    }

    @Test("Space-separated one-word items")
    func spaceSeparated() {
        #expect(outcome("Yagoda Yezhov Beria", chiefs) == .correct)
        // A two-word item is never torn apart.
        #expect(outcome("Lev Kamenev", firstTrial) == .partiallyCorrect(credit: 0.5, missing: ["Grigory Zinoviev"], extra: []))
    }

    @Test("“and” inside an item does not split it")
    func andInsideItem() {
        let list = ExpectedAnswer.list(items: [ListItem(canonical: "On the Cult of Personality and Its Consequences", kind: .term),
                                               ListItem(canonical: "Secret Speech", kind: .term)], ordered: false)
        #expect(outcome("On the Cult of Personality and Its Consequences; Secret Speech", list) == .correct)
    }

    @Test("Commas inside numbers do not split")
    func numbersInLists() {
        let list = ExpectedAnswer.list(items: [ListItem(canonical: "681,692", kind: .number), ListItem(canonical: "1937", kind: .year)], ordered: true)
        #expect(outcome("681,692, 1937", list) == .correct)
        #expect(outcome("681692; in 1937", list) == .correct)
    }

    @Test("Years in lists are judged by value, without typos")
    func yearItems() {
        let trials = ExpectedAnswer.list(items: ["1936", "1937", "1938"].map { ListItem(canonical: $0, kind: .year) }, ordered: true)
        #expect(outcome("1936, 1937, 1938", trials) == .correct)
        #expect(outcome("1936, 1937, 1939", trials) == .partiallyCorrect(credit: 0.5, missing: ["1938"], extra: ["1939"]))
    }

    @Test("Longest increasing run")
    func longestRun() {
        #expect(ListAnswerScorer.longestIncreasingRun([]) == [])
        #expect(ListAnswerScorer.longestIncreasingRun([2, 1, 0]).count == 1)
        #expect(ListAnswerScorer.longestIncreasingRun([0, 2, 1, 3]).count == 3)
        #expect(ListAnswerScorer.longestIncreasingRun([3, 0, 1, 2]) == [0, 1, 2])
    }

    @Test("An empty list expects an empty answer")
    func emptyList() {
        let empty = ExpectedAnswer.list(items: [], ordered: false)
        #expect(outcome("", empty) == .correct)
        #expect(outcome("Kirov", empty) == .wrong)
    }

    @Test("A pasted wall of items is capped, not scored item by item forever")
    func manyItems() {
        let wall = (0..<5_000).map { "item\($0)" }.joined(separator: ", ")
        let verdict = checker.check(wall, against: firstTrial)
        #expect(verdict.outcome == .wrong)
        #expect(ListAnswerScorer(items: [], ordered: false, context: .empty).split(wall).count == ListAnswerScorer.maximumItems)
    }
}

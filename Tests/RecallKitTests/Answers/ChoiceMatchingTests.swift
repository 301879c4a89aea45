import Testing
@testable import RecallKit

@Suite("Multiple-choice matching")
struct ChoiceMatchingTests {
    let chiefs = ["Genrikh Yagoda", "Nikolai Yezhov", "Lavrentiy Beria"]

    @Test("By number, letter or text", arguments: [
        ("2", 1), ("2.", 1), ("(2)", 1), (" 3 ", 2), ("b", 1), ("B)", 1), ("(c)", 2), ("a", 0),
        ("Nikolai Yezhov", 1), ("nikolai yezhov", 1), ("NIKOLAI YEZHOV.", 1), ("Lavrenti Beria", 2),
    ])
    func matches(_ pair: (String, Int)) {
        #expect(AnswerChecker.matchChoice(pair.0, options: chiefs) == pair.1, "“\(pair.0)”")
    }

    @Test("Nothing picked", arguments: ["", "4", "0", "d", "Yezhov Yagoda", "Molotov", "?"])
    func noMatch(_ response: String) {
        #expect(AnswerChecker.matchChoice(response, options: chiefs) == nil, "“\(response)”")
    }

    @Test("With numeric options, an option's own text wins; otherwise a small number is its position")
    func numericOptions() {
        let years = ["1936", "1937", "1938", "2"]
        #expect(AnswerChecker.matchChoice("1937", options: years) == 1)
        #expect(AnswerChecker.matchChoice("2", options: years) == 3)
        #expect(AnswerChecker.matchChoice("3", options: years) == 2)
        #expect(AnswerChecker.matchChoice("c", options: years) == 2)
        #expect(AnswerChecker.matchChoice("1939", options: years) == nil)
    }

    @Test("A typo equally near two options picks neither")
    func ambiguousTypo() {
        #expect(AnswerChecker.matchChoice("recall emport", options: ["recall export", "recall import"]) == nil)
        #expect(AnswerChecker.matchChoice("recall exprot", options: ["recall export", "recall import"]) == 0)
    }

    @Test("Empty options")
    func emptyOptions() {
        #expect(AnswerChecker.matchChoice("1", options: []) == nil)
    }
}

@Suite("Hostile input")
struct HostileInputTests {
    let checker = AnswerChecker()
    let context = AnswerContext([(kind: .person, canonical: "Nikolai Yezhov", aliases: ["Yezhov"]), (kind: .person, canonical: "Genrikh Yagoda", aliases: [])])
    let expectations: [ExpectedAnswer] = [
        .text(canonical: "Leonid Nikolaev", aliases: [], kind: .person),
        .text(canonical: "troika", aliases: [], kind: .term),
        .number(.range(low: 700_000, high: 1_200_000), unit: nil),
        .date(HistoricalDate(year: 1934, month: 12, day: 1)!),
        .list(items: [ListItem(canonical: "Zinoviev", kind: .person), ListItem(canonical: "Kamenev", kind: .person)], ordered: true),
    ]

    @Test("Responses that are huge, binary or malformed are judged wrong without crashing", arguments: [
        String(repeating: "Nikolaev ", count: 200_000),
        String(repeating: "a", count: 999) + "x",
        String(repeating: "ab, ", count: 2_400),
        String(repeating: "\u{0301}", count: 5_000),
        String(repeating: "🙂", count: 2_000),
        "\u{0000}\u{0001}\u{0002}\u{FFFD}",
        "\u{202E}vealoki N",
        String(repeating: "9", count: 5_000),
        String(repeating: "1,", count: 3_000),
        String(repeating: "-", count: 3_000),
        String(repeating: "one hundred and ", count: 500),
        "1e400", "0x1F", "NaN", "∞", "1934-99-99", "99/99/9999",
    ])
    func hostile(_ response: String) {
        for expected in expectations {
            let verdict = checker.check(response, against: expected, context: context)
            #expect(!verdict.isCorrect)
        }
        _ = AnswerChecker.matchChoice(response, options: ["a", "b"])
    }

    @Test("The response cap")
    func cap() {
        let atCap = String(repeating: " ", count: AnswerChecker.maximumResponseLength - 6) + "troika"
        #expect(checker.check(atCap, against: expectations[1]).isCorrect)
        #expect(!checker.check(atCap + " ", against: expectations[1]).isCorrect)
    }

    @Test("Hostile author data never crashes either")
    func hostileAuthorData() {
        let expected = ExpectedAnswer.text(canonical: String(repeating: "x ", count: 3_000), aliases: ["", "  ", "?"], kind: .person)
        _ = checker.check("x", against: expected, context: context)
        _ = checker.check("", against: .text(canonical: "", aliases: [], kind: .text))
        _ = try? NumberSpec.parse(String(repeating: "1", count: 2_000))
        _ = try? HistoricalDate.parse(String(repeating: "1", count: 2_000))
    }
}

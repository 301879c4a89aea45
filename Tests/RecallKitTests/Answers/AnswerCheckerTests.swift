import Foundation
import Testing
@testable import RecallKit

/// Rules of the checker that the fixture table cannot express: contexts built for one test,
/// feedback fields, numeric kinds given as text, and construction from each shape.
@Suite("Answer checker rules")
struct AnswerCheckerTests {
    let checker = AnswerChecker()
    let nikolaev = ExpectedAnswer.text(canonical: "Leonid Nikolaev", aliases: ["Nikolayev"], kind: .person)

    @Test("Without a context every surname is unambiguous and every typo stands")
    func emptyContext() {
        let kamenev = ExpectedAnswer.text(canonical: "Lev Kamenev", aliases: [], kind: .person)
        #expect(checker.check("Kamenev", against: kamenev).outcome == .correct)
        #expect(checker.check("Kamenyev", against: kamenev).outcome == .correctWithTypo(expected: "Kamenev"))
    }

    @Test("A surname shared with another person is half right, and names the missing given name")
    func ambiguousSurname() {
        let context = AnswerContext([(kind: .person, canonical: "Sergei Kamenev", aliases: [])])
        let kamenev = ExpectedAnswer.text(canonical: "Lev Kamenev", aliases: [], kind: .person)
        let verdict = checker.check("Kamenev", against: kamenev, context: context)
        #expect(verdict.outcome == .partiallyCorrect(credit: 0.5, missing: ["Lev"], extra: []))
        #expect(verdict.matchedAnswer == "Lev Kamenev")
        // Another person aliased by the bare surname still makes it ambiguous.
        let aliasedRival = AnswerContext([(kind: .person, canonical: "Sergei Kamenev", aliases: ["Kamenev"])])
        #expect(checker.check("Kamenev", against: kamenev, context: aliasedRival).outcome == .partiallyCorrect(credit: 0.5, missing: ["Lev"], extra: []))
        // An alias the author wrote is accepted even when ambiguous.
        let aliased = ExpectedAnswer.text(canonical: "Lev Kamenev", aliases: ["Kamenev"], kind: .person)
        #expect(checker.check("Kamenev", against: aliased, context: context).outcome == .correct)
    }

    @Test("A surname is only ambiguous among persons, not places or terms")
    func ambiguityIsAmongPersons() {
        let context = AnswerContext([(kind: .place, canonical: "Kirov", aliases: []), (kind: .person, canonical: "Sergei Kirov", aliases: [])])
        let kirov = ExpectedAnswer.text(canonical: "Sergei Kirov", aliases: [], kind: .person)
        #expect(checker.check("Kirov", against: kirov, context: context).outcome == .correct)
    }

    @Test("A typo as near another answer of the same kind is refused, and names it")
    func typoRefusal() {
        let context = AnswerContext([(kind: .custom("command"), canonical: "recall import", aliases: [])])
        let export = ExpectedAnswer.text(canonical: "recall export", aliases: [], kind: .custom("command"))
        let refused = checker.check("recall emport", against: export, context: context)
        #expect(refused.outcome == .wrong)
        #expect(refused.confusedWith == "recall import")
        #expect(checker.check("recall emport", against: export).outcome == .correctWithTypo(expected: "recall export"))
    }

    @Test("The card's own answer in the context is not a rival")
    func ownAnswerInContext() {
        let context = AnswerContext([(kind: .person, canonical: "Leonid Nikolaev", aliases: ["Nikolaev"]),
                                     (kind: .person, canonical: "Nikolaev", aliases: [])])
        #expect(checker.check("Nikolaew", against: nikolaev, context: context).outcome == .correctWithTypo(expected: "Nikolaev"))
        #expect(checker.check("Nikolaev", against: nikolaev, context: context).outcome == .correct)
    }

    @Test("Transliteration variants count only when aliased")
    func transliteration() {
        let yezhov = ExpectedAnswer.text(canonical: "Nikolai Yezhov", aliases: [], kind: .person)
        #expect(checker.check("Ezhov", against: yezhov).outcome == .wrong)
        let aliased = ExpectedAnswer.text(canonical: "Nikolai Yezhov", aliases: ["Ezhov"], kind: .person)
        #expect(checker.check("Ezhov", against: aliased).outcome == .correct)
        #expect(checker.check("Nikolai Ezhov", against: aliased).outcome == .correct)  // the alias spells the surname
        #expect(checker.check("N. Ezhov", against: aliased).outcome == .correct)
        #expect(checker.check("Nikolai Ezhov", against: yezhov).outcome == .wrong)
    }

    @Test("Only patronymic-looking middle words are optional")
    func patronymics() {
        #expect(checker.check("Leonid Vasilyevich Nikolaev", against: nikolaev).outcome == .correct)
        #expect(checker.check("Leonid V. Nikolaev", against: nikolaev).outcome == .correct)
        #expect(checker.check("Leonid Sergei Nikolaev", against: nikolaev).outcome == .wrong)
    }

    @Test("Surname particles stay with the surname")
    func particles() {
        let mercader = ExpectedAnswer.text(canonical: "Jaime Ramón Mercader del Río", aliases: [], kind: .person)
        #expect(checker.check("del Río", against: mercader).outcome == .correct)
        #expect(checker.check("Rio", against: mercader).outcome == .wrong)
        #expect(checker.check("Jaime del Rio", against: mercader).outcome == .correct)
    }

    @Test("Numeric kinds given as text are judged by value")
    func numericKindsAsText() {
        let year = ExpectedAnswer.text(canonical: "1937", aliases: [], kind: .year)
        #expect(checker.check("July 1937", against: year).outcome == .correct)
        #expect(checker.check("1938", against: year).outcome == .wrong)
        let number = ExpectedAnswer.text(canonical: "about 681,692", aliases: [], kind: .number)
        #expect(checker.check("700k", against: number).outcome == .correct)
        let date = ExpectedAnswer.text(canonical: "1 December 1934", aliases: [], kind: .date)
        #expect(checker.check("1934-12-01", against: date).outcome == .correct)
        #expect(checker.check("December 1934", against: date).outcome == .partiallyCorrect(credit: 2.0 / 3.0, missing: ["day"], extra: []))
        let spelledOut = ExpectedAnswer.text(canonical: "1937", aliases: ["thirty-seven"], kind: .year)
        #expect(checker.check("thirty seven", against: spelledOut).outcome == .correct)
    }

    @Test("Dates: less precision is partial and names what is missing; more precision is fine")
    func datePrecision() throws {
        let kirov = ExpectedAnswer.date(try HistoricalDate.parse("1934-12-01"))
        #expect(checker.check("1934", against: kirov).outcome == .partiallyCorrect(credit: 1.0 / 3.0, missing: ["month", "day"], extra: []))
        #expect(checker.check("December 1934", against: kirov).outcome == .partiallyCorrect(credit: 2.0 / 3.0, missing: ["day"], extra: []))
        let month = ExpectedAnswer.date(try HistoricalDate.parse("1937-07"))
        #expect(checker.check("1937", against: month).outcome == .partiallyCorrect(credit: 0.5, missing: ["month"], extra: []))
        #expect(checker.check("30 July 1937", against: month).outcome == .correct)
        #expect(checker.check("30 June 1937", against: month).outcome == .wrong)
        let verdict = checker.check("1934", against: kirov)
        #expect(verdict.matchedAnswer == "1 December 1934" && verdict.expectedAnswer == "1 December 1934")
    }

    @Test("Numbers: an exact spec accepts only the exact value; a typed range must fit at both ends")
    func numbers() throws {
        let exact = ExpectedAnswer.number(try NumberSpec.parse("681,692"), unit: "people")
        #expect(checker.check("681,692", against: exact).outcome == .correct)
        #expect(checker.check("681,690", against: exact).outcome == .wrong)
        #expect(checker.check("681692 executions", against: exact).outcome == .correct)
        let verdict = checker.check("1", against: exact)
        #expect(verdict.expectedAnswer == "681,692 people" && verdict.diff.isEmpty)
        let range = ExpectedAnswer.number(try NumberSpec.parse("between 700,000 and 1.2 million"), unit: nil)
        #expect(checker.check("700,000 to 1.5 million", against: range).outcome
                == .partiallyCorrect(credit: 0.5, missing: ["between 700,000 and 1.2 million"], extra: []))
    }

    @Test("Verdict feedback fields")
    func feedback() {
        let typo = checker.check("Leonid Nikoalev", against: nikolaev)
        #expect(typo.outcome == .correctWithTypo(expected: "Leonid Nikolaev"))
        #expect(typo.isCorrect && typo.credit == 1)
        #expect(typo.matchedAnswer == "Leonid Nikolaev" && typo.expectedAnswer == "Leonid Nikolaev")
        let initials = checker.check("l nikolaev", against: nikolaev)
        #expect(initials.outcome == .correct && initials.matchedAnswer == "L. Nikolaev")
        let wrong = checker.check("Yagoda", against: nikolaev)
        #expect(!wrong.isCorrect && wrong.credit == 0 && wrong.confusedWith == nil)
    }

    @Test("Checks are deterministic")
    func deterministic() {
        let first = checker.check("Nikolaew", against: nikolaev)
        for _ in 0..<20 { #expect(checker.check("Nikolaew", against: nikolaev) == first) }
    }

    @Test("Context from expected answers and from triples")
    func contextConstruction() throws {
        let answers: [ExpectedAnswer] = [
            nikolaev,
            .number(try NumberSpec.parse("681,692"), unit: "people"),
            .date(try HistoricalDate.parse("1934-12-01")),
            .list(items: [ListItem(canonical: "Lev Kamenev", kind: .person)], ordered: false),
        ]
        let context = AnswerContext(answers: answers)
        #expect(context.entries.map(\.kind) == [.person, .number, .date, .person])
        #expect(context.entries(ofKind: .person).map(\.canonical) == ["Leonid Nikolaev", "Lev Kamenev"])
        #expect(context.entries[2].canonical == "1934-12-01")
        let same = AnswerContext([(kind: .person, canonical: "Leonid Nikolaev", aliases: ["Nikolayev"])])
        #expect(same == AnswerContext(entries: [.init(kind: .person, canonical: "Leonid Nikolaev", aliases: ["Nikolayev"])]))
        #expect(AnswerContext.empty.entries.isEmpty)
    }

    @Test("Display text of each shape")
    func displayText() throws {
        #expect(nikolaev.displayText == "Leonid Nikolaev")
        #expect(ExpectedAnswer.number(.exact(681_692), unit: "people").displayText == "681,692 people")
        #expect(ExpectedAnswer.number(.exact(4), unit: nil).displayText == "4")
        #expect(ExpectedAnswer.date(try HistoricalDate.parse("1934-12")).displayText == "December 1934")
        #expect(ExpectedAnswer.list(items: [ListItem(canonical: "Zinoviev"), ListItem(canonical: "Kamenev")], ordered: false).displayText == "Zinoviev, Kamenev")
    }

    @Test("Expected answers and verdicts round-trip through JSON")
    func codable() throws {
        let answers: [ExpectedAnswer] = [
            nikolaev, .text(canonical: "ice axe", aliases: [], kind: .custom("weapon")),
            .number(.approximately(681_692, tolerance: .percent(5)), unit: "people"), .number(.exact(4), unit: nil),
            .date(try HistoricalDate.parse("1934-12-01")),
            .list(items: [ListItem(canonical: "Genrikh Yagoda", kind: .person), ListItem(canonical: "Nikolai Yezhov", aliases: ["Ezhov"], kind: .person)], ordered: true),
        ]
        let data = try JSONEncoder().encode(answers)
        #expect(try JSONDecoder().decode([ExpectedAnswer].self, from: data) == answers)
        let text = String(decoding: try JSONEncoder().encode(nikolaev), as: UTF8.self)
        #expect(text.contains(#""type":"text""#) && text.contains(#""kind":"person""#))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ExpectedAnswer.self, from: Data(#"{"type":"choice"}"#.utf8)) }

        let verdict = checker.check("Zinoviev, Bukharin", against: answers[5])
        #expect(try JSONDecoder().decode(Verdict.self, from: JSONEncoder().encode(verdict)) == verdict)
    }
}

@Suite("Answer kinds")
struct AnswerKindTests {
    @Test("Identifiers read as built-in or custom kinds")
    func identifiers() {
        #expect(AnswerKind(rawValue: "person") == .person)
        #expect(AnswerKind(identifier: " Organization ") == .organisation)
        #expect(AnswerKind(identifier: "Weapon") == .custom("weapon"))
        #expect(AnswerKind.custom("place") == .place)
        #expect(Set([AnswerKind.custom("place"), .place]).count == 1)
        #expect(AnswerKind.builtIn.map(\.rawValue) == ["person", "place", "date", "year", "number", "organisation", "term", "text"])
    }

    @Test("Numeric kinds")
    func numeric() {
        #expect(AnswerKind.year.isNumeric && AnswerKind.date.isNumeric && AnswerKind.number.isNumeric)
        #expect(AnswerKind.custom("year").isNumeric)
        #expect(!AnswerKind.person.isNumeric && !AnswerKind.custom("weapon").isNumeric)
    }

    @Test("Encoded as the identifier")
    func codable() throws {
        let data = try JSONEncoder().encode([AnswerKind.person, .custom("weapon")])
        #expect(String(decoding: data, as: UTF8.self) == #"["person","weapon"]"#)
        #expect(try JSONDecoder().decode([AnswerKind].self, from: data) == [.person, .custom("weapon")])
    }
}

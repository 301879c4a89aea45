import Foundation

/// Judges typed answers like a fair teacher: forgiving where the learner is right, strict where
/// they are wrong. Pure and deterministic.
///
/// ```swift
/// let checker = AnswerChecker()
/// let nikolaev = ExpectedAnswer.text(canonical: "Leonid Nikolaev", aliases: ["Nikolayev"], kind: .person)
/// checker.check("L. Nikolaev", against: nikolaev, context: deckContext).outcome     // .correct
/// checker.check("Nikolaev", against: nikolaev, context: deckContext).outcome        // .correct (surname unambiguous)
/// checker.check("Nikolaew", against: nikolaev, context: deckContext).outcome        // .correctWithTypo(expected: "Nikolaev")
///
/// let year = ExpectedAnswer.date(try HistoricalDate.parse("1937"))
/// checker.check("1938", against: year, context: deckContext).outcome                // .wrong (never a typo)
///
/// let executions = ExpectedAnswer.number(try NumberSpec.parse("about 681,692"), unit: "people")
/// checker.check("roughly 690k", against: executions, context: deckContext).outcome  // .correct (within 5%)
/// ```
///
/// What it forgives, in order:
/// 1. spelling noise: case, accents, punctuation, quote styles, spaces and hyphens, a leading article;
/// 2. aliases; for persons, the surname alone (when no other person in the deck shares it),
///    initials with the surname, the name without its patronymic, or with one added;
/// 3. typos within `TypoTolerance`, unless the response is as close to another answer of the same
///    kind; never in digits, years, dates or numbers.
/// Numbers are judged by value against their `NumberSpec`, dates at their precision, lists item by item.
public struct AnswerChecker: Sendable {
    /// Responses longer than this (in UTF-8 bytes) are judged wrong unread; no answer is this long.
    public static let maximumResponseLength = 10_000

    public init() {}

    /// Judges `response` against `expected`; `context` holds the deck's other answers.
    public func check(_ response: String, against expected: ExpectedAnswer, context: AnswerContext = .empty) -> Verdict {
        guard response.utf8.count <= AnswerChecker.maximumResponseLength else {
            return Verdict(outcome: .wrong, matchedAnswer: expected.displayText, expectedAnswer: expected.displayText)
        }
        switch expected {
        case .text(let canonical, let aliases, let kind):
            return checkText(response, canonical: canonical, aliases: aliases, kind: kind, context: context)
        case .number(let spec, _):
            return checkNumber(response, spec: spec, display: expected.displayText)
        case .date(let date):
            return checkDate(response, expected: date, display: date.displayText)
        case .list(let items, let ordered):
            return ListAnswerScorer(items: items, ordered: ordered, context: context).judge(response)
        }
    }

    func checkText(_ response: String, canonical: String, aliases: [String], kind: AnswerKind,
                   context: AnswerContext, extraRivals: [AnswerContext.PreparedEntry] = []) -> Verdict {
        let matcher = TextAnswerMatcher(canonical: canonical, aliases: aliases, kind: kind, context: context, extraRivals: extraRivals)
        return judgeText(response, with: matcher)
    }

    /// Numeric kinds whose canonical text reads as a date or number are judged by value; an
    /// alias spelled out (`'37`) still counts when typed exactly.
    func judgeText(_ response: String, with matcher: TextAnswerMatcher) -> Verdict {
        let textVerdict = matcher.judge(response)
        guard matcher.kind.isNumeric, !textVerdict.isCorrect else { return textVerdict }
        if matcher.kind == .number, let spec = try? NumberSpec.parse(matcher.canonical) {
            return checkNumber(response, spec: spec, display: matcher.canonical)
        }
        let readings = TypedDateReader.read(matcher.canonical)
        if let date = (try? HistoricalDate.parse(matcher.canonical)) ?? (readings.count == 1 ? readings.first : nil) {
            return checkDate(response, expected: date, display: matcher.canonical)
        }
        return textVerdict
    }

    // MARK: - Numbers

    /// A single value is right when any of its readings satisfies the spec. A typed range is right
    /// when both ends do, and half right when one does.
    func checkNumber(_ response: String, spec: NumberSpec, display: String) -> Verdict {
        var outcome = Verdict.Outcome.wrong
        switch TypedNumberReader.read(response) {
        case .single(let readings)?:
            if readings.contains(where: spec.accepts) { outcome = .correct }
        case .range(let lows, let highs)?:
            let lowIsRight = lows.contains(where: spec.accepts), highIsRight = highs.contains(where: spec.accepts)
            if lowIsRight && highIsRight {
                outcome = .correct
            } else if lowIsRight || highIsRight {
                outcome = .partiallyCorrect(credit: 0.5, missing: [spec.displayText], extra: [])
            }
        case nil:
            break
        }
        return Verdict(outcome: outcome, matchedAnswer: display, expectedAnswer: display)
    }

    // MARK: - Dates

    /// Right when every part the answer needs is given and right. Giving less than the answer's
    /// precision, with what is given right, earns the share of parts given (`1934` for
    /// `1 December 1934`: 1/3); any part given wrong makes the answer wrong. More precision than
    /// needed is fine: any day in 1934 answers "which year?".
    func checkDate(_ response: String, expected: HistoricalDate, display: String) -> Verdict {
        var best = Verdict.Outcome.wrong
        var bestCredit = 0.0
        for reading in TypedDateReader.read(response) {
            let outcome = judge(reading, against: expected)
            let credit = Verdict(outcome: outcome, matchedAnswer: "", expectedAnswer: "").credit
            if credit > bestCredit {
                best = outcome
                bestCredit = credit
            }
        }
        return Verdict(outcome: best, matchedAnswer: expected.displayText, expectedAnswer: display)
    }

    private func judge(_ given: HistoricalDate, against expected: HistoricalDate) -> Verdict.Outcome {
        guard given.year == expected.year else { return .wrong }
        var missing: [String] = []
        if let month = expected.month {
            if let givenMonth = given.month {
                guard givenMonth == month else { return .wrong }
            } else {
                missing.append("month")
            }
        }
        if let day = expected.day {
            if let givenDay = given.day {
                guard givenDay == day else { return .wrong }
            } else {
                missing.append("day")
            }
        }
        if missing.isEmpty { return .correct }
        let parts = Double(expected.precision.rawValue)
        return .partiallyCorrect(credit: (parts - Double(missing.count)) / parts, missing: missing, extra: [])
    }
}

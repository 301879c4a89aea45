// Answer checker: 10,000 typed answers (names with typos, surnames alone, dates in several
// forms, numbers, lists) judged against the bundled deck's typed cards, with the deck's
// AnswerContext (every typed answer of great-purge.facts) as recall builds it for a session.
import Benchmark
import BenchmarkInputs
import Foundation
import RecallKit

struct Check {
    var response: String
    var expected: ExpectedAnswer
}

struct CheckerInput {
    var context: AnswerContext
    var checks: [Check]
}

/// One plausible typo: two neighbouring letters of the longest word swapped, or one replaced.
func typo(_ text: String, using generator: inout SeededGenerator) -> String {
    var words = text.split(separator: " ").map(String.init)
    guard let longest = words.indices.max(by: { words[$0].count < words[$1].count }), words[longest].count >= 5 else { return text }
    var letters = Array(words[longest])
    let position = generator.nextInt(in: 1...(letters.count - 2))
    if generator.next() & 1 == 0 {
        letters.swapAt(position, position + 1)
    } else {
        letters[position] = letters[position] == "e" ? "a" : "e"
    }
    words[longest] = String(letters)
    return words.joined(separator: " ")
}

func responses(for expected: ExpectedAnswer, rival: String, using generator: inout SeededGenerator) -> [String] {
    switch expected {
    case .text(let canonical, let aliases, let kind):
        var answers = [canonical, canonical.lowercased(), typo(canonical, using: &generator), rival]
        if let alias = aliases.first { answers.append(alias) }
        if kind == .person, let surname = canonical.split(separator: " ").last {
            answers.append(String(surname))
            answers.append(typo(String(surname), using: &generator))
        }
        return answers
    case .date(let date):
        var answers = [date.isoText, date.displayText, "\(date.year)", "\(date.year + 1)", "in \(date.year)"]
        if let month = date.month {
            answers.append("\(HistoricalDate.monthNames[month - 1].prefix(3)) \(date.year)")
            if let day = date.day { answers.append("\(day)/\(month)/\(date.year)") }
        }
        return answers
    case .number(let spec, let unit):
        let shown = spec.displayText
        let digits = shown.filter { $0.isNumber }
        var answers = [shown, "about \(digits)", digits, "\(digits)0", "roughly \(shown)"]
        if let unit { answers.append("\(digits) \(unit)") }
        return answers
    case .list(let items, _):
        let names = items.map(\.canonical)
        var answers = [names.joined(separator: ", "), names.reversed().joined(separator: " and "),
                       names.dropLast().joined(separator: ", ")]
        answers.append(names.map { typo($0, using: &generator) }.joined(separator: "; "))
        if names.count > 1 { answers.append(([rival] + names.dropFirst()).joined(separator: ", ")) }
        return answers
    }
}

func makeInput() -> CheckerInput {
    let path = Inputs.repositoryRoot + "/Decks/great-purge.facts"
    guard let deck = (try? DeckLoader.load(path: path, seed: 0))?.deck else { fatalError("cannot compile \(path)") }
    let context = CardJudge.context(for: deck.cards)
    let typed: [ExpectedAnswer] = deck.cards.compactMap {
        if case .typed(_, let expected) = $0.question { return expected }
        return nil
    }
    var generator = SeededGenerator(seed: 10_000)
    var all: [Check] = []
    for expected in typed {
        let rival = typed[generator.nextInt(in: 0...(typed.count - 1))].displayText
        for response in responses(for: expected, rival: rival, using: &generator) {
            all.append(Check(response: response, expected: expected))
        }
    }
    generator.stableShuffleForBenchmarks(&all)
    var checks: [Check] = []
    while checks.count < 10_000 { checks += all.prefix(10_000 - checks.count) }
    let kinds = Dictionary(grouping: checks) { check -> String in
        switch check.expected {
        case .text(_, _, let kind): "text/\(kind)"
        case .date: "date"
        case .number: "number"
        case .list: "list"
        }
    }.mapValues(\.count)
    note("AnswerChecker input: \(typed.count) typed cards, \(all.count) distinct checks, context \(context.entries.count) answers; \(kinds.sorted { $0.key < $1.key })")
    return CheckerInput(context: context, checks: checks)
}

extension SeededGenerator {
    /// Fisher–Yates with this generator.
    mutating func stableShuffleForBenchmarks<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for index in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(index, nextInt(in: 0...index))
        }
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark("10,000 typed answers checked (great-purge context)",
              configuration: .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
                                   timeUnits: .milliseconds, maxDuration: .seconds(10), maxIterations: 100)) { (benchmark: Benchmark, input: CheckerInput) in
        let checker = AnswerChecker()
        var correct = 0
        for check in input.checks where checker.check(check.response, against: check.expected, context: input.context).isCorrect {
            correct += 1
        }
        blackHole(correct)
    } setup: {
        makeInput()
    }
}

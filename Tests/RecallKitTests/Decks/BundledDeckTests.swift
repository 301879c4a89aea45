import Foundation
import Testing
@testable import RecallKit

/// The decks recall ships with: they compile strictly, cite their sources, and yield the
/// questions a learner should get.
@Suite struct BundledDeckTests {
    static let decksFolder = Golden.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Decks")

    static func load(_ name: String) throws -> (DeckLoader.Loaded, FactsDocument) {
        let bytes = try [UInt8](Data(contentsOf: decksFolder.appendingPathComponent(name + ".facts")))
        return (DeckLoader.compile(bytes: bytes, path: name + ".facts", seed: 0), FactsParser().parse(bytes, path: name).0)
    }

    @Test(arguments: ["great-purge", "recall-tutorial"])
    func compilesStrictlyWithEverySourceUsedAndCited(name: String) throws {
        let (loaded, document) = try Self.load(name)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.description))")
        let deck = try #require(loaded.deck)
        #expect(document.facts.allSatisfy { !$0.citations.isEmpty }, "every fact cites a source")
        let cited = Set(document.facts.flatMap { $0.citations.map(\.key) })
        #expect(cited == Set(document.sources.map(\.key)), "every source is cited, and only defined ones")
        #expect(Set(deck.cards.map(\.id)).count == deck.cards.count, "card ids are unique")
    }

    @Test func theCourseIsBigAndVaried() throws {
        let (loaded, document) = try Self.load("great-purge")
        let deck = try #require(loaded.deck)
        #expect(document.facts.count >= 150)
        #expect(deck.cards.count >= 450)
        let counts = deck.countsByKind
        for kind in CardKind.allCases { #expect((counts[kind] ?? 0) >= 20, "too few \(kind) cards") }
        #expect(Set(document.sources.map(\.key)) == ["milanovic-2023", "ww2-podcast-138", "class-terror", "liao-2017", "wiki-deep-dive"])
        #expect(document.facts.allSatisfy { $0.citations.contains { $0.evidence != nil } }, "every fact carries an evidence phrase")
    }

    @Test func kirovsMurderYieldsADateQuestionWithOtherDatesAsDistractors() throws {
        let deck = try #require(Self.load("great-purge").0.deck)
        let cards = deck.cards.filter { $0.factID == "kirov-shot" }
        let typed = try #require(cards.first { $0.variant == "event.typed" })
        guard case .typed(let prompt, .date(let date)) = typed.question else { Issue.record("not a date question"); return }
        #expect(prompt.contains("Sergei Kirov is shot in Leningrad"))
        #expect(date.isoText == "1934-12-01")
        #expect(typed.answer == "1 December 1934")
        let choice = try #require(cards.first { $0.variant == "event.choice" })
        guard case .choice(_, let options, let correct) = choice.question else { Issue.record("not a choice"); return }
        #expect(options[correct] == "1 December 1934")
        for (index, option) in options.enumerated() where index != correct {
            #expect(HistoricalDate.parseWritten(option) != nil || (try? HistoricalDate.parse(option)) != nil, "“\(option)” is not a date")
        }
        // And the checker accepts the usual ways of writing it.
        let checker = AnswerChecker()
        for response in ["1 December 1934", "December 1, 1934", "1 Dec 1934", "1934-12-01"] {
            #expect(checker.check(response, against: .date(date)).isCorrect, "\(response)")
        }
        #expect(!checker.check("1 December 1935", against: .date(date)).isCorrect)
    }

    @Test func theAssassinIsAPersonWithPeopleAsDistractors() throws {
        let deck = try #require(Self.load("great-purge").0.deck)
        let choice = try #require(deck.cards.first { $0.factID == "kirov-assassin" && $0.variant == "qa.choice" })
        guard case .choice(_, let options, let correct) = choice.question else { Issue.record("not a choice"); return }
        #expect(options[correct] == "Leonid Nikolaev")
        // Every answer the deck marks as a person: Q/A answers, cloze blanks and list items.
        let people = Set(deck.cards.filter { $0.answerKind == "person" }.flatMap { card in
            card.answer.components(separatedBy: "; ").flatMap { $0.components(separatedBy: ", ") }
        })
        for (index, option) in options.enumerated() where index != correct {
            #expect(people.contains(option), "“\(option)” is not a person of the deck")
        }
    }

    @Test func disputedFiguresAreTaughtAsRangesAndAttributed() throws {
        let (loaded, document) = try Self.load("great-purge")
        _ = try #require(loaded.deck)
        let ranges = document.facts.filter { if case .number(_, let answer, _) = $0.body { answer.hasPrefix("between") } else { false } }
        #expect(ranges.count >= 2)
        #expect(document.facts.contains { $0.kind == "estimate-source" }, "a question asks which source gives which figure")
    }
}

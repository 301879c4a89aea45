import Foundation
import Testing
@testable import RecallKit

@Suite struct FactsParserTests {
    func parse(_ text: String) -> (FactsDocument, [Diagnostic]) {
        FactsParser().parse(text: text, path: "t.facts")
    }

    let header = "deck: demo\ntitle: Demo\n\n"

    @Test func readsEveryKindOfFact() {
        let (document, diagnostics) = parse(header + """
            # Background
            ## Famine

            Q: Who shot Kirov?
            A: Leonid Nikolaev | Nikolaev
            kind: person
            source: src, p. 3 "shot Kirov"
            tags: kirov, nkvd
            note: A long note
              that continues here.

            term: troika | troikas
            def: A three-member commission.

            cloze: Shot in {{place: Leningrad | Petrograd}} by {{#2 Nikolaev}}.

            number: How many?
            answer: about 681,692
            unit: people

            event: Kirov is shot
            date: 1934-12-01

            list: Which two?
            - Zinoviev
            - Kamenev | Lev Kamenev
            order: sequence
            """)
        #expect(diagnostics.isEmpty)
        #expect(document.header?.id == "demo")
        #expect(document.facts.count == 6)
        let question = document.facts[0]
        #expect(question.body == .question(question: "Who shot Kirov?", answer: AnswerText(canonical: "Leonid Nikolaev", aliases: ["Nikolaev"])))
        #expect(question.sectionPath == ["Background", "Famine"])
        #expect(question.tags == ["kirov", "nkvd"])
        #expect(question.note == "A long note that continues here.")
        #expect(question.citations == [Citation(key: "src", location: "p. 3", evidence: "shot Kirov", span: SourceSpan(line: 10, column: 9, length: 3))])
        guard case .cloze(let segments) = document.facts[2].body else { Issue.record("not a cloze"); return }
        let blanks = segments.compactMap { if case .blank(let span) = $0 { span } else { nil } }
        #expect(blanks.map(\.kind) == ["place", nil])
        #expect(blanks.map(\.group) == [nil, 2])
        #expect(blanks[0].answer.aliases == ["Petrograd"])
        #expect(document.facts[5].body == .list(question: "Which two?", items: [AnswerText(canonical: "Zinoviev"), AnswerText(canonical: "Kamenev", aliases: ["Lev Kamenev"])], ordered: true))
    }

    @Test func reportsEveryProblemInOneRun() {
        let (_, diagnostics) = parse(header + """
            Q: One
            nots: x

            Answer: y

            cloze: {{open
            """)
        #expect(diagnostics.map(\.id) == ["field-not-allowed", "missing-field", "unknown-block", "cloze-unclosed-span"])
    }

    @Test func escapesKeepLiteralBarsAndBraces() {
        let (document, diagnostics) = parse(header + "Q: Pipe?\nA: a \\| b | c\n\ncloze: Braces \\{{x\\}} and {{y \\| z}}\n")
        #expect(diagnostics.isEmpty)
        #expect(document.facts[0].body == .question(question: "Pipe?", answer: AnswerText(canonical: "a | b", aliases: ["c"])))
        guard case .cloze(let segments) = document.facts[1].body else { Issue.record("not a cloze"); return }
        #expect(segments.first == .text("Braces {{x}} and "))
    }

    @Test func urlsInValuesAreNotFields() {
        let (document, diagnostics) = parse("deck: demo\ntitle: Demo\n\nsource: s\ntitle: T\nurl: https://example.org/a:b\n")
        #expect(diagnostics.isEmpty)
        #expect(document.sources.first?.url == "https://example.org/a:b")
    }

    /// Comment lines inside a block are skipped, not taken as its end: the block reads as it
    /// would without them, and its fields keep their own lines.
    @Test func commentsAmongABlocksLinesAreSkipped() {
        let (plain, plainDiagnostics) = parse(header + "// before\nQ: Who shot Kirov?\nA: Nikolaev\nnote: In Smolny\n// after\n")
        let (commented, diagnostics) = parse(header + "// before\nQ: Who shot Kirov?\n// one\nA: Nikolaev\n  // two\n// three\nnote: In Smolny\n// after\n")
        #expect(plainDiagnostics.isEmpty && diagnostics.isEmpty)
        #expect(commented.facts.count == 1)
        #expect(commented.facts.map(\.body) == plain.facts.map(\.body))
        #expect(commented.facts.first?.note == "In Smolny")
        #expect(commented.facts.first?.span(of: "note").start.line == 10)
    }

    @Test func columnsCountCharactersNotBytes() {
        let (_, diagnostics) = parse(header + "Q: Кто убил Кирова?\nA: Николаев\nзаметка: x\n")
        #expect(diagnostics.first?.span.start == SourceLocation(line: 6, column: 1))
        let (_, second) = parse(header + "cloze: Ежов и {{Ягода\n")
        #expect(second.first?.span.start == SourceLocation(line: 4, column: 15))
    }

    /// The byte-wise split of ASCII values agrees with the rule as written for characters:
    /// `\\` keeps itself and the next character, an unescaped separator splits.
    @Test func asciiSplittingFollowsTheEscapeRule() {
        func reference(_ text: String, _ separator: Character) -> [String] {
            var parts: [String] = [], current = "", escaped = false
            for character in text {
                if escaped { current += "\\" + String(character); escaped = false }
                else if character == "\\" { escaped = true }
                else if character == separator { parts.append(current); current = "" }
                else { current.append(character) }
            }
            if escaped { current += "\\" }
            return parts + [current]
        }
        var generator = SeededGenerator(seed: 9)
        let alphabet = Array("ab |;\\")
        for _ in 0..<3_000 {
            let text = String((0..<generator.nextInt(in: 0...12)).map { _ in alphabet[generator.nextInt(in: 0...(alphabet.count - 1))] })
            for separator in ["|", ";"] as [Character] {
                #expect(Escapes.split(text, on: separator) == reference(text, separator), "\(text.debugDescription)")
            }
        }
        #expect(Escapes.split("é|x\\|y", on: "|") == ["é", "x\\|y"], "other text keeps the character rule")
    }
}

import Foundation
import Testing
@testable import RecallKit

/// Hostile input never crashes or hangs the parser or compiler: each case must simply return
/// (a trap would kill the test process) with a deck or with diagnostics.
@Suite struct FactsParserRobustnessTests {
    static let validDeck: [UInt8] = {
        let url = Golden.fixtures.appendingPathComponent("compiler/valid/all-kinds.facts")
        return (try? [UInt8](Data(contentsOf: url))) ?? []
    }()

    func compile(_ bytes: [UInt8]) -> DeckLoader.Loaded {
        DeckLoader.compile(bytes: bytes, path: "fuzz.facts", seed: 1)
    }

    @Test func thousandsOfSeededMutationsOfAValidDeck() {
        #expect(!Self.validDeck.isEmpty)
        var generator = SeededGenerator(seed: 2026)
        let interesting: [[UInt8]] = ["{{", "}}", "|", "\\", "\n", "\r\n", ":", "- ", "#", "  ", "\u{0}", "\u{1B}[2J", "\"", "“", "Q: ", "source: "].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x80]]
        for _ in 0..<3000 {
            var bytes = Self.validDeck
            for _ in 0...generator.uniform(below: 8) {
                let position = generator.uniform(below: bytes.count + 1)
                switch generator.uniform(below: 4) {
                case 0: bytes.insert(contentsOf: interesting[generator.uniform(below: interesting.count)], at: position)
                case 1: if position < bytes.count { bytes.remove(at: position) }
                case 2: if position < bytes.count { bytes[position] = UInt8(truncatingIfNeeded: generator.next()) }
                default:
                    let end = min(bytes.count, position + generator.uniform(below: 200))
                    bytes.insert(contentsOf: bytes[position..<end], at: generator.uniform(below: bytes.count + 1))
                }
            }
            let loaded = compile(bytes)
            #expect(loaded.deck != nil || loaded.errorCount > 0)
        }
    }

    /// The parser reads ASCII lines and values as bytes; every such fast path must give what
    /// the general path gives, diagnostics and columns included.
    @Test func asciiFastPathsAgreeWithTheGeneralPath() throws {
        var general = FactsParser()
        general.readsASCIIAsBytes = false
        func expectSameParse(_ bytes: [UInt8], _ comment: @autoclosure () -> String) {
            let (fast, fastDiagnostics) = FactsParser().parse(bytes, path: "same.facts")
            let (slow, slowDiagnostics) = general.parse(bytes, path: "same.facts")
            #expect(fast.facts == slow.facts, "\(comment())")
            #expect(fast.sources == slow.sources && fast.header == slow.header, "\(comment())")
            #expect(fastDiagnostics == slowDiagnostics, "\(comment())")
        }
        let edges = """
            deck: edges
            title: Edges

            source: s
            title: S

            Q:   Spaces around   |  and an alias\\|with a bar | \\\\ |
            A:  One \\| two | three\\ |  \\}
            source: s, p. 4 "a phrase" more, ;
            source: s "unterminated
            source: "no key"
            source: s-2_x
            source: s ;,
            note: ends with a backslash \\
              and continues
            	and a tab

            list: Items
            - one | uno
            -
            - -two
            -three
            http://not-a-field
            key:value
            1key: x
            k_e-y: x
            :empty key

            cloze: {{#1 person: A \\| B | C}} met {{place:X}} \\{{ not a blank \\}} {{#x bad}} {{}}
            cloze: unclosed {{ span and }} unopened }} and {{ nested {{ twice }} }}
            cloze: {{#123456 person: A}} {{#1234567 person: B}} {{#12 : C}} {{ #3   kind:  D | E }} {{k: }}
            cloze: {{Kind: F}} {{a-b:G}} {{ person :H}} {{#01 x: y: z}} {{time: 10:30}} {{#1}} {{#2person: I}}
            cloze: {{-x: J}} {{9lives: K}} {{#4	person: L}} {{ 	 }} {{#  5 person: M}} {{person:  N  |  n }}
            """
        expectSameParse(Array(edges.utf8), "edge cases")
        for deck in ["Decks/great-purge.facts"] {
            let url = Golden.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent(deck)
            expectSameParse(try [UInt8](Data(contentsOf: url)), deck)
        }
        var generator = SeededGenerator(seed: 11)
        let interesting: [[UInt8]] = ["{{", "}}", "|", "\\", "\n", ":", "- ", "-", " ", "\t", "\"", ",", ";", "é"].map { Array($0.utf8) }
        for round in 0..<1000 {
            var bytes = Self.validDeck
            for _ in 0...generator.uniform(below: 6) {
                let position = generator.uniform(below: bytes.count + 1)
                if generator.uniform(below: 3) == 0, position < bytes.count {
                    bytes.remove(at: position)
                } else {
                    bytes.insert(contentsOf: interesting[generator.uniform(below: interesting.count)], at: position)
                }
            }
            expectSameParse(bytes, "mutation \(round)")
        }
    }

    @Test func randomBytes() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<500 {
            let bytes = (0..<generator.uniform(below: 2000)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let loaded = compile(bytes)
            #expect(loaded.deck != nil || loaded.errorCount > 0)
        }
    }

    @Test func aFiftyMegabyteSingleLineIsReportedNotParsed() {
        var bytes = Array("deck: demo\ntitle: Demo\n\nQ: ".utf8)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "a"), count: 50 * 1024 * 1024))
        let loaded = compile(bytes)
        #expect(loaded.diagnostics.contains { $0.id == "line-too-long" && $0.span.line == 4 })
    }

    @Test func deeplyNestedAndUnbalancedMarkers() {
        let nested = String(repeating: "{{", count: 50_000) + String(repeating: "}}", count: 50_000)
        let loaded = compile(Array("deck: demo\ntitle: Demo\n\ncloze: \(nested)\n".utf8))
        #expect(loaded.errorCount > 0)
        let unbalanced = compile(Array("deck: demo\ntitle: Demo\n\ncloze: \(String(repeating: "}}{{", count: 20_000))\n".utf8))
        #expect(unbalanced.errorCount > 0)
    }

    /// Work that grew with the square of a fact's size: thousands of aliases (continuation lines
    /// lift the line limit) took 14 s, and a cloze of 16,000 blanks 44 s and gigabytes of cards.
    @Test func thousandsOfAliasesOrBlanksStayCheap() {
        let header = "deck: demo\ntitle: Demo\n\nsource: s\ntitle: S\n\n"
        let others = (0..<4).map { "Q: Who \($0)?\nA: Person \($0)\nkind: person\nsource: s\n\n" }.joined()
        let aliases = (0..<6_000).map { line in "  | " + (0..<10).map { "alias\(line)x\($0)" }.joined(separator: " | ") }.joined(separator: "\n")
        let manyAliases = compile(Array((header + "Q: Who?\nA: First\n" + aliases + "\nkind: person\nsource: s\n\n" + others).utf8))
        #expect(manyAliases.errorCount == 0 && manyAliases.cardCount > 0)
        let blanks = (0..<8_000).map { "{{b\($0)}}" }.joined(separator: " ")
        let manyBlanks = compile(Array((header + "cloze: \(blanks)\nsource: s\n").utf8))
        #expect(manyBlanks.diagnostics.contains { $0.id == "cloze-too-many-blanks" })
    }

    @Test func nulBytesBomAndCRLF() {
        let loaded = compile(Array("\u{FEFF}deck: demo\r\ntitle: Demo\r\n\r\nQ: Who\u{0}?\r\nA: Him\r\n".utf8))
        #expect(loaded.diagnostics.map(\.id).contains("control-character"))
        #expect(!loaded.diagnostics.map(\.id).contains("deck-header-missing"))
    }
}

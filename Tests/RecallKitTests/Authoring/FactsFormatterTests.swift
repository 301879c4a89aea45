import Foundation
import Testing
@testable import RecallKit

/// `recall fmt`: one canonical layout, idempotent, and nothing but the layout changes.
@Suite struct FactsFormatterTests {
    func format(_ text: String) throws -> String {
        try FactsFormatter().format(Array(text.utf8), path: "t.facts")
    }

    @Test(arguments: AuthoringSamples.bundledDecks)
    func bundledDecksKeepEveryCardAndFormatIdempotently(path: String) throws {
        let bytes = try AuthoringSamples.bytes(path)
        let once = try FactsFormatter().format(bytes, path: path)
        let twice = try FactsFormatter().format(Array(once.utf8), path: path)
        #expect(once == twice)
        let before = try #require(AuthoringSamples.compile(bytes, path: path).deck)
        let after = try #require(AuthoringSamples.compile(Array(once.utf8), path: path).deck)
        #expect(after.cards.map(\.id) == before.cards.map(\.id))
        #expect(AuthoringSamples.cardsWithoutLines(after) == AuthoringSamples.cardsWithoutLines(before))
        // Every comment line survives.
        let comments = { (text: String) in text.split(separator: "\n").filter { $0.hasPrefix("//") }.sorted() }
        #expect(comments(once) == comments(String(decoding: bytes, as: UTF8.self)))
    }

    @Test(arguments: Golden.files(in: "compiler/malformed", withExtension: "facts"))
    func malformedDecksAreRefusedOrFormattedNeverCrash(deck: URL) throws {
        let bytes = try [UInt8](Data(contentsOf: deck))
        let (_, parseDiagnostics) = FactsParser().parse(bytes, path: deck.lastPathComponent)
        do {
            let once = try FactsFormatter().format(bytes, path: deck.lastPathComponent)
            #expect(!parseDiagnostics.contains { $0.severity == .error })
            #expect(try FactsFormatter().format(Array(once.utf8), path: deck.lastPathComponent) == once)
            // The compiler says the same about the formatted file, by id and severity.
            let before = AuthoringSamples.compile(bytes).diagnostics.map { "\($0.severity) \($0.id)" }.sorted()
            let after = AuthoringSamples.compile(Array(once.utf8)).diagnostics.map { "\($0.severity) \($0.id)" }.sorted()
            #expect(before == after)
        } catch {
            guard case .deckHasErrors(_, let diagnostics, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(diagnostics.contains { $0.severity == .error })
            #expect(parseDiagnostics.contains { $0.severity == .error }, "only parse errors refuse formatting")
        }
    }

    @Test func aCarelessFileMatchesItsGoldenLayout() throws {
        let input = AuthoringSamples.fixtures.appendingPathComponent("messy.facts")
        let bytes = try [UInt8](Data(contentsOf: input))
        let formatted = try FactsFormatter().format(bytes, path: "messy.facts")
        try Golden.check(formatted, against: AuthoringSamples.fixtures.appendingPathComponent("messy.formatted.facts"))
        #expect(try format(formatted) == formatted)
        #expect(!formatted.split(separator: "\n", omittingEmptySubsequences: false).contains { $0.hasSuffix(" ") || $0.hasSuffix("\t") })
    }

    @Test func fieldsGoInTheCanonicalOrderAndCommentsMoveWithTheirLine() throws {
        let text = """
            deck: d
            title: D

            source: s
            title: S

            Q: Who?
            note: Explained.
            // cites the source
            source: s
            A: Him | He
            id: who
            kind: person
            """
        #expect(try format(text) == """
            deck: d
            title: D

            source: s
            title: S

            Q: Who?
            A: Him | He
            kind: person
            id: who
            // cites the source
            source: s
            note: Explained.

            """)
    }

    @Test func layoutIsNormalised() throws {
        let text = "\u{FEFF}deck: d\r\ntitle:   D   \r\n\r\n\r\n\r\nsource: s\r\ntitle: S\r\n#Intro\r\nQ: A long\r\n\t\tquestion?\r\nA: Yes\r\nsource: s"
        #expect(try format(text) == "deck: d\ntitle: D\n\nsource: s\ntitle: S\n\n# Intro\n\nQ: A long\n  question?\nA: Yes\nsource: s\n")
    }

    @Test func commentsAroundHeadingsAndBlocksStayWhereTheyAre() throws {
        let text = """
            // file comment

            deck: d
            title: D
            // after the header

            // standalone

            // above the heading
            # One
            // above the source
            source: s
            title: S
            """
        #expect(try format(text) == """
            // file comment

            deck: d
            title: D
            // after the header

            // standalone

            // above the heading
            # One

            // above the source
            source: s
            title: S

            """)
    }

    @Test func aFileWithParseErrorsIsRefused() {
        #expect(throws: AuthoringError.self) { try format("deck: d\ntitle: D\n\nQ: no answer\n") }
    }

    @Test func everyFieldOfEveryBlockHasAPlaceInTheOrder() {
        for block in BlockGrammar.blockKeys {
            let order = FactsFormatter.fieldOrder(of: block)
            #expect(order.first == block)
            #expect(Set(BlockGrammar.fields(of: block)).isSubset(of: order), "\(block)")
        }
    }

    @Test func checkShowsADiffOrWhatInvisibleBytesDiffer() throws {
        let crlf = Array("deck: d\r\ntitle: D\r\n".utf8)
        let formatted = try FactsFormatter().format(crlf, path: "t.facts")
        #expect(FactsFormatter.difference(original: crlf, formatted: formatted, path: "t.facts")
                == "t.facts: has Windows (CRLF) line endings; recall fmt writes LF endings and one final newline\n")
        let reordered = Array("deck: d\ntitle: D\n\nsource: s\nnote: n\ntitle: S\n".utf8)
        let diff = FactsFormatter.difference(original: reordered, formatted: try FactsFormatter().format(reordered, path: "t.facts"), path: "t.facts")
        #expect(diff == """
            --- t.facts
            +++ t.facts (formatted)
            @@ -2,5 +2,5 @@
             title: D
             
             source: s
            -note: n
             title: S
            +note: n

            """)
        #expect(FactsFormatter.difference(original: Array(formatted.utf8), formatted: formatted, path: "t.facts") == "")
    }
}

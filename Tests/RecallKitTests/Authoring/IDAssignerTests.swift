import Foundation
import Testing
@testable import RecallKit

/// `recall check --assign-ids`: ids written, card ids unchanged, every other byte unchanged.
@Suite struct IDAssignerTests {
    /// The input with the assigned `id:` lines taken out again.
    func removingAssigned(_ result: IDAssigner.Result, from bytes: [UInt8]) -> [UInt8] {
        let ids = Set(result.assigned.map { "id: " + $0.id })
        var output: [UInt8] = []
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let lineEnd = min(bytes.count, end + 1)
            let text = String(decoding: bytes[start..<end], as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
            if !ids.contains(text) { output += bytes[start..<lineEnd] }
            start = lineEnd
        }
        return output
    }

    @Test(arguments: AuthoringSamples.bundledDecks)
    func cardIdsAreTheSameBeforeAndAfter(path: String) throws {
        let bytes = AuthoringSamples.withoutIDs(try AuthoringSamples.bytes(path))
        let before = try #require(AuthoringSamples.compile(bytes, path: path).deck)
        let result = try IDAssigner().assign(bytes, path: path)
        let (document, _) = FactsParser().parse(bytes, path: path)
        #expect(result.assigned.count == document.facts.count)
        let after = try #require(AuthoringSamples.compile(result.bytes, path: path).deck)
        #expect(after.cards.map(\.id) == before.cards.map(\.id))
        #expect(after.cards.map(\.factID) == before.cards.map(\.factID))
        #expect(removingAssigned(result, from: result.bytes) == bytes)
        // A second run has nothing to do.
        let again = try IDAssigner().assign(result.bytes, path: path)
        #expect(again.assigned.isEmpty)
        #expect(again.bytes == result.bytes)
    }

    @Test func theIdGoesAfterTheFirstFieldAndItsContinuationWithTheFilesLineEndings() throws {
        let text = "deck: d\r\ntitle: D\r\n\r\nsource: s\r\ntitle: S\r\n\r\nQ: A question that goes on\r\n  and on?\r\n// a comment\r\nA: Yes\r\nsource: s\r\n\r\nQ: Last?\r\nA: No\r\nsource: s"
        let bytes = Array(text.utf8)
        let result = try IDAssigner().assign(bytes, path: "t.facts")
        #expect(result.assigned.map(\.line) == [7, 13])
        let output = String(decoding: result.bytes, as: UTF8.self)
        let first = result.assigned[0].id, second = result.assigned[1].id
        #expect(output == "deck: d\r\ntitle: D\r\n\r\nsource: s\r\ntitle: S\r\n\r\nQ: A question that goes on\r\n  and on?\r\nid: \(first)\r\n// a comment\r\nA: Yes\r\nsource: s\r\n\r\nQ: Last?\r\nid: \(second)\r\nA: No\r\nsource: s")
        #expect(removingAssigned(result, from: result.bytes) == bytes)
    }

    @Test func anIdGoesOnANewLineAfterAFinalLineWithoutNewline() {
        let bytes = Array("a\nb".utf8)
        #expect(IDAssigner.insert([(2, "id: x")], into: bytes) == Array("a\nb\nid: x".utf8))
        #expect(IDAssigner.insert([(1, "id: x")], into: bytes) == Array("a\nid: x\nb".utf8))
    }

    @Test func rewordingAPinnedFactKeepsItsCards() throws {
        let text = "deck: d\ntitle: D\n\nsource: s\ntitle: S\n\nQ: Who shot Kirov?\nA: Nikolaev\nsource: s\n"
        let before = try #require(AuthoringSamples.compile(text).deck)
        let pinned = String(decoding: try IDAssigner().assign(Array(text.utf8), path: "t.facts").bytes, as: UTF8.self)
        #expect(pinned.contains("\nid: h-"))
        let reworded = try #require(AuthoringSamples.compile(pinned.replacingOccurrences(of: "Who shot Kirov?", with: "Who killed Kirov?")).deck)
        #expect(reworded.cards.map(\.id) == before.cards.map(\.id))
    }

    @Test func factsWithTheSameContentAreLeftAlone() throws {
        let text = "deck: d\ntitle: D\n\nsource: s\ntitle: S\n\nQ: Who?\nA: Him\nsource: s\n\nQ: Who?\nA: Him\nsource: s\n\nQ: Where?\nA: There\nsource: s\n"
        let result = try IDAssigner().assign(Array(text.utf8), path: "t.facts")
        #expect(result.skippedDuplicates == [7, 11])
        #expect(result.assigned.map(\.line) == [15])
        #expect(AuthoringSamples.compile(result.bytes).deck != nil)
    }

    @Test func aDeckWithErrorsIsRefused() {
        #expect(throws: AuthoringError.self) {
            try IDAssigner().assign(Array("deck: d\ntitle: D\n\nQ: no answer\n".utf8), path: "t.facts")
        }
    }

    @Test func aPinnedIdIsUniqueLikeAnyOther() throws {
        // The second fact's content is what the first one's id pins.
        let text = "deck: d\ntitle: D\n\nsource: s\ntitle: S\n\nQ: Who?\nA: Him\nsource: s\n"
        let hash = PinnedFactID.contentHash(of: .question(question: "Who?", answer: AnswerText(canonical: "Him")))
        let clash = text + "\nQ: Reworded?\nA: Him\nid: \(PinnedFactID.id(forContentHash: hash))\nsource: s\n"
        let loaded = AuthoringSamples.compile(clash)
        #expect(loaded.deck == nil)
        #expect(loaded.diagnostics.map(\.id) == ["duplicate-id"])
    }

    @Test func onlyHPlusSixteenLowercaseHexIsPinned() {
        #expect(PinnedFactID.contentHash(in: "h-0123456789abcdef") == "0123456789abcdef")
        #expect(PinnedFactID.contentHash(in: "h-0123456789ABCDEF") == nil)
        #expect(PinnedFactID.contentHash(in: "h-0123456789abcde") == nil)
        #expect(PinnedFactID.contentHash(in: "kirov") == nil)
    }
}

import Foundation
import Testing
@testable import RecallKit

/// Big decks are parsed, compiled and written on several threads. A learner must get the
/// same cards, the same diagnostics and the same JSON bytes whatever the machine's core count.
@Suite struct ParallelCompileTests {
    /// A deck of every fact kind, with headings, warnings (thin kinds first met in either half,
    /// unknown sources, duplicates across halves) and errors spread through it.
    static let deckText: String = {
        var generator = SeededGenerator(seed: 42)
        var text = """
        deck: parallel
        title: Parallel

        source: s
        title: Source S

        source: unused
        title: Never cited


        """
        let people = ["Ada Byron", "Alan Turing", "Grace Hopper", "Edsger Dijkstra", "Barbara Liskov", "John Backus"]
        for index in 0..<5_000 {
            if index % 500 == 0 { text += "# Part \(index / 500)\n\n## Chapter \(index)\n\n" }
            switch index {
            case 2_800: text += "source: s\ntitle: Defined again\n\n"
            case 3_000: text += "#\n\n// a comment\n\n"
            case 2_200: text += "Q: A question with comments among its lines?\n// one\nA: Among\n  // two\nsource: s\n\n"
            case 3_100: text += "deck: again\ntitle: A second header\n\n"
            case 4_700: text += "Q: A question nobody sourced?\nA: Nobody\n\n"
            case 4_800: text += "Q: A question  nobody sourced?\nA: Nobody\nsource: s\n\n"
            case 3_900: text += "source: late\ntitle: A late source\n\nsource: late\ntitle: And again\n\n"
            // Line-level problems, found while the file is cut into lines in parts.
            case 1_500: text += "Q: A bell\u{07} rings?\r\nA: Ring\r\nsource: s\r\n\r\n"
            case 3_700: text += "Q: A BAD-BYTE in here?\nA: Byte\nsource: s\n\n"
            default: break
            }
            switch generator.nextInt(in: 0...9) {
            case 0...3:
                text += "Q: Question \(index)?\nA: \(people[index % people.count]) \(index) | P\(index)\nkind: person\nsource: s \"p \(index)\"\n"
            case 4:
                text += "cloze: In {{year: \(1900 + index % 80)}} the {{org: Body\(index)}} met at {{place: Town\(index % 37)}}.\nsource: s\n"
            case 5:
                text += "number: How many items in set \(index)?\nanswer: about \(1_000 + index * 7)\nunit: items\nsource: s\n"
            case 6:
                text += "event: Event number \(index)\ndate: \(1900 + index % 90)-\(String(format: "%02d", 1 + index % 12))\nsource: s\n"
            case 7:
                text += "term: Term\(index)\ndef: The meaning of term \(index).\nsource: s\n"
            case 8:
                text += "list: Which items make group \(index)?\n- One\(index)\n- Two\(index)\n- Three\(index)\nsource: s\n"
            default:
                text += "Q: Rare question \(index)?\nA: Rare answer \(index)\nkind: rare\(index % 3 == 0 ? "early" : "late\(index)")\nsource: s\n"
            }
            switch index {
            case 10: text += "id: dup-id\n"
            case 3_500: text += "id: dup-id\n"
            case 1_234: text += "source: nosuch\n"
            case 4_500: text += "source: late \"cited\"\n"
            case 3_210: text += "tags: one, two\n"
            default: break
            }
            text += index % 97 == 0 ? "oops this is not a field\n\n" : "\n"
        }
        text += "Q: Question 7?\nA: \(people[7 % people.count]) 7 | P7\nkind: person\nsource: s \"p 7\"\n\nnumber: Broken?\nanswer: many\nsource: s\n"
        return text
    }()

    /// The deck's bytes, with one byte that is not UTF-8.
    static var deckBytes: [UInt8] {
        var bytes = Array(deckText.utf8)
        let marker = Array("BAD-BYTE".utf8)
        let at = (0...(bytes.count - marker.count)).first { bytes[$0..<($0 + marker.count)].elementsEqual(marker) }!
        bytes.replaceSubrange(at..<(at + marker.count), with: [0xFF])
        return bytes
    }

    static func build(workers: Int) -> (deck: CompiledDeck?, diagnostics: [Diagnostic], json: [UInt8]) {
        let parallel = ParallelSlices(workers: workers)
        let (document, parseDiagnostics) = FactsParser(parallel: parallel).parse(deckBytes, path: "p.facts")
        let result = DeckCompiler(seed: 3, parallel: parallel).compile(document, contentHash: "c")
        var json: [UInt8] = []
        result.deck?.writeJSON(chunkSize: 64 * 1024, parallel: parallel) { json += $0 }
        return (result.deck, parseDiagnostics + result.diagnostics, json)
    }

    @Test func everyThreadCountGivesTheSameDeckDiagnosticsAndBytes() throws {
        let one = Self.build(workers: 1)
        #expect(one.diagnostics.contains { $0.severity == .error }, "the deck has errors, so compile a copy without them too")
        #expect(one.diagnostics.filter { $0.id == "kind-too-few-members" }.count > 3)
        #expect(Self.deckBytes.count > 1 << 18, "big enough to be cut into lines in parts")
        for id in ["invalid-utf8", "control-character", "duplicate-source-key", "duplicate-fact", "duplicate-id", "fact-without-source", "empty-heading", "deck-header-repeated", "unknown-source-key", "unused-source"] {
            #expect(one.diagnostics.contains { $0.id == id }, "the deck reports \(id)")
        }
        #expect(one.diagnostics.filter { $0.id == "duplicate-source-key" }.count == 2)
        for workers in [2, 3, 7] {
            let many = Self.build(workers: workers)
            #expect(many.diagnostics == one.diagnostics, "\(workers) threads")
            #expect(many.deck == one.deck)
        }
    }

    /// A fact before the header is read in order with it; the facts that slices read in place
    /// come after it, in file order, for any thread count.
    @Test func aFactBeforeTheHeaderKeepsItsPlace() {
        let bytes = Array("Q: Before the header?\nA: Early\n\n".utf8) + Self.deckBytes
        let parse = { (workers: Int) in FactsParser(parallel: ParallelSlices(workers: workers)).parse(bytes, path: "p.facts") }
        let (one, oneDiagnostics) = parse(1)
        #expect(one.facts.first?.line == 1)
        #expect(one.facts.count > 4_000)
        #expect(oneDiagnostics.contains { $0.id == "deck-header-missing" })
        for workers in [2, 3, 7] {
            let (many, manyDiagnostics) = parse(workers)
            #expect(many.facts == one.facts, "\(workers) threads")
            #expect(manyDiagnostics == oneDiagnostics, "\(workers) threads")
        }
    }

    /// The deck without its errors (its warnings stay).
    static let cleanText = deckText.replacingOccurrences(of: "oops this is not a field\n", with: "")
        .replacingOccurrences(of: "answer: many", with: "answer: 12").replacingOccurrences(of: "id: dup-id\n", with: "")
        .replacingOccurrences(of: "\u{07}", with: "").replacingOccurrences(of: "BAD-BYTE", with: "good byte")

    /// `recall check` makes every card without keeping it: the same problems, the same count.
    @Test(arguments: [1, 2, 3])
    func checkingWithoutKeepingCardsFindsTheSameProblemsAndCount(workers: Int) throws {
        let clean = Self.deckText.replacingOccurrences(of: "oops this is not a field\n", with: "")
            .replacingOccurrences(of: "answer: many", with: "answer: 12").replacingOccurrences(of: "id: dup-id\n", with: "")
            .replacingOccurrences(of: "\u{07}", with: "").replacingOccurrences(of: "BAD-BYTE", with: "good byte")
        let parallel = ParallelSlices(workers: workers)
        let compile = { (keepsCards: Bool) in
            let (document, _) = FactsParser(parallel: parallel).parse(Array(clean.utf8), path: "p.facts")
            return DeckCompiler(seed: 3, parallel: parallel, keepsCards: keepsCards).compile(document, contentHash: "c")
        }
        let kept = compile(true), counted = compile(false)
        let deck = try #require(kept.deck)
        #expect(kept.cardCount == deck.cards.count)
        #expect(deck.cards.contains { $0.kind == .chronology }, "chronology cards are counted too")
        #expect(counted.cardCount == deck.cards.count)
        #expect(counted.diagnostics == kept.diagnostics)
        #expect(counted.diagnostics.contains { $0.id == "kind-too-few-members" }, "warnings found while making cards are still found")
        #expect(counted.deck?.cards.isEmpty == true)
        #expect(counted.deck?.sources == deck.sources)
    }

    /// Counting skips working out questions and distractors, so it must still agree on the
    /// bundled decks, whose facts are written by hand.
    @Test(arguments: AuthoringSamples.bundledDecks)
    func countingAgreesWithMakingOnTheBundledDecks(path: String) throws {
        let bytes = try AuthoringSamples.bytes(path)
        let compile = { (keepsCards: Bool) in
            let (document, _) = FactsParser().parse(bytes, path: path)
            return DeckCompiler(seed: 0, keepsCards: keepsCards).compile(document, contentHash: "c")
        }
        let kept = compile(true), counted = compile(false)
        #expect(counted.cardCount == (try #require(kept.deck)).cards.count)
        #expect(counted.diagnostics == kept.diagnostics)
    }

    /// `compile -o` cuts its card slices with `ParallelSlices.range`, the rule `map` cuts by:
    /// the slices are contiguous, in order, cover every fact once and differ by one at most.
    @Test func sliceRangesTileTheWholeRangeAsMapCutsIt() {
        for (count, slices) in [(0, 1), (1, 1), (10, 3), (1_000, 7), (100_003, 98)] {
            let ranges = (0..<slices).map { ParallelSlices.range(ofSlice: $0, of: slices, over: count) }
            #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == count)
            #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
            #expect((ranges.map(\.count).max() ?? 0) - (ranges.map(\.count).min() ?? 0) <= 1)
            let mapped = ParallelSlices(workers: 1).map(count: count, slices: slices) { _, range in range }
            if count >= slices { #expect(mapped == ranges) }
        }
    }

    /// The compiler's in-order passes (duplicates across the deck, writing cards) see every
    /// slice's part once and in slice order, however the slices finish, and the last slice's
    /// `map` returns only when all are handed over.
    @Test(arguments: [1, 2, 4])
    func sliceOrderHandsPartsOverInSliceOrder(workers: Int) {
        let order = SliceOrder<Int>()
        let seen = UncheckedSendable(NSMutableArray())
        _ = ParallelSlices(workers: workers).map(count: 64, slices: 64) { slice, _ in
            // Later slices mostly finish first.
            usleep(useconds_t((64 - slice) % 7 * 300))
            order.finish(slice, slice * 10) { seen.value.add($0) }
        }
        #expect(seen.value.compactMap { $0 as? Int } == (0..<64).map { $0 * 10 })
        #expect(!order.hasWaiting)
    }

    /// `recall compile -o` writes cards as they are made: the same bytes, whatever the slices.
    @Test(arguments: [(1, 1_000), (2, 777), (3, 100_000)])
    func streamedCardsWriteTheSameJSON(workers: Int, sliceSize: Int) throws {
        let parallel = ParallelSlices(workers: workers)
        let compiler = { (keepsCards: Bool) in
            var compiler = DeckCompiler(seed: 3, parallel: parallel, keepsCards: keepsCards)
            compiler.streamingSlice = sliceSize
            return compiler
        }
        let (document, _) = FactsParser(parallel: parallel).parse(Array(Self.cleanText.utf8), path: "p.facts")
        let whole = compiler(true).compile(document, contentHash: "c")
        let deck = try #require(whole.deck)
        let reference = [UInt8](deck.jsonData())

        var streamed: [UInt8] = []
        var chunks = 0
        let stream = DeckJSONStream(chunkSize: 10_000, parallel: parallel)
        stream.begin { streamed += $0 }
        let result = compiler(false).compile(document, contentHash: "c", writingTo: stream) {
            chunks += 1
            streamed += $0
        }
        let header = try #require(result.deck)
        #expect(header.cards.isEmpty, "a streamed deck keeps no cards")
        stream.finish(header) { streamed += $0 }
        #expect(streamed == reference)
        #expect(result.cardCount == deck.cards.count)
        #expect(result.diagnostics == whole.diagnostics)
        #expect(sliceSize > 5_000 ? chunks >= 2 : chunks > 5, "each slice's lines, then the chronology cards")
    }

    /// A fact that yields no card (a cloze without blanks) takes no number in the JSON, in
    /// whichever slice it falls.
    @Test(arguments: [1, 2, 3])
    func factsWithoutCardsAreNotNumbered(workers: Int) throws {
        var text = "deck: d\ntitle: D\n\nsource: s\ntitle: S\n\n"
        for index in 0..<3_000 {
            text += index % 7 == 3 ? "cloze: Sentence \(index) without a blank.\nsource: s\n\n"
                : "Q: Question \(index)?\nA: Answer \(index)\nsource: s\n\n"
        }
        let parallel = ParallelSlices(workers: workers)
        let (document, _) = FactsParser(parallel: parallel).parse(Array(text.utf8), path: "p.facts")
        let deck = try #require(DeckCompiler(seed: 1, parallel: parallel).compile(document, contentHash: "c").deck)
        var streamed: [UInt8] = []
        let stream = DeckJSONStream(parallel: parallel)
        stream.begin { streamed += $0 }
        var compiler = DeckCompiler(seed: 1, parallel: parallel, keepsCards: false)
        compiler.streamingSlice = 1_100
        let result = compiler.compile(document, contentHash: "c", writingTo: stream) { streamed += $0 }
        stream.finish(try #require(result.deck)) { streamed += $0 }
        #expect(result.diagnostics.contains { $0.id == "cloze-without-span" })
        #expect(streamed == [UInt8](deck.jsonData()))
        #expect(try CompiledDeck.decode(Data(streamed)).cards.map(\.factID) == deck.cards.map(\.factID))
    }

    @Test func aDeckWithErrorsStreamsNoCards() throws {
        let (document, _) = FactsParser().parse(Self.deckBytes, path: "p.facts")
        var handedOver = 0
        let stream = DeckJSONStream()
        let result = DeckCompiler(seed: 3).compile(document, contentHash: "c", writingTo: stream) { handedOver += $0.count }
        #expect(result.deck == nil)
        #expect(handedOver == 0)
        #expect(result.cardCount > 10_000, "the cards are still made and counted")
        #expect(result.diagnostics.contains { $0.id == "kind-too-few-members" })
    }

    @Test func aDeckWithoutErrorsWritesTheSameJSONOnAnyThreadCount() throws {
        let clean = Self.deckText.replacingOccurrences(of: "oops this is not a field\n", with: "")
            .replacingOccurrences(of: "answer: many", with: "answer: 12").replacingOccurrences(of: "id: dup-id\n", with: "")
            .replacingOccurrences(of: "\u{07}", with: "").replacingOccurrences(of: "BAD-BYTE", with: "good byte")
        let parallel = { (workers: Int) in
            let loaded = ParallelSlices(workers: workers)
            let (document, _) = FactsParser(parallel: loaded).parse(Array(clean.utf8), path: "p.facts")
            return DeckCompiler(seed: 3, parallel: loaded).compile(document, contentHash: "c").deck
        }
        let one = try #require(parallel(1))
        #expect(one.cards.count > 10_000)
        let reference = [UInt8](one.jsonData())
        for workers in [2, 5] {
            let many = try #require(parallel(workers))
            #expect(many == one)
            var json: [UInt8] = []
            many.writeJSON(parallel: ParallelSlices(workers: workers)) { json += $0 }
            #expect(json == reference)
        }
    }
}

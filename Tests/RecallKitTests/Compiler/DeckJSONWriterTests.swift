import Foundation
import Testing
@testable import RecallKit

/// The hand-written deck JSON writer must give, once its line breaks are taken out, exactly
/// the bytes `JSONEncoder` gives for the deck's `Codable` form: the format in docs/deck-json.md
/// is that one, and tools may rely on it.
@Suite struct DeckJSONWriterTests {
    static func encoderBytes(_ deck: CompiledDeck) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(deck))
    }

    /// Line breaks only ever separate elements (a string's own are escaped), so removing them
    /// leaves the compact JSON.
    static func withoutLineBreaks(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        bytes.filter { $0 != 0x0A }
    }

    @Test(arguments: AuthoringSamples.bundledDecks)
    func bundledDecksMatchJSONEncoder(path: String) throws {
        let deck = try #require(AuthoringSamples.compile(try AuthoringSamples.bytes(path), path: path).deck)
        #expect(Self.withoutLineBreaks(deck.jsonData()) == (try Self.encoderBytes(deck)))
    }

    @Test func eachCardFactAndSourceHasALineAndEachFactIsListedOnce() throws {
        let path = AuthoringSamples.bundledDecks[0]
        let deck = try #require(AuthoringSamples.compile(try AuthoringSamples.bytes(path), path: path).deck)
        let lines = String(decoding: deck.jsonData(), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let factCount = Set(deck.cards.map(\.factID)).count
        #expect(lines.count == 1 + deck.cards.count + 1 + factCount + 1 + deck.sources.count + 1 + 1, "a line per card, fact and source, and a final newline")
        #expect(lines[0] == #"{"cards":["#)
        #expect(lines[1...deck.cards.count].allSatisfy { $0.hasPrefix(#"{"answer":"#) })
        #expect(lines[deck.cards.count + 1].hasPrefix(#"],"contentHash":"#))
        #expect(lines[deck.cards.count + 1].hasSuffix(#""facts":["#))
        #expect(lines.last == "", "the file ends with a newline")
        let decoded = try CompiledDeck.decode(deck.jsonData())
        #expect(decoded == deck)
        for (card, next) in zip(decoded.cards, decoded.cards.dropFirst()) where card.factID == next.factID {
            #expect(card.fact === next.fact, "a fact's cards share one fact when read back")
        }
    }

    @Test func aDeckFromAnotherSchemaOrPointingPastItsFactsIsRefused() throws {
        let path = AuthoringSamples.bundledDecks[0]
        let deck = try #require(AuthoringSamples.compile(try AuthoringSamples.bytes(path), path: path).deck)
        let text = String(decoding: deck.jsonData(), as: UTF8.self)
        let older = text.replacingOccurrences(of: #""schemaVersion":2"#, with: #""schemaVersion":1"#)
        #expect(older != text)
        #expect {
            try CompiledDeck.decode(Data(older.utf8))
        } throws: { error in
            "\(error)".contains("schema version 1; this recall reads version 2: compile the deck again")
        }
        let pastTheEnd = text.replacingOccurrences(of: #""fact":0,"#, with: #""fact":99999,"#)
        #expect(pastTheEnd != text)
        #expect {
            try CompiledDeck.decode(Data(pastTheEnd.utf8))
        } throws: { error in
            "\(error)".contains("points at fact 99999")
        }
    }

    /// Strings are scanned eight bytes at a time: a character that needs escaping must be
    /// caught at any offset, in a full word or in the bytes after the last one.
    @Test(arguments: ["\"", "\\", "\n", "\u{0}", "\u{1F}", "\u{7F}", "é", "/", " "])
    func aCharacterIsEscapedAtEveryOffset(special: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let plain = Array("abcdefghijklmnopqrstuvw")
        for offset in 0...plain.count {
            for length in [offset, plain.count] where length >= offset {
                var characters = Array(plain[..<length])
                characters.insert(contentsOf: special, at: offset)
                let text = String(characters)
                var writer = DeckJSONWriter()
                defer { writer.bytes.deallocate() }
                writer.strings([text, text + text])
                var written: [UInt8] = []
                writer.bytes.emit { written += $0 }
                #expect(written == [UInt8](try encoder.encode([text, text + text])), "\(special.debugDescription) at \(offset) of \(length)")
            }
        }
    }

    @Test func awkwardStringsNumbersAndEmptyContainersMatchJSONEncoder() throws {
        let hostile = "quote \" backslash \\ slash / nul \u{0} bell \u{7} tab \t nl \n cr \r ff \u{C} bs \u{8} us \u{1F} del \u{7F} c1 \u{85} ls \u{2028} é ß 😀 e\u{301}"
        let numbers: [NumberSpec] = [
            .exact(681_692), .exact(0.1), .exact(-0.0), .exact(1e21), .exact(1.5e16), .exact(123.456), .exact(-7),
            .approximately(1e-7, tolerance: .percent(5)), .approximately(9_007_199_254_740_992, tolerance: .absolute(0.25)),
            .range(low: 700_000, high: 1.2e6), .range(low: -1e300, high: 2.5e15),
        ]
        var cards = numbers.enumerated().map { index, spec in
            Card(id: CardID(rawValue: "n\(index)"), factID: "f", variant: "number.typed",
                 question: .typed(prompt: hostile, expected: .number(spec, unit: index.isMultiple(of: 2) ? "people" : nil)),
                 answer: spec.displayText, answerKind: nil, topic: "", tags: [], note: nil, citations: [], line: index)
        }
        cards.append(Card(id: CardID(rawValue: "t"), factID: hostile, variant: "qa.typed",
                          question: .typed(prompt: "p", expected: .text(canonical: hostile, aliases: [], kind: .custom("weapon"))),
                          answer: hostile, answerKind: "person", topic: hostile, tags: [hostile, "b"], note: hostile,
                          citations: [CardCitation(key: "k", title: nil, location: hostile, evidence: nil),
                                      CardCitation(key: "k2", title: "T", location: nil, evidence: "e")],
                          line: 1))
        cards.append(Card(id: CardID(rawValue: "l"), factID: "f", variant: "list.typed",
                          question: .typed(prompt: "p", expected: .list(items: [ListItem(canonical: "a", aliases: ["b"], kind: .person),
                                                                                      ListItem(canonical: hostile, aliases: [], kind: .year)],
                                                                              ordered: false)),
                          answer: "a", answerKind: nil, topic: "", tags: [], note: nil, citations: [], line: 2))
        cards.append(Card(id: CardID(rawValue: "d"), factID: "f", variant: "event.typed",
                          question: .typed(prompt: "p", expected: .date(try HistoricalDate.parse("1934-12-01"))),
                          answer: "a", answerKind: nil, topic: "", tags: [], note: nil, citations: [], line: 3))
        cards.append(Card(id: CardID(rawValue: "c"), factID: "f", variant: "qa.choice",
                          question: .choice(prompt: hostile, options: ["a", hostile, "", "d"], correct: 1),
                          answer: "a", answerKind: nil, topic: "", tags: [], note: nil, citations: [], line: 4))
        cards.append(Card(id: CardID(rawValue: "tf"), factID: "f", variant: "qa.truefalse",
                          question: .truefalse(prompt: "p", proposed: hostile, isTrue: false),
                          answer: "a", answerKind: nil, topic: "", tags: [], note: nil, citations: [], line: 5))
        cards.append(Card(id: CardID(rawValue: "tt"), factID: "f2", variant: "qa.truefalse",
                          question: .truefalse(prompt: hostile, proposed: "a", isTrue: true),
                          answer: "a", answerKind: nil, topic: "", tags: [], note: nil,
                          citations: [CardCitation(key: "k", title: "T", location: "p. 3", evidence: hostile)], line: 5))
        cards.append(Card(id: CardID(rawValue: "o"), factID: "f", variant: "chronology.order",
                          question: .chronology(prompt: "p", events: [hostile, "b"], order: [1, 0]),
                          answer: "a", answerKind: "date", topic: "", tags: [], note: nil, citations: [], line: 6))
        cards.append(Card(id: CardID(rawValue: "fl"), factID: "f", variant: "qa.flash",
                          question: .flashcard(front: hostile, back: ""),
                          answer: "", answerKind: nil, topic: "", tags: [], note: nil, citations: [], line: 7))
        // A fact shared by cards that are not next to each other is still listed once.
        cards.append(Card(id: CardID(rawValue: "again"), fact: cards[0].fact, variant: "number.flash",
                          question: .flashcard(front: "a", back: "b"), answer: "b", answerKind: nil))
        let deck = CompiledDeck(
            deck: .init(id: "d", title: hostile, description: nil, language: "en", authors: [], path: "x/y.facts"),
            seed: .max, contentHash: "0123456789abcdef",
            sources: [.init(key: "k", title: hostile, author: nil, date: "1937", url: "https://example.org/a?b=c", file: nil),
                      .init(key: "k2", title: "T", author: "A", date: nil, url: nil, file: "../shared/seeds/x.md")],
            cards: cards)
        let written = [UInt8](deck.jsonData())
        #expect(Self.withoutLineBreaks(written) == (try Self.encoderBytes(deck)))
        let decoded = try CompiledDeck.decode(Data(written))
        #expect(decoded == deck, "the JSON reads back to the same deck")
        #expect(decoded.cards.last!.fact === decoded.cards[0].fact)
        #expect(deck.factNumbering().facts.count == deck.cards.count - 1)

        let empty = CompiledDeck(deck: .init(id: "e", title: "E", description: "", language: "en", authors: [], path: ""),
                                 seed: 0, contentHash: "", sources: [], cards: [])
        #expect(Self.withoutLineBreaks(empty.jsonData()) == (try Self.encoderBytes(empty)))
        #expect(String(decoding: empty.jsonData(), as: UTF8.self).hasPrefix(#"{"cards":[],"contentHash":"#), "an empty list stays on its line")
    }

    @Test(arguments: [1, 2, 3, 8])
    func chunksAndThreadsJoinToTheSameBytes(workers: Int) throws {
        let path = AuthoringSamples.bundledDecks[1]
        let deck = try #require(AuthoringSamples.compile(try AuthoringSamples.bytes(path), path: path).deck)
        let reference = [UInt8](deck.jsonData())
        #expect(Self.withoutLineBreaks(reference) == (try Self.encoderBytes(deck)))
        for chunkSize in [1, 1_000, 7_000, 1 << 20] {
            var chunks: [[UInt8]] = []
            deck.writeJSON(chunkSize: chunkSize, parallel: ParallelSlices(workers: workers)) { chunks.append(Array($0)) }
            if chunkSize <= 1_000 { #expect(chunks.count > 10, "a small chunk size streams in many pieces") }
            #expect(chunks.flatMap { $0 } == reference, "\(workers) threads, chunks of \(chunkSize)")
        }
    }

    @Test func compileStreamsToAFileAtomically() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("deck-json-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = AuthoringSamples.bundledDecks[0]
        let deck = try #require(AuthoringSamples.compile(try AuthoringSamples.bytes(path), path: path).deck)
        let output = folder.appendingPathComponent("deck.json").path
        try AtomicFile.write(to: output) { sink in deck.writeJSON(chunkSize: 4_096) { sink.append($0) } }
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == deck.jsonData())
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["deck.json"], "no temporary file is left")
        // A rebuildable output (`compile -o`) is not forced to disk, but replaces the file the same way.
        let other = try #require(AuthoringSamples.compile(try AuthoringSamples.bytes(path), path: path, seed: 9).deck)
        try AtomicFile.write(to: output, durability: .rebuildable) { sink in other.writeJSON(chunkSize: 4_096) { sink.append($0) } }
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == other.jsonData())
        try AtomicFile.write(to: output, durability: .rebuildable) { sink in
            sink.append(Array("half a deck".utf8))
            sink.abandon()
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == other.jsonData(), "an abandoned write leaves the file as it was")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["deck.json"], "no temporary file is left")
        #expect(throws: FileWriteError.self) {
            try AtomicFile.write(to: "/dev/full/x/deck.json") { sink in deck.writeJSON { sink.append($0) } }
        }
    }

    /// A rebuildable output swaps itself in for the old file; anything but a regular file at
    /// the path is treated as a plain rename treats it.
    @Test func aRebuildableOutputReplacesOnlyWhatARenameWould() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rebuildable-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func write(_ text: String, to path: String) throws {
            try AtomicFile.write(to: path, durability: .rebuildable) { sink in sink.append(Array(text.utf8)) }
        }
        func contents(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

        let output = folder.appendingPathComponent("deck.json").path
        try write("first", to: output)
        let otherLink = folder.appendingPathComponent("also-deck.json").path
        try FileManager.default.linkItem(atPath: output, toPath: otherLink)
        try write("second", to: output)
        #expect(try contents(output) == "second")
        #expect(try contents(otherLink) == "first", "another name of the old file keeps the old contents, as after a rename")

        let link = folder.appendingPathComponent("link.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: otherLink)
        try write("third", to: link)
        #expect(try FileManager.default.attributesOfItem(atPath: link)[.type] as? FileAttributeType == .typeRegular, "the link itself is replaced")
        #expect(try contents(otherLink) == "first")

        let directory = folder.appendingPathComponent("folder.json").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        #expect(throws: FileWriteError.self) { try write("fourth", to: directory) }
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) && isDirectory.boolValue)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["also-deck.json", "deck.json", "folder.json", "link.json"],
                "no temporary file is left")
    }
}

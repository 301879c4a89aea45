import Foundation
import Testing
import TestSupport
@testable import RecallKit

/// `recall study` and `quiz` take compiled decks from the cache while the deck file is
/// unchanged, and never trust a cache entry that does not match the file exactly.
@Suite struct DeckCacheTests {
    let scratch = ScratchFolder("deck-cache")
    var folder: String { scratch.path }
    let cache: DeckCache
    let deckPath: String

    init() throws {
        let folder = scratch.path
        cache = DeckCache(directory: folder + "/cache", buildIdentity: "test")
        deckPath = folder + "/tutorial.facts"
        try Data(try AuthoringSamples.bytes(AuthoringSamples.bundledDecks[1])).write(to: URL(fileURLWithPath: deckPath))
    }

    @Test(arguments: AuthoringSamples.bundledDecks)
    func theCachedFormReadsBackToTheSameDeck(path: String) throws {
        let deck = try #require(AuthoringSamples.compile(try AuthoringSamples.bytes(path), path: path).deck)
        let bytes = DeckCache.encode(deck, buildIdentity: "test")
        #expect(try DeckCache.decode(bytes, expectedContentHash: deck.contentHash, path: path, buildIdentity: "test") == deck)
        #expect(throws: DeckCacheReader.Malformed.self) {
            try DeckCache.decode(bytes, expectedContentHash: "0000000000000000", path: path, buildIdentity: "test")
        }
        #expect(throws: DeckCacheReader.Malformed.self, "a path that moved is a miss") {
            try DeckCache.decode(bytes, expectedContentHash: deck.contentHash, path: "elsewhere.facts", buildIdentity: "test")
        }
        #expect(throws: DeckCacheReader.Malformed.self, "another build of recall is a miss") {
            try DeckCache.decode(bytes, expectedContentHash: deck.contentHash, path: path, buildIdentity: "recall 9.9")
        }
    }

    @Test func cardsNearTheEndOfABigDeckFindTheirFacts() throws {
        // The last cards are a few bytes each (their texts were seen before) and point at
        // fact numbers higher than the bytes left in the file.
        let facts = (0..<2_000).map { CardFact(id: "f\($0)", topic: "", tags: [], note: nil, citations: [], line: $0) }
        let cards = facts.indices.map {
            Card(id: CardID(rawValue: "\($0)"), fact: facts[$0], variant: "qa.flash", question: .flashcard(front: "a", back: "b"),
                 answer: "b", answerKind: nil)
        }
        let deck = CompiledDeck(deck: .init(id: "d", title: "D", description: nil, language: "en", authors: [], path: "d.facts"),
                                seed: 0, contentHash: "h", sources: [], cards: cards)
        let bytes = DeckCache.encode(deck, buildIdentity: "test")
        let decoded = try DeckCache.decode(bytes, expectedContentHash: "h", path: "d.facts", buildIdentity: "test")
        #expect(decoded == deck)
        #expect(decoded.cards.last?.fact.id == "f1999")
    }

    @Test func everyCutOrFlippedFileIsAMissNeverACrash() throws {
        let deck = try #require(try DeckLoader.load(path: deckPath, seed: 0).deck)
        let bytes = DeckCache.encode(deck, buildIdentity: "test")
        var generator = SeededGenerator(seed: 11)
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 300)) {
            #expect((try? DeckCache.decode(Array(bytes.prefix(length)), expectedContentHash: deck.contentHash, path: deckPath, buildIdentity: "test")) == nil)
        }
        for _ in 0..<300 {
            var damaged = bytes
            damaged[generator.uniform(below: damaged.count)] ^= UInt8(1 + generator.uniform(below: 255))
            // A flipped byte inside a string's text can still read back; it must never trap.
            _ = try? DeckCache.decode(damaged, expectedContentHash: deck.contentHash, path: deckPath, buildIdentity: "test")
        }
    }

    @Test func anUnchangedDeckComesFromTheCacheAndAnEditedOneIsCompiledAgain() throws {
        let first = try DeckLoader.load(path: deckPath, seed: 0, cache: cache)
        let compiled = try #require(first.deck)
        let entry = cache.file(forDeckAt: deckPath)
        #expect(FileManager.default.fileExists(atPath: entry), "a clean compile is kept")

        // Mark the cached copy so a hit can be told from a compile.
        var marked = compiled
        marked.cards[0].answer = "from the cache"
        try Data(DeckCache.encode(marked, buildIdentity: "test")).write(to: URL(fileURLWithPath: entry))
        #expect(try DeckLoader.load(path: deckPath, seed: 0, cache: cache).deck?.cards[0].answer == "from the cache")
        #expect(try DeckLoader.load(path: deckPath, seed: 1, cache: cache).deck?.cards[0].answer == compiled.cards[0].answer,
                "another seed is another deck")

        // Editing the file (one byte is enough) makes the entry stale.
        let handle = try #require(FileHandle(forWritingAtPath: deckPath))
        handle.seekToEndOfFile()
        handle.write(Data("\n".utf8))
        try handle.close()
        let edited = try #require(try DeckLoader.load(path: deckPath, seed: 0, cache: cache).deck)
        #expect(edited.cards[0].answer == compiled.cards[0].answer)
        #expect(edited.contentHash != compiled.contentHash)
        #expect(try DeckLoader.load(path: deckPath, seed: 0, cache: cache).deck == edited, "and the fresh compile is kept")
    }

    @Test func aDamagedOrUnwritableCacheOnlyCostsACompile() throws {
        let expected = try #require(try DeckLoader.load(path: deckPath, seed: 0).deck)
        _ = try DeckLoader.load(path: deckPath, seed: 0, cache: cache)
        let entry = cache.file(forDeckAt: deckPath)
        try Data("not a cache".utf8).write(to: URL(fileURLWithPath: entry))
        #expect(try DeckLoader.load(path: deckPath, seed: 0, cache: cache).deck == expected)
        #expect(try DeckCache.decode([UInt8](Data(contentsOf: URL(fileURLWithPath: entry))), expectedContentHash: expected.contentHash,
                                     path: deckPath, buildIdentity: "test") == expected, "the damaged entry was replaced")

        let unwritable = DeckCache(directory: "/proc/recall-cannot-write-here", buildIdentity: "test")
        #expect(try DeckLoader.load(path: deckPath, seed: 0, cache: unwritable).deck == expected)
    }

    @Test func decksWithErrorsAreNeverCached() throws {
        try Data("deck: broken\ntitle: Broken\n\nQ: no answer\n".utf8).write(to: URL(fileURLWithPath: deckPath))
        let loaded = try DeckLoader.load(path: deckPath, seed: 0, cache: cache)
        #expect(loaded.deck == nil && loaded.errorCount > 0)
        #expect(!FileManager.default.fileExists(atPath: cache.file(forDeckAt: deckPath)))
    }
}

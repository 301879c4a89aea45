import Foundation

/// Compiled decks kept between runs, so `recall study` and `quiz` compile a deck only when its
/// text (or the seed, or recall itself) changed.
///
/// One file per deck path, `<cache>/decks/<hash of the path>.deck`, holding the content hash it
/// was compiled from. A file whose hash differs, or that cannot be read back whole, is simply
/// a miss: the deck is compiled again and the file replaced. Nothing in it is precious.
///
///     let cache = DeckCache(directory: paths.cache)
///     let loaded = try DeckLoader.load(path: "Decks/great-purge.facts", seed: 0, cache: cache)
///
/// The cache is a compact binary form, not the deck JSON: reading it back is several times
/// faster than compiling, where reading the JSON would be slower than compiling.
public struct DeckCache: Sendable {
    /// Bumped whenever the binary layout changes; older files become misses.
    static let formatVersion: UInt32 = 2
    static let magic = Array("recall-deck-cache\n".utf8)

    public let directory: String
    /// Which build of recall compiled an entry: the content hash already covers the version,
    /// but a rebuilt compiler of the same version may word its cards differently.
    public let buildIdentity: String

    public init(directory: String, buildIdentity: String = DeckCache.runningBuildIdentity) {
        self.directory = directory
        self.buildIdentity = buildIdentity
    }

    /// The running executable's version, size and modification time: any rebuild or upgrade
    /// changes it, so a stale compile is never reused.
    public static let runningBuildIdentity: String = {
        var status = stat()
        guard stat("/proc/self/exe", &status) == 0 else { return RecallVersion.current }
        return "\(RecallVersion.current) \(status.st_size) \(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
    }()

    /// Where the compiled form of the deck at `path` is kept.
    public func file(forDeckAt path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return "\(directory)/decks/\(StableHash.of([(absolute as NSString).standardizingPath]).hex).deck"
    }

    /// The cached deck for `path` if it was compiled from exactly this content hash.
    public func deck(forDeckAt path: String, contentHash: String) -> CompiledDeck? {
        guard let data = FileManager.default.contents(atPath: file(forDeckAt: path)) else { return nil }
        return try? Self.decode(data, expectedContentHash: contentHash, path: path, buildIdentity: buildIdentity)
    }

    /// Keeps `deck` for next time. Best effort: a read-only or full disk only costs a compile.
    public func store(_ deck: CompiledDeck, forDeckAt path: String) {
        let target = file(forDeckAt: path)
        try? FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        // A cache entry torn by a crash fails to decode and is compiled again.
        try? AtomicFile.write(to: target, durability: .rebuildable) { sink in
            var writer = DeckCacheWriter()
            writer.write(deck, buildIdentity: buildIdentity, chunk: { sink.append($0) })
        }
    }

    static func encode(_ deck: CompiledDeck, buildIdentity: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var writer = DeckCacheWriter()
        writer.write(deck, buildIdentity: buildIdentity, chunk: { bytes += $0 })
        return bytes
    }

    /// Reads a cache entry in place (a file's `Data` or a test's bytes), without copying it.
    static func decode(_ bytes: some ContiguousBytes, expectedContentHash: String, path: String,
                       buildIdentity: String) throws(DeckCacheReader.Malformed) -> CompiledDeck {
        try bytes.withUnsafeBytes { raw -> Result<CompiledDeck, DeckCacheReader.Malformed> in
            var reader = DeckCacheReader(raw.bindMemory(to: UInt8.self))
            return Result { () throws(DeckCacheReader.Malformed) in
                try reader.readDeck(expectedContentHash: expectedContentHash, path: path, buildIdentity: buildIdentity)
            }
        }.get()
    }
}

/// Appends a deck's binary cache form: unsigned LEB128 integers and strings. A string's first
/// appearance is written out (0, its length, its UTF-8) and later ones as its number (n + 1),
/// so the many texts a fact's cards share (prompt, note, topic, tags, sources) are stored once
/// and read back as one shared string, as the compiler made them.
struct DeckCacheWriter {
    private var bytes: [UInt8] = []
    /// Short strings by content (they are stored inline, so hashing them is cheap).
    private var seenShort: [String: UInt64] = [:]
    /// Longer strings by the address of their storage: the compiler shares one storage among
    /// the cards that show the same text, and hashing an address is much cheaper than hashing
    /// a long prompt. Equal texts with separate storage are just written twice.
    private var seenStorage: [UnsafeRawPointer: UInt64] = [:]
    private var stringCount: UInt64 = 0

    mutating func write(_ deck: CompiledDeck, buildIdentity: String, chunk: (borrowing [UInt8]) -> Void) {
        bytes.reserveCapacity(1 << 20)
        bytes += DeckCache.magic
        integer(UInt64(DeckCache.formatVersion))
        string(buildIdentity)
        string(deck.contentHash)
        string(deck.deck.path)
        integer(deck.seed)
        integer(UInt64(deck.schemaVersion))
        string(deck.deck.id); string(deck.deck.title); optional(deck.deck.description)
        string(deck.deck.language); strings(deck.deck.authors)
        integer(UInt64(deck.sources.count))
        for source in deck.sources {
            string(source.key); string(source.title)
            optional(source.author); optional(source.date); optional(source.url); optional(source.file)
        }
        // What a fact's cards share, once, then the cards by fact number (as the JSON does).
        let (facts, numbers) = deck.factNumbering()
        integer(UInt64(facts.count))
        for fact in facts {
            write(fact)
            flushIfFull(chunk)
        }
        integer(UInt64(deck.cards.count))
        for index in deck.cards.indices {
            write(deck.cards[index], fact: numbers[index])
            flushIfFull(chunk)
        }
        // The end marker tells a whole file from one cut short.
        bytes += DeckCache.magic
        chunk(bytes)
        bytes.removeAll()
    }

    private mutating func flushIfFull(_ chunk: (borrowing [UInt8]) -> Void) {
        if bytes.count >= 1 << 20 {
            chunk(bytes)
            bytes.removeAll(keepingCapacity: true)
        }
    }

    private mutating func write(_ fact: CardFact) {
        string(fact.id); string(fact.topic); strings(fact.tags); optional(fact.note)
        integer(UInt64(fact.citations.count))
        for citation in fact.citations {
            string(citation.key); optional(citation.title); optional(citation.location); optional(citation.evidence)
        }
        integer(UInt64(bitPattern: Int64(fact.line)))
    }

    private mutating func write(_ card: Card, fact: Int) {
        string(card.id.rawValue); integer(UInt64(fact)); string(card.variant)
        string(card.answer); optional(card.answerKind)
        switch card.question {
        case .typed(let prompt, let expected):
            integer(0); string(prompt); write(expected)
        case .flashcard(let front, let back):
            integer(1); string(front); string(back)
        case .choice(let prompt, let options, let correct):
            integer(2); string(prompt); strings(options); integer(UInt64(correct))
        case .truefalse(let prompt, let proposed, let isTrue):
            integer(3); string(prompt); string(proposed); integer(isTrue ? 1 : 0)
        case .chronology(let prompt, let events, let order):
            integer(4); string(prompt); strings(events)
            integer(UInt64(order.count))
            for index in order { integer(UInt64(index)) }
        }
    }

    private mutating func write(_ expected: ExpectedAnswer) {
        switch expected {
        case .text(let canonical, let aliases, let kind):
            integer(0); string(canonical); strings(aliases); string(kind.rawValue)
        case .number(let spec, let unit):
            integer(1)
            switch spec {
            case .exact(let value): integer(0); number(value)
            case .approximately(let value, .absolute(let amount)): integer(1); number(value); number(amount)
            case .approximately(let value, .percent(let percent)): integer(2); number(value); number(percent)
            case .range(let low, let high): integer(3); number(low); number(high)
            }
            optional(unit)
        case .date(let date):
            integer(2); string(date.isoText)
        case .list(let items, let ordered):
            integer(3)
            integer(UInt64(items.count))
            for item in items {
                string(item.canonical); strings(item.aliases); string(item.kind.rawValue)
            }
            integer(ordered ? 1 : 0)
        }
    }

    private mutating func integer(_ value: UInt64) {
        var remaining = value
        while remaining >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: remaining) | 0x80)
            remaining >>= 7
        }
        bytes.append(UInt8(remaining))
    }

    private mutating func number(_ value: Double) {
        integer(value.bitPattern)
    }

    private mutating func string(_ value: String) {
        let utf8 = value.utf8
        if utf8.count <= 15 {
            if let number = seenShort[value] { return integer(number + 1) }
            seenShort[value] = stringCount
        } else if let storage = utf8.withContiguousStorageIfAvailable({ UnsafeRawPointer($0.baseAddress!) }) {
            // A string this long is never stored inline, so the address is its storage's, and the
            // deck keeps that storage alive for the whole write.
            if let number = seenStorage[storage] { return integer(number + 1) }
            seenStorage[storage] = stringCount
        }
        stringCount += 1
        integer(0)
        integer(UInt64(utf8.count))
        bytes += utf8
    }

    private mutating func optional(_ value: String?) {
        if let value {
            integer(1)
            string(value)
        } else {
            integer(0)
        }
    }

    private mutating func strings(_ values: [String]) {
        integer(UInt64(values.count))
        for value in values { string(value) }
    }
}

/// Reads what ``DeckCacheWriter`` wrote, checking every length against the bytes left.
struct DeckCacheReader {
    /// The file is not a whole cache entry of this version for this deck: treat it as a miss.
    struct Malformed: Error {}

    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0
    /// Every string read so far, by number.
    private var seen: [String] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func readDeck(expectedContentHash: String, path: String, buildIdentity: String) throws(Malformed) -> CompiledDeck {
        try expectMagic()
        guard try integer() == UInt64(DeckCache.formatVersion), try string() == buildIdentity,
              try string() == expectedContentHash, try string() == path
        else { throw Malformed() }
        let seed = try integer()
        guard try integer() == UInt64(CompiledDeck.schemaVersion) else { throw Malformed() }
        let info = CompiledDeck.DeckInfo(id: try string(), title: try string(), description: try optional(),
                                         language: try string(), authors: try strings(), path: path)
        var sources: [CompiledDeck.SourceInfo] = []
        for _ in 0..<(try count()) {
            sources.append(.init(key: try string(), title: try string(), author: try optional(), date: try optional(),
                                 url: try optional(), file: try optional()))
        }
        var facts: [CardFact] = []
        let factCount = try count()
        facts.reserveCapacity(factCount)
        for _ in 0..<factCount { facts.append(try fact()) }
        let cardCount = try count()
        var cards: [Card] = []
        cards.reserveCapacity(cardCount)
        for _ in 0..<cardCount { cards.append(try card(facts: facts)) }
        try expectMagic()
        guard offset == bytes.count else { throw Malformed() }
        return CompiledDeck(deck: info, seed: seed, contentHash: expectedContentHash, sources: sources, cards: cards)
    }

    private mutating func fact() throws(Malformed) -> CardFact {
        let id = try string(), topic = try string(), tags = try strings(), note = try optional()
        var citations: [CardCitation] = []
        for _ in 0..<(try count()) {
            citations.append(CardCitation(key: try string(), title: try optional(), location: try optional(), evidence: try optional()))
        }
        let line = Int(Int64(bitPattern: try integer()))
        return CardFact(id: id, topic: topic, tags: tags, note: note, citations: citations, line: line)
    }

    private mutating func card(facts: [CardFact]) throws(Malformed) -> Card {
        let id = CardID(rawValue: try string())
        // Checked against the facts read, not the bytes left: the last cards of a big deck point
        // at fact numbers far above what remains of the file.
        let factNumber = try integer()
        guard factNumber < UInt64(facts.count) else { throw Malformed() }
        let variant = try string(), answer = try string(), answerKind = try optional()
        let question: CardQuestion
        switch try integer() {
        case 0: question = .typed(prompt: try string(), expected: try expected())
        case 1: question = .flashcard(front: try string(), back: try string())
        case 2: question = .choice(prompt: try string(), options: try strings(), correct: try count())
        case 3: question = .truefalse(prompt: try string(), proposed: try string(), isTrue: try integer() == 1)
        case 4:
            let prompt = try string(), events = try strings()
            var order: [Int] = []
            for _ in 0..<(try count()) { order.append(try count()) }
            question = .chronology(prompt: prompt, events: events, order: order)
        default: throw Malformed()
        }
        return Card(id: id, fact: facts[Int(factNumber)], variant: variant, question: question, answer: answer, answerKind: answerKind)
    }

    private mutating func expected() throws(Malformed) -> ExpectedAnswer {
        switch try integer() {
        case 0:
            return .text(canonical: try string(), aliases: try strings(), kind: AnswerKind(identifier: try string()))
        case 1:
            let spec: NumberSpec
            switch try integer() {
            case 0: spec = .exact(try number())
            case 1: spec = .approximately(try number(), tolerance: .absolute(try number()))
            case 2: spec = .approximately(try number(), tolerance: .percent(try number()))
            case 3: spec = .range(low: try number(), high: try number())
            default: throw Malformed()
            }
            return .number(spec, unit: try optional())
        case 2:
            guard let date = try? HistoricalDate.parse(try string()) else { throw Malformed() }
            return .date(date)
        case 3:
            var items: [ListItem] = []
            for _ in 0..<(try count()) {
                items.append(ListItem(canonical: try string(), aliases: try strings(), kind: AnswerKind(identifier: try string())))
            }
            return .list(items: items, ordered: try integer() == 1)
        default:
            throw Malformed()
        }
    }

    private mutating func expectMagic() throws(Malformed) {
        let magic = DeckCache.magic
        guard bytes.count - offset >= magic.count, bytes[offset..<(offset + magic.count)].elementsEqual(magic) else { throw Malformed() }
        offset += magic.count
    }

    private mutating func integer() throws(Malformed) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        throw Malformed()
    }

    /// A count or index: it can never exceed the bytes left, which also keeps a corrupt file
    /// from asking for a huge allocation.
    private mutating func count() throws(Malformed) -> Int {
        let value = try integer()
        guard value <= UInt64(bytes.count - offset) + 64 else { throw Malformed() }
        return Int(value)
    }

    private mutating func number() throws(Malformed) -> Double {
        Double(bitPattern: try integer())
    }

    private mutating func string() throws(Malformed) -> String {
        let reference = try integer()
        guard reference == 0 else {
            guard reference <= UInt64(seen.count) else { throw Malformed() }
            return seen[Int(reference - 1)]
        }
        let length = try integer()
        guard length <= UInt64(bytes.count - offset) else { throw Malformed() }
        let end = offset + Int(length)
        // The writer only wrote valid UTF-8; anything else means the file is not ours.
        guard let text = String(validating: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self) else { throw Malformed() }
        offset = end
        seen.append(text)
        return text
    }

    private mutating func optional() throws(Malformed) -> String? {
        switch try integer() {
        case 0: return nil
        case 1: return try string()
        default: throw Malformed()
        }
    }

    private mutating func strings() throws(Malformed) -> [String] {
        let count = try count()
        var values: [String] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try string()) }
        return values
    }
}

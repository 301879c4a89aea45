/// Writes a ``CompiledDeck`` as its canonical JSON, streaming it in chunks so a deck of a
/// hundred thousand facts never sits in memory twice.
///
/// The JSON is compact with sorted keys, and each card, fact and source starts a line of its
/// own, so the file reads and diffs a card at a time. Without its line breaks the bytes are
/// exactly what `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]` gives for the
/// deck's `Codable` form (a test holds the two together); writing by hand is many times faster.
///
///     var json: [UInt8] = []
///     deck.writeJSON { json += $0 }
extension CompiledDeck {
    /// Calls `emit` with successive chunks of the JSON, each at most about `chunkSize` bytes.
    /// Cards and facts are written in batches on `parallel`'s threads and emitted in order, so
    /// the bytes are the same for any number of threads. A chunk is only valid during the call.
    public func writeJSON<Failure: Error>(chunkSize: Int = 1 << 20, parallel: ParallelSlices = ParallelSlices(),
                                          _ emit: (UnsafeRawBufferPointer) throws(Failure) -> Void) throws(Failure) {
        let stream = DeckJSONStream(chunkSize: chunkSize, parallel: parallel)
        try stream.begin(emit)
        try stream.write(cards, emit)
        try stream.finish(self, emit)
    }
}

/// The deck JSON written while the cards are still being made: `recall compile -o` has the
/// compiler's slices write each fact's cards as they are made (``append(_:_:)``), or hands
/// windows of cards to ``write(_:_:)``, so a big deck's cards are never all in memory. The
/// bytes are those of ``CompiledDeck/writeJSON(chunkSize:parallel:_:)`` for the same cards,
/// however they are split.
///
///     let stream = DeckJSONStream()
///     try stream.begin(emit)
///     for window in windows { try stream.write(window, emit) }
///     try stream.finish(deckWithoutCards, emit)
public final class DeckJSONStream {
    let chunkSize: Int
    let parallel: ParallelSlices
    private var writer = DeckJSONWriter()
    private var batchWriters: [DeckJSONWriter]
    /// Facts of cards handed over in windows, numbered after those appended as lines.
    private var numbering = FactNumbering()
    private var cardsWritten = 0
    /// The facts of cards appended as lines, written with their cards and held, in order,
    /// until the facts list comes after the last card.
    private var heldFactLines: [JSONBytes] = []
    private var factsAppended = 0

    public init(chunkSize: Int = 1 << 20, parallel: ParallelSlices = ParallelSlices()) {
        self.chunkSize = chunkSize
        self.parallel = parallel
        batchWriters = (0..<parallel.workers).map { _ in DeckJSONWriter() }
    }

    deinit {
        BackgroundRelease.deallocate([writer.bytes] + batchWriters.map(\.bytes) + heldFactLines)
    }

    /// The document's opening, up to the first card.
    public func begin<Failure: Error>(_ emit: (UnsafeRawBufferPointer) throws(Failure) -> Void) throws(Failure) {
        writer.beginObject()
        writer.key("cards")
        writer.beginArray()
        try writer.bytes.emit(emit)
    }

    /// The next cards, in deck order, as lines written apart; their facts are numbered from
    /// ``nextFactNumber`` and are held for the facts list. Empties `lines`.
    func append<Failure: Error>(_ lines: inout CardLines, _ emit: (UnsafeRawBufferPointer) throws(Failure) -> Void) throws(Failure) {
        precondition(numbering.facts.isEmpty, "cards in lines come before cards in windows")
        // Each line starts with its separator; the document's first card has none.
        try lines.cards.bytes.emit(droppingFirst: cardsWritten == 0 && lines.cardCount > 0, emit)
        cardsWritten += lines.cardCount
        if lines.factCount > 0 {
            heldFactLines.append(lines.facts.bytes)
            lines.facts.bytes = JSONBytes()
            factsAppended += lines.factCount
        }
        lines.cardCount = 0
        lines.factCount = 0
    }

    /// The number the next new fact gets.
    var nextFactNumber: Int { factsAppended + numbering.facts.count }

    /// The next cards, in deck order.
    public func write<Failure: Error>(_ cards: [Card], _ emit: (UnsafeRawBufferPointer) throws(Failure) -> Void) throws(Failure) {
        // Through buffers: an array's subscript copied each card, retaining every string in it.
        try cards.withUnsafeBufferPointer { cards throws(Failure) in
            let numbers = cards.indices.map { factsAppended + numbering.number(of: cards[$0].fact) }
            // About 300 bytes of JSON a card.
            try writeLines(count: cards.count, after: cardsWritten, batch: max(1, chunkSize / 300), emit) { writer, index in
                writer.write(cards[index], fact: numbers[index])
            }
        }
        cardsWritten += cards.count
    }

    /// Everything after the cards: the deck's details (its `cards` are not read), its facts
    /// and its sources.
    public func finish<Failure: Error>(_ deck: CompiledDeck, _ emit: (UnsafeRawBufferPointer) throws(Failure) -> Void) throws(Failure) {
        writer.endArray(onNewLine: cardsWritten > 0)
        writer.key("contentHash"); writer.string(deck.contentHash)
        writer.key("deck"); writer.write(deck.deck)
        writer.key("facts")
        writer.beginArray()
        try writer.bytes.emit(emit)
        for index in heldFactLines.indices {
            try heldFactLines[index].emit(droppingFirst: index == 0, emit)
        }
        BackgroundRelease.deallocate(heldFactLines)
        heldFactLines = []
        let facts = numbering.facts
        try facts.withUnsafeBufferPointer { facts throws(Failure) in
            // About 200 bytes of JSON a fact.
            try writeLines(count: facts.count, after: factsAppended, batch: max(1, chunkSize / 200), emit) { writer, index in
                writer.write(facts[index])
            }
        }
        writer.endArray(onNewLine: factsAppended + facts.count > 0)
        writer.key("schema"); writer.string(deck.schema)
        writer.key("schemaVersion"); writer.integer(deck.schemaVersion)
        writer.key("seed"); writer.integer(deck.seed)
        writer.key("sources")
        writer.beginArray()
        for source in deck.sources {
            writer.element(onNewLine: true)
            writer.write(source)
        }
        writer.endArray(onNewLine: !deck.sources.isEmpty)
        writer.endObject()
        writer.bytes.append(0x0A)
        try writer.bytes.emit(emit)
    }

    /// Writes `count` elements of a top-level array that already has `earlier` elements, one
    /// a line, in batches of `batch` on `parallel`'s threads, and emits the batches in order.
    private func writeLines<Failure: Error>(count: Int, after earlier: Int, batch: Int,
                                            _ emit: (UnsafeRawBufferPointer) throws(Failure) -> Void,
                                            element: (inout DeckJSONWriter, Int) -> Void) throws(Failure) {
        let parallel = self.parallel
        var start = 0
        while start < count {
            let window = min(count - start, batch * parallel.workers)
            let windowStart = start
            batchWriters.withUnsafeMutableBufferPointer { writers in
                _ = parallel.map(count: window, slices: min(parallel.workers, (window + batch - 1) / batch)) { slot, range in
                    writers[slot].continueArray(atDepth: 2, hasElements: earlier + windowStart + range.lowerBound > 0)
                    for index in (windowStart + range.lowerBound)..<(windowStart + range.upperBound) {
                        writers[slot].element(onNewLine: true)
                        element(&writers[slot], index)
                    }
                }
            }
            for index in batchWriters.indices where batchWriters[index].bytes.count > 0 {
                try batchWriters[index].bytes.emit(emit)
            }
            start += window
        }
    }
}

/// Cards and their facts written as JSON lines by one of the compiler's slices, for
/// ``DeckJSONStream/append(_:_:)``: each line starts with its `,` so that slices written at
/// once join in order. The owner frees it (``deallocate()``).
struct CardLines {
    var cards = DeckJSONWriter()
    var facts = DeckJSONWriter()
    var cardCount = 0
    var factCount = 0

    init() {
        cards.continueArray(atDepth: 2, hasElements: true)
        facts.continueArray(atDepth: 2, hasElements: true)
    }

    /// One card of the fact that the stream numbers `number`, written from its parts.
    mutating func addCard(id: StableHash, answer: String, answerKind: String?, fact number: Int, question: CardQuestion, variant: String) {
        cards.element(onNewLine: true)
        cards.writeCard(id: id, answer: answer, answerKind: answerKind, fact: number, question: question, variant: variant)
        cardCount += 1
    }

    /// The fact whose cards were just added, written from its parts: no ``CardFact`` is made.
    mutating func addFact(id: String, line: Int, note: String?, tags: [String], topic: String, citations: [CardCitation]) {
        facts.element(onNewLine: true)
        facts.writeFact(id: id, line: line, note: note, tags: tags, topic: topic, citations: citations)
        factCount += 1
    }

    /// Cards already made, each with its fact numbered from `firstNumber` in the order of
    /// its first card, then those facts: the deck's chronology cards, which have facts of
    /// their own.
    mutating func add(_ made: [Card], numberingFactsFrom firstNumber: Int) {
        var numbering = FactNumbering(expectedCards: made.count)
        made.withUnsafeBufferPointer { made in
            for index in made.indices {
                cards.element(onNewLine: true)
                cards.write(made[index], fact: firstNumber + numbering.number(of: made[index].fact))
            }
        }
        cardCount += made.count
        for fact in numbering.facts {
            facts.element(onNewLine: true)
            facts.write(fact)
        }
        factCount += numbering.facts.count
    }

    mutating func deallocate() {
        cards.bytes.deallocate()
        facts.bytes.deallocate()
    }
}

/// Numbers a deck's facts in the order of their first card, as the JSON and the deck cache
/// list them. Facts are told apart by identity: every fact numbered is kept, so no other
/// fact can take its address. A fact's cards are next to each other, so most cards only
/// compare with the card before.
struct FactNumbering {
    private(set) var facts: [CardFact] = []
    private var numbers: [ObjectIdentifier: Int] = [:]
    private var last: (identity: ObjectIdentifier, number: Int)?

    init(expectedCards: Int = 0) {
        numbers.reserveCapacity(expectedCards / 3)  // a compiled fact has three or four cards
    }

    mutating func number(of fact: CardFact) -> Int {
        let identity = ObjectIdentifier(fact)
        if let last, last.identity == identity { return last.number }
        let number: Int
        if let known = numbers[identity] {
            number = known
        } else {
            number = facts.count
            numbers[identity] = number
            facts.append(fact)
        }
        last = (identity, number)
        return number
    }
}

extension BackgroundRelease {
    /// Frees byte buffers on another thread. Freeing a big one makes glibc first merge every
    /// small chunk freed since (`malloc_consolidate`): 40 ms on the writing thread at the end
    /// of a 100,000-fact compile.
    static func deallocate(_ buffers: consuming [JSONBytes]) {
        release(BufferOwner(buffers: buffers))
    }

    private final class BufferOwner {
        var buffers: [JSONBytes]
        init(buffers: consuming [JSONBytes]) { self.buffers = buffers }
        deinit { for index in buffers.indices { buffers[index].deallocate() } }
    }
}

/// A growable byte buffer for the JSON writer, freed by its owner (`deallocate`).
///
/// `[UInt8].append(contentsOf:)` checks uniqueness and capacity and goes through the generic
/// sequence path at every call; a card's JSON is some sixty small appends (keys, indentation,
/// values), and that overhead was a third of the writing time.
struct JSONBytes {
    private var base: UnsafeMutablePointer<UInt8>? = nil
    private(set) var count = 0
    private var capacity = 0

    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base![count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        if capacity - count < bytes.count { grow(to: count + bytes.count) }
        (base! + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    mutating func append(_ byte: UInt8, _ other: UInt8) {
        if capacity - count < 2 { grow(to: count + 2) }
        base![count] = byte
        base![count + 1] = other
        count += 2
    }

    /// `"text"`, for text that needs no escape.
    mutating func appendQuoted(_ text: UnsafeBufferPointer<UInt8>) {
        let length = text.count + 2
        if capacity - count < length { grow(to: count + length) }
        let next = base! + count
        next.initialize(to: UInt8(ascii: "\""))
        if text.count > 0 { (next + 1).initialize(from: text.baseAddress!, count: text.count) }
        (next + 1 + text.count).initialize(to: UInt8(ascii: "\""))
        count += length
    }

    /// Makes room for `capacity` bytes in all.
    mutating func reserve(_ capacity: Int) {
        if capacity > self.capacity { grow(to: capacity) }
    }

    mutating func append(repeating byte: UInt8, count extra: Int) {
        if capacity - count < extra { grow(to: count + extra) }
        (base! + count).initialize(repeating: byte, count: extra)
        count += extra
    }

    /// Hands the bytes so far to `emit` and starts again, keeping the memory.
    mutating func emit<Failure: Error>(droppingFirst: Bool = false, _ emit: (UnsafeRawBufferPointer) throws(Failure) -> Void) throws(Failure) {
        defer { count = 0 }
        let skip = droppingFirst && count > 0 ? 1 : 0
        try emit(UnsafeRawBufferPointer(start: base.map { $0 + skip }, count: count - skip))
    }

    mutating func deallocate() {
        base?.deallocate()
        base = nil
        count = 0
        capacity = 0
    }

    private mutating func grow(to needed: Int) {
        let newCapacity = Swift.max(needed, Swift.max(4_096, capacity * 2))
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        if let base {
            grown.moveInitialize(from: base, count: count)
            base.deallocate()
        }
        base = grown
        capacity = newCapacity
    }
}

/// A compact JSON writer over a byte buffer. Keys are written in the order given: callers
/// list them sorted, as `JSONEncoder.OutputFormatting.sortedKeys` would.
struct DeckJSONWriter {
    /// The owner frees it (`bytes.deallocate()`) when done.
    var bytes = JSONBytes()
    /// How many containers are open.
    private var depth = 0
    /// Bit `d`: whether the container open at depth `d + 1` has had a member yet. Bits, not an
    /// array of flags: this is asked for every key of every card.
    private var hasMembers: UInt64 = 0

    /// Carries on inside an array `depth` containers deep (each outer one already has a
    /// member), as if the elements before had been written here: how batches written
    /// apart join into one document.
    mutating func continueArray(atDepth depth: Int, hasElements: Bool) {
        self.depth = depth
        hasMembers = (1 << UInt64(depth - 1)) - 1 | (hasElements ? 1 << UInt64(depth - 1) : 0)
    }

    mutating func beginObject() {
        bytes.append(UInt8(ascii: "{"))
        open()
    }

    mutating func endObject() {
        depth -= 1
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func beginArray() {
        bytes.append(UInt8(ascii: "["))
        open()
    }

    private mutating func open() {
        precondition(depth < 64, "deck JSON nests a few levels deep")
        hasMembers &= ~(1 << UInt64(depth))
        depth += 1
    }

    /// Closes an array, on a line of its own after elements written one a line.
    mutating func endArray(onNewLine: Bool = false) {
        depth -= 1
        if onNewLine { bytes.append(0x0A) }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Starts an object member: `,` if needed, then `"name":`. The objects written for every
    /// card write their keys as literals instead (see ``raw(_:)``).
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append($0) }
        bytes.append(UInt8(ascii: "\""), UInt8(ascii: ":"))
    }

    /// Starts an array element, on a new line for the deck's top-level lists.
    mutating func element(onNewLine: Bool = false) {
        separate()
        if onNewLine { bytes.append(0x0A) }
    }

    private mutating func separate() {
        let bit: UInt64 = 1 << UInt64(depth - 1)
        if hasMembers & bit != 0 { bytes.append(UInt8(ascii: ",")) }
        hasMembers |= bit
    }

    mutating func string(_ value: String) {
        value.withUTF8Bytes { escaped($0) }
    }

    /// `utf8` as a JSON string: quoted, with quotes, backslashes and control characters escaped.
    private mutating func escaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        // Most strings need no escape: then it is one capacity check and one copy.
        guard var next = Self.firstNeedingEscape(in: utf8, from: 0) else { return bytes.appendQuoted(utf8) }
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        while true {
            bytes.append(UnsafeBufferPointer(rebasing: utf8[runStart..<next]))
            let byte = utf8[next]
            switch byte {
            case UInt8(ascii: "\""): bytes.append(0x5C, UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): bytes.append(0x5C, 0x5C)
            case 0x08: bytes.append(0x5C, UInt8(ascii: "b"))
            case 0x09: bytes.append(0x5C, UInt8(ascii: "t"))
            case 0x0A: bytes.append(0x5C, UInt8(ascii: "n"))
            case 0x0C: bytes.append(0x5C, UInt8(ascii: "f"))
            case 0x0D: bytes.append(0x5C, UInt8(ascii: "r"))
            default:
                let hex: StaticString = "0123456789abcdef"
                bytes.append(0x5C, UInt8(ascii: "u"))
                bytes.append(UInt8(ascii: "0"), UInt8(ascii: "0"))
                hex.withUTF8Buffer { bytes.append($0[Int(byte >> 4)], $0[Int(byte & 0x0F)]) }
            }
            runStart = next + 1
            guard let found = Self.firstNeedingEscape(in: utf8, from: runStart) else { break }
            next = found
        }
        bytes.append(UnsafeBufferPointer(rebasing: utf8[runStart...]))
        bytes.append(UInt8(ascii: "\""))
    }

    /// Where the first control character, `"` or `\\` of `utf8` at or after `start` is, if
    /// anywhere: eight bytes at a time while none is, as in almost all deck text. (Sixteen at
    /// a time through `SIMD16<UInt8>` took four times the instructions: the comparisons were
    /// not vectorised.)
    private static func firstNeedingEscape(in utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        while index < utf8.count {
            if utf8.count - index >= 8, !anyNeedsEscaping(UnsafeRawPointer(utf8.baseAddress! + index).loadUnaligned(as: UInt64.self)) {
                index += 8
                continue
            }
            let byte = utf8[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return index }
            index += 1
        }
        return nil
    }

    /// Whether any of the eight bytes in `word` is a control character, `"` or `\\`.
    private static func anyNeedsEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highBits: UInt64 = 0x8080_8080_8080_8080
        // A byte's high bit survives `byte - n` and `~byte` only if the byte was below n.
        func anyBelow(_ word: UInt64, _ bound: UInt64) -> Bool { (word &- ones &* bound) & ~word & highBits != 0 }
        return anyBelow(word, 0x20) || anyBelow(word ^ (ones &* 0x22), 1) || anyBelow(word ^ (ones &* 0x5C), 1)
    }

    /// Decimal digits, written in place: `String(value)` allocated a string for every index,
    /// line and count in the deck.
    mutating func integer(_ value: some BinaryInteger) {
        guard let small = Int64(exactly: value) else { return text(String(value)) }
        if small < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = small.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        withUnsafeMutableBytes(of: &digits) { buffer in
            var start = buffer.count
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(UnsafeBufferPointer(rebasing: buffer.bindMemory(to: UInt8.self)[start...]))
        }
    }

    private mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { bytes.append($0) }
    }

    /// A finite number as `JSONEncoder` writes it: Swift's shortest form, without a `.0`.
    mutating func number(_ value: Double) {
        precondition(value.isFinite, "compiled decks hold only finite numbers")
        if value == value.rounded(), abs(value) < 1e15 {
            // Whole numbers below 1e16 print as plain digits either way.
            text(value == 0 ? (value.sign == .minus ? "-0" : "0") : String(Int64(value)))
            return
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        self.text(text)
    }

    mutating func bool(_ value: Bool) {
        let text: StaticString = value ? "true" : "false"
        text.withUTF8Buffer { bytes.append($0) }
    }

    mutating func strings(_ values: [String]) {
        beginArray()
        // Through a buffer: iterating, or the array's subscript, retained each string.
        values.withUnsafeBufferPointer { values in
            for index in values.indices {
                element()
                string(values[index])
            }
        }
        endArray()
    }

    mutating func integers(_ values: [Int]) {
        beginArray()
        for value in values {
            element()
            integer(value)
        }
        endArray()
    }
}

// Each type's members in sorted key order, matching its `Codable` form. The objects written
// for every card (the card, its question and expected answer) have a fixed shape, so their
// keys and separators are written as literals, a few at a time: keys one by one were a
// quarter of the time spent writing a card.
extension DeckJSONWriter {
    /// Bytes written as they are: the fixed parts of an object whose members are known.
    /// Inlined, so each literal's length is a constant and its copy a few moves.
    @inline(__always)
    mutating func raw(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append($0) }
    }

    mutating func write(_ card: Card, fact: Int) {
        writeCard(answer: card.answer, answerKind: card.answerKind, fact: fact, question: card.question, variant: card.variant) {
            $0.string(card.id.rawValue)
        }
    }

    /// A card written from its parts, with no `Card` made: its id is that of `CardID(rawValue:
    /// id.hex)`, written from the hash's digits (which need no escaping).
    mutating func writeCard(id: StableHash, answer: String, answerKind: String?, fact: Int, question: CardQuestion, variant: String) {
        writeCard(answer: answer, answerKind: answerKind, fact: fact, question: question, variant: variant) { writer in
            id.withHexDigits { writer.bytes.appendQuoted($0) }
        }
    }

    @inline(__always)
    private mutating func writeCard(answer: String, answerKind: String?, fact: Int, question: CardQuestion, variant: String,
                                    id writeID: (inout DeckJSONWriter) -> Void) {
        raw("{\"answer\":"); string(answer)
        if let answerKind { raw(",\"answerKind\":"); string(answerKind) }
        raw(",\"fact\":"); integer(fact)
        raw(",\"id\":"); writeID(&self)
        raw(",\"question\":"); write(question)
        raw(",\"variant\":"); string(variant)
        raw("}")
    }

    mutating func write(_ fact: CardFact) {
        writeFact(id: fact.id, line: fact.line, note: fact.note, tags: fact.tags, topic: fact.topic, citations: fact.citations)
    }

    mutating func writeFact(id: String, line: Int, note: String?, tags: [String], topic: String, citations: [CardCitation]) {
        raw("{\"citations\":[")
        for index in citations.indices {
            let citation = citations[index]
            raw(index == 0 ? "{" : ",{")
            if let evidence = citation.evidence { raw("\"evidence\":"); string(evidence); raw(",") }
            raw("\"key\":"); string(citation.key)
            if let location = citation.location { raw(",\"location\":"); string(location) }
            if let title = citation.title { raw(",\"title\":"); string(title) }
            raw("}")
        }
        raw("],\"id\":"); string(id)
        raw(",\"line\":"); integer(line)
        if let note { raw(",\"note\":"); string(note) }
        raw(",\"tags\":"); strings(tags)
        raw(",\"topic\":"); string(topic)
        raw("}")
    }

    mutating func write(_ question: CardQuestion) {
        switch question {
        case .typed(let prompt, let expected):
            raw("{\"typed\":{\"expected\":"); write(expected)
            raw(",\"prompt\":"); string(prompt)
            raw("}}")
        case .flashcard(let front, let back):
            raw("{\"flashcard\":{\"back\":"); string(back)
            raw(",\"front\":"); string(front)
            raw("}}")
        case .choice(let prompt, let options, let correct):
            raw("{\"choice\":{\"correct\":"); integer(correct)
            raw(",\"options\":"); strings(options)
            raw(",\"prompt\":"); string(prompt)
            raw("}}")
        case .truefalse(let prompt, let proposed, let isTrue):
            raw(isTrue ? "{\"truefalse\":{\"isTrue\":true,\"prompt\":" : "{\"truefalse\":{\"isTrue\":false,\"prompt\":"); string(prompt)
            raw(",\"proposed\":"); string(proposed)
            raw("}}")
        case .chronology(let prompt, let events, let order):
            raw("{\"chronology\":{\"events\":"); strings(events)
            raw(",\"order\":"); integers(order)
            raw(",\"prompt\":"); string(prompt)
            raw("}}")
        }
    }

    mutating func write(_ expected: ExpectedAnswer) {
        switch expected {
        case .text(let canonical, let aliases, let kind):
            raw("{\"aliases\":"); strings(aliases)
            raw(",\"canonical\":"); string(canonical)
            raw(",\"kind\":"); string(kind.rawValue)
            raw(",\"type\":\"text\"}")
        case .number(let spec, let unit):
            raw("{\"spec\":"); write(spec)
            raw(",\"type\":\"number\"")
            if let unit { raw(",\"unit\":"); string(unit) }
            raw("}")
        case .date(let date):
            raw("{\"date\":"); string(date.isoText)
            raw(",\"type\":\"date\"}")
        case .list(let items, let ordered):
            raw("{\"items\":[")
            for index in items.indices {
                raw(index == 0 ? "{\"aliases\":" : ",{\"aliases\":"); strings(items[index].aliases)
                raw(",\"canonical\":"); string(items[index].canonical)
                raw(",\"kind\":"); string(items[index].kind.rawValue)
                raw("}")
            }
            raw(ordered ? "],\"ordered\":true,\"type\":\"list\"}" : "],\"ordered\":false,\"type\":\"list\"}")
        }
    }

    mutating func write(_ spec: NumberSpec) {
        beginObject()
        switch spec {
        case .exact(let value):
            key("exact"); number(value)
        case .approximately(let value, .absolute(let amount)):
            key("approximately"); number(value)
            key("plusOrMinus"); number(amount)
        case .approximately(let value, .percent(let percent)):
            key("approximately"); number(value)
            key("plusOrMinusPercent"); number(percent)
        case .range(let low, let high):
            key("high"); number(high)
            key("low"); number(low)
        }
        endObject()
    }

    mutating func write(_ deck: CompiledDeck.DeckInfo) {
        beginObject()
        key("authors"); strings(deck.authors)
        if let description = deck.description { key("description"); string(description) }
        key("id"); string(deck.id)
        key("language"); string(deck.language)
        key("path"); string(deck.path)
        key("title"); string(deck.title)
        endObject()
    }

    mutating func write(_ source: CompiledDeck.SourceInfo) {
        beginObject()
        if let author = source.author { key("author"); string(author) }
        if let date = source.date { key("date"); string(date) }
        if let file = source.file { key("file"); string(file) }
        key("key"); string(source.key)
        key("title"); string(source.title)
        if let url = source.url { key("url"); string(url) }
        endObject()
    }
}

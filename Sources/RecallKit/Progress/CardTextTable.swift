/// What each card asked when it was first reviewed (``CardText``), by card id, kept as UTF-8
/// bytes and made into Strings only when read.
///
/// Only a card's first answer (is there a text yet?) and re-linking after deck edits read
/// these. Opening a 100,000-card deck used to make three Strings per card for them and free
/// them all again at the end; now a snapshot's texts are copied in as one byte buffer.
public struct CardTextTable: Sendable {
    /// A text's three fields, as ranges of `bytes`.
    struct Stored: Hashable, Sendable {
        var variant: Range<Int32>
        var prompt: Range<Int32>
        var answer: Range<Int32>
    }

    private var table = CardTable<Stored>()
    private var bytes: [UInt8] = []

    public init() {}

    public var count: Int { table.count }
    public var isEmpty: Bool { table.isEmpty }

    public mutating func reserveCapacity(_ capacity: Int) {
        table.reserveCapacity(capacity)
    }

    public subscript(id: CardID) -> CardText? {
        get { table[id].map(text) }
        set {
            if let newValue { table[id] = store(newValue) } else { table[id] = nil }
        }
    }

    /// Whether a card has a text, without decoding it.
    public func contains(_ id: CardID) -> Bool { table[id] != nil }

    /// Adds a text whose id and fields are UTF-8 bytes (as a snapshot holds them).
    mutating func set(utf8 id: UnsafeBufferPointer<UInt8>, variant: UnsafeBufferPointer<UInt8>,
                      prompt: UnsafeBufferPointer<UInt8>, answer: UnsafeBufferPointer<UInt8>) {
        table.set(utf8: id, Stored(variant: append(variant), prompt: append(prompt), answer: append(answer)))
    }

    /// Starts from a buffer that already holds the texts' bytes (a snapshot's string table), so
    /// `set(utf8:stored:)` adds texts without copying them. Only on an empty table.
    mutating func adoptStorage(_ storage: [UInt8]) {
        precondition(table.isEmpty, "texts are already stored")
        bytes = storage
    }

    /// Adds a text whose fields are already in the adopted storage; its place in the index
    /// comes from `adoptIndex`.
    mutating func appendUnindexed(utf8 id: UnsafeBufferPointer<UInt8>, stored: Stored) {
        table.appendUnindexed(utf8: id, stored)
    }

    mutating func adoptIndex(_ index: [UInt64]) -> Bool { table.adoptIndex(index) }

    /// The same texts without removed entries or unused bytes: what a snapshot stores, with
    /// `storedIndex`.
    func compacted() -> CardTextTable {
        guard table.hasRemovedEntries else { return self }
        var texts = CardTextTable()
        forEachEntry { id, variant, prompt, answer in texts.set(utf8: id, variant: variant, prompt: prompt, answer: answer) }
        return texts
    }

    var storedIndex: [UInt64] { table.storedIndex }

    /// The texts whose id `include` accepts, judged by the id's bytes: only those are decoded.
    func texts(where include: (UnsafeBufferPointer<UInt8>) -> Bool) -> [(key: CardID, value: CardText)] {
        var found: [(key: CardID, value: CardText)] = []
        table.forEachEntry { _, id, stored in
            if include(id) { found.append((CardID(rawValue: String(decoding: id, as: UTF8.self)), text(stored))) }
        }
        return found
    }

    /// Each text's id and fields as bytes, for writers.
    func forEachEntry(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>,
                               UnsafeBufferPointer<UInt8>) -> Void) {
        bytes.withUnsafeBufferPointer { bytes in
            func field(_ range: Range<Int32>) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: bytes[Int(range.lowerBound)..<Int(range.upperBound)])
            }
            table.forEachEntry { _, id, stored in
                body(id, field(stored.variant), field(stored.prompt), field(stored.answer))
            }
        }
    }

    private func text(_ stored: Stored) -> CardText {
        bytes.withUnsafeBufferPointer { bytes in
            func field(_ range: Range<Int32>) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: bytes[Int(range.lowerBound)..<Int(range.upperBound)]), as: UTF8.self)
            }
            return CardText(variant: field(stored.variant), prompt: field(stored.prompt), answer: field(stored.answer))
        }
    }

    private mutating func store(_ text: CardText) -> Stored {
        var text = text
        return Stored(variant: text.variant.withUTF8 { append($0) }, prompt: text.prompt.withUTF8 { append($0) },
                      answer: text.answer.withUTF8 { append($0) })
    }

    private mutating func append(_ field: UnsafeBufferPointer<UInt8>) -> Range<Int32> {
        let start = Int32(bytes.count)
        bytes.append(contentsOf: field)
        return start..<Int32(bytes.count)
    }
}

extension CardTextTable: Sequence {
    public typealias Element = (key: CardID, value: CardText)

    public func makeIterator() -> AnyIterator<Element> {
        var entries = table.makeIterator()
        return AnyIterator { entries.next().map { ($0.key, text($0.value)) } }
    }

    public var underestimatedCount: Int { count }
}

extension CardTextTable: Hashable {
    public static func == (lhs: CardTextTable, rhs: CardTextTable) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.allSatisfy { rhs[$0.key] == $0.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
    }
}

extension CardTextTable: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (CardID, CardText)...) {
        self.init()
        for (id, text) in elements { self[id] = text }
    }
}

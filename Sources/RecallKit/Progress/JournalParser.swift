import Foundation

/// Splits journal bytes into lines, and each line into an event or a damaged line to set aside.
///
/// Two forms: `parse` makes a `JournalEvent` per line (merging and tests want whole events);
/// `records` makes a compact `JournalRecord` per line with card ids numbered and event ids
/// left in the bytes, which is what opening a deck replays: a million lines in well under a
/// second instead of ten.
enum JournalParser {
    struct Result {
        var events: [JournalEvent] = []
        var lines = Lines()
    }

    static func parse(_ bytes: [UInt8], from start: Int) -> Result {
        var result = Result()
        result.events.reserveCapacity((bytes.count - start) / 120)
        let lines = splitLines(bytes, from: start) { line, _ in
            guard let event = JournalEvent(jsonLine: line) else { return false }
            result.events.append(event)
            return true
        }
        result.lines = lines
        return result
    }

    /// The compact form of `bytes[start...]`, for `ProgressReplayer.replay(_:onto:keepLog:)`.
    static func records(_ bytes: [UInt8], from start: Int) -> ParsedJournal {
        var journal = ParsedJournal(bytes: bytes)
        journal.records.reserveCapacity((bytes.count - start) / 140)
        let lines = splitLines(bytes, from: start) { line, lineStart in
            guard let fields = JournalLineFields.scan(line), let type = fields.eventType(in: line), fields.isComplete(type),
                  let record = journal.record(type, fields, line: line, lineStart: lineStart)
            else { return false }
            journal.records.append(record)
            return true
        }
        journal.lines = lines
        return journal
    }

    /// How a journal's lines split: the damaged ones, and what to keep when they are set aside.
    struct Lines {
        var rejected: [ArraySlice<UInt8>] = []
        /// Byte ranges of the journal to keep (every line but the rejected ones).
        var keptRanges: [Range<Int>] = []
        var validLineCount = 0
        /// The only rejected line is the last, unterminated one: a torn write.
        var rejectedTail = false
    }

    /// Calls `accept` with every non-blank line after `start` (without its newline) and where it
    /// starts; a line it refuses, or an unterminated last line, is rejected.
    private static func splitLines(_ bytes: [UInt8], from start: Int,
                                   accept: (UnsafeBufferPointer<UInt8>, Int) -> Bool) -> Lines {
        var lines = Lines()
        if start > 0 { lines.keptRanges.append(0..<start) }
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var lineStart = start
            while lineStart < buffer.count {
                let newline = memchr(base + lineStart, 0x0A, buffer.count - lineStart)
                let end = newline.map { UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) - base } ?? buffer.count
                let terminated = newline != nil
                let line = UnsafeBufferPointer(rebasing: buffer[lineStart..<end])
                // Blank (spaces and CRs only)? An event line starts with `{`, so mostly one test.
                if line.first != UInt8(ascii: "{"), line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
                    if terminated { lines.keptRanges.append(lineStart..<(end + 1)) }
                } else if terminated, accept(line, lineStart) {
                    lines.validLineCount += 1
                    lines.keptRanges.append(lineStart..<(end + 1))
                } else {
                    lines.rejected.append(bytes[lineStart..<end])
                    lines.rejectedTail = !terminated
                }
                lineStart = end + 1
            }
        }
        if lines.rejected.count > 1 { lines.rejectedTail = false }
        return lines
    }

    /// Where the last line of `bytes` starts, if `bytes` ends with a newline.
    static func startOfLastLine(_ bytes: [UInt8]) -> Int {
        guard bytes.count >= 2 else { return 0 }
        var index = bytes.count - 2
        while index >= 0, bytes[index] != 0x0A { index -= 1 }
        return index + 1
    }
}

/// One journal event in the form replay needs: card ids as spellings of a `CardSlots`, the
/// event id left in the journal bytes (most ids are never looked at), strings only for card
/// texts.
struct JournalRecord {
    enum Kind: UInt8 { case review, undo, suspend, unsuspend, bury, relink, cardText }

    var kind: Kind
    var rating: Rating = .good
    /// Milliseconds since the epoch.
    var time: Int64
    /// Where the event id is: `idStart..<idStart+idLength` in the journal bytes, or, when
    /// `idStart` is negative, `ParsedJournal.decodedIDs[-idStart - 1]` (an id with escapes).
    var idStart: Int
    var idLength: Int32
    /// The card id's spelling in `ParsedJournal.cards` (for a relink, `from`).
    var card: Int32 = 0
    /// A relink's `to` spelling; a card text's index in `texts`; an undo's index in `undoTargets`.
    var other: Int32 = 0
    /// A review's duration in milliseconds; a bury's study day.
    var number: Int = 0
}

/// A parsed journal in compact form; the bytes are kept because records point into them.
struct ParsedJournal {
    let bytes: [UInt8]
    var records: [JournalRecord] = []
    var cards = CardSlots()
    var texts: [CardText] = []
    var undoTargets: [String] = []
    var decodedIDs: [String] = []
    var lines = JournalParser.Lines()

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    func eventID(_ record: JournalRecord) -> String {
        if record.idStart < 0 { return decodedIDs[-record.idStart - 1] }
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[record.idStart..<(record.idStart + Int(record.idLength))]), as: UTF8.self)
        }
    }

    /// Whether every undo in these records takes back an event also in them. A tail read after
    /// a snapshot must not undo what the snapshot already counted; if it would, replay all.
    var undoesOnlyItsOwnEvents: Bool {
        guard !undoTargets.isEmpty else { return true }
        let ids = Set(records.map(eventID))
        return undoTargets.allSatisfy(ids.contains)
    }

    fileprivate mutating func record(_ type: JournalLineFields.EventType, _ fields: JournalLineFields,
                                     line: UnsafeBufferPointer<UInt8>, lineStart: Int) -> JournalRecord? {
        guard case .string(let idStart, let idEnd, let idEscaped) = fields.id, let time = fields.integer(.time) else { return nil }
        var record: JournalRecord
        if idEscaped {
            guard let id = fields.string(.id, in: line) else { return nil }
            decodedIDs.append(id)
            record = JournalRecord(kind: .review, time: time, idStart: -decodedIDs.count, idLength: 0)
        } else {
            record = JournalRecord(kind: .review, time: time, idStart: lineStart + idStart, idLength: Int32(idEnd - idStart))
        }
        switch type {
        case .review:
            guard let card = slot(.card, fields, line), let grade = fields.integer(.grade),
                  let rating = Rating(rawValue: Int(grade)), let duration = fields.integer(.duration) else { return nil }
            record.card = card
            record.rating = rating
            record.number = Int(clamping: duration)
        case .undo:
            guard let target = fields.string(.target, in: line) else { return nil }
            record.kind = .undo
            undoTargets.append(target)
            record.other = Int32(undoTargets.count - 1)
        case .suspend, .unsuspend:
            guard let card = slot(.card, fields, line) else { return nil }
            record.kind = type == .suspend ? .suspend : .unsuspend
            record.card = card
        case .bury:
            guard let card = slot(.card, fields, line), let day = fields.integer(.untilDay) else { return nil }
            record.kind = .bury
            record.card = card
            record.number = Int(clamping: day)
        case .relink:
            guard let from = slot(.from, fields, line), let to = slot(.to, fields, line) else { return nil }
            record.kind = .relink
            record.card = from
            record.other = to
        case .card:
            guard let card = slot(.card, fields, line), let variant = fields.string(.variant, in: line),
                  let prompt = fields.string(.prompt, in: line), let answer = fields.string(.answer, in: line) else { return nil }
            record.kind = .cardText
            record.card = card
            texts.append(CardText(variant: variant, prompt: prompt, answer: answer))
            record.other = Int32(texts.count - 1)
        }
        return record
    }

    private mutating func slot(_ key: JournalLineFields.Key, _ fields: JournalLineFields, _ line: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard case .string(let start, let end, let escaped) = fields[key] else { return nil }
        if escaped {
            guard let text = fields.string(key, in: line) else { return nil }
            return cards.slot(for: CardID(rawValue: text))
        }
        return cards.slot(utf8: UnsafeBufferPointer(rebasing: line[start..<end]))
    }
}

/// Numbers the card ids of a journal so replay indexes arrays instead of hashing a String per
/// event, and computes each id's fuzz seed once.
///
/// Two numbers per id. A *spelling* is one exact byte sequence; it has the fuzz seed, which
/// `ProgressReplayer.fuzzSeed(for:)` computes from the bytes. A *card* is what a
/// `[CardID: CardProgress]` would make one key: Swift compares Strings by canonical
/// equivalence, so "é" and "e\u{301}" are two spellings of one card. ASCII spellings (all of
/// recall's own ids) are one card each until a non-ASCII id appears; from then on a
/// `[CardID: Int32]` decides, exactly as a dictionary of progress would.
///
/// Spellings are found by their bytes, hashed with the fuzz seed's FNV-1a (the seed is needed
/// anyway, and nothing here is persisted, so no Swift `Hasher` is involved either way).
struct CardSlots {
    /// Each spelling's id.
    private(set) var ids: [CardID] = []
    /// `ProgressReplayer.fuzzSeed(for:)` of each spelling.
    private(set) var seeds: [UInt64] = []
    /// The card each spelling belongs to.
    private(set) var cardOf: [Int32] = []
    /// Each card's id (its first spelling).
    private(set) var cardIDs: [CardID] = []
    private var spans: [Range<Int>] = []
    private var arena: [UInt8] = []
    /// Open addressing: spelling + 1, 0 for empty. A power of two, at most half full.
    private var table = [Int32](repeating: 0, count: 1024)
    private var byString: [CardID: Int32]?

    var count: Int { ids.count }
    var cardCount: Int { cardIDs.count }

    /// The FNV-1a of `StableHash.of([id])`: the length as 8 little-endian bytes, then the bytes.
    static func fuzzSeed(utf8 bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        var length = UInt64(bytes.count)
        for _ in 0..<8 {
            value = (value ^ (length & 0xFF)) &* 0x0000_0100_0000_01B3
            length >>= 8
        }
        for byte in bytes { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return value
    }

    private func tableIndex(_ seed: UInt64) -> Int {
        // FNV's low bits are weak; mix before masking.
        let mixed = (seed ^ (seed >> 31)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 20) & (table.count - 1)
    }

    /// The spelling of these bytes (valid UTF-8), added if new.
    mutating func slot(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let seed = Self.fuzzSeed(utf8: bytes)
        var index = tableIndex(seed)
        while table[index] != 0 {
            let candidate = Int(table[index] - 1)
            let span = spans[candidate]
            if seeds[candidate] == seed, span.count == bytes.count,
               arena.withUnsafeBufferPointer({ memcmp($0.baseAddress! + span.lowerBound, bytes.baseAddress!, bytes.count) == 0 }) {
                return Int32(candidate)
            }
            index = (index + 1) & (table.count - 1)
        }
        let id = CardID(rawValue: String(decoding: bytes, as: UTF8.self))
        let spelling = Int32(ids.count)
        ids.append(id)
        seeds.append(seed)
        let start = arena.count
        arena.append(contentsOf: bytes)
        spans.append(start..<arena.count)
        table[index] = spelling + 1
        if ids.count * 2 > table.count { grow() }

        if byString == nil, bytes.contains(where: { $0 >= 0x80 }) {
            byString = Dictionary(uniqueKeysWithValues: cardIDs.enumerated().map { ($0.element, Int32($0.offset)) })
        }
        if let known = byString?[id] {
            cardOf.append(known)
        } else {
            cardOf.append(Int32(cardIDs.count))
            byString?[id] = Int32(cardIDs.count)
            cardIDs.append(id)
        }
        return spelling
    }

    mutating func slot(for id: CardID) -> Int32 {
        var raw = id.rawValue
        return raw.withUTF8 { slot(utf8: $0) }
    }

    private mutating func grow() {
        table = [Int32](repeating: 0, count: table.count * 2)
        for spelling in ids.indices {
            var index = tableIndex(seeds[spelling])
            while table[index] != 0 { index = (index + 1) & (table.count - 1) }
            table[index] = Int32(spelling + 1)
        }
    }
}

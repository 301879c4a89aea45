import Foundation

/// The snapshot file (`<deck-id>.json`): every card's state as of a point in the journal.
/// A cache only: it records how many journal bytes it covers, where the last covered line
/// starts and the last event in it, and is ignored (then rebuilt) if the journal no longer
/// matches or the settings changed. The layout is in docs/progress-format.md.
///
/// Written and read by hand, byte by byte: `JSONEncoder`/`JSONDecoder` took seconds on a
/// 100,000-card deck, where opening a deck has 150 ms.
struct ProgressSnapshot: Equatable {
    static let schema = "recall-progress"
    /// The JSON layout's version, read from `<deck-id>.json` by recall before layout 3 (see
    /// ProgressSnapshot+Binary.swift): 2 is cards as one positional array per line, with
    /// `lastLineStart`. It is still read, once, and then written as version 3. Version 1 (a
    /// JSONEncoder object per card) is not read any more: the journal is replayed instead.
    static let schemaVersion = 2

    var deckID: String
    /// The scheduler settings the states were computed with.
    var fingerprint: String
    /// How many journal bytes the state covers; they end with the line of `state.lastEventID`.
    var journalBytes: Int
    /// Where that last covered line starts: opening reads the journal from here on.
    var lastLineStart: Int
    var state: ProgressState

    init(deckID: String, fingerprint: String, journalBytes: Int, lastLineStart: Int, state: ProgressState) {
        self.deckID = deckID
        self.fingerprint = fingerprint
        self.journalBytes = journalBytes
        self.lastLineStart = lastLineStart
        var state = state
        state.log = []
        self.state = state
    }
}

/// Why a snapshot could not be read. Any of these means "replay the journal instead".
enum SnapshotProblem: Error, Equatable, CustomStringConvertible {
    /// A snapshot recall wrote before the current layout: replayed quietly, then rewritten.
    case olderVersion(Int)
    case unknownSchema(String, version: Int)
    /// Bad syntax or a value of the wrong kind, at a byte offset, under a key path like `cards.3.due`.
    case malformed(offset: Int, path: String, expected: String)

    var description: String {
        switch self {
        case .olderVersion(let version): "snapshot layout version \(version) is older than this recall's (\(ProgressSnapshot.schemaVersion))"
        case .unknownSchema(let schema, let version): "unknown snapshot schema \(schema) \(version)"
        case .malformed(let offset, let path, let expected): "expected \(expected) at byte \(offset)\(path.isEmpty ? "" : " (`\(path)`)")"
        }
    }
}

// MARK: - Writing

extension ProgressSnapshot {
    /// The snapshot as recall writes it now: layout version 3.
    func encoded() -> [UInt8] { binaryEncoded() }
}

// MARK: - Reading

extension ProgressSnapshot {
    /// Reads either layout: version 3 (binary) or the JSON of versions 1 and 2.
    static func decode(_ bytes: [UInt8]) throws(SnapshotProblem) -> ProgressSnapshot {
        if isBinary(bytes) { return try decodeBinary(bytes) }
        let result: Result<ProgressSnapshot, SnapshotProblem> = bytes.withUnsafeBufferPointer { buffer in
            var reader = SnapshotReader(ByteJSONReader(buffer))
            do throws(SnapshotProblem) {
                return .success(try reader.snapshot())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

private struct SnapshotReader {
    var input: ByteJSONReader
    /// Where the reader is, for messages: a top-level key, and the row under it if any.
    /// Kept as parts and joined only for a message: rows are read by the hundred thousand.
    var pathKey = ""
    var pathRow: Int?

    init(_ input: ByteJSONReader) { self.input = input }

    var path: String { pathRow.map { "\(pathKey).\($0)" } ?? pathKey }

    func problem(_ expected: String) -> SnapshotProblem {
        .malformed(offset: input.index, path: path, expected: expected)
    }

    mutating func expect(_ byte: UInt8) throws(SnapshotProblem) {
        input.skipSpace()
        guard input.take(byte) else { throw problem("`\(Character(Unicode.Scalar(byte)))`") }
    }

    /// `,` before another element, or the closing bracket: whether another element follows.
    mutating func more(closing: UInt8, first: inout Bool) throws(SnapshotProblem) -> Bool {
        input.skipSpace()
        if input.take(closing) { return false }
        if first { first = false; return true }
        guard input.take(UInt8(ascii: ",")) else { throw problem("`,` or `\(Character(Unicode.Scalar(closing)))`") }
        return true
    }

    mutating func string() throws(SnapshotProblem) -> String {
        input.skipSpace()
        guard let range = input.scanString() else { throw problem("a string") }
        let slice = UnsafeBufferPointer(rebasing: input.bytes[range.start..<range.end])
        if range.escaped {
            guard let text = ByteJSONReader.decodeString(input.bytes, start: range.start, end: range.end) else { throw problem("a string") }
            return text
        }
        if range.nonASCII, !ByteJSONReader.isValidUTF8(slice) { throw problem("UTF-8 text") }
        return String(decoding: slice, as: UTF8.self)
    }

    mutating func null() -> Bool {
        input.skipSpace()
        guard input.bytes.count - input.index >= 4, input.bytes[input.index] == UInt8(ascii: "n"),
              input.bytes[input.index + 1] == UInt8(ascii: "u"), input.bytes[input.index + 2] == UInt8(ascii: "l"),
              input.bytes[input.index + 3] == UInt8(ascii: "l") else { return false }
        input.index += 4
        return true
    }

    /// A short unescaped ASCII string's bytes, without making a String (for the fixed words of
    /// the layout: phases and memory kinds); nil for `null`.
    mutating func word() throws(SnapshotProblem) -> UnsafeBufferPointer<UInt8>? {
        if null() { return nil }
        input.skipSpace()
        guard let range = input.scanString(), !range.escaped else { throw problem("a string") }
        return UnsafeBufferPointer(rebasing: input.bytes[range.start..<range.end])
    }

    mutating func optionalString() throws(SnapshotProblem) -> String? {
        null() ? nil : try string()
    }

    mutating func integer() throws(SnapshotProblem) -> Int {
        input.skipSpace()
        guard case let value?? = input.scanInteger() else { throw problem("an integer") }
        return Int(value)
    }

    mutating func optionalInteger() throws(SnapshotProblem) -> Int? {
        null() ? nil : try integer()
    }

    mutating func bool() throws(SnapshotProblem) -> Bool {
        input.skipSpace()
        let bytes = input.bytes, index = input.index
        if bytes.count - index >= 4, bytes[index] == UInt8(ascii: "t"), bytes[index + 1] == UInt8(ascii: "r"),
           bytes[index + 2] == UInt8(ascii: "u"), bytes[index + 3] == UInt8(ascii: "e") {
            input.index += 4
            return true
        }
        if bytes.count - index >= 5, bytes[index] == UInt8(ascii: "f"), bytes[index + 1] == UInt8(ascii: "a"),
           bytes[index + 2] == UInt8(ascii: "l"), bytes[index + 3] == UInt8(ascii: "s"), bytes[index + 4] == UInt8(ascii: "e") {
            input.index += 5
            return false
        }
        throw problem("true or false")
    }

    /// A JSON number. Decimal numbers with up to 15 digits and small exponents are exact as
    /// `digits / 10^k` (one correctly rounded division); anything longer goes to `strtod`.
    mutating func double() throws(SnapshotProblem) -> Double {
        input.skipSpace()
        let start = input.index
        var negative = false
        if input.take(UInt8(ascii: "-")) { negative = true }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var sawDigit = false
        while let byte = input.peek(), (0x30...0x39).contains(byte) {
            sawDigit = true
            if digits < 19 { mantissa = mantissa * 10 + UInt64(byte - 0x30); if mantissa > 0 { digits += 1 } } else { exponent += 1 }
            input.index += 1
        }
        if input.take(UInt8(ascii: ".")) {
            while let byte = input.peek(), (0x30...0x39).contains(byte) {
                sawDigit = true
                if digits < 19 { mantissa = mantissa * 10 + UInt64(byte - 0x30); exponent -= 1; if mantissa > 0 { digits += 1 } }
                input.index += 1
            }
        }
        guard sawDigit else { throw problem("a number") }
        if let byte = input.peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            input.index += 1
            var exponentNegative = false
            if input.take(UInt8(ascii: "-")) { exponentNegative = true } else { _ = input.take(UInt8(ascii: "+")) }
            var written = 0
            var sawExponentDigit = false
            while let byte = input.peek(), (0x30...0x39).contains(byte) {
                sawExponentDigit = true
                if written < 10_000 { written = written * 10 + Int(byte - 0x30) }
                input.index += 1
            }
            guard sawExponentDigit else { throw problem("a number") }
            exponent += exponentNegative ? -written : written
        }
        if digits <= 15, mantissa < (1 << 53), (-22...22).contains(exponent) {
            let value = exponent < 0 ? Double(mantissa) / Self.powersOfTen[-exponent] : Double(mantissa) * Self.powersOfTen[exponent]
            return negative ? -value : value
        }
        // Rare: hand the exact text to the C library, which rounds correctly.
        let length = input.index - start
        let value = withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { text -> Double in
            for offset in 0..<length { text[offset] = CChar(bitPattern: input.bytes[start + offset]) }
            text[length] = 0
            return strtod(text.baseAddress!, nil)
        }
        return value
    }

    static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    mutating func date() throws(SnapshotProblem) -> Date {
        Date(timeIntervalSince1970: try double() / 1000)
    }

    /// Skips any JSON value (an unknown key's, or an old layout's).
    mutating func skipValue() throws(SnapshotProblem) {
        input.skipSpace()
        guard let first = input.peek() else { throw problem("a value") }
        switch first {
        case UInt8(ascii: "\""):
            guard input.scanString() != nil else { throw problem("a string") }
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            let closing = first == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
            input.index += 1
            var isFirst = true
            while try more(closing: closing, first: &isFirst) {
                if closing == UInt8(ascii: "}") {
                    _ = try string()
                    try expect(UInt8(ascii: ":"))
                }
                try skipValue()
            }
        default:
            if input.takeLiteral() { return }
            _ = try double()
        }
    }

    mutating func snapshot() throws(SnapshotProblem) -> ProgressSnapshot {
        var schema: String?, version: Int?, deckID: String?, fingerprint: String?
        var journalBytes: Int?, lastLineStart: Int?
        var state = ProgressState()
        // Version 1 keeps cards in an object; skip it and report the version at the end.
        var isCurrentLayout = true
        try expect(UInt8(ascii: "{"))
        var first = true
        while try more(closing: UInt8(ascii: "}"), first: &first) {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            pathKey = key
            pathRow = nil
            input.skipSpace()
            switch key {
            case "schema": schema = try string()
            case "schemaVersion": version = try integer()
            case "deckID": deckID = try string()
            case "fingerprint": fingerprint = try string()
            case "journalBytes": journalBytes = try integer()
            case "lastLineStart": lastLineStart = try integer()
            case "lastEventID": state.lastEventID = try optionalString()
            case "eventCount": state.eventCount = try integer()
            case "reviewCount": state.reviewCount = try integer()
            // Twice the rows: Swift's dictionaries probe linearly and compare the String key at
            // every bucket they pass, a cache miss each; at a third full, a look-up passes ~1.3.
            case "cardCount": state.cards.reserveCapacity(2 * min(try integer(), input.bytes.count / 32))
            case "cardTextCount": state.cardTexts.reserveCapacity(2 * min(try integer(), input.bytes.count / 16))
            case "activeQuarterHours" where input.peek() == UInt8(ascii: "["):
                input.index += 1
                var firstQuarter = true
                while try more(closing: UInt8(ascii: "]"), first: &firstQuarter) {
                    state.activeQuarterHours.insert(Int64(try integer()))
                }
            case "relinks" where input.peek() == UInt8(ascii: "["):
                try rows(key) { reader throws(SnapshotProblem) in
                    let from = CardID(rawValue: try reader.string())
                    try reader.expect(UInt8(ascii: ","))
                    state.relinks[from] = CardID(rawValue: try reader.string())
                }
            case "cardTexts" where input.peek() == UInt8(ascii: "["):
                try rows(key) { reader throws(SnapshotProblem) in
                    // Unescaped fields are copied as bytes; no String is made for them.
                    let card = try reader.stringRange()
                    try reader.expect(UInt8(ascii: ","))
                    let variant = try reader.stringRange()
                    try reader.expect(UInt8(ascii: ","))
                    let prompt = try reader.stringRange()
                    try reader.expect(UInt8(ascii: ","))
                    let answer = try reader.stringRange()
                    if card.escaped || variant.escaped || prompt.escaped || answer.escaped {
                        state.cardTexts[CardID(rawValue: try reader.decoded(card))] = CardText(
                            variant: try reader.decoded(variant), prompt: try reader.decoded(prompt), answer: try reader.decoded(answer))
                    } else {
                        let bytes = reader.input.bytes
                        func field(_ range: (start: Int, end: Int, escaped: Bool)) -> UnsafeBufferPointer<UInt8> {
                            UnsafeBufferPointer(rebasing: bytes[range.start..<range.end])
                        }
                        state.cardTexts.set(utf8: field(card), variant: field(variant), prompt: field(prompt), answer: field(answer))
                    }
                }
            case "cards" where input.peek() == UInt8(ascii: "["):
                try rows(key) { reader throws(SnapshotProblem) in
                    try reader.card(into: &state.cards)
                }
            case "activeQuarterHours", "relinks", "cardTexts", "cards":
                isCurrentLayout = false
                try skipValue()
            default:
                try skipValue()
            }
        }
        pathKey = ""
        pathRow = nil
        input.skipSpace()
        guard input.atEnd else { throw problem("the end of the file") }
        guard let schema, let version, schema == ProgressSnapshot.schema else {
            throw .unknownSchema(schema ?? "(none)", version: version ?? 0)
        }
        if version < ProgressSnapshot.schemaVersion, schema == ProgressSnapshot.schema { throw .olderVersion(version) }
        guard version == ProgressSnapshot.schemaVersion else { throw .unknownSchema(schema, version: version) }
        guard isCurrentLayout else { throw problem("the version \(version) layout") }
        guard let deckID else { throw .malformed(offset: input.index, path: "deckID", expected: "a value") }
        guard let fingerprint else { throw .malformed(offset: input.index, path: "fingerprint", expected: "a value") }
        guard let journalBytes else { throw .malformed(offset: input.index, path: "journalBytes", expected: "a value") }
        guard let lastLineStart else { throw .malformed(offset: input.index, path: "lastLineStart", expected: "a value") }
        return ProgressSnapshot(deckID: deckID, fingerprint: fingerprint, journalBytes: journalBytes,
                                lastLineStart: lastLineStart, state: state)
    }

    /// `[ [row], [row], … ]`, each row read by `body` between its brackets.
    mutating func rows(_ key: String, _ body: (inout SnapshotReader) throws(SnapshotProblem) -> Void) throws(SnapshotProblem) {
        try expect(UInt8(ascii: "["))
        var first = true
        var index = 0
        while try more(closing: UInt8(ascii: "]"), first: &first) {
            pathRow = index
            try expect(UInt8(ascii: "["))
            try body(&self)
            try expect(UInt8(ascii: "]"))
            index += 1
        }
    }

    mutating func comma() throws(SnapshotProblem) { try expect(UInt8(ascii: ",")) }

    static func phase(_ name: UnsafeBufferPointer<UInt8>?) -> CardPhase? {
        guard let name else { return nil }
        for phase in [CardPhase.review, .learning, .relearning, .new] where name.elementsEqual(phase.rawValue.utf8) { return phase }
        return nil
    }

    /// A string's place in the input: checked to be UTF-8, not yet decoded.
    mutating func stringRange() throws(SnapshotProblem) -> (start: Int, end: Int, escaped: Bool) {
        input.skipSpace()
        guard let range = input.scanString() else { throw problem("a string") }
        if !range.escaped, range.nonASCII, !ByteJSONReader.isValidUTF8(UnsafeBufferPointer(rebasing: input.bytes[range.start..<range.end])) {
            throw problem("UTF-8 text")
        }
        return (range.start, range.end, range.escaped)
    }

    /// The text of a range from `stringRange`.
    func decoded(_ range: (start: Int, end: Int, escaped: Bool)) throws(SnapshotProblem) -> String {
        guard range.escaped else { return String(decoding: UnsafeBufferPointer(rebasing: input.bytes[range.start..<range.end]), as: UTF8.self) }
        guard let text = ByteJSONReader.decodeString(input.bytes, start: range.start, end: range.end) else { throw problem("a string") }
        return text
    }

    /// One `cards` row, stored under its id's bytes.
    mutating func card(into cards: inout CardTable<CardProgress>) throws(SnapshotProblem) {
        let id = try stringRange()
        let progress = try cardProgress()
        if id.escaped {
            cards[CardID(rawValue: try decoded(id))] = progress
        } else {
            cards.set(utf8: UnsafeBufferPointer(rebasing: input.bytes[id.start..<id.end]), progress)
        }
    }

    /// A `cards` row after its id.
    mutating func cardProgress() throws(SnapshotProblem) -> CardProgress {
        try comma()
        guard let phase = Self.phase(try word()) else { throw problem("a card phase") }
        try comma()
        let step = try optionalInteger()
        try comma()
        let memory: MemoryState?
        let kind = try word()
        if kind == nil {
            try comma(); guard null() else { throw problem("null") }
            try comma(); guard null() else { throw problem("null") }
            memory = nil
        } else if let kind, kind.elementsEqual("fsrs".utf8) {
            try comma(); let stability = try double()
            try comma(); memory = .fsrs(stability: stability, difficulty: try double())
        } else if let kind, kind.elementsEqual("sm2".utf8) {
            try comma(); let ease = try double()
            try comma(); memory = .sm2(ease: ease, intervalDays: try integer())
        } else {
            throw problem("\"fsrs\", \"sm2\" or null")
        }
        try comma()
        let dueField = try double()
        try comma()
        let lastReview: Date? = null() ? nil : try date()
        let due = lastReview.map { $0.addingTimeInterval(dueField) } ?? Date(timeIntervalSince1970: dueField / 1000)
        try comma(); let reps = try integer()
        try comma(); let lapses = try integer()
        try comma(); let isSuspended = try bool()
        try comma(); let isLeech = try bool()
        try comma(); let buried = try optionalInteger()
        try comma()
        let firstReview: Date? = null() ? nil : try date()
        let scheduling = SchedulingState(phase: phase, step: step, memory: memory, due: due, lastReview: lastReview,
                                         reps: reps, lapses: lapses)
        return CardProgress(scheduling: scheduling, isSuspended: isSuspended, buriedUntilDay: buried,
                            isLeech: isLeech, firstReview: firstReview)
    }
}

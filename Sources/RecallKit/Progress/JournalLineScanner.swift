import Foundation

/// Reads the fields of one journal line as byte ranges, without building a dictionary or a
/// String per field: opening a deck parses a million lines, and allocating per field made
/// that take seconds. Only the values a caller asks for become Strings.
///
/// The grammar is the flat JSON object `FlatJSONWriter` writes: string and integer values (and
/// `true`/`false`/`null`/fractions, kept as `.other`), keys in any order, the last of a
/// repeated key wins. A line that is not valid UTF-8, has a bad escape or a raw control
/// character in a string is refused, as is any trailing garbage.
struct JournalLineFields {
    /// Where a value sits in the line.
    enum Value: Equatable {
        case absent
        /// Bytes `start..<end` of the line, between the quotes; `escaped` if a backslash
        /// sequence has to be decoded.
        case string(start: Int, end: Int, escaped: Bool)
        case integer(Int64)
        case other
    }

    /// The keys any event type uses; other keys are checked for syntax and ignored.
    enum Key: Int, CaseIterable {
        case type, id, time, card, grade, duration, answer, scheduler, target, untilDay, from, to, variant, prompt

        var name: StaticString {
            switch self {
            case .type: "type"
            case .id: "id"
            case .time: "time"
            case .card: "card"
            case .grade: "grade"
            case .duration: "duration"
            case .answer: "answer"
            case .scheduler: "scheduler"
            case .target: "target"
            case .untilDay: "until_day"
            case .from: "from"
            case .to: "to"
            case .variant: "variant"
            case .prompt: "prompt"
            }
        }
    }

    // One stored property per key (not an array) so scanning a line allocates nothing.
    var type = Value.absent, id = Value.absent, time = Value.absent, card = Value.absent
    var grade = Value.absent, duration = Value.absent, answer = Value.absent, scheduler = Value.absent
    var target = Value.absent, untilDay = Value.absent, from = Value.absent, to = Value.absent
    var variant = Value.absent, prompt = Value.absent

    subscript(key: Key) -> Value {
        get {
            switch key {
            case .type: type
            case .id: id
            case .time: time
            case .card: card
            case .grade: grade
            case .duration: duration
            case .answer: answer
            case .scheduler: scheduler
            case .target: target
            case .untilDay: untilDay
            case .from: from
            case .to: to
            case .variant: variant
            case .prompt: prompt
            }
        }
        set {
            switch key {
            case .type: type = newValue
            case .id: id = newValue
            case .time: time = newValue
            case .card: card = newValue
            case .grade: grade = newValue
            case .duration: duration = newValue
            case .answer: answer = newValue
            case .scheduler: scheduler = newValue
            case .target: target = newValue
            case .untilDay: untilDay = newValue
            case .from: from = newValue
            case .to: to = newValue
            case .variant: variant = newValue
            case .prompt: prompt = newValue
            }
        }
    }

    /// The event types, read from `type` without making a String.
    enum EventType: UInt8 {
        case review, undo, suspend, unsuspend, bury, relink, card
    }

    /// Scans `line` (no newline); nil if it is not one flat JSON object.
    static func scan(_ line: UnsafeBufferPointer<UInt8>) -> JournalLineFields? {
        var reader = ByteJSONReader(line)
        var fields = JournalLineFields()
        var sawNonASCII = false
        reader.skipSpace()
        guard reader.take(UInt8(ascii: "{")) else { return nil }
        reader.skipSpace()
        if reader.take(UInt8(ascii: "}")) {
            reader.skipSpace()
            return reader.atEnd ? fields : nil
        }
        while true {
            reader.skipSpace()
            guard let keyRange = reader.scanString() else { return nil }
            sawNonASCII = sawNonASCII || keyRange.nonASCII
            reader.skipSpace()
            guard reader.take(UInt8(ascii: ":")) else { return nil }
            reader.skipSpace()
            guard let first = reader.peek() else { return nil }
            let value: Value
            if first == UInt8(ascii: "\"") {
                guard let range = reader.scanString() else { return nil }
                sawNonASCII = sawNonASCII || range.nonASCII
                value = .string(start: range.start, end: range.end, escaped: range.escaped)
            } else if first == UInt8(ascii: "-") || (0x30...0x39).contains(first) {
                guard let number = reader.scanInteger() else { return nil }
                value = number.map(Value.integer) ?? .other
            } else if reader.takeLiteral() {
                value = .other
            } else {
                return nil
            }
            if let key = key(line, keyRange) { fields[key] = value }
            reader.skipSpace()
            guard let separator = reader.next() else { return nil }
            if separator == UInt8(ascii: "}") { break }
            guard separator == UInt8(ascii: ",") else { return nil }
        }
        reader.skipSpace()
        guard reader.atEnd else { return nil }
        // Bytes outside strings are checked by the grammar; inside them, only here.
        if sawNonASCII, !ByteJSONReader.isValidUTF8(line) { return nil }
        return fields
    }

    private static func key(_ line: UnsafeBufferPointer<UInt8>, _ range: ByteJSONReader.StringRange) -> Key? {
        if range.escaped {
            guard let name = ByteJSONReader.decodeString(line, start: range.start, end: range.end) else { return nil }
            return Key.allCases.first { $0.name.description == name }
        }
        let count = range.end - range.start
        guard count >= 2 else { return nil }
        let start = line.baseAddress! + range.start
        // Decided by length and first letter, then confirmed byte by byte: this runs eight
        // times per line, a million lines per open.
        let candidate: Key?
        switch (count, start[0]) {
        case (2, UInt8(ascii: "i")): candidate = .id
        case (2, UInt8(ascii: "t")): candidate = .to
        case (4, UInt8(ascii: "t")): candidate = start[1] == UInt8(ascii: "y") ? .type : .time
        case (4, UInt8(ascii: "c")): candidate = .card
        case (4, UInt8(ascii: "f")): candidate = .from
        case (5, UInt8(ascii: "g")): candidate = .grade
        case (6, UInt8(ascii: "a")): candidate = .answer
        case (6, UInt8(ascii: "t")): candidate = .target
        case (6, UInt8(ascii: "p")): candidate = .prompt
        case (7, UInt8(ascii: "v")): candidate = .variant
        case (8, UInt8(ascii: "d")): candidate = .duration
        case (9, UInt8(ascii: "s")): candidate = .scheduler
        case (9, UInt8(ascii: "u")): candidate = .untilDay
        default: candidate = nil
        }
        guard let candidate, candidate.name.utf8CodeUnitCount == count else { return nil }
        let name = candidate.name.utf8Start
        for offset in 1..<count where start[offset] != name[offset] { return nil }
        return candidate
    }

    // MARK: Reading values

    func string(_ key: Key, in line: UnsafeBufferPointer<UInt8>) -> String? {
        guard case .string(let start, let end, let escaped) = self[key] else { return nil }
        if escaped { return ByteJSONReader.decodeString(line, start: start, end: end) }
        return String(decoding: UnsafeBufferPointer(rebasing: line[start..<end]), as: UTF8.self)
    }

    func integer(_ key: Key) -> Int64? {
        if case .integer(let value) = self[key] { return value }
        return nil
    }

    func isString(_ key: Key) -> Bool {
        if case .string = self[key] { return true }
        return false
    }

    /// The `type`, if it is one recall knows.
    func eventType(in line: UnsafeBufferPointer<UInt8>) -> EventType? {
        guard case .string(let start, let end, let escaped) = type else { return nil }
        if escaped {
            guard var name = string(.type, in: line) else { return nil }
            return name.withUTF8 { Self.eventType(named: $0) }
        }
        return Self.eventType(named: UnsafeBufferPointer(rebasing: line[start..<end]))
    }

    /// Byte comparisons against each name (no generic `elementsEqual`: this runs once a line).
    private static func eventType(named name: UnsafeBufferPointer<UInt8>) -> EventType? {
        func matches(_ word: StaticString) -> Bool {
            word.utf8CodeUnitCount == name.count && memcmp(name.baseAddress!, word.utf8Start, name.count) == 0
        }
        guard !name.isEmpty else { return nil }
        switch name[0] {
        case UInt8(ascii: "r"): return matches("review") ? .review : matches("relink") ? .relink : nil
        case UInt8(ascii: "c"): return matches("card") ? .card : nil
        case UInt8(ascii: "u"): return matches("undo") ? .undo : matches("unsuspend") ? .unsuspend : nil
        case UInt8(ascii: "s"): return matches("suspend") ? .suspend : nil
        case UInt8(ascii: "b"): return matches("bury") ? .bury : nil
        default: return nil
        }
    }

    /// `id` is a non-empty string and `time` an integer: what every event needs.
    func hasEnvelope() -> Bool {
        guard case .string(let start, let end, _) = id, end > start, case .integer = time else { return false }
        return true
    }

    /// Whether the fields make a complete event of their type (the same rules as
    /// `JournalEvent(jsonLine:)`, checked without making Strings).
    func isComplete(_ type: EventType) -> Bool {
        guard hasEnvelope() else { return false }
        switch type {
        case .review:
            guard isString(.card), let grade = integer(.grade), Rating(rawValue: Int(clamping: grade)) != nil,
                  integer(.duration) != nil, isString(.scheduler) else { return false }
            return true
        case .undo: return isString(.target)
        case .suspend, .unsuspend: return isString(.card)
        case .bury: return isString(.card) && integer(.untilDay) != nil
        case .relink: return isString(.from) && isString(.to)
        case .card: return isString(.card) && isString(.variant) && isString(.prompt) && isString(.answer)
        }
    }
}

/// A cursor over JSON bytes with the few reads the journal and the snapshot need.
struct ByteJSONReader {
    struct StringRange {
        var start: Int
        var end: Int
        var escaped: Bool
        var nonASCII: Bool
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var index: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int = 0) {
        self.bytes = bytes
        self.index = index
    }

    var atEnd: Bool { index >= bytes.count }

    func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func next() -> UInt8? {
        guard index < bytes.count else { return nil }
        defer { index += 1 }
        return bytes[index]
    }

    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func skipSpace() {
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A else { return }
            index += 1
        }
    }

    /// `true`, `false` or `null`.
    mutating func takeLiteral() -> Bool {
        for word: StaticString in ["true", "false", "null"] {
            let count = word.utf8CodeUnitCount
            if bytes.count - index >= count, memcmp(bytes.baseAddress! + index, word.utf8Start, count) == 0 {
                index += count
                return true
            }
        }
        return false
    }

    /// A string starting at the cursor (which must be on its opening quote). Escapes are
    /// checked here, so a line with a bad one is refused even if that field is never decoded.
    mutating func scanString() -> StringRange? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        var range = StringRange(start: index, end: index, escaped: false, nonASCII: false)
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                range.end = index
                index += 1
                return range
            }
            if byte == UInt8(ascii: "\\") {
                range.escaped = true
                guard skipEscape() else { return nil }
                continue
            }
            guard byte >= 0x20 else { return nil }
            if byte >= 0x80 { range.nonASCII = true }
            index += 1
        }
        return nil
    }

    /// Moves past one backslash sequence, refusing what `decodeString` would refuse.
    private mutating func skipEscape() -> Bool {
        index += 1
        guard let escape = next() else { return false }
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "n"), UInt8(ascii: "r"),
             UInt8(ascii: "t"), UInt8(ascii: "b"), UInt8(ascii: "f"):
            return true
        case UInt8(ascii: "u"):
            guard let value = Self.hex4(bytes, at: index) else { return false }
            index += 4
            if (0xD800...0xDBFF).contains(value) {
                guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u"),
                      let low = Self.hex4(bytes, at: index + 2), (0xDC00...0xDFFF).contains(low) else { return false }
                index += 6
                return true
            }
            return Unicode.Scalar(value) != nil
        default:
            return false
        }
    }

    /// A JSON integer. `.some(nil)` for a number with a fraction or exponent (not part of the
    /// journal format: kept as an unknown value); nil on overflow or bad syntax.
    mutating func scanInteger() -> Int64?? {
        let negative = take(UInt8(ascii: "-"))
        var value: Int64 = 0
        var digits = 0
        while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
            let (multiplied, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (added, overflow2) = multiplied.addingReportingOverflow(Int64(bytes[index] - 0x30))
            guard !overflow1, !overflow2 else { return nil }
            value = added
            digits += 1
            index += 1
        }
        guard digits > 0 else { return nil }
        if let byte = peek(), byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            while let byte = peek(), byte != UInt8(ascii: ","), byte != UInt8(ascii: "}"), byte != UInt8(ascii: "]") { index += 1 }
            return .some(nil)
        }
        return .some(negative ? -value : value)
    }

    /// Decodes the string between `start` and `end` (escapes already checked by `scanString`).
    static func decodeString(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> String? {
        var raw: [UInt8] = []
        raw.reserveCapacity(end - start)
        var index = start
        while index < end {
            let byte = bytes[index]
            index += 1
            guard byte == UInt8(ascii: "\\") else { raw.append(byte); continue }
            guard index < end else { return nil }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""): raw.append(0x22)
            case UInt8(ascii: "\\"): raw.append(0x5C)
            case UInt8(ascii: "/"): raw.append(0x2F)
            case UInt8(ascii: "n"): raw.append(0x0A)
            case UInt8(ascii: "r"): raw.append(0x0D)
            case UInt8(ascii: "t"): raw.append(0x09)
            case UInt8(ascii: "b"): raw.append(0x08)
            case UInt8(ascii: "f"): raw.append(0x0C)
            case UInt8(ascii: "u"):
                guard var value = hex4(bytes, at: index) else { return nil }
                index += 4
                if (0xD800...0xDBFF).contains(value) {
                    guard end - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u"),
                          let low = hex4(bytes, at: index + 2), (0xDC00...0xDFFF).contains(low) else { return nil }
                    index += 6
                    value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(value) else { return nil }
                UTF8.encode(scalar) { raw.append($0) }
            default:
                return nil
            }
        }
        return String(validating: raw, as: UTF8.self)
    }

    static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> UInt32? {
        guard bytes.count - start >= 4 else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[start + offset]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: return nil
            }
            value = value * 16 + digit
        }
        return value
    }

    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}

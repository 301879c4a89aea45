import Foundation

/// One line of a deck's journal (`<deck-id>.journal.jsonl`): the single source of truth for a
/// learner's progress. Every event has an id unique across machines, so journals from two
/// machines can be merged by id.
///
///     {"type":"review","id":"m1x…","time":1795597200000,"card":"fcaab8922ac2eef6","grade":3,"duration":5400,"answer":"Nikolaev","scheduler":"fsrs-6"}
public struct JournalEvent: Hashable, Sendable {
    public enum Action: Hashable, Sendable {
        /// The learner answered a card and graded it (or accepted the suggested grade).
        case review(card: CardID, rating: Rating, durationMilliseconds: Int, answer: String?, scheduler: String)
        /// Takes back an earlier event (`:undo`), which is then ignored by replay.
        case undo(target: String)
        case suspend(card: CardID)
        case unsuspend(card: CardID)
        /// `:skip`: hidden until the given study day starts.
        case bury(card: CardID, untilDay: Int)
        /// An edited card's history moves from `from` to `to` (see ``CardRelinker``).
        case relink(from: CardID, to: CardID)
        /// What a card asked when it was first reviewed, so edits can be matched to it later.
        case cardText(card: CardID, variant: String, prompt: String, answer: String)
    }

    public var id: String
    /// Milliseconds since the Unix epoch, UTC.
    public var time: Int64
    public var action: Action

    public init(id: String, time: Int64, action: Action) {
        self.id = id
        self.time = time
        self.action = action
    }

    public var date: Date { Date(timeIntervalSince1970: Double(time) / 1000) }

    /// A new event id: the time in base 36 and 64 random bits, unique across machines.
    public static func makeID(time: Int64, using generator: inout some RandomNumberGenerator) -> String {
        let random = String(generator.next(), radix: 36)
        return String(time, radix: 36) + "-" + String(repeating: "0", count: max(0, 13 - random.count)) + random
    }

    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }
}

// MARK: - The line format

extension JournalEvent {
    /// The event as one line of JSON, without the newline. Keys are written in a fixed order
    /// so the same event always gives the same bytes.
    public var jsonLine: String {
        var writer = FlatJSONWriter()
        switch action {
        case .review(let card, let rating, let duration, let answer, let scheduler):
            writer.field("type", "review"); writer.field("id", id); writer.field("time", time)
            writer.field("card", card.rawValue); writer.field("grade", Int64(rating.rawValue))
            writer.field("duration", Int64(duration))
            if let answer { writer.field("answer", answer) }
            writer.field("scheduler", scheduler)
        case .undo(let target):
            writer.field("type", "undo"); writer.field("id", id); writer.field("time", time); writer.field("target", target)
        case .suspend(let card):
            writer.field("type", "suspend"); writer.field("id", id); writer.field("time", time); writer.field("card", card.rawValue)
        case .unsuspend(let card):
            writer.field("type", "unsuspend"); writer.field("id", id); writer.field("time", time); writer.field("card", card.rawValue)
        case .bury(let card, let day):
            writer.field("type", "bury"); writer.field("id", id); writer.field("time", time); writer.field("card", card.rawValue)
            writer.field("until_day", Int64(day))
        case .relink(let from, let to):
            writer.field("type", "relink"); writer.field("id", id); writer.field("time", time)
            writer.field("from", from.rawValue); writer.field("to", to.rawValue)
        case .cardText(let card, let variant, let prompt, let answer):
            writer.field("type", "card"); writer.field("id", id); writer.field("time", time); writer.field("card", card.rawValue)
            writer.field("variant", variant); writer.field("prompt", prompt); writer.field("answer", answer)
        }
        return writer.finish()
    }

    /// Parses one journal line; nil for anything that is not a complete, known event.
    public init?(jsonLine line: Substring) {
        guard let object = FlatJSONReader.parse(line),
              case .string(let type)? = object["type"],
              case .string(let id)? = object["id"], !id.isEmpty,
              case .integer(let time)? = object["time"]
        else { return nil }
        func string(_ key: String) -> String? {
            if case .string(let value)? = object[key] { return value }
            return nil
        }
        func integer(_ key: String) -> Int64? {
            if case .integer(let value)? = object[key] { return value }
            return nil
        }
        func card(_ key: String = "card") -> CardID? { string(key).map(CardID.init(rawValue:)) }
        let action: Action
        switch type {
        case "review":
            guard let card = card(), let grade = integer("grade"), let rating = Rating(rawValue: Int(grade)),
                  let duration = integer("duration"), let scheduler = string("scheduler")
            else { return nil }
            action = .review(card: card, rating: rating, durationMilliseconds: Int(clamping: duration), answer: string("answer"), scheduler: scheduler)
        case "undo":
            guard let target = string("target") else { return nil }
            action = .undo(target: target)
        case "suspend":
            guard let card = card() else { return nil }
            action = .suspend(card: card)
        case "unsuspend":
            guard let card = card() else { return nil }
            action = .unsuspend(card: card)
        case "bury":
            guard let card = card(), let day = integer("until_day") else { return nil }
            action = .bury(card: card, untilDay: Int(clamping: day))
        case "relink":
            guard let from = card("from"), let to = card("to") else { return nil }
            action = .relink(from: from, to: to)
        case "card":
            guard let card = card(), let variant = string("variant"), let prompt = string("prompt"), let answer = string("answer") else { return nil }
            action = .cardText(card: card, variant: variant, prompt: prompt, answer: answer)
        default:
            return nil
        }
        self.init(id: id, time: time, action: action)
    }
}

/// A value in a flat JSON object: all a journal line holds.
enum FlatJSONValue: Hashable {
    case string(String)
    case integer(Int64)
    case other
}

/// Writes `{"key":value,…}` with correct string escaping, in the order fields are given.
struct FlatJSONWriter {
    private var output = "{"

    mutating func field(_ key: String, _ value: String) {
        separator()
        output += "\"\(key)\":"
        Self.appendQuoted(value, to: &output)
    }

    mutating func field(_ key: String, _ value: Int64) {
        separator()
        output += "\"\(key)\":\(value)"
    }

    private mutating func separator() {
        if output.count > 1 { output += "," }
    }

    mutating func finish() -> String { output + "}" }

    /// Writes `value` as a JSON string literal: quotes, backslashes and every control character
    /// escaped (C0, DEL, C1 and the two line separators), so one record is always one line.
    /// Journal lines and `recall check --format json` both use it.
    static func appendQuoted(_ value: String, to output: inout String) {
        output += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    output += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}

/// Reads one flat JSON object (strings, integers; anything else is skipped as `.other`).
/// Written by hand because replaying a million journal lines through `JSONDecoder` would
/// dominate the time to open a deck.
enum FlatJSONReader {
    static func parse(_ line: Substring) -> [String: FlatJSONValue]? {
        var bytes = line.utf8[...]
        var result: [String: FlatJSONValue] = [:]
        func skipSpace() { while let byte = bytes.first, byte == 0x20 || byte == 0x09 || byte == 0x0D { bytes.removeFirst() } }
        skipSpace()
        guard bytes.first == UInt8(ascii: "{") else { return nil }
        bytes.removeFirst()
        skipSpace()
        if bytes.first == UInt8(ascii: "}") { bytes.removeFirst(); return bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) ? result : nil }
        while true {
            skipSpace()
            guard let key = readString(&bytes) else { return nil }
            skipSpace()
            guard bytes.first == UInt8(ascii: ":") else { return nil }
            bytes.removeFirst()
            skipSpace()
            guard let first = bytes.first else { return nil }
            if first == UInt8(ascii: "\"") {
                guard let value = readString(&bytes) else { return nil }
                result[key] = .string(value)
            } else if first == UInt8(ascii: "-") || (0x30...0x39).contains(first) {
                var negative = false
                if first == UInt8(ascii: "-") { negative = true; bytes.removeFirst() }
                var value: Int64 = 0
                var digits = 0
                while let byte = bytes.first, (0x30...0x39).contains(byte) {
                    let (multiplied, overflow1) = value.multipliedReportingOverflow(by: 10)
                    let (added, overflow2) = multiplied.addingReportingOverflow(Int64(byte - 0x30))
                    guard !overflow1, !overflow2 else { return nil }
                    value = added
                    digits += 1
                    bytes.removeFirst()
                }
                guard digits > 0 else { return nil }
                if let byte = bytes.first, byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                    // Fractions are not part of the format; skip the number and keep the key unknown.
                    while let byte = bytes.first, byte != UInt8(ascii: ","), byte != UInt8(ascii: "}") { bytes.removeFirst() }
                    result[key] = .other
                } else {
                    result[key] = .integer(negative ? -value : value)
                }
            } else {
                for word in ["true", "false", "null"] where bytes.starts(with: word.utf8) {
                    bytes.removeFirst(word.utf8.count)
                    result[key] = .other
                }
                guard result[key] != nil else { return nil }
            }
            skipSpace()
            guard let separator = bytes.first else { return nil }
            bytes.removeFirst()
            if separator == UInt8(ascii: "}") { break }
            guard separator == UInt8(ascii: ",") else { return nil }
        }
        skipSpace()
        return bytes.isEmpty ? result : nil
    }

    private static func readString(_ bytes: inout Substring.UTF8View.SubSequence) -> String? {
        guard bytes.first == UInt8(ascii: "\"") else { return nil }
        bytes.removeFirst()
        var raw: [UInt8] = []
        while let byte = bytes.first {
            bytes.removeFirst()
            switch byte {
            case UInt8(ascii: "\""):
                return String(validating: raw, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escape = bytes.first else { return nil }
                bytes.removeFirst()
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
                    guard var scalarValue = readHex4(&bytes) else { return nil }
                    if (0xD800...0xDBFF).contains(scalarValue) {
                        guard bytes.starts(with: "\\u".utf8) else { return nil }
                        bytes.removeFirst(2)
                        guard let low = readHex4(&bytes), (0xDC00...0xDFFF).contains(low) else { return nil }
                        scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(scalarValue) else { return nil }
                    raw.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: return nil
                }
            default:
                guard byte >= 0x20 else { return nil }
                raw.append(byte)
            }
        }
        return nil
    }

    private static func readHex4(_ bytes: inout Substring.UTF8View.SubSequence) -> UInt32? {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = bytes.first, let digit = hexDigit(byte) else { return nil }
            bytes.removeFirst()
            value = value * 16 + digit
        }
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x41...0x46: UInt32(byte - 0x41 + 10)
        case 0x61...0x66: UInt32(byte - 0x61 + 10)
        default: nil
        }
    }
}

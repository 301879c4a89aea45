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
        var line = line
        guard let event = line.withUTF8({ JournalEvent(jsonLine: $0) }) else { return nil }
        self = event
    }

    /// Parses one journal line from its bytes (no newline).
    init?(jsonLine line: UnsafeBufferPointer<UInt8>) {
        guard let fields = JournalLineFields.scan(line), let type = fields.eventType(in: line), fields.isComplete(type),
              let id = fields.string(.id, in: line), let time = fields.integer(.time)
        else { return nil }
        func string(_ key: JournalLineFields.Key) -> String? { fields.string(key, in: line) }
        func card(_ key: JournalLineFields.Key = .card) -> CardID? { string(key).map(CardID.init(rawValue:)) }
        let action: Action
        switch type {
        case .review:
            guard let card = card(), let grade = fields.integer(.grade), let rating = Rating(rawValue: Int(grade)),
                  let duration = fields.integer(.duration), let scheduler = string(.scheduler)
            else { return nil }
            action = .review(card: card, rating: rating, durationMilliseconds: Int(clamping: duration), answer: string(.answer), scheduler: scheduler)
        case .undo:
            guard let target = string(.target) else { return nil }
            action = .undo(target: target)
        case .suspend:
            guard let card = card() else { return nil }
            action = .suspend(card: card)
        case .unsuspend:
            guard let card = card() else { return nil }
            action = .unsuspend(card: card)
        case .bury:
            guard let card = card(), let day = fields.integer(.untilDay) else { return nil }
            action = .bury(card: card, untilDay: Int(clamping: day))
        case .relink:
            guard let from = card(.from), let to = card(.to) else { return nil }
            action = .relink(from: from, to: to)
        case .card:
            guard let card = card(), let variant = string(.variant), let prompt = string(.prompt), let answer = string(.answer) else { return nil }
            action = .cardText(card: card, variant: variant, prompt: prompt, answer: answer)
        }
        self.init(id: id, time: time, action: action)
    }
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

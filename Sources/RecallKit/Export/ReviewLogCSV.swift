import Foundation

/// The review log in the FSRS optimizer's CSV format, which fsrs-optimizer and fsrs-rs read:
///
///     card_id,review_time,review_rating,review_state,review_duration
///     1,1795597200000,3,0,5400
///
/// - `card_id`: a small integer per recall card, numbered by first review; the second file
///   (`card_id,recall_card_id`) maps it back to recall's sixteen-hex-digit id.
/// - `review_time`: milliseconds since the Unix epoch, UTC.
/// - `review_rating`: 1 Again, 2 Hard, 3 Good, 4 Easy.
/// - `review_state`: the card's state *when* reviewed, 0 new, 1 learning, 2 review,
///   3 relearning (fsrs-optimizer's constants `New`…`Relearning`).
/// - `review_duration`: milliseconds spent answering.
///
/// Writing:
///
///     let csv = ReviewLogCSV(log: state.log)
///     try AtomicFile.write(Data(csv.reviews.utf8), to: "reviews.csv")
///     try AtomicFile.write(Data(csv.cardMapping.utf8), to: "reviews.cards.csv")
///
/// Reading (for `recall import`), with one-sentence errors naming the line:
///
///     let rows = try ReviewLogCSV.read(text, source: "reviews.csv")
///     let cards = try ReviewLogCSV.readMapping(mappingText, source: "reviews.cards.csv")
public struct ReviewLogCSV: Hashable, Sendable {
    public static let header = "card_id,review_time,review_rating,review_state,review_duration"
    public static let mappingHeader = "card_id,recall_card_id"

    /// The review log file, header first, one review per line, each line ending in a newline.
    public var reviews: String
    /// The card number ↔ recall card id file.
    public var cardMapping: String
    /// The number each card got.
    public var cardNumbers: [CardID: Int]

    /// Numbers cards in order of their first review (so re-exports of a longer history keep
    /// the numbers) and writes every review in log order.
    public init(log: [ReviewLogEntry]) {
        var numbers: [CardID: Int] = [:]
        var order: [CardID] = []
        var reviews = Self.header + "\n"
        reviews.reserveCapacity(log.count * 40)
        for entry in log {
            let number: Int
            if let existing = numbers[entry.card] {
                number = existing
            } else {
                number = order.count + 1
                numbers[entry.card] = number
                order.append(entry.card)
            }
            reviews += "\(number),\(entry.time),\(entry.rating.rawValue),\(ReviewLogState(entry.phaseBefore).rawValue),\(max(0, entry.durationMilliseconds))\n"
        }
        var mapping = Self.mappingHeader + "\n"
        for (index, card) in order.enumerated() { mapping += "\(index + 1),\(card.rawValue)\n" }
        self.reviews = reviews
        self.cardMapping = mapping
        self.cardNumbers = numbers
    }

    // MARK: Reading

    /// Reads a review log in this format. `card_id`, `review_time` and `review_rating` are
    /// required; `review_state` and `review_duration` may be missing or empty, as the format
    /// allows; columns may come in any order and unknown columns are ignored.
    public static func read(_ text: String, source: String = "the review log") throws(ReviewLogCSVError) -> [ReviewLogRow] {
        let table = try CSVTable(text, source: source)
        let cardColumn = try table.column("card_id")
        let timeColumn = try table.column("review_time")
        let ratingColumn = try table.column("review_rating")
        let stateColumn = table.optionalColumn("review_state")
        let durationColumn = table.optionalColumn("review_duration")
        var rows: [ReviewLogRow] = []
        rows.reserveCapacity(table.rows.count)
        for (line, fields) in table.rows {
            func invalid(_ column: String, _ value: String, _ expected: String) -> ReviewLogCSVError {
                .invalidValue(source: source, line: line, column: column, value: value, expected: expected)
            }
            let card = fields[cardColumn]
            guard !card.isEmpty else { throw invalid("card_id", card, "a card id") }
            guard let time = Int64(fields[timeColumn]), time >= 0 else {
                throw invalid("review_time", fields[timeColumn], "milliseconds since 1970 as a whole number")
            }
            guard let ratingValue = Int(fields[ratingColumn]), let rating = Rating(rawValue: ratingValue) else {
                throw invalid("review_rating", fields[ratingColumn], "1, 2, 3 or 4")
            }
            var state: ReviewLogState?
            if let stateColumn, !fields[stateColumn].isEmpty {
                guard let value = Int(fields[stateColumn]), let parsed = ReviewLogState(rawValue: value) else {
                    throw invalid("review_state", fields[stateColumn], "0, 1, 2 or 3")
                }
                state = parsed
            }
            var duration: Int?
            if let durationColumn, !fields[durationColumn].isEmpty {
                guard let value = Int(fields[durationColumn]), value >= 0 else {
                    throw invalid("review_duration", fields[durationColumn], "milliseconds as a whole number, 0 or more")
                }
                duration = value
            }
            rows.append(ReviewLogRow(cardID: card, reviewTime: time, rating: rating, state: state,
                                     durationMilliseconds: duration, line: line))
        }
        return rows
    }

    /// Reads the `card_id,recall_card_id` file: card number (as written) → recall card id.
    public static func readMapping(_ text: String, source: String = "the card mapping") throws(ReviewLogCSVError) -> [String: CardID] {
        let table = try CSVTable(text, source: source)
        let numberColumn = try table.column("card_id")
        let cardColumn = try table.column("recall_card_id")
        var mapping: [String: CardID] = [:]
        for (line, fields) in table.rows {
            let number = fields[numberColumn], card = fields[cardColumn]
            guard !number.isEmpty else {
                throw .invalidValue(source: source, line: line, column: "card_id", value: number, expected: "a card number")
            }
            guard card.count == 16, card.allSatisfy(\.isHexDigit) else {
                throw .invalidValue(source: source, line: line, column: "recall_card_id", value: card, expected: "sixteen hex digits")
            }
            guard mapping[number] == nil else { throw .duplicateCard(source: source, line: line, card: number) }
            mapping[number] = CardID(rawValue: card.lowercased())
        }
        return mapping
    }
}

/// A card's state when it was reviewed, numbered as the FSRS optimizer numbers it.
public enum ReviewLogState: Int, Codable, Hashable, Sendable, CaseIterable {
    case new = 0
    case learning = 1
    case review = 2
    case relearning = 3

    public init(_ phase: CardPhase) {
        switch phase {
        case .new: self = .new
        case .learning: self = .learning
        case .review: self = .review
        case .relearning: self = .relearning
        }
    }

    public var phase: CardPhase {
        switch self {
        case .new: .new
        case .learning: .learning
        case .review: .review
        case .relearning: .relearning
        }
    }
}

/// One review read from an optimizer-format CSV file.
public struct ReviewLogRow: Hashable, Sendable {
    /// The card as the file names it (a number in recall's exports; other tools may use text).
    public var cardID: String
    /// Milliseconds since the Unix epoch, UTC.
    public var reviewTime: Int64
    public var rating: Rating
    public var state: ReviewLogState?
    public var durationMilliseconds: Int?
    /// The line of the file the row is on, for messages.
    public var line: Int
}

/// Why a review log CSV file could not be read. Each case prints one sentence with the place.
public enum ReviewLogCSVError: RecallError, Equatable {
    case empty(source: String)
    case missingColumn(source: String, column: String)
    case wrongFieldCount(source: String, line: Int, expected: Int, found: Int)
    case unterminatedQuote(source: String, line: Int)
    case invalidValue(source: String, line: Int, column: String, value: String, expected: String)
    case duplicateCard(source: String, line: Int, card: String)

    public var category: ErrorCategory { .user }

    public var description: String {
        switch self {
        case .empty(let source):
            return "\(clean(source)) is empty; expected a header line `\(ReviewLogCSV.header)` followed by one review per line"
        case .missingColumn(let source, let column):
            return "the header of \(clean(source)) has no `\(column)` column; the first line must name the columns, like `\(ReviewLogCSV.header)`"
        case .wrongFieldCount(let source, let line, let expected, let found):
            return "line \(line) of \(clean(source)) has \(found) field\(found == 1 ? "" : "s") but the header has \(expected); check for a missing or extra comma"
        case .unterminatedQuote(let source, let line):
            return "line \(line) of \(clean(source)) opens a quote that is never closed; close it or remove it"
        case .invalidValue(let source, let line, let column, let value, let expected):
            let shown = value.isEmpty ? "empty" : "'\(clean(String(value.prefix(40))))'"
            return "line \(line) of \(clean(source)): \(column) is \(shown), expected \(expected)"
        case .duplicateCard(let source, let line, let card):
            return "line \(line) of \(clean(source)) maps card \(clean(card)) a second time; each card number may appear once"
        }
    }

    private func clean(_ text: String) -> String { TerminalSanitizer.clean(text) }
}

/// A CSV file split into a header and rows (RFC 4180 quoting, one record per line).
struct CSVTable {
    let source: String
    let header: [String]
    /// Line number (1-based) and fields of every non-blank data line.
    let rows: [(line: Int, fields: [String])]

    init(_ text: String, source: String) throws(ReviewLogCSVError) {
        self.source = source
        var header: [String]?
        var rows: [(Int, [String])] = []
        var lineNumber = 0
        // "\r\n" is one Character in Swift, so both line ends are separators here.
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            var line = rawLine
            if line.last == "\r" { line.removeLast() }
            if lineNumber == 1, line.hasPrefix("\u{FEFF}") { line.removeFirst() }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            guard let fields = Self.fields(of: line) else { throw .unterminatedQuote(source: source, line: lineNumber) }
            if let header {
                guard fields.count == header.count else {
                    throw .wrongFieldCount(source: source, line: lineNumber, expected: header.count, found: fields.count)
                }
                rows.append((lineNumber, fields))
            } else {
                header = fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            }
        }
        guard let header else { throw .empty(source: source) }
        self.header = header
        self.rows = rows
    }

    func column(_ name: String) throws(ReviewLogCSVError) -> Int {
        guard let index = header.firstIndex(of: name) else { throw .missingColumn(source: source, column: name) }
        return index
    }

    func optionalColumn(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// The fields of one line; nil when a quote is left open.
    static func fields(of line: Substring) -> [String]? {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if quoted {
                if character == "\"" {
                    let next = line.index(after: index)
                    if next < line.endIndex, line[next] == "\"" {
                        current.append("\"")
                        index = next
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
            index = line.index(after: index)
        }
        guard !quoted else { return nil }
        fields.append(current.trimmingCharacters(in: .whitespaces))
        return fields
    }
}

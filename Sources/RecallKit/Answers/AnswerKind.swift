import Foundation

/// What sort of thing an answer is, taken from a fact's `kind:` line.
///
/// The kind decides which matching rules apply (persons get surname and initial rules, years
/// and numbers never get typo tolerance) and which other answers in the deck count as near
/// neighbours that a typo must not turn into.
///
/// ```swift
/// AnswerKind(rawValue: "person")   // .person
/// AnswerKind(rawValue: "weapon")   // .custom("weapon")
/// AnswerKind.custom("place")       // == .place: a custom kind spelled like a built-in one is that kind
/// AnswerKind(rawValue: " Organization ")  // .organisation: trimmed, case-insensitive, either spelling
/// ```
public enum AnswerKind: Sendable, Hashable, Codable, RawRepresentable, CustomStringConvertible {
    case person
    case place
    case date
    case year
    case number
    case organisation
    case term
    case text
    /// Any other identifier an author chose, such as `weapon` or `trial`.
    case custom(String)

    /// The built-in kinds, in the order the deck format documents them.
    public static let builtIn: [AnswerKind] = [.person, .place, .date, .year, .number, .organisation, .term, .text]

    /// Reads a kind identifier; never fails. Leading and trailing spaces are ignored, letters
    /// are compared case-insensitively, and the American spelling `organization` is understood.
    public init?(rawValue: String) {
        self.init(identifier: rawValue)
    }

    /// Reads a kind identifier; every identifier that is not built in becomes `.custom`.
    public init(identifier: String) {
        // Deck kinds are already lowercase words; only other input pays for trimming and folding.
        let isClean = identifier.utf8.allSatisfy { ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-") }
        let cleaned = isClean ? identifier : identifier.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        switch cleaned {
        case "person": self = .person
        case "place": self = .place
        case "date": self = .date
        case "year": self = .year
        case "number": self = .number
        case "organisation", "organization": self = .organisation
        case "term": self = .term
        case "text": self = .text
        default: self = .custom(cleaned)
        }
    }

    /// The identifier as written in a deck: `"person"`, `"place"`, … or the custom identifier.
    public var rawValue: String {
        switch self {
        case .person: "person"
        case .place: "place"
        case .date: "date"
        case .year: "year"
        case .number: "number"
        case .organisation: "organisation"
        case .term: "term"
        case .text: "text"
        case .custom(let identifier): identifier
        }
    }

    public var description: String { rawValue }

    /// Kinds whose answers are digits: a one-character change is a different answer, not a typo.
    public var isNumeric: Bool {
        switch self {
        case .date, .year, .number: true
        case .custom(let identifier): identifier == "date" || identifier == "year" || identifier == "number"
        default: false
        }
    }

    // Equality and hashing go through the identifier, so `.custom("place") == .place`.
    public static func == (left: AnswerKind, right: AnswerKind) -> Bool { left.rawValue == right.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    public init(from decoder: any Decoder) throws {
        self.init(identifier: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

}

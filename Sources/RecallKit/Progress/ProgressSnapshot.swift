import Foundation

/// The snapshot file (`<deck-id>.json`): every card's state as of a point in the journal.
/// A cache only: it records how many journal bytes it covers and the last event in them, and
/// is ignored (then rebuilt) if the journal no longer matches or the settings changed.
struct ProgressSnapshot: Codable {
    static let schemaVersion = 1

    var schema = "recall-progress"
    var schemaVersion = ProgressSnapshot.schemaVersion
    var deckID: String
    /// The scheduler settings the states were computed with.
    var fingerprint: String
    var journalBytes: Int
    var lastEventID: String?
    var eventCount: Int
    var reviewCount: Int
    var cards: [String: CardProgress]
    var cardTexts: [String: CardText]
    var relinks: [String: String]
    var activeQuarterHours: [Int64]

    init(deckID: String, fingerprint: String, journalBytes: Int, state: ProgressState) {
        self.deckID = deckID
        self.fingerprint = fingerprint
        self.journalBytes = journalBytes
        self.lastEventID = state.lastEventID
        self.eventCount = state.eventCount
        self.reviewCount = state.reviewCount
        self.cards = Dictionary(uniqueKeysWithValues: state.cards.map { ($0.key.rawValue, $0.value) })
        self.cardTexts = Dictionary(uniqueKeysWithValues: state.cardTexts.map { ($0.key.rawValue, $0.value) })
        self.relinks = Dictionary(uniqueKeysWithValues: state.relinks.map { ($0.key.rawValue, $0.value.rawValue) })
        self.activeQuarterHours = state.activeQuarterHours.sorted()
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    static func decode(_ bytes: [UInt8]) throws -> ProgressSnapshot {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        let snapshot = try decoder.decode(ProgressSnapshot.self, from: Data(bytes))
        guard snapshot.schema == "recall-progress", snapshot.schemaVersion == schemaVersion else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "unknown snapshot schema \(snapshot.schema) \(snapshot.schemaVersion)"))
        }
        return snapshot
    }

    /// The state, if this snapshot still describes the start of `journal` under these settings.
    func usable(deckID: String, fingerprint: String, journal: [UInt8]) -> ProgressState? {
        guard self.deckID == deckID, self.fingerprint == fingerprint, journalBytes >= 0, journalBytes <= journal.count else { return nil }
        if journalBytes > 0 {
            // The covered part must end at a line boundary, on the event the snapshot names.
            guard journal[journalBytes - 1] == 0x0A, let lastEventID else { return nil }
            var start = journalBytes - 1
            while start > 0, journal[start - 1] != 0x0A { start -= 1 }
            guard let text = String(validating: journal[start..<(journalBytes - 1)], as: UTF8.self),
                  let event = JournalEvent(jsonLine: text[...]), event.id == lastEventID
            else { return nil }
        } else if lastEventID != nil {
            return nil
        }
        var state = ProgressState()
        state.eventCount = eventCount
        state.reviewCount = reviewCount
        state.lastEventID = lastEventID
        state.cards = Dictionary(uniqueKeysWithValues: cards.map { (CardID(rawValue: $0.key), $0.value) })
        state.cardTexts = Dictionary(uniqueKeysWithValues: cardTexts.map { (CardID(rawValue: $0.key), $0.value) })
        state.relinks = Dictionary(uniqueKeysWithValues: relinks.map { (CardID(rawValue: $0.key), CardID(rawValue: $0.value)) })
        state.activeQuarterHours = Set(activeQuarterHours)
        return state
    }
}

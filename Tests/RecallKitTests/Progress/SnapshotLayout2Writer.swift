import Foundation
@testable import RecallKit

// The JSON snapshot layout (version 2) that recall wrote before layout 3. recall still reads
// such files once, so the tests make them; recall itself no longer writes them.

/// A number JSON cannot hold (NaN or infinite): the layout-2 writer refuses it.
struct NotFiniteInSnapshot: Error {
    let path: String
}

extension ProgressSnapshot {
    /// The JSON layout (version 2), as recall wrote it before layout 3: kept so tests can make
    /// the files older versions left behind, which are still read.
    func jsonEncoded() throws(NotFiniteInSnapshot) -> [UInt8] {
        var out = SnapshotWriter()
        out.raw("{\"schema\":"); out.string(Self.schema)
        out.raw(",\"schemaVersion\":"); out.integer(Self.schemaVersion)
        out.raw(",\"deckID\":"); out.string(deckID)
        out.raw(",\"fingerprint\":"); out.string(fingerprint)
        out.raw(",\"journalBytes\":"); out.integer(journalBytes)
        out.raw(",\"lastLineStart\":"); out.integer(lastLineStart)
        out.raw(",\"lastEventID\":"); out.optionalString(state.lastEventID)
        out.raw(",\"eventCount\":"); out.integer(state.eventCount)
        out.raw(",\"reviewCount\":"); out.integer(state.reviewCount)
        // Row counts first, so a reader can size its dictionaries once instead of growing them.
        out.raw(",\"cardCount\":"); out.integer(state.cards.count)
        out.raw(",\"cardTextCount\":"); out.integer(state.cardTexts.count)
        out.raw(",\n\"activeQuarterHours\":[")
        for (index, quarter) in state.activeQuarterHours.sorted().enumerated() {
            if index > 0 { out.raw(",") }
            out.integer(quarter)
        }
        out.raw("],\n\"relinks\":[")
        for (index, relink) in state.relinks.sorted(by: { $0.key < $1.key }).enumerated() {
            out.raw(index == 0 ? "\n[" : ",\n[")
            out.string(relink.key.rawValue); out.raw(","); out.string(relink.value.rawValue)
            out.raw("]")
        }
        out.raw("],\n\"cardTexts\":[")
        for (index, entry) in state.cardTexts.sorted(by: { $0.key < $1.key }).enumerated() {
            out.raw(index == 0 ? "\n[" : ",\n[")
            out.string(entry.key.rawValue); out.raw(",")
            out.string(entry.value.variant); out.raw(",")
            out.string(entry.value.prompt); out.raw(",")
            out.string(entry.value.answer)
            out.raw("]")
        }
        out.raw("],\n\"cards\":[")
        for (index, entry) in state.cards.sorted(by: { $0.key < $1.key }).enumerated() {
            out.raw(index == 0 ? "\n[" : ",\n[")
            try out.card(entry.key, entry.value, row: index)
            out.raw("]")
        }
        out.raw("]}\n")
        return out.bytes
    }
}

/// Appends JSON to a byte array; strings go through the journal's escaping.
private struct SnapshotWriter {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 20) }

    mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func integer(_ value: some BinaryInteger) {
        var text = String(value)
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ value: String) {
        var value = value
        let plain = value.withUTF8 { utf8 in
            utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        }
        if plain {
            bytes.append(UInt8(ascii: "\""))
            value.withUTF8 { bytes.append(contentsOf: $0) }
            bytes.append(UInt8(ascii: "\""))
        } else {
            var quoted = ""
            FlatJSONWriter.appendQuoted(value, to: &quoted)
            quoted.withUTF8 { bytes.append(contentsOf: $0) }
        }
    }

    mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { raw("null") }
    }

    mutating func double(_ value: Double, path: @autoclosure () -> String) throws(NotFiniteInSnapshot) {
        guard value.isFinite else { throw NotFiniteInSnapshot(path: path()) }
        // `description` is the shortest text that reads back to the same Double.
        var text = value.description
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Milliseconds since the epoch: an integer when that gives back this exact Date, which is
    /// every time recall took from a journal event.
    mutating func milliseconds(_ date: Date, path: @autoclosure () -> String) throws(NotFiniteInSnapshot) {
        let value = date.timeIntervalSince1970 * 1000
        if value.rounded() == value, abs(value) < 0x1p53, Date(timeIntervalSince1970: value / 1000) == date {
            integer(Int64(value))
        } else {
            try double(value, path: path())
        }
    }

    /// `["id","phase",step,"memory",m1,m2,due,lastReview,reps,lapses,suspended,leech,buriedUntilDay,firstReview]`
    mutating func card(_ id: CardID, _ progress: CardProgress, row: Int) throws(NotFiniteInSnapshot) {
        let scheduling = progress.scheduling
        // For a message only; the autoclosures build it if a number cannot be written.
        func path(_ field: String) -> String { "cards.\(row).\(field)" }
        string(id.rawValue); raw(",")
        string(scheduling.phase.rawValue); raw(",")
        if let step = scheduling.step { integer(step) } else { raw("null") }
        switch scheduling.memory {
        case .fsrs(let stability, let difficulty)?:
            raw(",\"fsrs\","); try double(stability, path: path("stability"))
            raw(","); try double(difficulty, path: path("difficulty"))
        case .sm2(let ease, let intervalDays)?:
            raw(",\"sm2\","); try double(ease, path: path("ease"))
            raw(","); integer(intervalDays)
        case nil:
            raw(",null,null,null")
        }
        raw(",")
        if let last = scheduling.lastReview {
            // Seconds after the last review: `last + (due - last)` gives back `due` to the bit,
            // where milliseconds since 1970 would lose the last bits of a Date.
            try double(scheduling.due.timeIntervalSince(last), path: path("due"))
            raw(","); try milliseconds(last, path: path("lastReview"))
        } else {
            try milliseconds(scheduling.due, path: path("due"))
            raw(",null")
        }
        raw(","); integer(scheduling.reps)
        raw(","); integer(scheduling.lapses)
        raw(progress.isSuspended ? ",true" : ",false")
        raw(progress.isLeech ? ",true" : ",false")
        raw(",")
        if let day = progress.buriedUntilDay { integer(day) } else { raw("null") }
        raw(",")
        if let first = progress.firstReview { try milliseconds(first, path: path("firstReview")) } else { raw("null") }
    }
}

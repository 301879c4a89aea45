/// Unions journals from several machines by event id.
///
/// The result is every distinct event once, ordered by time then id, written in the canonical
/// line form — so merging is commutative (A+B = B+A), associative and idempotent (A+A = A),
/// and a learner who studies on two machines can sync the journals through any file sync.
///
///     let merged = ProgressMerger.merge([laptopJournal, desktopJournal])
public enum ProgressMerger {
    public struct Result: Sendable {
        /// The merged journal, one event a line.
        public var journal: [UInt8]
        public var eventCount: Int
        /// Lines that were not events, from any input, left out of the result.
        public var skippedLines: Int
    }

    public static func merge(_ journals: [[UInt8]]) -> Result {
        var byID: [String: JournalEvent] = [:]
        var skipped = 0
        for journal in journals {
            let parsed = JournalParser.parse(journal, from: 0)
            skipped += parsed.lines.rejected.count
            for event in parsed.events {
                // Two events with one id are the same event; keep a deterministic one if a
                // hand edit made them differ.
                if let existing = byID[event.id], existing.jsonLine <= event.jsonLine { continue }
                byID[event.id] = event
            }
        }
        let ordered = byID.values.sorted { ($0.time, $0.id) < ($1.time, $1.id) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ordered.count * 160)
        for event in ordered {
            bytes.append(contentsOf: event.jsonLine.utf8)
            bytes.append(0x0A)
        }
        return Result(journal: bytes, eventCount: ordered.count, skippedLines: skipped)
    }
}

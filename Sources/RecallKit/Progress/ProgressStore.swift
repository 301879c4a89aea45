import Foundation

/// A deck's progress on disk: an append-only journal (the truth) and a snapshot (a cache).
///
/// Every event is appended and flushed to disk before `record` returns, so an answer the
/// learner saw acknowledged survives a crash, `kill -9` or power loss. A torn last line is set
/// aside, a corrupt snapshot is rebuilt from the journal, and a second writer is refused.
///
///     let store = try ProgressStore.open(deckID: "great-purge", directory: paths.data,
///                                        replayer: ProgressReplayer(scheduler: FSRSScheduler()))
///     try store.review(card: id, rating: .good, durationMilliseconds: 4200, answer: "Nikolaev", at: now)
public final class ProgressStore {
    public enum Mode: Sendable { case readWrite, readOnly }

    public let deckID: String
    public let directory: String
    public let mode: Mode
    public let replayer: ProgressReplayer
    public private(set) var state: ProgressState
    /// Things the learner should know about, such as a torn line set aside.
    public private(set) var warnings: [String] = []

    // Internal so tests can point it at /dev/full to play a full disk.
    var journalDescriptor: Int32 = -1
    private var journalSize: Int = 0
    /// Where the journal's last line starts: a snapshot records it so the next open can check
    /// that line and read only what follows.
    private var lastLineStart: Int = 0
    private var eventsSinceSnapshot = 0
    /// How many journal events `open` parsed and replayed: the tail after a usable snapshot,
    /// or the whole journal. Tests read it to see which path an open took.
    private(set) var eventsReplayedAtOpen = 0
    private var lock: ProgressLock?
    private var generator: any RandomNumberGenerator = SystemRandomNumberGenerator()
    /// The deck this progress is studied with: snapshots keep progress in its card order.
    private var deckOrder: [Card]?
    /// This session's reviews, newest last, with each card's progress before it (nil: none yet)
    /// and the quarter hour the review added, if it was the first in it: what `:undo` restores.
    private var undoStack: [(eventID: String, card: CardID, before: CardProgress?, newQuarterHour: Int64?)] = []

    public var journalPath: String { Self.journalPath(directory: directory, deckID: deckID) }
    public var snapshotPath: String { "\(directory)/\(deckID).snapshot" }
    /// Where recall before snapshot layout 3 kept its JSON snapshot: read if there is no
    /// `snapshotPath`, and removed once a new snapshot is written.
    public var legacySnapshotPath: String { "\(directory)/\(deckID).json" }
    public var rejectedPath: String { "\(directory)/\(deckID).journal.rejected" }

    static func journalPath(directory: String, deckID: String) -> String { "\(directory)/\(deckID).journal.jsonl" }

    private init(deckID: String, directory: String, mode: Mode, replayer: ProgressReplayer, state: ProgressState) {
        self.deckID = deckID
        self.directory = directory
        self.mode = mode
        self.replayer = replayer
        self.state = state
    }

    deinit {
        if journalDescriptor >= 0 { Foundation.close(journalDescriptor) }
    }

    // MARK: Opening

    /// Opens (and in read-write mode, locks) a deck's progress, replaying what the snapshot
    /// does not cover. `keepLog` also gathers the full review log, for stats and exports.
    public static func open(deckID: String, directory: String, replayer: ProgressReplayer, mode: Mode = .readWrite,
                            keepLog: Bool = false, now: Date = Date()) throws(ProgressError) -> ProgressStore {
        let store = ProgressStore(deckID: deckID, directory: directory, mode: mode, replayer: replayer, state: ProgressState())
        if mode == .readWrite {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw .cannotSave(directory, errno: errno == 0 ? EACCES : errno)
            }
            store.lock = try ProgressLock.acquire(path: "\(directory)/\(deckID).lock", now: now)
        }
        try store.load(keepLog: keepLog)
        if mode == .readWrite {
            let descriptor = Foundation.open(store.journalPath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw .cannotSave(store.journalPath, errno: errno) }
            store.journalDescriptor = descriptor
            AtomicFile.syncDirectory(directory)
        }
        return store
    }

    private func load(keepLog: Bool) throws(ProgressError) {
        // The snapshot is only a shortcut; anything wrong with it means "replay everything".
        var snapshotProblem: String?
        var usable: ProgressSnapshot?
        var isLegacy = false
        if !keepLog {
            var read = Self.readFile(snapshotPath)
            if case .missing = read {
                read = Self.readFile(legacySnapshotPath)
                isLegacy = true
            }
            switch read {
            case .missing: break
            case .failed(let code): snapshotProblem = String(cString: strerror(code))
            case .contents(let bytes):
                do throws(SnapshotProblem) {
                    let snapshot = try ProgressSnapshot.decode(bytes)
                    usable = snapshot.deckID == deckID && snapshot.fingerprint == fingerprint ? snapshot : nil
                } catch .olderVersion {
                    // Written by an earlier recall: replay once, and `close` writes the new layout.
                } catch {
                    snapshotProblem = "\(error)"
                }
            }
        }
        if let usable, try loadTail(after: usable) {
            // An older layout is read once: `close` writes the current one even without new events.
            if isLegacy { eventsSinceSnapshot = max(eventsSinceSnapshot, 1) }
            return
        }
        try loadWholeJournal(snapshotProblem: snapshotProblem, keepLog: keepLog)
    }

    /// Reads only the journal after what `snapshot` covers, when the journal still starts with
    /// what the snapshot saw: at least `journalBytes` long, with the line that ends there
    /// carrying the snapshot's last event id. False if not; then nothing has changed.
    private func loadTail(after snapshot: ProgressSnapshot) throws(ProgressError) -> Bool {
        let covered = snapshot.journalBytes, lineStart = snapshot.lastLineStart
        guard covered > 0, lineStart >= 0, lineStart < covered, let lastEventID = snapshot.state.lastEventID else { return false }
        // From the newline before the last covered line (if any), to see that a line starts there.
        let readStart = max(0, lineStart - 1)
        let tail: [UInt8]
        switch Self.readFile(journalPath, from: readStart) {
        case .missing: return false
        case .contents(let bytes): tail = bytes
        case .failed(let code): throw .unreadable(journalPath, reason: String(cString: strerror(code)))
        }
        let coveredInTail = covered - readStart
        guard tail.count >= coveredInTail, tail[coveredInTail - 1] == 0x0A, readStart == lineStart || tail[0] == 0x0A else { return false }
        let lineInTail = lineStart - readStart
        let lastLine = tail[lineInTail..<(coveredInTail - 1)]
        guard !lastLine.contains(0x0A),
              let event = lastLine.withUnsafeBufferPointer({ JournalEvent(jsonLine: $0) }), event.id == lastEventID
        else { return false }
        let parsed = JournalParser.records(tail, from: coveredInTail)
        guard parsed.undoesOnlyItsOwnEvents else { return false }
        state = replayer.replay(parsed, onto: snapshot.state)
        journalSize = readStart + tail.count
        lastLineStart = readStart + JournalParser.startOfLastLine(tail)
        eventsSinceSnapshot = parsed.records.count
        eventsReplayedAtOpen = parsed.records.count
        if !parsed.lines.rejected.isEmpty {
            let kept = [0..<readStart] + parsed.lines.keptRanges.map { ($0.lowerBound + readStart)..<($0.upperBound + readStart) }
            try noteRejected(parsed, keptRanges: kept)
        }
        return true
    }

    /// Parses and replays the whole journal (no usable snapshot, or the full log wanted).
    private func loadWholeJournal(snapshotProblem: String?, keepLog: Bool) throws(ProgressError) {
        let journal: [UInt8]
        switch Self.readFile(journalPath) {
        case .missing: journal = []
        case .contents(let bytes): journal = bytes
        case .failed(let code): throw .unreadable(journalPath, reason: String(cString: strerror(code)))
        }
        let parsed = JournalParser.records(journal, from: 0)
        if parsed.records.isEmpty, !journal.isEmpty, parsed.lines.validLineCount == 0,
           journal.contains(UInt8(ascii: "\n")) || journal.count > 4096 {
            // Not one readable event in a journal with content: this is not a torn line, it is
            // not a journal. Touch nothing and let the learner decide.
            throw .unreadable(journalPath, reason: snapshotProblem.map { "no readable event in it, and the snapshot is damaged too (\($0))" } ?? "no readable event in it")
        }
        if let problem = snapshotProblem {
            warnings.append("The snapshot \(snapshotPath) was damaged (\(problem)); it was rebuilt from the journal and nothing was lost.")
        }
        state = replayer.replay(parsed, keepLog: keepLog)
        journalSize = journal.count
        lastLineStart = JournalParser.startOfLastLine(journal)
        eventsSinceSnapshot = parsed.records.count
        eventsReplayedAtOpen = parsed.records.count
        if !parsed.lines.rejected.isEmpty { try noteRejected(parsed, keptRanges: parsed.lines.keptRanges) }
    }

    /// Sets damaged lines aside (read-write) or mentions them (read-only).
    private func noteRejected(_ parsed: ParsedJournal, keptRanges: [Range<Int>]) throws(ProgressError) {
        let count = parsed.lines.rejected.count
        if mode == .readWrite {
            try setAside(parsed.lines.rejected, keeping: keptRanges)
            warnings.append("\(count) damaged line\(count == 1 ? "" : "s") of the journal (probably from a crash while saving) \(count == 1 ? "was" : "were") moved to \(rejectedPath); every complete answer is kept.")
        } else if !(count == 1 && parsed.lines.rejectedTail) {
            // A reader may see the half-written line of a live session: that is not damage.
            warnings.append("\(count) damaged line\(count == 1 ? "" : "s") in \(journalPath) \(count == 1 ? "was" : "were") skipped.")
        }
    }

    /// Moves damaged lines to the `.rejected` file, then rewrites the journal without them.
    private func setAside(_ rejected: [ArraySlice<UInt8>], keeping kept: [Range<Int>]) throws(ProgressError) {
        var aside: [UInt8] = []
        for line in rejected { aside.append(contentsOf: line); aside.append(0x0A) }
        let descriptor = Foundation.open(rejectedPath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotSave(rejectedPath, errno: errno) }
        let written = aside.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        let code = errno
        fsync(descriptor)
        Foundation.close(descriptor)
        guard written == aside.count else { throw .cannotSave(rejectedPath, errno: code) }
        // Read the journal again: the tail path only has its end in memory.
        let journal: [UInt8]
        switch Self.readFile(journalPath) {
        case .missing: journal = []
        case .contents(let bytes): journal = bytes
        case .failed(let code): throw .unreadable(journalPath, reason: String(cString: strerror(code)))
        }
        var cleaned: [UInt8] = []
        cleaned.reserveCapacity(journal.count)
        for range in kept where range.upperBound <= journal.count { cleaned.append(contentsOf: journal[range]) }
        do {
            try AtomicFile.write(Data(cleaned), to: journalPath)
        } catch {
            throw .cannotSave(journalPath, errno: ENOSPC)
        }
        journalSize = cleaned.count
        lastLineStart = JournalParser.startOfLastLine(cleaned)
        // The snapshot may name offsets in the old journal; drop it, and have `close` write a
        // new one even if no event is added, so the next open is not a full replay.
        unlink(snapshotPath)
        unlink(legacySnapshotPath)
        eventsSinceSnapshot = max(eventsSinceSnapshot, 1)
    }

    enum FileRead {
        case missing
        case contents([UInt8])
        case failed(Int32)
    }

    /// The file's bytes from `offset` to its end, in one buffer sized by `fstat`.
    static func readFile(_ path: String, from offset: Int = 0) -> FileRead {
        let descriptor = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return errno == ENOENT ? .missing : .failed(errno) }
        defer { Foundation.close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failed(errno) }
        // Uninitialized, not zero-filled: `pread` writes every byte that is kept.
        let size = max(0, Int(status.st_size) - offset)
        var failure: Int32?
        var position = offset
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            while initialized < size {
                let count = pread(descriptor, buffer.baseAddress! + initialized, size - initialized, off_t(position))
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if count == 0 { break }
                initialized += count
                position += count
            }
        }
        if let failure { return .failed(failure) }
        var filled = bytes.count
        // A live writer may have appended since `fstat`: take that too, in small reads, so
        // the common case never grows (and copies) the big buffer.
        var more = [UInt8](repeating: 0, count: 65_536)
        while filled == bytes.count {
            let count = more.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, $0.count, off_t(position)) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failed(errno)
            }
            if count == 0 { break }
            bytes.append(contentsOf: more[0..<count])
            filled += count
            position += count
        }
        return .contents(bytes)
    }

    /// Identifies the scheduler settings a snapshot was computed with.
    var fingerprint: String {
        StableHash.of([replayer.schedulerName, replayer.scheduler.settingsFingerprint,
                       "\(replayer.leechPolicy.threshold)", "\(replayer.leechPolicy.suspends)"]).hex
    }

    // MARK: Writing

    /// Appends one event and flushes it to disk; only then is it applied and returned.
    /// On failure nothing is applied and the journal is left as it was.
    @discardableResult
    public func record(_ action: JournalEvent.Action, at date: Date) throws(ProgressError) -> JournalEvent {
        guard mode == .readWrite, journalDescriptor >= 0 else { throw .readOnly(journalPath) }
        let time = JournalEvent.milliseconds(date)
        let event = JournalEvent(id: JournalEvent.makeID(time: time, using: &generator), time: time, action: action)
        let line = Array((event.jsonLine + "\n").utf8)
        var offset = 0
        while offset < line.count {
            let written = line[offset...].withUnsafeBytes { Foundation.write(journalDescriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                let code = errno
                // Remove any partial line so the journal stays whole.
                _ = ftruncate(journalDescriptor, off_t(journalSize))
                throw .cannotSave(journalPath, errno: code)
            }
            offset += written
        }
        if fsync(journalDescriptor) != 0 {
            let code = errno
            _ = ftruncate(journalDescriptor, off_t(journalSize))
            throw .cannotSave(journalPath, errno: code)
        }
        lastLineStart = journalSize
        journalSize += line.count
        replayer.apply(event, to: &state)
        // No snapshot here: on a large deck writing one takes seconds, and the learner would
        // wait for it. `close()` writes it; after a crash the few events since are replayed.
        eventsSinceSnapshot += 1
        return event
    }

    /// Records a review, first noting what the card asked if this is its first review.
    @discardableResult
    public func review(card: CardID, rating: Rating, durationMilliseconds: Int, answer: String?,
                       text: CardText? = nil, at date: Date) throws(ProgressError) -> CardProgress {
        let resolved = state.resolve(card)
        if let text, !state.cardTexts.contains(resolved) {
            try record(.cardText(card: resolved, variant: text.variant, prompt: text.prompt, answer: text.answer), at: date)
        }
        let before = state.cards[resolved]
        let quarterHour = JournalEvent.milliseconds(date) / ProgressState.quarterHour
        let isNewQuarterHour = !state.activeQuarterHours.contains(quarterHour)
        let event = try record(.review(card: resolved, rating: rating, durationMilliseconds: durationMilliseconds,
                                       answer: answer, scheduler: replayer.schedulerName), at: date)
        undoStack.append((event.id, resolved, before, isNewQuarterHour ? quarterHour : nil))
        return state.progress(of: resolved)
    }

    /// Takes back this session's most recent review; returns the card it belonged to.
    @discardableResult
    public func undoLastReview(at date: Date) throws(ProgressError) -> CardID? {
        guard let last = undoStack.last else { return nil }
        try record(.undo(target: last.eventID), at: date)
        undoStack.removeLast()
        // Leave the state exactly as a replay (which skips the undone review) computes it, so a
        // snapshot written now is a true cache of the journal.
        state.cards[last.card] = last.before
        state.reviewCount -= 1
        state.eventCount -= 1
        if let quarterHour = last.newQuarterHour { state.activeQuarterHours.remove(quarterHour) }
        return last.card
    }

    public var canUndo: Bool { !undoStack.isEmpty }

    /// Merges another machine's journal into this one (see ``ProgressMerger``): the journal is
    /// replaced atomically with the union and every card is replayed. Returns how many events
    /// were new here.
    @discardableResult
    public func merge(journal other: [UInt8]) throws(ProgressError) -> Int {
        guard mode == .readWrite, journalDescriptor >= 0 else { throw .readOnly(journalPath) }
        let current: [UInt8]
        switch Self.readFile(journalPath) {
        case .missing: current = []
        case .contents(let bytes): current = bytes
        case .failed(let code): throw .unreadable(journalPath, reason: String(cString: strerror(code)))
        }
        let before = JournalParser.parse(current, from: 0).events.count
        let merged = ProgressMerger.merge([current, other])
        guard merged.eventCount > before || merged.journal != current else { return 0 }
        do {
            try AtomicFile.write(Data(merged.journal), to: journalPath)
        } catch {
            throw .cannotSave(journalPath, errno: ENOSPC)
        }
        // The rename replaced the file: append to the new one from now on.
        Foundation.close(journalDescriptor)
        journalDescriptor = Foundation.open(journalPath, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard journalDescriptor >= 0 else { throw .cannotSave(journalPath, errno: errno) }
        journalSize = merged.journal.count
        lastLineStart = JournalParser.startOfLastLine(merged.journal)
        unlink(snapshotPath)
        unlink(legacySnapshotPath)
        state = replayer.replay(JournalParser.records(merged.journal, from: 0))
        undoStack.removeAll()
        try? writeSnapshot()
        return merged.eventCount - before
    }

    /// Adds reviews from another tool's log (already mapped to card ids). Each gets an event id
    /// derived from its card and time, so importing the same log twice changes nothing; the
    /// journal is rewritten in time order, as a merge does. Returns how many were new.
    @discardableResult
    public func importReviews(_ reviews: [ImportedReview]) throws(ProgressError) -> Int {
        var bytes: [UInt8] = []
        for review in reviews {
            let event = JournalEvent(
                id: "import-\(review.card.rawValue)-\(review.time)", time: review.time,
                action: .review(card: review.card, rating: review.rating, durationMilliseconds: review.durationMilliseconds,
                                answer: nil, scheduler: "import"))
            bytes.append(contentsOf: event.jsonLine.utf8)
            bytes.append(0x0A)
        }
        return try merge(journal: bytes)
    }

    /// Keeps progress in the order of `cards` in snapshots from now on, and rewrites the
    /// snapshot at `close` if `isScattered` (the last one was in another order). A session's
    /// plan then reads progress front to back instead of once per card at a random place:
    /// on 100,000 cards that is most of the time opening a session takes.
    ///
    ///     store.keepSnapshotInOrder(of: deck.cards, isScattered: plan.scatteredLookups > 0)
    public func keepSnapshotInOrder(of cards: [Card], isScattered: Bool) {
        deckOrder = cards
        if isScattered { eventsSinceSnapshot = max(eventsSinceSnapshot, 1) }
    }

    /// Writes the snapshot atomically. Failure is harmless: the journal still has everything.
    public func writeSnapshot() throws(ProgressError) {
        guard mode == .readWrite else { return }
        if let deckOrder {
            state.cards = deckOrder.withUnsafeBufferPointer { cards in
                state.cards.arranged(count: cards.count) { cards[$0].id }
            }
        }
        let snapshot = ProgressSnapshot(deckID: deckID, fingerprint: fingerprint, journalBytes: journalSize,
                                        lastLineStart: lastLineStart, state: state)
        do {
            try AtomicFile.write(Data(snapshot.encoded()), to: snapshotPath)
            eventsSinceSnapshot = 0
        } catch {
            throw .cannotSave(snapshotPath, errno: ENOSPC)
        }
        // The new snapshot is on disk; an older layout's file is now only in the way.
        unlink(legacySnapshotPath)
    }

    /// Writes a final snapshot and releases the lock.
    public func close() {
        if mode == .readWrite, eventsSinceSnapshot > 0 { try? writeSnapshot() }
        if journalDescriptor >= 0 { Foundation.close(journalDescriptor); journalDescriptor = -1 }
        lock?.release()
        lock = nil
    }
}

/// Why progress could not be opened or saved.
public enum ProgressError: RecallError, Equatable {
    case locked(path: String, pid: Int32?, since: String?)
    case unreadable(String, reason: String)
    case cannotSave(String, errno: Int32)
    case readOnly(String)

    public var category: ErrorCategory {
        switch self {
        case .unreadable: .data
        default: .user
        }
    }

    public var description: String {
        switch self {
        case .locked(let path, let pid, let since):
            let holder = pid.map { "process \($0)" } ?? "another process"
            let when = since.map { " since \($0)" } ?? ""
            return "this deck's progress is in use by \(holder)\(when) (lock \(path)); finish that session first, or use `recall stats`/`recall export`, which only read"
        case .unreadable(let path, let reason):
            return "the progress journal \(path) cannot be read (\(reason)); recall has changed nothing — move the file aside to start over, or restore it from a backup"
        case .cannotSave(let path, let code):
            let reason = String(cString: strerror(code))
            let remedy = code == ENOSPC ? "free some disk space" : "check that the folder is writable"
            return "could not save to \(path) (\(reason)): this answer was NOT saved; \(remedy) and answer again — everything saved before is intact"
        case .readOnly(let path):
            return "progress \(path) is open read-only; this command cannot change it"
        }
    }
}

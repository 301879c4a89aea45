import Foundation

/// Snapshot layout version 3: fixed-size little-endian records and one string table, checked
/// by a checksum (docs/progress-format.md).
///
/// Reading the JSON layout (version 2) of a 100,000-card deck meant scanning 22 MB and
/// parsing 1.4 million numbers, two of them per card through `strtod`. Here a card is 88 bytes
/// read at fixed offsets, ids and texts are copied as bytes, and Dates are stored as their
/// exact Double, so nothing is parsed and nothing is rounded.
extension ProgressSnapshot {
    /// The first 16 bytes of a version 3 snapshot.
    static let binaryMagic = Array("recall-progress\n".utf8)
    static let binaryVersion: UInt32 = 3
    static let binaryHeaderSize = 48
    static let cardRecordSize = 88

    /// The snapshot in layout version 3.
    func binaryEncoded() -> [UInt8] {
        var strings = SnapshotStringTable()
        var body = BinaryOutput()
        // Stored with their hash indexes, so opening does not hash 100,000 ids again; an index
        // is only valid without removed entries.
        let cards = state.cards.hasRemovedEntries ? state.cards.compacted() : state.cards
        let texts = state.cardTexts.compacted()
        body.int64(journalBytes)
        body.int64(lastLineStart)
        body.int64(state.eventCount)
        body.int64(state.reviewCount)
        body.uint32(state.activeQuarterHours.count)
        body.uint32(state.relinks.count)
        body.uint32(cards.count)
        body.uint32(texts.count)
        body.uint32(cards.storedIndex.count)
        body.uint32(texts.storedIndex.count)
        body.reference(strings.add(deckID))
        body.reference(strings.add(fingerprint))
        body.reference(state.lastEventID.map { strings.add($0) } ?? SnapshotStringTable.none)
        for quarter in state.activeQuarterHours.sorted() { body.int64(quarter) }
        for (from, to) in state.relinks.sorted(by: { $0.key < $1.key }) {
            body.reference(strings.add(from.rawValue))
            body.reference(strings.add(to.rawValue))
        }
        body.bytes.reserveCapacity(body.bytes.count + cards.count * Self.cardRecordSize + texts.count * 32
            + 8 * (cards.storedIndex.count + texts.storedIndex.count))
        cards.forEachEntry { _, id, progress in
            body.reference(strings.add(id))
            body.card(progress)
        }
        for word in cards.storedIndex { body.uint64(word) }
        texts.forEachEntry { id, variant, prompt, answer in
            body.reference(strings.add(id))
            body.reference(strings.add(variant))
            body.reference(strings.add(prompt))
            body.reference(strings.add(answer))
        }
        for word in texts.storedIndex { body.uint64(word) }
        body.uint32(strings.bytes.count)
        // The string table last: the reader adopts it as the card texts' storage.
        body.bytes.append(contentsOf: strings.bytes)

        var header = BinaryOutput()
        header.bytes.append(contentsOf: Self.binaryMagic)
        header.uint32(Int(Self.binaryVersion))
        header.uint32(Self.binaryHeaderSize)
        header.int64(Self.binaryHeaderSize + body.bytes.count)
        header.uint64(SnapshotChecksum.of(body.bytes))
        header.int64(0)
        return header.bytes + body.bytes
    }

    /// Whether `bytes` start like a version 3 snapshot (and not like JSON).
    static func isBinary(_ bytes: [UInt8]) -> Bool {
        bytes.count >= binaryMagic.count && bytes[0..<binaryMagic.count].elementsEqual(binaryMagic)
    }

    static func decodeBinary(_ bytes: [UInt8]) throws(SnapshotProblem) -> ProgressSnapshot {
        let result: Result<ProgressSnapshot, SnapshotProblem> = bytes.withUnsafeBufferPointer { buffer in
            do throws(SnapshotProblem) {
                return .success(try decodeBinary(buffer, file: bytes))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// `file` is `buffer`'s array: the card texts keep it as their storage, without a copy.
    private static func decodeBinary(_ buffer: UnsafeBufferPointer<UInt8>, file: [UInt8]) throws(SnapshotProblem) -> ProgressSnapshot {
        var input = BinaryInput(buffer, at: binaryMagic.count)
        let version = try input.uint32("schemaVersion")
        guard version == binaryVersion else { throw .unknownSchema(schema, version: Int(version)) }
        let headerSize = try input.uint32("headerSize")
        let length = try input.int64("length")
        let checksum = try input.uint64("checksum")
        let reserved = try input.uint64("reserved")
        // A torn or shortened file, or any changed bit, ends here: the journal is replayed.
        guard headerSize == binaryHeaderSize, length == buffer.count, reserved == 0 else {
            throw .malformed(offset: buffer.count, path: "length", expected: "\(length) bytes")
        }
        guard SnapshotChecksum.of(UnsafeBufferPointer(rebasing: buffer[binaryHeaderSize...])) == checksum else {
            throw .malformed(offset: binaryHeaderSize, path: "checksum", expected: "the checksum \(checksum)")
        }
        input.index = binaryHeaderSize
        let journalBytes = try input.int64("journalBytes")
        let lastLineStart = try input.int64("lastLineStart")
        var state = ProgressState()
        state.eventCount = try input.int64("eventCount")
        state.reviewCount = try input.int64("reviewCount")
        let quarterCount = try input.uint32("activeQuarterHours")
        let relinkCount = try input.uint32("relinks")
        let cardCount = try input.uint32("cards")
        let textCount = try input.uint32("cardTexts")
        let cardIndexSize = try input.uint32("cardIndex")
        let textIndexSize = try input.uint32("textIndex")
        let deckReference = try input.reference("deckID")
        let fingerprintReference = try input.reference("fingerprint")
        let lastEventReference = try input.reference("lastEventID")
        // The fixed-size part must fit before the string table is looked for.
        let rowsSize = quarterCount * 8 + relinkCount * 16 + cardCount * cardRecordSize + textCount * 32
            + 8 * (cardIndexSize + textIndexSize)
        guard rowsSize + 4 <= buffer.count - input.index else {
            throw .malformed(offset: input.index, path: "cards", expected: "\(rowsSize) bytes of rows")
        }
        let stringsStart = input.index + rowsSize + 4
        var stringCount = BinaryInput(buffer, at: stringsStart - 4)
        guard try stringCount.uint32("strings") == buffer.count - stringsStart else {
            throw .malformed(offset: stringsStart - 4, path: "strings", expected: "a string table to the end of the file")
        }
        let strings = UnsafeBufferPointer(rebasing: buffer[stringsStart...])
        func text(_ reference: SnapshotStringTable.Reference, _ path: @autoclosure () -> String) throws(SnapshotProblem) -> UnsafeBufferPointer<UInt8> {
            guard reference.start <= strings.count, reference.count <= strings.count - reference.start else {
                throw .malformed(offset: stringsStart, path: path(), expected: "a string in the string table")
            }
            return UnsafeBufferPointer(rebasing: strings[reference.start..<(reference.start + reference.count)])
        }
        func string(_ reference: SnapshotStringTable.Reference, _ path: @autoclosure () -> String) throws(SnapshotProblem) -> String {
            String(decoding: try text(reference, path()), as: UTF8.self)
        }
        let deckID = try string(deckReference, "deckID")
        let fingerprint = try string(fingerprintReference, "fingerprint")
        state.lastEventID = lastEventReference == SnapshotStringTable.none ? nil : try string(lastEventReference, "lastEventID")

        state.activeQuarterHours.reserveCapacity(quarterCount)
        for _ in 0..<quarterCount { state.activeQuarterHours.insert(Int64(try input.int64("activeQuarterHours"))) }
        for row in 0..<relinkCount {
            let from = try string(try input.reference("relinks.\(row)"), "relinks.\(row)")
            state.relinks[CardID(rawValue: from)] = CardID(rawValue: try string(try input.reference("relinks.\(row)"), "relinks.\(row)"))
        }
        state.cards.reserveCapacity(cardCount)
        for row in 0..<cardCount {
            let id = try text(try input.reference("cards.\(row)"), "cards.\(row)")
            state.cards.appendUnindexed(utf8: id, try input.card(row: row))
        }
        guard state.cards.adoptIndex(try input.words(cardIndexSize, "cardIndex")) else {
            throw .malformed(offset: input.index, path: "cardIndex", expected: "the index of the cards")
        }
        // The texts stay bytes in the file's string table; reading one makes its Strings.
        state.cardTexts.adoptStorage(file)
        state.cardTexts.reserveCapacity(textCount)
        for row in 0..<textCount {
            let id = try text(try input.reference("cardTexts.\(row)"), "cardTexts.\(row)")
            func field() throws(SnapshotProblem) -> Range<Int32> {
                let reference = try input.reference("cardTexts.\(row)")
                _ = try text(reference, "cardTexts.\(row)")
                return Int32(stringsStart + reference.start)..<Int32(stringsStart + reference.start + reference.count)
            }
            let variant = try field(), prompt = try field()
            state.cardTexts.appendUnindexed(utf8: id, stored: .init(variant: variant, prompt: prompt, answer: try field()))
        }
        guard state.cardTexts.adoptIndex(try input.words(textIndexSize, "textIndex")) else {
            throw .malformed(offset: input.index, path: "textIndex", expected: "the index of the card texts")
        }
        return ProgressSnapshot(deckID: deckID, fingerprint: fingerprint, journalBytes: journalBytes,
                                lastLineStart: lastLineStart, state: state)
    }
}

/// A fast 64-bit checksum, 8 bytes a step: a changed word always changes the result (each step
/// is a bijection of the running value), which is what catches a flipped bit.
enum SnapshotChecksum {
    static func of(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBufferPointer { of($0) }
    }

    static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var value: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        let raw = UnsafeRawBufferPointer(bytes)
        let words = bytes.count / 8
        for word in 0..<words {
            value = (value ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: word * 8, as: UInt64.self))) &* 0xFF51_AFD7_ED55_8CCD
            value ^= value >> 32
        }
        var last: UInt64 = 0
        for (shift, byte) in bytes[(words * 8)...].enumerated() { last |= UInt64(byte) << (8 * shift) }
        value = (value ^ last) &* 0xC4CE_B9FE_1A85_EC53
        return value ^ (value >> 29)
    }
}

/// The snapshot's strings, each stored once, as (start, length) references.
struct SnapshotStringTable {
    struct Reference: Equatable {
        var start: Int
        var count: Int
    }

    /// No string (a nil `lastEventID`).
    static let none = Reference(start: Int(UInt32.max), count: Int(UInt32.max))

    var bytes: [UInt8] = []

    mutating func add(_ text: String) -> Reference {
        var text = text
        return text.withUTF8 { add($0) }
    }

    mutating func add(_ utf8: UnsafeBufferPointer<UInt8>) -> Reference {
        let start = bytes.count
        bytes.append(contentsOf: utf8)
        return Reference(start: start, count: utf8.count)
    }
}

/// Little-endian values appended to a byte array.
private struct BinaryOutput {
    var bytes: [UInt8] = []

    mutating func uint32(_ value: Int) {
        withUnsafeBytes(of: UInt32(value).littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func int64(_ value: Int) { uint64(UInt64(bitPattern: Int64(value))) }
    mutating func int64(_ value: Int64) { uint64(UInt64(bitPattern: value)) }
    mutating func double(_ value: Double) { uint64(value.bitPattern) }

    mutating func reference(_ reference: SnapshotStringTable.Reference) {
        uint32(reference.start)
        uint32(reference.count)
    }

    /// 80 bytes after the id: phase, memory kind, flags, 5 zero bytes, then step, m1, m2, due,
    /// lastReview, reps, lapses, buriedUntilDay, firstReview (absent ones are 0).
    mutating func card(_ progress: CardProgress) {
        let scheduling = progress.scheduling
        let phase: UInt8 = switch scheduling.phase {
        case .new: 0
        case .learning: 1
        case .review: 2
        case .relearning: 3
        }
        var flags: UInt8 = 0
        if progress.isSuspended { flags |= CardFlags.suspended }
        if progress.isLeech { flags |= CardFlags.leech }
        if scheduling.step != nil { flags |= CardFlags.step }
        if scheduling.lastReview != nil { flags |= CardFlags.lastReview }
        if progress.buriedUntilDay != nil { flags |= CardFlags.buried }
        if progress.firstReview != nil { flags |= CardFlags.firstReview }
        let memoryKind: UInt8
        var m1 = 0.0, m2: UInt64 = 0
        switch scheduling.memory {
        case nil: memoryKind = 0
        case .fsrs(let stability, let difficulty)?: memoryKind = 1; m1 = stability; m2 = difficulty.bitPattern
        case .sm2(let ease, let intervalDays)?: memoryKind = 2; m1 = ease; m2 = UInt64(bitPattern: Int64(intervalDays))
        }
        bytes.append(contentsOf: [phase, memoryKind, flags, 0, 0, 0, 0, 0])
        int64(scheduling.step ?? 0)
        double(m1)
        uint64(m2)
        // Dates as their own Double: read back to the bit.
        double(scheduling.due.timeIntervalSinceReferenceDate)
        double(scheduling.lastReview?.timeIntervalSinceReferenceDate ?? 0)
        int64(scheduling.reps)
        int64(scheduling.lapses)
        int64(progress.buriedUntilDay ?? 0)
        double(progress.firstReview?.timeIntervalSinceReferenceDate ?? 0)
    }
}

private enum CardFlags {
    static let suspended: UInt8 = 1
    static let leech: UInt8 = 2
    static let step: UInt8 = 4
    static let lastReview: UInt8 = 8
    static let buried: UInt8 = 16
    static let firstReview: UInt8 = 32
    static let all: UInt8 = 63
}

/// Reads little-endian values, checking every read against the end of the buffer.
private struct BinaryInput {
    let buffer: UnsafeBufferPointer<UInt8>
    var index: Int

    init(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) {
        self.buffer = buffer
        self.index = index
    }

    mutating func uint64(_ path: @autoclosure () -> String) throws(SnapshotProblem) -> UInt64 {
        guard buffer.count - index >= 8 else { throw .malformed(offset: index, path: path(), expected: "8 more bytes") }
        defer { index += 8 }
        return UInt64(littleEndian: UnsafeRawBufferPointer(buffer).loadUnaligned(fromByteOffset: index, as: UInt64.self))
    }

    mutating func uint32(_ path: @autoclosure () -> String) throws(SnapshotProblem) -> Int {
        guard buffer.count - index >= 4 else { throw .malformed(offset: index, path: path(), expected: "4 more bytes") }
        defer { index += 4 }
        return Int(UInt32(littleEndian: UnsafeRawBufferPointer(buffer).loadUnaligned(fromByteOffset: index, as: UInt32.self)))
    }

    mutating func int64(_ path: @autoclosure () -> String) throws(SnapshotProblem) -> Int {
        Int(Int64(bitPattern: try uint64(path())))
    }

    mutating func double(_ path: @autoclosure () -> String) throws(SnapshotProblem) -> Double {
        Double(bitPattern: try uint64(path()))
    }

    /// `count` 64-bit words in one copy.
    mutating func words(_ count: Int, _ path: @autoclosure () -> String) throws(SnapshotProblem) -> [UInt64] {
        guard count <= (buffer.count - index) / 8 else { throw .malformed(offset: index, path: path(), expected: "\(count) words") }
        let raw = UnsafeRawBufferPointer(buffer)
        let words = [UInt64](unsafeUninitializedCapacity: count) { words, initialized in
            for word in 0..<count { words[word] = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index + word * 8, as: UInt64.self)) }
            initialized = count
        }
        index += count * 8
        return words
    }

    mutating func reference(_ path: @autoclosure () -> String) throws(SnapshotProblem) -> SnapshotStringTable.Reference {
        SnapshotStringTable.Reference(start: try uint32(path()), count: try uint32(path()))
    }

    mutating func date(_ path: @autoclosure () -> String) throws(SnapshotProblem) -> Date {
        Date(timeIntervalSinceReferenceDate: try double(path()))
    }

    /// The 80 bytes after a card's id.
    mutating func card(row: Int) throws(SnapshotProblem) -> CardProgress {
        let path = { "cards.\(row)" }
        guard buffer.count - index >= ProgressSnapshot.cardRecordSize - 8 else {
            throw .malformed(offset: index, path: path(), expected: "a card record")
        }
        let phaseCode = buffer[index], memoryKind = buffer[index + 1], flags = buffer[index + 2]
        guard phaseCode < 4, memoryKind < 3, flags & ~CardFlags.all == 0 else {
            throw .malformed(offset: index, path: path(), expected: "a card phase, memory kind and flags")
        }
        index += 8
        let phase: CardPhase = [.new, .learning, .review, .relearning][Int(phaseCode)]
        let step = try int64(path())
        let m1 = try double(path())
        let m2 = try uint64(path())
        let due = try date(path())
        let lastReview = try date(path())
        let reps = try int64(path())
        let lapses = try int64(path())
        let buried = try int64(path())
        let firstReview = try date(path())
        let memory: MemoryState? = switch memoryKind {
        case 1: .fsrs(stability: m1, difficulty: Double(bitPattern: m2))
        case 2: .sm2(ease: m1, intervalDays: Int(Int64(bitPattern: m2)))
        default: nil
        }
        let scheduling = SchedulingState(phase: phase, step: flags & CardFlags.step != 0 ? step : nil, memory: memory, due: due,
                                         lastReview: flags & CardFlags.lastReview != 0 ? lastReview : nil,
                                         reps: reps, lapses: lapses)
        return CardProgress(scheduling: scheduling, isSuspended: flags & CardFlags.suspended != 0,
                            buriedUntilDay: flags & CardFlags.buried != 0 ? buried : nil,
                            isLeech: flags & CardFlags.leech != 0,
                            firstReview: flags & CardFlags.firstReview != 0 ? firstReview : nil)
    }
}

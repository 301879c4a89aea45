import Foundation

/// A dictionary from card ids to values, kept as flat arrays: the ids' bytes in one buffer,
/// the values in another, and an open-addressing index of 32-bit entry numbers.
///
/// `[CardID: Value]` makes a heap String per key (card ids are 16 bytes, one more than a small
/// String holds), compares Strings at every bucket it probes and frees every key at the end.
/// On a 100,000-card deck that was most of the cost of opening progress. Here a look-up hashes
/// the id's bytes and compares bytes, filling the table copies bytes, and dropping it frees a
/// handful of arrays.
///
/// Keys compare as `CardID` does, by canonical equivalence ("é" and "e\u{301}" are one key).
/// Ids in ASCII, all of recall's own, compare by their bytes; the few others also go through a
/// `[CardID: Int32]`, so that the result is the dictionary's.
///
///     var table = CardTable<CardProgress>()
///     table[id] = progress
///     table[id, default: .new].isSuspended = true
public struct CardTable<Value> {
    /// An entry's id: up to 16 bytes inline (all of recall's own ids), longer ones in `longIDs`.
    /// A look-up reads a bucket, one of these and the value: three cache misses, not six.
    struct StoredID {
        /// `CardTable.hash` of the id's bytes, for growing the index.
        var hash: UInt64
        var head: (UInt64, UInt64)
        /// Where a long id starts in `longIDs`.
        var start: Int32
        var length: Int32
    }

    private var ids: [StoredID] = []
    /// The bytes of ids longer than 16 bytes.
    private var longIDs: [UInt8] = []
    /// Each entry's value; nil once removed (the entry keeps its id for a later insert).
    private var values: [Value?] = []
    /// Open addressing: the hash's top 32 bits, then entry + 1 in the low 32 bits; 0 for empty.
    /// A power of two, at most half full.
    private var buckets: [UInt64] = []
    /// Entries whose id is not ASCII, by canonical equivalence: usually empty.
    private var nonASCII: [CardID: Int32] = [:]
    public private(set) var count = 0

    public init() {}

    /// Room for `capacity` keys without growing.
    public init(minimumCapacity capacity: Int) {
        reserveCapacity(capacity)
    }

    public var isEmpty: Bool { count == 0 }

    public mutating func reserveCapacity(_ capacity: Int) {
        ids.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
        var size = Swift.max(16, buckets.count)
        while size < capacity * 2 { size *= 2 }
        if size > buckets.count { rehash(size) }
    }

    public subscript(id: CardID) -> Value? {
        get { entry(for: id).flatMap { values[$0] } }
        set {
            if let entry = entry(for: id) {
                switch (values[entry] == nil, newValue == nil) {
                case (true, false): count += 1
                case (false, true): count -= 1
                default: break
                }
                values[entry] = newValue
            } else if let newValue {
                append(id, newValue)
            }
        }
    }

    public subscript(id: CardID, default defaultValue: @autoclosure () -> Value) -> Value {
        get { self[id] ?? defaultValue() }
        _modify {
            let slot: Int
            if let found = entry(for: id) {
                slot = found
                if values[slot] == nil {
                    values[slot] = defaultValue()
                    count += 1
                }
            } else {
                slot = append(id, defaultValue())
            }
            // Moved out and back, so the caller's change is made in place.
            var value = values[slot].take()!
            defer { values[slot] = value }
            yield &value
        }
    }

    @discardableResult
    public mutating func removeValue(forKey id: CardID) -> Value? {
        guard let entry = entry(for: id), let old = values[entry] else { return nil }
        values[entry] = nil
        count -= 1
        return old
    }

    /// Calls `body` with the value of each of `count` ids in turn, looking them up a block at a
    /// time: all of a block's look-ups first, then all its reads. The processor then overlaps
    /// the cache misses of neighbouring ids instead of waiting for each in turn.
    ///
    /// Each id is first compared with the entry after the previous one found: when the entries
    /// were added in the order asked for (see `arranged`), the whole walk reads the table
    /// sequentially and never touches the index. Returns how many ids were found elsewhere,
    /// so a caller can tell whether the table is worth arranging.
    @discardableResult
    func forEachValue(count: Int, id: (Int) -> CardID, _ body: (Int, Value?) -> Void) -> Int {
        let block = 256
        var entries = [Int](repeating: -1, count: block)
        var found = [Value?](repeating: nil, count: block)
        var start = 0
        var walk = Walk()
        while start < count {
            let end = Swift.min(count, start + block)
            for index in start..<end {
                let place = walk.entry(for: id(index), in: self)
                entries[index - start] = place ?? -1
            }
            for index in start..<end {
                let entry = entries[index - start]
                found[index - start] = entry < 0 ? nil : values[entry]
            }
            for index in start..<end { body(index, found[index - start]) }
            start = end
        }
        return walk.scattered
    }

    /// A walk over ids in an expected order: each is first compared with the entry after the
    /// previous one found, and looked up in the index only if it is not there.
    private struct Walk {
        var guess = 0
        /// Ids found through the index: out of the expected order.
        var scattered = 0

        mutating func entry(for id: CardID, in table: CardTable) -> Int? {
            var raw = id.rawValue
            let found = raw.withUTF8 { bytes -> Int? in
                if guess < table.ids.count, table.matches(entry: guess, bytes) { return guess }
                guard let looked = table.entry(utf8: bytes, id: id) else { return nil }
                scattered += 1
                return looked
            }
            if let found { guess = found + 1 }
            return found
        }
    }

    /// Whether every id with a value is among the `count` ids: then none is an orphan. Stops
    /// as soon as all are found, which for progress kept in deck order (`arranged`) with the
    /// studied cards first is after those cards, each found in place.
    func valuesAllFound(among count: Int, id: (Int) -> CardID) -> Bool {
        var walk = Walk()
        var found = 0
        for index in 0..<count where found < self.count {
            if let entry = walk.entry(for: id(index), in: self), values[entry] != nil { found += 1 }
        }
        return found == self.count
    }

    /// Whether entry `entry`'s id has exactly these bytes. Byte-equal ids are one key, and the
    /// table holds each key once, so this is a full look-up's answer for that entry.
    private func matches(entry: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let key = ids[entry]
        guard Int(key.length) == bytes.count, key.head == Self.head(bytes) else { return false }
        return bytes.count <= 16
            || longIDs.withUnsafeBufferPointer { memcmp($0.baseAddress! + Int(key.start), bytes.baseAddress!, bytes.count) == 0 }
    }

    /// The same keys and values, with the entries for `count` ids (those that have a value)
    /// first and in that order, then the others in their present order; removed entries are
    /// dropped. A snapshot written from it puts progress in deck order, and the next session's
    /// `forEachValue` over the deck then reads it front to back.
    func arranged(count: Int, id: (Int) -> CardID) -> CardTable {
        var table = CardTable(minimumCapacity: self.count)
        var taken = [Bool](repeating: false, count: values.count)
        func take(_ entry: Int) {
            guard !taken[entry], let value = values[entry] else { return }
            taken[entry] = true
            bytes(of: ids[entry]) { table.append(bytes: $0, hash: ids[entry].hash, ascii: $0.isASCII, value) }
        }
        var walk = Walk()
        for index in 0..<count {
            if let entry = walk.entry(for: id(index), in: self) { take(entry) }
        }
        for entry in values.indices { take(entry) }
        return table
    }

    /// The value stored for an id given as UTF-8 bytes (valid UTF-8, as in a snapshot).
    func value(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        entry(utf8: bytes, id: nil).flatMap { values[$0] }
    }

    /// Sets the value of an id given as UTF-8 bytes (valid UTF-8, as a snapshot holds), without
    /// making a String for it.
    mutating func set(utf8 bytes: UnsafeBufferPointer<UInt8>, _ value: Value) {
        if let entry = entry(utf8: bytes, id: nil) {
            if values[entry] == nil { count += 1 }
            values[entry] = value
        } else {
            append(bytes: bytes, hash: Self.hash(bytes), ascii: bytes.isASCII, value)
        }
    }

    // MARK: Finding entries

    private func entry(for id: CardID) -> Int? {
        var raw = id.rawValue
        return raw.withUTF8 { entry(utf8: $0, id: id) }
    }

    /// `id`, when given, is the same key as `bytes` (saves making a String on the rare path).
    private func entry(utf8 bytes: UnsafeBufferPointer<UInt8>, id: CardID?) -> Int? {
        if bytes.isASCII {
            if let found = entry(bytes: bytes, hash: Self.hash(bytes)) { return found }
            // An ASCII id can equal a non-ASCII one ("K" and the Kelvin sign).
            guard !nonASCII.isEmpty else { return nil }
            return nonASCII[id ?? CardID(rawValue: String(decoding: bytes, as: UTF8.self))].map(Int.init)
        }
        let key = id ?? CardID(rawValue: String(decoding: bytes, as: UTF8.self))
        if let found = nonASCII[key] { return Int(found) }
        // Equal to an ASCII id only if its canonical decomposition is that id.
        var decomposed = key.rawValue.decomposedStringWithCanonicalMapping
        return decomposed.withUTF8 { ascii in
            guard ascii.isASCII, let found = entry(bytes: ascii, hash: Self.hash(ascii)),
                  CardID(rawValue: String(decoding: ascii, as: UTF8.self)) == key else { return nil }
            return found
        }
    }

    /// The entry with exactly these bytes.
    private func entry(bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        guard !buckets.isEmpty else { return nil }
        let mask = buckets.count - 1
        let tag = hash & 0xFFFF_FFFF_0000_0000
        let head = Self.head(bytes)
        return buckets.withUnsafeBufferPointer { buckets in
            ids.withUnsafeBufferPointer { ids in
                var index = Self.bucket(hash, mask: mask)
                while buckets[index] != 0 {
                    if buckets[index] & 0xFFFF_FFFF_0000_0000 == tag {
                        let entry = Int(truncatingIfNeeded: buckets[index] & 0xFFFF_FFFF) - 1
                        let key = ids[entry]
                        if Int(key.length) == bytes.count, key.head == head,
                           bytes.count <= 16 || longIDs.withUnsafeBufferPointer({ memcmp($0.baseAddress! + Int(key.start), bytes.baseAddress!, bytes.count) == 0 }) {
                            return entry
                        }
                    }
                    index = (index + 1) & mask
                }
                return nil
            }
        }
    }

    private static func bucket(_ hash: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: hash) & mask
    }

    /// The hash of an id's bytes, 8 bytes a step. Snapshots store indexes built with it, so
    /// changing it means a new snapshot layout version.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let raw = UnsafeRawBufferPointer(bytes)
        var value: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            value = (value ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))) &* 0x9E37_79B9_7F4A_7C15
            value ^= value >> 29
            offset += 8
        }
        if offset < bytes.count {
            var last: UInt64 = 0
            for index in offset..<bytes.count { last |= UInt64(bytes[index]) << (8 * UInt64(index - offset)) }
            value = (value ^ last) &* 0x9E37_79B9_7F4A_7C15
        }
        value = (value ^ (value >> 32)) &* 0xD6E8_FEB8_6659_FD93
        return value ^ (value >> 32)
    }

    /// The first 16 bytes, zero-padded.
    private static func head(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        if bytes.count >= 16 {
            let raw = UnsafeRawBufferPointer(bytes)
            return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        }
        var head: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &head) { $0.copyMemory(from: UnsafeRawBufferPointer(bytes)) }
        return head
    }

    private func bytes(of key: StoredID, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if key.length <= 16 {
            withUnsafeBytes(of: key.head) { body(UnsafeBufferPointer(rebasing: $0.bindMemory(to: UInt8.self)[0..<Int(key.length)])) }
        } else {
            longIDs.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[Int(key.start)..<(Int(key.start) + Int(key.length))])) }
        }
    }

    // MARK: Adding entries

    @discardableResult
    private mutating func append(_ id: CardID, _ value: Value) -> Int {
        var raw = id.rawValue
        return raw.withUTF8 { append(bytes: $0, hash: Self.hash($0), ascii: $0.isASCII, value) }
    }

    @discardableResult
    private mutating func append(bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, ascii: Bool, _ value: Value) -> Int {
        let entry = values.count
        ids.append(StoredID(hash: hash, head: Self.head(bytes), start: Int32(longIDs.count), length: Int32(bytes.count)))
        if bytes.count > 16 { longIDs.append(contentsOf: bytes) }
        values.append(value)
        count += 1
        if !ascii { nonASCII[CardID(rawValue: String(decoding: bytes, as: UTF8.self))] = Int32(entry) }
        if values.count * 2 > buckets.count {
            rehash(Swift.max(16, buckets.count * 2))
        } else {
            place(entry)
        }
        return entry
    }

    private mutating func place(_ entry: Int) {
        let mask = buckets.count - 1
        let hash = ids[entry].hash
        var index = Self.bucket(hash, mask: mask)
        while buckets[index] != 0 { index = (index + 1) & mask }
        buckets[index] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(entry + 1)
    }

    private mutating func rehash(_ size: Int) {
        buckets = [UInt64](repeating: 0, count: size)
        for entry in values.indices { place(entry) }
    }

    // MARK: Reading entries in place

    /// The entries with a value, in the order they were added: their number and the id's bytes.
    /// For writers that copy ids out without making Strings.
    func forEachEntry(_ body: (Int, UnsafeBufferPointer<UInt8>, Value) -> Void) {
        for entry in values.indices {
            guard let value = values[entry] else { continue }
            bytes(of: ids[entry]) { body(entry, $0, value) }
        }
    }

    // MARK: Storing the index

    /// Whether some entries lost their value (then `compacted()` before storing the index).
    var hasRemovedEntries: Bool { count != values.count }

    /// The same keys and values without removed entries, numbered in order.
    func compacted() -> CardTable {
        var table = CardTable(minimumCapacity: count)
        forEachEntry { _, id, value in table.set(utf8: id, value) }
        return table
    }

    /// The open-addressing index, for a snapshot: valid with the entries in `forEachEntry`
    /// order when there are no removed entries.
    var storedIndex: [UInt64] { buckets }

    /// Adds an entry whose place in the index will come from `adoptIndex` (a snapshot's).
    mutating func appendUnindexed(utf8 bytes: UnsafeBufferPointer<UInt8>, _ value: Value) {
        let hash = Self.hash(bytes)
        ids.append(StoredID(hash: hash, head: Self.head(bytes), start: Int32(longIDs.count), length: Int32(bytes.count)))
        if bytes.count > 16 { longIDs.append(contentsOf: bytes) }
        values.append(value)
        count += 1
        if !bytes.isASCII { nonASCII[CardID(rawValue: String(decoding: bytes, as: UTF8.self))] = Int32(values.count - 1) }
    }

    /// Takes a stored index for the entries added by `appendUnindexed`, after checking in one
    /// pass that it is what `place` would have built: every entry once, with its hash's tag,
    /// and reachable from its home bucket without crossing an empty one. False if not.
    mutating func adoptIndex(_ index: [UInt64]) -> Bool {
        let size = index.count
        if size == 0, values.isEmpty { return true }
        guard size >= 16, size & (size - 1) == 0, values.count * 2 <= size else { return false }
        let mask = size - 1
        guard let firstEmpty = index.firstIndex(of: 0) else { return false }
        var seen = [Bool](repeating: false, count: values.count)
        let valid = index.withUnsafeBufferPointer { index in
            ids.withUnsafeBufferPointer { ids in
                seen.withUnsafeMutableBufferPointer { seen in
                    var occupied = 0
                    var lastEmpty = firstEmpty
                    for position in (firstEmpty + 1)...(firstEmpty + size) {
                        let word = index[position & mask]
                        if word == 0 { lastEmpty = position; continue }
                        let entry = Int(truncatingIfNeeded: word & 0xFFFF_FFFF) - 1
                        guard entry >= 0, entry < seen.count, !seen[entry] else { return false }
                        seen[entry] = true
                        occupied += 1
                        let hash = ids[entry].hash
                        let distance = (position - Self.bucket(hash, mask: mask)) & mask
                        guard word & 0xFFFF_FFFF_0000_0000 == hash & 0xFFFF_FFFF_0000_0000, distance < position - lastEmpty else { return false }
                    }
                    return occupied == seen.count
                }
            }
        }
        guard valid else { return false }
        buckets = index
        return true
    }

    fileprivate func id(of entry: Int) -> CardID {
        var id = ""
        bytes(of: ids[entry]) { id = String(decoding: $0, as: UTF8.self) }
        return CardID(rawValue: id)
    }
}

extension CardTable: Sequence {
    public typealias Element = (key: CardID, value: Value)

    public struct Iterator: IteratorProtocol {
        fileprivate let table: CardTable
        fileprivate var entry = 0

        public mutating func next() -> Element? {
            while entry < table.values.count {
                defer { entry += 1 }
                if let value = table.values[entry] { return (table.id(of: entry), value) }
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator { Iterator(table: self) }

    public var underestimatedCount: Int { count }

    /// The ids with a value, in the order they were added.
    public var keys: [CardID] { map(\.key) }
}

extension CardTable: Equatable where Value: Equatable {
    /// Equal when they hold the same ids with the same values, in any order, as dictionaries.
    public static func == (lhs: CardTable, rhs: CardTable) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var equal = true
        lhs.forEachEntry { entry, _, value in
            if equal, rhs[lhs.id(of: entry)] != value { equal = false }
        }
        return equal
    }
}

extension CardTable: Hashable where Value: Hashable {
    /// The count only: cheap, and equal tables have equal counts whatever their order.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
    }
}

extension CardTable: Sendable where Value: Sendable {}

extension CardTable: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (CardID, Value)...) {
        self.init(minimumCapacity: elements.count)
        for (id, value) in elements { self[id] = value }
    }
}

extension CardTable: CustomStringConvertible {
    public var description: String {
        "[" + map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "]"
    }
}

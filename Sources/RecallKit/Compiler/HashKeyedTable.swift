/// A table keyed by 64-bit hashes that are already computed (fact content hashes), for the
/// compiler's one-thread duplicate pass. A `Dictionary` hashes each key again with a seeded
/// SipHash; here a multiply picks the slot, and finding and inserting share one probe.
///
///     var seen = HashKeyedTable<Int>(minimumCapacity: 100)
///     seen.insertIfAbsent(0xFEED, 12)   // nil: 0xFEED was new, and now maps to 12
///     seen.insertIfAbsent(0xFEED, 40)   // 12: already there, left as it was
struct HashKeyedTable<Value> {
    private var keys: [UInt64]
    private var values: [Value?]
    /// The slot is the top `bits` bits of the key times a large odd constant (Fibonacci
    /// hashing), so every bit of the key counts; FNV hashes vary little in their low bits.
    private var bits: Int
    private(set) var count = 0

    init(minimumCapacity: Int) {
        bits = 4
        while 1 << bits < 2 * max(minimumCapacity, 1) { bits += 1 }
        keys = Array(repeating: 0, count: 1 << bits)
        values = Array(repeating: nil, count: 1 << bits)
    }

    /// The value stored for `key`; if there is none, stores `value` and returns nil.
    mutating func insertIfAbsent(_ key: UInt64, _ value: Value) -> Value? {
        if 2 * (count + 1) > keys.count { grow() }
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
        while let existing = values[slot] {
            if keys[slot] == key { return existing }
            slot = (slot + 1) & mask
        }
        keys[slot] = key
        values[slot] = value
        count += 1
        return nil
    }

    private mutating func grow() {
        var larger = HashKeyedTable(minimumCapacity: keys.count)
        for slot in keys.indices {
            if let value = values[slot] { _ = larger.insertIfAbsent(keys[slot], value) }
        }
        self = larger
    }
}

/// A table keyed by 64-bit hashes that are already computed (fact content hashes), for the
/// compiler's one-thread duplicate pass. A `Dictionary` hashes each key again with a seeded
/// SipHash; here a multiply picks the slot, and finding and inserting share one probe.
///
///     var seen = HashKeyedTable<Int>(minimumCapacity: 100)
///     seen.insertIfAbsent(0xFEED, 12)   // nil: 0xFEED was new, and now maps to 12
///     seen.insertIfAbsent(0xFEED, 40)   // 12: already there, left as it was
struct HashKeyedTable<Value> {
    /// A key beside its value, so a probe touches one cache line, not one in each of two arrays.
    private struct Slot {
        var key: UInt64
        var value: Value?
    }

    private var slots: [Slot]
    /// The slot is the top `bits` bits of the key times a large odd constant (Fibonacci
    /// hashing), so every bit of the key counts; FNV hashes vary little in their low bits.
    private var bits: Int
    private(set) var count = 0

    init(minimumCapacity: Int) {
        bits = 4
        while 1 << bits < 2 * max(minimumCapacity, 1) { bits += 1 }
        slots = Array(repeating: Slot(key: 0, value: nil), count: 1 << bits)
    }

    /// The value stored for `key`; if there is none, stores `value` and returns nil.
    mutating func insertIfAbsent(_ key: UInt64, _ value: Value) -> Value? {
        if 2 * (count + 1) > slots.count { grow() }
        let start = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
        let existing = slots.withUnsafeMutableBufferPointer { slots -> Value? in
            let mask = slots.count - 1
            var slot = start
            while let existing = slots[slot].value {
                if slots[slot].key == key { return existing }
                slot = (slot + 1) & mask
            }
            slots[slot] = Slot(key: key, value: value)
            return nil
        }
        if existing == nil { count += 1 }
        return existing
    }

    private mutating func grow() {
        var larger = HashKeyedTable(minimumCapacity: slots.count)
        for slot in slots {
            if let value = slot.value { _ = larger.insertIfAbsent(slot.key, value) }
        }
        self = larger
    }
}

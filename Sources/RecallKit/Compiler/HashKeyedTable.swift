/// A table keyed by 64-bit hashes that are already computed (fact content hashes for the
/// duplicate pass, word-suffix hashes for the answer pools). A `Dictionary` hashes each key
/// again with a seeded SipHash and keeps keys and values in separate arrays; here a multiply
/// picks the slot, a key sits beside its value, and finding and inserting share one probe.
///
///     var seen = HashKeyedTable<Int>(minimumCapacity: 100)
///     seen.insertIfAbsent(0xFEED, 12)   // nil: 0xFEED was new, and now maps to 12
///     seen.insertIfAbsent(0xFEED, 40)   // 12: already there, left as it was
///     seen.updateValue(40, for: 0xFEED) // 12, and now maps to 40
///     seen[0xFEED]                      // 40
struct HashKeyedTable<Value> {
    /// A key beside its value, so a probe touches one cache line, not one in each of two arrays.
    private struct Slot {
        var key: UInt64
        var value: Value?
    }

    private var slots: [Slot]
    /// The table has `1 << bits` slots (see ``slotIndex(for:)``).
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
        let slot = slotIndex(for: key)
        if let existing = slots[slot].value { return existing }
        slots[slot] = Slot(key: key, value: value)
        count += 1
        return nil
    }

    /// The value stored for `key`, if any.
    subscript(key: UInt64) -> Value? {
        slots[slotIndex(for: key)].value
    }

    /// Stores `value` for `key` and returns the value it replaces, if any.
    @discardableResult
    mutating func updateValue(_ value: Value, for key: UInt64) -> Value? {
        if 2 * (count + 1) > slots.count { grow() }
        let slot = slotIndex(for: key)
        let replaced = slots[slot].value
        slots[slot] = Slot(key: key, value: value)
        if replaced == nil { count += 1 }
        return replaced
    }

    /// The slot that holds `key`, or the empty one where it would go: linear probing from the
    /// top `bits` bits of the key times a large odd constant (Fibonacci hashing), so every bit
    /// of the key counts (FNV hashes vary little in their low bits). At most half the slots
    /// are full, so an empty one is always found.
    private func slotIndex(for key: UInt64) -> Int {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
            while slots[slot].value != nil, slots[slot].key != key { slot = (slot + 1) & mask }
            return slot
        }
    }

    private mutating func grow() {
        var larger = HashKeyedTable(minimumCapacity: slots.count)
        for slot in slots {
            if let value = slot.value { _ = larger.insertIfAbsent(slot.key, value) }
        }
        self = larger
    }
}

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
        let start = slotIndex(of: key)
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

    /// The value stored for `key`, if any.
    subscript(key: UInt64) -> Value? {
        slots.withUnsafeBufferPointer { slots -> Value? in
            let mask = slots.count - 1
            var slot = slotIndex(of: key)
            while let existing = slots[slot].value {
                if slots[slot].key == key { return existing }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    /// Stores `value` for `key` and returns the value it replaces, if any.
    @discardableResult
    mutating func updateValue(_ value: Value, for key: UInt64) -> Value? {
        if 2 * (count + 1) > slots.count { grow() }
        let start = slotIndex(of: key)
        let replaced = slots.withUnsafeMutableBufferPointer { slots -> Value? in
            let mask = slots.count - 1
            var slot = start
            while let existing = slots[slot].value {
                if slots[slot].key == key {
                    slots[slot].value = value
                    return existing
                }
                slot = (slot + 1) & mask
            }
            slots[slot] = Slot(key: key, value: value)
            return nil
        }
        if replaced == nil { count += 1 }
        return replaced
    }

    private func slotIndex(of key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
    }

    private mutating func grow() {
        var larger = HashKeyedTable(minimumCapacity: slots.count)
        for slot in slots {
            if let value = slot.value { _ = larger.insertIfAbsent(slot.key, value) }
        }
        self = larger
    }
}

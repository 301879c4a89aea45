import Testing
@testable import RecallKit

/// The duplicate pass finds repeated facts through this table: it must agree with a
/// dictionary on every key, including zero, keys that share their low or high bits, and
/// more keys than it was sized for.
@Suite struct HashKeyedTableTests {
    @Test(arguments: [0, 1, 1_000])
    func agreesWithADictionary(minimumCapacity: Int) {
        var generator = SeededGenerator(seed: 99)
        var keys: [UInt64] = [0, 1, .max, 1 << 63, 1 << 32]
        keys += (0..<2_000).map { _ in generator.next() }
        keys += (0..<500).map { UInt64($0) << 40 }  // low bits all zero
        keys += (0..<500).map { UInt64($0) }  // high bits all zero
        keys += keys.prefix(1_500)  // repeats
        var table = HashKeyedTable<Int>(minimumCapacity: minimumCapacity)
        var reference: [UInt64: Int] = [:]
        for (position, key) in keys.enumerated() {
            let found = table.insertIfAbsent(key, position)
            #expect(found == reference[key], "key \(key) at \(position)")
            if reference[key] == nil { reference[key] = position }
        }
        #expect(table.count == reference.count)
        for key in keys { #expect(table[key] == reference[key]) }
        #expect(table[0xDEAD_BEEF] == nil && reference[0xDEAD_BEEF] == nil)
    }

    /// The answer pools keep the latest entry under each suffix hash: updating must agree
    /// with a dictionary's `updateValue`, and reading with its subscript.
    @Test(arguments: [0, 1_000])
    func updatesAgreeWithADictionary(minimumCapacity: Int) {
        var generator = SeededGenerator(seed: 5)
        let distinct: [UInt64] = [0, .max, 1 << 63] + (0..<700).map { _ in generator.next() } + (0..<300).map { UInt64($0) << 50 }
        var table = HashKeyedTable<Int>(minimumCapacity: minimumCapacity)
        var reference: [UInt64: Int] = [:]
        for step in 0..<5_000 {
            let key = distinct[generator.uniform(below: distinct.count)]
            #expect(table.updateValue(step, for: key) == reference.updateValue(step, forKey: key), "step \(step)")
        }
        #expect(table.count == reference.count)
        for key in distinct { #expect(table[key] == reference[key]) }
    }
}

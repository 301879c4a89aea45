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
    }
}

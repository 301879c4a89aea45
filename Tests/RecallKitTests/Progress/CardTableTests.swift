import Foundation
import Testing
@testable import RecallKit

/// `CardTable` behaves as the `[CardID: Value]` it replaced, canonical equivalence included.
@Suite struct CardTableTests {
    @Test func itAgreesWithADictionaryUnderRandomEdits() {
        var generator = SeededGenerator(seed: 12)
        // Short, 16-byte, long, non-ASCII and canonically equal ids ("é" twice, "K" and the Kelvin sign).
        let names = ["0123456789abcdef", "fedcba9876543210", "x", "", "a-much-longer-explicit-card-id-0001", "caf\u{E9}",
                     "cafe\u{301}", "K", "\u{212A}", "🙂", "0123456789abcde", "0123456789abcdef0"]
            + (0..<300).map { String(format: "%016x", $0 &* 0x9E37_79B9) }
        for round in 0..<20 {
            var table = CardTable<Int>()
            var dictionary: [CardID: Int] = [:]
            for step in 0..<600 {
                let id = CardID(rawValue: names[generator.uniform(below: names.count)])
                switch generator.uniform(below: 5) {
                case 0:
                    #expect(table.removeValue(forKey: id) == dictionary.removeValue(forKey: id))
                case 1:
                    table[id, default: 0] += step
                    dictionary[id, default: 0] += step
                default:
                    table[id] = step
                    dictionary[id] = step
                }
                #expect(table.count == dictionary.count, "round \(round)")
            }
            for name in names {
                #expect(table[CardID(rawValue: name)] == dictionary[CardID(rawValue: name)], "\(name)")
            }
            #expect(Dictionary(uniqueKeysWithValues: table.map { ($0.key, $0.value) }) == dictionary)
            // Equal whatever the order the keys went in.
            var reversed = CardTable<Int>()
            for (id, value) in table.reversed() { reversed[id] = value }
            #expect(reversed == table)
        }
    }

    /// `forEachValue` answers as the subscript does whatever the order, and once the table is
    /// `arranged` in the order it is walked, finds every id where it expects it.
    @Test func aWalkInArrangedOrderFindsEveryIDInPlace() {
        var generator = SeededGenerator(seed: 31)
        // 16-byte, short, long and non-ASCII ids; canonically equal pairs are one key.
        let names = (0..<500).map { String(format: "%016x", $0 &* 0x9E37_79B9) }
            + ["x", "a-much-longer-explicit-card-id-0001", "a-much-longer-explicit-card-id-0002", "caf\u{E9}", "K", "🙂"]
        let deck = names.map { CardID(rawValue: $0) } + [CardID(rawValue: "cafe\u{301}"), CardID(rawValue: "\u{212A}")]
        var table = CardTable<Int>()
        // Progress for two thirds of the deck in a shuffled order, some removed, plus orphans.
        for (step, name) in names.shuffled(using: &generator).enumerated() where step % 3 != 0 {
            table[CardID(rawValue: name)] = step
        }
        table[CardID(rawValue: "caf\u{E9}")] = 1_000
        table[CardID(rawValue: "K")] = 1_001
        for orphan in 0..<20 { table[CardID(rawValue: "orphan-\(orphan)")] = -orphan }
        for name in names.prefix(30) { table.removeValue(forKey: CardID(rawValue: name)) }

        func walk(_ table: CardTable<Int>) -> (values: [Int?], scattered: Int) {
            var values: [Int?] = []
            let scattered = table.forEachValue(count: deck.count, id: { deck[$0] }) { index, value in
                #expect(index == values.count)
                values.append(value)
            }
            return (values, scattered)
        }
        let before = walk(table)
        #expect(before.values == deck.map { table[$0] })
        #expect(before.scattered > 100)

        let arranged = table.arranged(count: deck.count) { deck[$0] }
        #expect(arranged == table)
        #expect(arranged.count == table.count)
        #expect(!arranged.hasRemovedEntries)
        let after = walk(arranged)
        #expect(after.values == before.values)
        // The two canonically equal ids at the end of the deck find their key's entry through the
        // index: the only look-ups not in place.
        #expect(after.scattered == 2)
        // Deck order first, then the orphans in their order.
        var order: [String] = []
        arranged.forEachEntry { _, id, _ in order.append(String(decoding: id, as: UTF8.self)) }
        let inDeck = names.filter { table[CardID(rawValue: $0)] != nil }
        #expect(order == inDeck + (0..<20).map { "orphan-\($0)" })
    }

    /// What lets the re-linker skip its work: whether every id with a value is in a list.
    @Test func valuesAllFoundTellsWhetherAnyIDWithAValueIsMissing() {
        let deck = (0..<50).map { CardID(rawValue: String(format: "%016x", $0 &* 0x9E37_79B9)) }
        var table = CardTable<Int>()
        // Out of deck order, and one removed entry that is not in the deck.
        for index in [7, 3, 40, 12, 0] { table[deck[index]] = index }
        table[CardID(rawValue: "gone-from-the-deck")] = 1
        table.removeValue(forKey: CardID(rawValue: "gone-from-the-deck"))
        #expect(table.valuesAllFound(among: deck.count) { deck[$0] })
        #expect(!table.valuesAllFound(among: 20) { deck[$0] })  // 40 is past the first 20
        table[CardID(rawValue: "orphan")] = 9
        #expect(!table.valuesAllFound(among: deck.count) { deck[$0] })
        #expect(CardTable<Int>().valuesAllFound(among: 0) { deck[$0] })
    }

    @Test func aStoredIndexIsCheckedBeforeItIsUsed() {
        var table = CardTable<Int>()
        for index in 0..<100 { table[CardID(rawValue: "card-\(index)")] = index }
        func loaded(_ index: [UInt64]) -> CardTable<Int>? {
            var copy = CardTable<Int>()
            table.forEachEntry { _, id, value in copy.appendUnindexed(utf8: id, value) }
            return copy.adoptIndex(index) ? copy : nil
        }
        #expect(loaded(table.storedIndex) == table)
        #expect(loaded(table.storedIndex)?[CardID(rawValue: "card-42")] == 42)
        // Two entry numbers swapped (each now under the other's hash tag), one missing, a wrong
        // size: each is refused.
        var swapped = table.storedIndex
        let occupied = swapped.indices.filter { swapped[$0] != 0 }
        let (first, second) = (swapped[occupied[0]], swapped[occupied[1]])
        swapped[occupied[0]] = first & 0xFFFF_FFFF_0000_0000 | second & 0xFFFF_FFFF
        swapped[occupied[1]] = second & 0xFFFF_FFFF_0000_0000 | first & 0xFFFF_FFFF
        #expect(loaded(swapped) == nil)
        var missing = table.storedIndex
        missing[occupied[5]] = 0
        #expect(loaded(missing) == nil)
        #expect(loaded(Array(table.storedIndex.prefix(table.storedIndex.count / 2))) == nil)
    }

    @Test func cardTextsDecodeOnlyWhatIsRead() {
        var texts = CardTextTable()
        texts[CardID(rawValue: "a")] = CardText(variant: "qa", prompt: "Who shot Kirov?", answer: "Nikolaev")
        texts[CardID(rawValue: "b")] = CardText(variant: "cloze", prompt: "Ежов", answer: "")
        #expect(texts.contains(CardID(rawValue: "a")))
        #expect(texts[CardID(rawValue: "b")]?.prompt == "Ежов")
        let orphans = texts.texts { $0.elementsEqual("b".utf8) }
        #expect(orphans.map(\.key) == [CardID(rawValue: "b")])
        texts[CardID(rawValue: "a")] = nil
        #expect(texts.count == 1 && !texts.contains(CardID(rawValue: "a")))
    }
}

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

import Foundation
import Testing
@testable import RecallKit

@Suite("Number specifications from authors")
struct NumberSpecTests {
    @Test("Author forms parse", arguments: [
        ("681692", NumberSpec.exact(681_692)),
        ("681,692", .exact(681_692)),
        ("35,000", .exact(35_000)),
        ("  681,692  ", .exact(681_692)),
        ("681 692", .exact(681_692)),
        ("1.2 million", .exact(1_200_000)),
        ("20 million", .exact(20_000_000)),
        ("1.5 billion", .exact(1_500_000_000)),
        ("700k", .exact(700_000)),
        ("3.25", .exact(3.25)),
        ("four", .exact(4)),
        ("-5", .exact(-5)),
        ("56%", .exact(56)),
        ("about 681,692", .approximately(681_692, tolerance: .percent(5))),
        ("approximately 1.2 million", .approximately(1_200_000, tolerance: .percent(5))),
        ("c. 700,000", .approximately(700_000, tolerance: .percent(5))),
        ("~700,000", .approximately(700_000, tolerance: .percent(5))),
        ("681,692 ± 2%", .approximately(681_692, tolerance: .percent(2))),
        ("681,692 +/- 2 percent", .approximately(681_692, tolerance: .percent(2))),
        ("680,000 +/- 20,000", .approximately(680_000, tolerance: .absolute(20_000))),
        ("680,000 +- 20k", .approximately(680_000, tolerance: .absolute(20_000))),
        ("56 ± 3", .approximately(56, tolerance: .absolute(3))),
        ("between 700,000 and 1.2 million", .range(low: 700_000, high: 1_200_000)),
        ("750,000–1,200,000", .range(low: 750_000, high: 1_200_000)),
        ("750,000 - 1,200,000", .range(low: 750_000, high: 1_200_000)),
        ("700,000 to 1.2 million", .range(low: 700_000, high: 1_200_000)),
        ("from 1936 to 1938", .range(low: 1936, high: 1938)),
        ("5-10%", .range(low: 5, high: 10)),
    ])
    func parses(_ pair: (String, NumberSpec)) throws {
        #expect(try NumberSpec.parse(pair.0) == pair.1)
    }

    @Test("A point is always a decimal point for authors")
    func authorDecimalPoint() throws {
        #expect(try NumberSpec.parse("681.692") == .exact(681.692))
    }

    @Test("Parse errors say what is wrong and how to fix it", arguments: [
        ("", NumberSpec.ParseError.empty),
        ("   ", .empty),
        ("many", .notANumber("many")),
        ("68,1692", .badDigitGrouping("68,1692")),
        ("1,5", .badDigitGrouping("1,5")),
        ("1.234.567", .badDigitGrouping("1.234.567")),
        ("681,692 people", .unexpectedText("people")),
        ("1934 1935", .unexpectedText("1935")),
        ("between 1.2 million and 700,000", .invertedRange(low: "1.2 million", high: "700,000")),
        ("1,200,000–700,000", .invertedRange(low: "1.2 million", high: "700,000")),
        ("about 680,000 ± 2%", .invalidTolerance("about 680,000 ± 2%")),
        ("680,000 ± -5", .invalidTolerance("680,000 ± -5")),
        ("680,000 ±", .invalidTolerance("680,000 ±")),
        ("about between 1 and 2", .invalidTolerance("about between 1 and 2")),
    ])
    func errors(_ pair: (String, NumberSpec.ParseError)) {
        #expect(throws: pair.1) { try NumberSpec.parse(pair.0) }
        #expect(!pair.1.message.isEmpty && !pair.1.suggestedFix.isEmpty)
        #expect(pair.1.localizedDescription.contains(pair.1.suggestedFix))
    }

    @Test("The fix for an inverted range writes it the right way round")
    func invertedRangeFix() {
        let error = NumberSpec.ParseError.invertedRange(low: "1.2 million", high: "700,000")
        #expect(error.suggestedFix == "Write the smaller number first: between 700,000 and 1.2 million.")
    }

    @Test("Display text", arguments: [
        (NumberSpec.exact(681_692), "681,692"),
        (.exact(35_000), "35,000"),
        (.exact(1_200_000), "1.2 million"),
        (.exact(20_000_000), "20 million"),
        (.exact(1_500_000_000), "1.5 billion"),
        (.exact(1_234_567), "1,234,567"),
        (.exact(3.25), "3.25"),
        (.exact(-5), "-5"),
        (.approximately(681_692, tolerance: .percent(5)), "681,692 ± 5%"),
        (.approximately(680_000, tolerance: .absolute(20_000)), "680,000 ± 20,000"),
        (.range(low: 700_000, high: 1_200_000), "between 700,000 and 1.2 million"),
    ])
    func displayText(_ pair: (NumberSpec, String)) throws {
        #expect(pair.0.displayText == pair.1)
        // The display text reads back to the same spec.
        #expect(try NumberSpec.parse(pair.1) == pair.0)
    }

    @Test("Acceptance at the edges of tolerances and ranges")
    func accepts() {
        let about = NumberSpec.approximately(100_000, tolerance: .percent(5))
        #expect(about.accepts(95_000) && about.accepts(105_000))
        #expect(!about.accepts(94_999) && !about.accepts(105_001))
        let absolute = NumberSpec.approximately(680_000, tolerance: .absolute(20_000))
        #expect(absolute.accepts(660_000) && absolute.accepts(700_000) && !absolute.accepts(700_001))
        let range = NumberSpec.range(low: 700_000, high: 1_200_000)
        #expect(range.accepts(700_000) && range.accepts(1_200_000) && !range.accepts(699_999))
        #expect(NumberSpec.exact(681_692).accepts(681_692) && !NumberSpec.exact(681_692).accepts(681_693))
        #expect(!NumberSpec.exact(1).accepts(.nan) && !range.accepts(.infinity))
    }

    /// Plain whole numbers are read from their bytes without the lexer: whenever that reading
    /// gives an answer, it must be the general reading's, and it must not take what the
    /// general reading refuses.
    @Test func plainWholeNumbersReadAsTheGeneralGrammarReadsThem() {
        var texts = ["0", "7", "00", "007", "0,123", "1,217", "about 1,217", "about 0", "about", "about ", "About 1,217",
                     "about  1,217", "1,2345", "12,34", ",123", "123,", "1,,234", "1234,567", "1,234,567", "999,999,999,999,999",
                     "9,999,999,999,999,999", "123456789012345", "1234567890123456", "1217 ", " 1217", "1.5", "-5", "1,217.5",
                     "1e3", "about1,217", "about -3", "12 345", "٣"]
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<3_000 {
            let length = 1 + generator.uniform(below: 12)
            let alphabet = Array("0123456789,,0 ")
            var text = String((0..<length).map { _ in alphabet[generator.uniform(below: alphabet.count)] })
            if generator.next() & 1 == 0 { text = "about " + text }
            texts.append(text)
        }
        var plain = 0
        for text in texts {
            let general = try? NumberSpec.parseGenerally(text)
            guard let fast = NumberSpec.plainWholeNumber(text) else { continue }
            plain += 1
            #expect(fast == general, "\(text.debugDescription)")
        }
        #expect(plain > 300, "the random texts include many plain numbers")
        #expect(NumberSpec.plainWholeNumber("about 1,217") == .approximately(1_217, tolerance: .percent(5)))
        #expect(NumberSpec.plainWholeNumber("1,2345") == nil && NumberSpec.plainWholeNumber("1.5") == nil)
    }

    @Test("Codable round trip", arguments: [
        NumberSpec.exact(681_692), .approximately(681_692, tolerance: .percent(5)),
        .approximately(680_000, tolerance: .absolute(20_000)), .range(low: 700_000, high: 1_200_000),
    ])
    func codable(_ spec: NumberSpec) throws {
        let data = try JSONEncoder().encode(spec)
        #expect(try JSONDecoder().decode(NumberSpec.self, from: data) == spec)
    }
}

@Suite("Numbers typed by learners")
struct TypedNumberReaderTests {
    @Test("Single values", arguments: [
        ("681692", 681_692.0), ("681,692", 681_692), ("681 692", 681_692), ("681'692", 681_692),
        ("681\u{202F}692", 681_692), ("1.234.567", 1_234_567), ("1,234,567.5", 1_234_567.5), ("1.234.567,5", 1_234_567.5),
        ("1.5", 1.5), ("1,5", 1.5), (".5", 0.5), ("0,500", 0.5),
        ("three", 3), ("twenty-five", 25), ("twenty five", 25), ("one hundred and twelve", 112),
        ("a million", 1_000_000), ("half a million", 500_000), ("one and a half million", 1_500_000),
        ("nine hundred thousand", 900_000), ("two million five hundred thousand", 2_500_000),
        ("1.2 million", 1_200_000), ("700k", 700_000), ("700 K", 700_000), ("1.2m", 1_200_000), ("20 mln", 20_000_000),
        ("1.5bn", 1_500_000_000), ("1.5 billion", 1_500_000_000), ("45%", 45), ("45 percent", 45), ("45 per cent", 45),
        ("about 700,000", 700_000), ("roughly 700k", 700_000), ("~700k", 700_000), ("c. 700,000", 700_000),
        ("an estimated 700,000", 700_000), ("681,692 people", 681_692), ("-5", -5), ("１２３", 123),
    ])
    func singleValues(_ pair: (String, Double)) {
        guard case .single(let readings)? = TypedNumberReader.read(pair.0) else {
            Issue.record("“\(pair.0)” did not read as one value")
            return
        }
        #expect(readings.first == pair.1, "“\(pair.0)” → \(readings)")
    }

    @Test("A single comma or point before three digits has both readings, the likelier first")
    func ambiguousSeparators() {
        #expect(TypedNumberReader.read("681,692") == .single([681_692, 681.692]))
        #expect(TypedNumberReader.read("681.692") == .single([681.692, 681_692]))
        #expect(TypedNumberReader.read("0.692") == .single([0.692]))
        #expect(TypedNumberReader.read("1.5") == .single([1.5]))
    }

    @Test("Ranges", arguments: [
        ("700,000–1,200,000", 700_000.0, 1_200_000.0), ("700k-1.2m", 700_000, 1_200_000),
        ("700,000 to 1.2 million", 700_000, 1_200_000), ("between 700k and 1.2m", 700_000, 1_200_000),
        ("from 5 to 10", 5, 10), ("5-10%", 5, 10),
    ])
    func ranges(_ triple: (String, Double, Double)) {
        guard case .range(let low, let high)? = TypedNumberReader.read(triple.0) else {
            Issue.record("“\(triple.0)” did not read as a range")
            return
        }
        #expect(low.first == triple.1 && high.first == triple.2)
    }

    @Test("Not numbers", arguments: ["", "many", "more than 680,000", "681,692 or 700,000", "1934 1935", "nan", "inf", "twenty-five 26", "£", "68,1692,1"])
    func notNumbers(_ text: String) {
        #expect(TypedNumberReader.read(text) == nil, "“\(text)”")
    }

    @Test("Hostile numbers read without crashing")
    func hostile() {
        #expect(TypedNumberReader.read(String(repeating: "9", count: 900)) == nil)   // beyond Double's range
        #expect(TypedNumberReader.read(String(repeating: "1,000", count: 300)) == nil) // over the length cap
        _ = TypedNumberReader.read(String(repeating: "one million ", count: 80))      // any value, no crash
        _ = TypedNumberReader.read(String(repeating: "-", count: 900) + "5")
    }
}

import Foundation
import Testing
@testable import RecallKit

@Suite struct StatsRendererTests {
    var statistics: StudyStatistics { ReportExportTests.richStatistics }

    @Test func theReportAtWidth80MatchesItsGoldenFile() throws {
        let text = StatsRenderer(width: 80).render(statistics, title: SampleStudyData.richDeck.deck.title)
        try Golden.check(text, against: Golden.fixtures.appendingPathComponent("stats/stats-80.txt"))
    }

    @Test func theASCIIReportAtWidth50MatchesItsGoldenFile() throws {
        let text = StatsRenderer(width: 50, ascii: true).render(statistics, title: SampleStudyData.richDeck.deck.title)
        try Golden.check(text, against: Golden.fixtures.appendingPathComponent("stats/stats-ascii-50.txt"))
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII || !ChartGlyphs.isChartGlyph($0) })
    }

    @Test(arguments: [40, 50, 64, 80, 100, 132])
    func everyLineFitsTheWidth(width: Int) {
        for ascii in [false, true] {
            let text = StatsRenderer(width: width, ascii: ascii).render(statistics, title: SampleStudyData.richDeck.deck.title)
            for line in text.split(separator: "\n") {
                #expect(line.count <= width, "\(line.count) > \(width): \(line)")
            }
        }
    }

    @Test func colourAddsOnlyEscapeSequences() {
        let plain = StatsRenderer(width: 80).render(statistics)
        let coloured = StatsRenderer(width: 80, style: TextStyle(colour: true)).render(statistics)
        #expect(coloured != plain)
        #expect(coloured.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression) == plain)
    }

    @Test func deckTextIsSanitized() {
        var statistics = statistics
        statistics.hardestCards[0].prompt = "Kirov\u{1B}]0;pwned\u{07} was murdered"
        statistics.topics[0].topic = "Evil\u{1B}[2J topic"
        let text = StatsRenderer(width: 80).render(statistics, title: "Deck\u{1B}c")
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("Kirov was murdered"))
    }
}

extension ChartGlyphs {
    /// Block and box-drawing characters the Unicode charts use.
    static func isChartGlyph(_ scalar: Unicode.Scalar) -> Bool {
        (0x2500...0x259F).contains(scalar.value) || scalar == "·" || scalar == "—" || scalar == "…"
    }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import RecallKit

@Suite struct ReportExportTests {
    static var richStatistics: StudyStatistics {
        StudyStatistics.compute(cards: SampleStudyData.richDeck.cards, progress: SampleStudyData.richProgress, now: SampleStudyData.now,
                                calendar: SampleStudyData.utc, quizResults: SampleStudyData.quizzes, deckID: "sample")
    }

    static var report: ProgressReport {
        ProgressReport(statistics: richStatistics, deckTitle: SampleStudyData.richDeck.deck.title)
    }

    @Test func theHTMLReportIsWellFormedXML() throws {
        let html = Self.report.html()
        let parser = XMLParser(data: Data(html.utf8))
        let collector = ElementCollector()
        parser.delegate = collector
        #expect(parser.parse(), "XML error: \(String(describing: parser.parserError))")
        #expect(collector.elements.first == "html")
        #expect(collector.elements.filter { $0 == "svg" }.count == 3)
        #expect(collector.elements.filter { $0 == "rect" }.count >= 365 + 30)
        // Deck text is escaped: the title has angle brackets.
        #expect(html.contains("Progress report: The Great Purge &lt;sample&gt;"))
        #expect(!html.contains("<script"))
    }

    @Test func theMarkdownReportMatchesItsGoldenFile() throws {
        try Golden.check(Self.report.markdown(), against: Golden.fixtures.appendingPathComponent("export/progress-report.md"))
    }

    @Test func theQuestionSheetListsOptionsAndAnAnswerKey() throws {
        let sheet = QuestionSheet(deck: SampleStudyData.richDeck)
        let text = sheet.text()
        try Golden.check(text, against: Golden.fixtures.appendingPathComponent("export/question-sheet.txt"))
        try Golden.check(sheet.markdown(), against: Golden.fixtures.appendingPathComponent("export/question-sheet.md"))
        // One question per fact, the multiple-choice one where there is one.
        #expect(text.contains("    a) Sergei Kirov"))
        #expect(text.contains("1. a) Sergei Kirov"))
        #expect(QuestionSheet(deck: SampleStudyData.richDeck, onePerFact: false).text().contains("True or false?"))
    }

    @Test func theProgressJSONIsVersionedAndComplete() throws {
        let progress = SampleStudyData.richProgress
        let export = ProgressJSONExport(deck: SampleStudyData.richDeck, progress: progress, now: SampleStudyData.now, scheduler: FSRSScheduler())
        let data = try export.jsonData()
        let decoded = try JSONDecoder().decode(ProgressJSONExport.self, from: data)
        #expect(decoded == export)
        #expect(export.schema == "recall-progress")
        #expect(export.schemaVersion == 1)
        #expect(export.cards.count == SampleStudyData.richDeck.cards.count)
        #expect(export.reviews.count == progress.log.count)
        let kirov = try #require(export.cards.first)
        #expect(kirov.inDeck && kirov.phase == .review)
        #expect(kirov.retrievability.map { $0 > 0 && $0 <= 1 } == true)
        #expect(export.cards.contains { $0.suspended })
        #expect(export.cards.contains { $0.buriedUntilDay != nil })
        #expect(export.reviews.first?.date == ExportTimestamp.string(milliseconds: progress.log[0].time))
        // Progress of a card the deck no longer has is kept, marked as such.
        var orphaned = progress
        orphaned.cards[CardID(rawValue: "00000000000000ff")] = .new
        orphaned.cardTexts[CardID(rawValue: "00000000000000ff")] = CardText(variant: "qa.flash", prompt: "Gone?", answer: "Yes")
        let withOrphan = ProgressJSONExport(deck: SampleStudyData.richDeck, progress: orphaned, now: SampleStudyData.now, scheduler: FSRSScheduler())
        #expect(withOrphan.cards.last?.inDeck == false)
        #expect(withOrphan.cards.last?.prompt == "Gone?")
        #expect(String(decoding: data, as: UTF8.self).contains("\"schema\" : \"recall-progress\""))
    }
}

/// Records element names in document order.
final class ElementCollector: NSObject, XMLParserDelegate {
    var elements: [String] = []

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append(elementName)
    }
}

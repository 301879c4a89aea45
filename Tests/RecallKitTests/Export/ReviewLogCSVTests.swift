import Foundation
import Testing
@testable import RecallKit

@Suite struct ReviewLogCSVTests {
    @Test func columnsAndValuesFollowTheOptimizerFormat() {
        let csv = ReviewLogCSV(log: SampleStudyData.handProgress.log)
        let lines = csv.reviews.split(separator: "\n").map(String.init)
        #expect(lines[0] == "card_id,review_time,review_rating,review_state,review_duration")
        // b first (number 1), then c, then a; states are the phase before the review.
        #expect(lines[1] == "1,1792152000000,1,2,7000")
        #expect(lines[2] == "2,1794744000000,2,2,4000")
        #expect(lines[3] == "3,1795428000000,3,0,5000")
        #expect(lines[5] == "1,1795489200000,3,1,3000")
        #expect(lines[7] == "3,1795593600000,3,3,2000")
        #expect(lines.count == 9)
        let mapping = csv.cardMapping.split(separator: "\n").map(String.init)
        #expect(mapping == ["card_id,recall_card_id", "1,\(SampleStudyData.handID("b"))", "2,\(SampleStudyData.handID("c"))",
                            "3,\(SampleStudyData.handID("a"))"])
        #expect(csv.cardNumbers[SampleStudyData.handID("a")] == 3)
    }

    @Test func whatIsWrittenReadsBack() throws {
        let log = SampleStudyData.handProgress.log
        let csv = ReviewLogCSV(log: log)
        let rows = try ReviewLogCSV.read(csv.reviews)
        let mapping = try ReviewLogCSV.readMapping(csv.cardMapping)
        #expect(rows.count == log.count)
        for (row, entry) in zip(rows, log) {
            #expect(mapping[row.cardID] == entry.card)
            #expect(row.reviewTime == entry.time)
            #expect(row.rating == entry.rating)
            #expect(row.state?.phase == entry.phaseBefore)
            #expect(row.durationMilliseconds == entry.durationMilliseconds)
        }
        #expect(rows[0].line == 2)
    }

    @Test func optionalColumnsMayBeMissingAndColumnsReordered() throws {
        let text = "\u{FEFF}review_time,card_id,review_rating,extra\r\n1795597200000,\"card, one\",3,x\r\n\r\n1795597300000,7,4,\r\n"
        let rows = try ReviewLogCSV.read(text)
        #expect(rows.map(\.cardID) == ["card, one", "7"])
        #expect(rows[0].state == nil && rows[0].durationMilliseconds == nil)
        #expect(rows[1].line == 4)
    }

    @Test(arguments: [
        ("", ReviewLogCSVError.empty(source: "r.csv")),
        ("card_id,review_time\n1,2\n", .missingColumn(source: "r.csv", column: "review_rating")),
        ("card_id,review_time,review_rating\n1,1795597200000,3\n2,1795597200000\n", .wrongFieldCount(source: "r.csv", line: 3, expected: 3, found: 2)),
        ("card_id,review_time,review_rating\n1,1795597200000,5\n", .invalidValue(source: "r.csv", line: 2, column: "review_rating", value: "5", expected: "1, 2, 3 or 4")),
        ("card_id,review_time,review_rating\n1,yesterday,3\n", .invalidValue(source: "r.csv", line: 2, column: "review_time", value: "yesterday", expected: "milliseconds since 1970 as a whole number")),
        ("card_id,review_time,review_rating,review_state\n1,1,3,4\n", .invalidValue(source: "r.csv", line: 2, column: "review_state", value: "4", expected: "0, 1, 2 or 3")),
        ("card_id,review_time,review_rating,review_duration\n1,1,3,-5\n", .invalidValue(source: "r.csv", line: 2, column: "review_duration", value: "-5", expected: "milliseconds as a whole number, 0 or more")),
        ("card_id,review_time,review_rating\n\"1,1,3\n", .unterminatedQuote(source: "r.csv", line: 2)),
        ("card_id,review_time,review_rating\n,1,3\n", .invalidValue(source: "r.csv", line: 2, column: "card_id", value: "", expected: "a card id")),
    ])
    func malformedFilesAreReportedWithTheLine(text: String, expected: ReviewLogCSVError) {
        #expect(throws: expected) { try ReviewLogCSV.read(text, source: "r.csv") }
    }

    @Test func errorsReadAsOneSentence() {
        #expect(ReviewLogCSVError.invalidValue(source: "r.csv", line: 7, column: "review_rating", value: "x", expected: "1, 2, 3 or 4").description
            == "line 7 of r.csv: review_rating is 'x', expected 1, 2, 3 or 4")
        #expect(ReviewLogCSVError.wrongFieldCount(source: "r.csv", line: 3, expected: 5, found: 4).description
            == "line 3 of r.csv has 4 fields but the header has 5; check for a missing or extra comma")
        #expect(ReviewLogCSVError.missingColumn(source: "r.csv", column: "card_id").description.hasPrefix("the header of r.csv has no `card_id` column"))
        let errors: [ReviewLogCSVError] = [.empty(source: "a"), .unterminatedQuote(source: "a", line: 1), .duplicateCard(source: "a", line: 2, card: "1")]
        for error in errors {
            #expect(!error.description.contains("\n"))
            #expect(error.category == .user)
        }
    }

    @Test func theMappingRejectsBadIdsAndDuplicates() {
        #expect(throws: ReviewLogCSVError.invalidValue(source: "m.csv", line: 2, column: "recall_card_id", value: "xyz", expected: "sixteen hex digits")) {
            try ReviewLogCSV.readMapping("card_id,recall_card_id\n1,xyz\n", source: "m.csv")
        }
        #expect(throws: ReviewLogCSVError.duplicateCard(source: "m.csv", line: 3, card: "1")) {
            try ReviewLogCSV.readMapping("card_id,recall_card_id\n1,0123456789abcdef\n1,0123456789abcdee\n", source: "m.csv")
        }
    }
}

import Foundation
import Testing
@testable import RecallKit

@Suite("Historical dates")
struct HistoricalDateTests {
    @Test("ISO forms parse at their precision")
    func parsing() throws {
        let day = try HistoricalDate.parse("1934-12-01")
        #expect(day.year == 1934 && day.month == 12 && day.day == 1 && day.precision == .day)
        let month = try HistoricalDate.parse("1934-12")
        #expect(month.month == 12 && month.day == nil && month.precision == .month)
        let year = try HistoricalDate.parse(" 1934 ")
        #expect(year.month == nil && year.precision == .year)
    }

    @Test("Parse errors", arguments: [
        ("", HistoricalDate.ParseError.empty),
        ("34", .notISO("34")),
        ("1934-1-1", .notISO("1934-1-1")),
        ("1 December 1934", .notISO("1 December 1934")),
        ("1934/12/01", .notISO("1934/12/01")),
        ("1934-12-01-05", .notISO("1934-12-01-05")),
        ("19341201", .notISO("19341201")),
        ("1934-12-", .notISO("1934-12-")),
        ("1934-1x", .notISO("1934-1x")),
        ("1934_12", .notISO("1934_12")),
        ("-934", .notISO("-934")),
        ("1934-1２", .notISO("1934-1２")),
        ("１９３４", .notISO("１９３４")),
        ("1934-13", .invalidMonth("1934-13")),
        ("1934-00-10", .invalidMonth("1934-00-10")),
        ("1934-02-30", .invalidDay("1934-02-30")),
        ("1937-02-29", .invalidDay("1937-02-29")),
        ("1934-12-00", .invalidDay("1934-12-00")),
    ])
    func errors(_ pair: (String, HistoricalDate.ParseError)) {
        #expect(throws: pair.1) { try HistoricalDate.parse(pair.0) }
        #expect(!pair.1.message.isEmpty && !pair.1.suggestedFix.isEmpty)
    }

    @Test("Leap years follow the Gregorian rule")
    func leapYears() {
        #expect(HistoricalDate(year: 1936, month: 2, day: 29) != nil)
        #expect(HistoricalDate(year: 1900, month: 2, day: 29) == nil)
        #expect(HistoricalDate(year: 2000, month: 2, day: 29) != nil)
        #expect(HistoricalDate(year: 1934, day: 1) == nil)   // a day needs a month
    }

    @Test("Display and ISO text", arguments: [
        ("1934-12-01", "1 December 1934"), ("1934-12", "December 1934"), ("1934", "1934"), ("1937-07-30", "30 July 1937"),
    ])
    func display(_ pair: (String, String)) throws {
        let date = try HistoricalDate.parse(pair.0)
        #expect(date.displayText == pair.1)
        #expect(date.isoText == pair.0)
    }

    @Test("Order: earlier first, a year before its months")
    func ordering() throws {
        let dates = try ["1938", "1937-07-30", "1937", "1934-12-01", "1937-07"].map(HistoricalDate.parse)
        #expect(dates.sorted().map(\.isoText) == ["1934-12-01", "1937", "1937-07", "1937-07-30", "1938"])
    }

    @Test("Encoded as ISO text, and validated when decoded")
    func codable() throws {
        let date = try HistoricalDate.parse("1934-12-01")
        let data = try JSONEncoder().encode([date])
        #expect(String(decoding: data, as: UTF8.self) == #"["1934-12-01"]"#)
        #expect(try JSONDecoder().decode([HistoricalDate].self, from: data) == [date])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([HistoricalDate].self, from: Data(#"["1934-02-30"]"#.utf8)) }
    }
}

@Suite("Dates typed by learners")
struct TypedDateReaderTests {
    @Test("Forms of 1 December 1934", arguments: [
        "1 December 1934", "December 1, 1934", "1 Dec 1934", "Dec 1 1934", "Dec. 1, 1934", "1934-12-01", "1934/12/01",
        "1st of December 1934", "the 1st of December, 1934", "the first of December 1934", "Saturday, 1 December 1934",
        "1-Dec-1934", "DECEMBER 1ST 1934", "on 1 December 1934", "1 Décember 1934",
    ])
    func dayForms(_ text: String) {
        #expect(TypedDateReader.read(text) == [HistoricalDate(year: 1934, month: 12, day: 1)], "“\(text)”")
    }

    @Test("Month and year forms", arguments: ["December 1934", "Dec 1934", "12/1934", "1934-12", "12.1934", "in December 1934"])
    func monthForms(_ text: String) {
        #expect(TypedDateReader.read(text) == [HistoricalDate(year: 1934, month: 12)], "“\(text)”")
    }

    @Test("Year forms", arguments: ["1934", "in 1934", "the year 1934", "1934 AD"])
    func yearForms(_ text: String) {
        #expect(TypedDateReader.read(text) == [HistoricalDate(year: 1934)], "“\(text)”")
    }

    @Test("Ordinal words up to thirty-first")
    func ordinalWords() {
        #expect(TypedDateReader.read("twenty-first of June 1937") == [HistoricalDate(year: 1937, month: 6, day: 21)])
        #expect(TypedDateReader.read("thirtieth July 1937") == [HistoricalDate(year: 1937, month: 7, day: 30)])
    }

    @Test("All-numeric day and month: both readings when both are real and differ")
    func ambiguity() {
        let firstOfDecember = HistoricalDate(year: 1934, month: 12, day: 1), twelfthOfJanuary = HistoricalDate(year: 1934, month: 1, day: 12)
        #expect(TypedDateReader.read("01/12/1934") == [firstOfDecember, twelfthOfJanuary])
        #expect(TypedDateReader.read("12/01/1934") == [twelfthOfJanuary, firstOfDecember])
        #expect(TypedDateReader.read("30/07/1937") == [HistoricalDate(year: 1937, month: 7, day: 30)])  // only day-first is real
        #expect(TypedDateReader.read("07/30/1937") == [HistoricalDate(year: 1937, month: 7, day: 30)])  // only month-first is real
        #expect(TypedDateReader.read("05/05/1937") == [HistoricalDate(year: 1937, month: 5, day: 5)])   // both readings agree
    }

    @Test("Not dates", arguments: [
        "", "December", "1 December", "1937-38", "1936 1937", "31/11/1934", "1934-13-01", "01/12-1934", "32 December 1934",
        "December and January 1934", "the day Kirov died", "12345", "1 2 3", "February 30 1934",
    ])
    func notDates(_ text: String) {
        #expect(TypedDateReader.read(text).isEmpty, "“\(text)”")
    }

    @Test("Hostile text is refused without work")
    func hostile() {
        #expect(TypedDateReader.read(String(repeating: "1934 ", count: 1_000)).isEmpty)
        #expect(TypedDateReader.read(String(repeating: "9", count: 150)).isEmpty)
    }
}

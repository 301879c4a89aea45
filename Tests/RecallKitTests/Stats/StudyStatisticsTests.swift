import Foundation
import Testing
@testable import RecallKit

@Suite struct StudyStatisticsTests {
    typealias Data = SampleStudyData

    func stats(quizzes: [QuizResult] = []) -> StudyStatistics {
        StudyStatistics.compute(cards: Data.handCards, progress: Data.handProgress, now: Data.now, calendar: Data.utc,
                                desiredRetention: 0.9, scheduler: FSRSScheduler(), quizResults: quizzes, deckID: "sample")
    }

    @Test func cardsAreCountedByStateWithSuspendedCardsApart() {
        let counts = stats().counts
        #expect(counts.total == 8)
        #expect(counts.new == 1)
        #expect(counts.learning == 0)
        #expect(counts.review == 5)
        #expect(counts.relearning == 1)
        #expect(counts.suspended == 1)
        #expect(counts.leeches == 1)
        // a (in ten minutes), b (overdue) and f (02:00 tomorrow, before the 04:00 day start).
        #expect(counts.dueToday == 3)
    }

    @Test func topicsAreCountedSeparatelyAndSorted() {
        let topics = stats().topics
        #expect(topics.map(\.topic) == ["History › People", "History › Trials"])
        #expect(topics[0].counts.total == 4)
        #expect(topics[0].counts.new == 1)
        #expect(topics[0].counts.relearning == 1)
        #expect(topics[0].counts.review == 2)
        #expect(topics[1].counts.suspended == 1)
        #expect(topics[1].counts.review == 3)
    }

    @Test func theForecastCountsDueCardsPerStudyDayWithOverdueOnesToday() {
        let forecast = stats().forecast
        #expect(forecast.days.count == 30)
        #expect(forecast.days[0] == .init(date: "2026-11-25", count: 3))
        #expect(forecast.days[5] == .init(date: "2026-11-30", count: 1))
        #expect(forecast.days[29] == .init(date: "2026-12-24", count: 1))
        #expect(forecast.overdue == 1)
        // h, due in 30 days, is past the window; e is suspended.
        #expect(forecast.total == 5)
    }

    @Test func theHeatmapCountsReviewsPerStudyDay() {
        let heatmap = stats().heatmap
        #expect(heatmap.count == 365)
        #expect(heatmap.last == .init(date: "2026-11-25", count: 2))
        #expect(heatmap[363] == .init(date: "2026-11-24", count: 1))
        // Two reviews on the 23rd plus the 03:00 review of the 24th.
        #expect(heatmap[362] == .init(date: "2026-11-23", count: 3))
        #expect(heatmap[354] == .init(date: "2026-11-15", count: 1))
        #expect(heatmap[324] == .init(date: "2026-10-16", count: 1))
        #expect(heatmap.reduce(0) { $0 + $1.count } == 8)
    }

    @Test func trueRetentionCountsOnlyReviewPhaseReviewsPerISOWeek() {
        let retention = stats().retention
        #expect(retention.target == 0.9)
        #expect(retention.weeks.count == 12)
        #expect(retention.weeks.last?.week == "2026-W48")
        #expect(retention.weeks.last?.start == "2026-11-23")
        #expect(retention.weeks.first?.start == "2026-09-07")
        // This week: a's lapse and c's pass.
        #expect(retention.weeks[11].figure == .init(reviews: 2, passed: 1))
        #expect(retention.weeks[11].figure.rate == 0.5)
        #expect(retention.weeks[10].figure.reviews == 0)
        #expect(retention.weeks[9].figure == .init(reviews: 1, passed: 1))
        #expect(retention.weeks[5].figure == .init(reviews: 1, passed: 0))
        #expect(retention.weeks[0].figure.rate == nil)
        #expect(retention.young == .init(reviews: 2, passed: 0))
        #expect(retention.mature == .init(reviews: 2, passed: 2))
        #expect(retention.overall == .init(reviews: 4, passed: 2))
        #expect(retention.allTime == .init(reviews: 4, passed: 2))
    }

    @Test func averageRetrievabilityCoversReviewedUnsuspendedCards() throws {
        let statistics = stats()
        // Every card was last reviewed exactly `stability` days ago, where FSRS predicts 90 %.
        #expect(statistics.retrievabilityCardCount == 6)
        let average = try #require(statistics.averageRetrievability)
        #expect(abs(average - 0.9) < 1e-9)
    }

    @Test func theHardestCardsHaveMostLapsesThenLowestStability() {
        let hardest = stats().hardestCards
        #expect(hardest.map(\.card) == [Data.handID("e"), Data.handID("a"), Data.handID("b"), Data.handID("c")])
        #expect(hardest[0].prompt == "Question E?")
        #expect(hardest[0].lapses == 3)
        #expect(hardest[2].stability == 5)
    }

    @Test func theStreakEndsTodayOrYesterday() {
        let streak = stats().streak
        #expect(streak == .init(current: 3, longest: 3, studiedToday: true))
        var progress = Data.handProgress
        progress.log.removeLast(2)
        let yesterday = StudyStatistics.compute(cards: Data.handCards, progress: progress, now: Data.now, calendar: Data.utc)
        #expect(yesterday.streak == .init(current: 2, longest: 2, studiedToday: false))
        let later = StudyStatistics.compute(cards: Data.handCards, progress: progress, now: Data.at(2, 12), calendar: Data.utc)
        #expect(later.streak.current == 0)
        #expect(later.streak.longest == 2)
    }

    @Test func timePerDaySumsDurations() {
        let statistics = stats()
        #expect(statistics.timePerDay.count == 30)
        #expect(statistics.timePerDay.last == .init(date: "2026-11-25", reviews: 2, milliseconds: 3_000))
        #expect(statistics.timePerDay[28] == .init(date: "2026-11-24", reviews: 1, milliseconds: 6_000))
        #expect(statistics.timePerDay[27] == .init(date: "2026-11-23", reviews: 3, milliseconds: 12_000))
        #expect(statistics.totals == .init(reviews: 8, milliseconds: 32_000, studyDays: 5, reviewsToday: 2, millisecondsToday: 3_000))
    }

    @Test func theDayBoundaryAndTimeZoneMoveReviewsBetweenDays() {
        // In New York (UTC−5) with a midnight boundary, 03:00 UTC on the 24th is the 23rd.
        let newYork = StudyCalendar(timeZone: TimeZone(identifier: "America/New_York")!, dayStartHour: 0)
        let statistics = StudyStatistics.compute(cards: Data.handCards, progress: Data.handProgress, now: Data.now, calendar: newYork)
        #expect(statistics.today == "2026-11-25")
        #expect(statistics.heatmap[362] == .init(date: "2026-11-23", count: 3))
        // At 08:00 UTC the 25th is still the 25th in New York (03:00).
        #expect(statistics.heatmap[364].count == 2)
    }

    @Test func quizzesOfOtherDecksAreLeftOutAndSortedByDate() {
        let statistics = stats(quizzes: Data.quizzes.reversed())
        #expect(statistics.quizzes.map(\.score) == [7, 9])
        #expect(statistics.quizzes[0].percentage == 70)
    }

    @Test func anEmptyHistoryGivesZerosNotFailures() {
        let statistics = StudyStatistics.compute(cards: Data.handCards, progress: ProgressState(), now: Data.now, calendar: Data.utc)
        #expect(statistics.counts.new == 8)
        #expect(statistics.averageRetrievability == nil)
        #expect(statistics.streak == .init(current: 0, longest: 0, studiedToday: false))
        #expect(statistics.hardestCards.isEmpty)
        #expect(statistics.retention.overall.rate == nil)
        let text = StatsRenderer(width: 80).render(statistics)
        #expect(text.contains("No card has lapsed yet."))
    }

    @Test func theJSONCarriesEveryFigureAndReadsBack() throws {
        let statistics = stats(quizzes: Data.quizzes)
        let data = try statistics.jsonData()
        let decoded = try JSONDecoder().decode(StudyStatistics.self, from: data)
        #expect(decoded == statistics)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"schema\" : \"recall-stats\""))
        #expect(text.contains("\"rate\" : 0.5"))
        #expect(text.hasSuffix("}\n"))
    }
}

@Suite struct QuizResultTests {
    @Test func historyLinesRoundTrip() throws {
        let lines = SampleStudyData.quizzes.map(\.jsonLine).joined(separator: "\n") + "\n\n"
        #expect(try QuizResult.parseLines(lines) == SampleStudyData.quizzes)
        #expect(SampleStudyData.quizzes[1].jsonLine.hasPrefix("{\"date\":\"2026-11-22T18:00:00Z\",\"deckID\":\"sample\",\"durationMilliseconds\":142500"))
    }

    @Test func aBadLineIsReportedWithItsNumber() {
        let text = SampleStudyData.quizzes[0].jsonLine + "\n{\"date\":\"yesterday\"}\n"
        #expect(throws: QuizHistoryError.malformedLine(source: "quizzes.jsonl", line: 2)) {
            try QuizResult.parseLines(text, source: "quizzes.jsonl")
        }
        #expect(QuizHistoryError.malformedLine(source: "q.jsonl", line: 2).description
            == "line 2 of q.jsonl is not a quiz result; fix or delete that line (the other results are fine)")
    }
}

import Foundation

/// Every figure `recall stats` shows, computed by one pure function from the deck's cards,
/// the replayed progress with its review log, and "now". Codable, so `--json` prints it all.
///
/// Card-state figures (counts, forecast, retrievability, hardest cards) cover the deck's
/// current cards; history figures (heatmap, retention, streak, time) cover every logged review.
///
///     let stats = StudyStatistics.compute(
///         cards: deck.cards, progress: store.state, now: now,
///         calendar: StudyCalendar(timeZone: .current, dayStartHour: 4),
///         desiredRetention: 0.9, scheduler: FSRSScheduler(), quizResults: history)
///     print(StatsRenderer(width: 80).render(stats))
public struct StudyStatistics: Codable, Hashable, Sendable {
    /// Bumped whenever the JSON shape changes incompatibly.
    public static let schemaVersion = 1

    public var schema = "recall-stats"
    public var schemaVersion = StudyStatistics.schemaVersion
    /// The instant the figures are for, ISO 8601 UTC.
    public var generatedAt: String
    /// Today's study day, `2026-11-25`.
    public var today: String
    public var timeZone: String
    public var dayStartHour: Int
    public var desiredRetention: Double

    public var counts: CardCounts
    /// Counts per topic, sorted by topic (the empty topic is written "").
    public var topics: [TopicCounts]
    public var forecast: Forecast
    /// Reviews per study day for the last 365 days, oldest first, today last.
    public var heatmap: [DayCount]
    public var retention: RetentionSummary
    /// Mean predicted recall probability now over the deck's reviewed, unsuspended cards;
    /// nil when there are none (or the scheduler has no memory model).
    public var averageRetrievability: Double?
    public var retrievabilityCardCount: Int
    /// Most lapses first, then lowest stability; cards that never lapsed are not listed.
    public var hardestCards: [HardCard]
    public var streak: Streak
    /// Time spent per study day for the last 30 days, oldest first, today last.
    public var timePerDay: [DayTime]
    public var totals: Totals
    /// This deck's quizzes, oldest first.
    public var quizzes: [QuizResult]
}

extension StudyStatistics {
    public struct CardCounts: Codable, Hashable, Sendable {
        public var total = 0
        public var new = 0
        public var learning = 0
        public var review = 0
        public var relearning = 0
        /// Suspended cards are counted here only, not under their phase.
        public var suspended = 0
        /// Unsuspended reviewed cards due by the end of today (overdue ones included).
        public var dueToday = 0
        public var leeches = 0

        public init() {}
    }

    public struct TopicCounts: Codable, Hashable, Sendable {
        public var topic: String
        public var counts: CardCounts
    }

    public struct DayCount: Codable, Hashable, Sendable {
        /// `2026-11-25`.
        public var date: String
        public var count: Int
    }

    public struct Forecast: Codable, Hashable, Sendable {
        /// Reviews due on each of the next 30 study days; today's figure includes overdue cards.
        public var days: [DayCount]
        /// Cards that were due before today began.
        public var overdue: Int
        public var total: Int
    }

    /// Passed and failed reviews of cards that were in review (graduated) when answered:
    /// a pass is any rating but Again.
    public struct RetentionFigure: Codable, Hashable, Sendable {
        public var reviews = 0
        public var passed = 0
        /// `passed / reviews`, nil without reviews.
        public var rate: Double? { reviews > 0 ? Double(passed) / Double(reviews) : nil }

        public init(reviews: Int = 0, passed: Int = 0) {
            self.reviews = reviews
            self.passed = passed
        }

        enum CodingKeys: String, CodingKey { case reviews, passed, rate }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            reviews = try container.decode(Int.self, forKey: .reviews)
            passed = try container.decode(Int.self, forKey: .passed)
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(reviews, forKey: .reviews)
            try container.encode(passed, forKey: .passed)
            try container.encode(rate, forKey: .rate)
        }
    }

    public struct WeekRetention: Codable, Hashable, Sendable {
        /// ISO week, `2026-W48`.
        public var week: String
        /// The Monday the week starts on.
        public var start: String
        public var figure: RetentionFigure
    }

    public struct RetentionSummary: Codable, Hashable, Sendable {
        /// The desired retention the figures are measured against.
        public var target: Double
        /// The last 12 ISO weeks, oldest first, this week last.
        public var weeks: [WeekRetention]
        /// Over the same 12 weeks: all review-phase reviews, and split by the card's interval
        /// before the review (stability, or elapsed days without FSRS): young is under 21 days.
        public var overall: RetentionFigure
        public var young: RetentionFigure
        public var mature: RetentionFigure
        /// Every review-phase review ever logged.
        public var allTime: RetentionFigure
    }

    public struct HardCard: Codable, Hashable, Sendable {
        public var card: CardID
        /// The question as first shown; not sanitized (renderers do that).
        public var prompt: String
        public var kind: CardKind
        public var answer: String
        public var topic: String
        public var lapses: Int
        public var reviews: Int
        public var stability: Double?
        public var difficulty: Double?
    }

    public struct Streak: Codable, Hashable, Sendable {
        /// Consecutive study days with a review, ending today, or yesterday when today has none yet.
        public var current: Int
        public var longest: Int
        public var studiedToday: Bool
    }

    public struct DayTime: Codable, Hashable, Sendable {
        public var date: String
        public var reviews: Int
        public var milliseconds: Int
    }

    public struct Totals: Codable, Hashable, Sendable {
        public var reviews: Int
        public var milliseconds: Int
        public var studyDays: Int
        public var reviewsToday: Int
        public var millisecondsToday: Int
    }
}

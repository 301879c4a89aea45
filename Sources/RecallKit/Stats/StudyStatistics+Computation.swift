import Foundation

extension StudyStatistics {
    /// How many days and cards the figures span.
    public struct Options: Hashable, Sendable {
        public var forecastDays = 30
        public var heatmapDays = 365
        public var retentionWeeks = 12
        public var timeDays = 30
        public var hardestCardCount = 10
        /// Interval (days) from which a card counts as mature, as in Anki.
        public var matureIntervalDays = 21.0

        public init() {}
    }

    /// Computes every figure. Pure: the same inputs give the same value.
    ///
    ///     let stats = StudyStatistics.compute(cards: deck.cards, progress: state, now: now)
    ///     stats.counts.review        // cards in review
    ///     stats.streak.current       // days in a row
    public static func compute(
        cards: [Card],
        progress: ProgressState,
        now: Date,
        calendar: StudyCalendar = StudyCalendar(),
        desiredRetention: Double = 0.9,
        scheduler: any Scheduler = FSRSScheduler(),
        quizResults: [QuizResult] = [],
        deckID: String? = nil,
        options: Options = Options()
    ) -> StudyStatistics {
        var indexer = DayIndexer(calendar: calendar)
        let today = indexer.day(milliseconds: JournalEvent.milliseconds(now))
        let endOfToday = calendar.start(ofDay: today + 1)
        let startOfToday = calendar.start(ofDay: today)

        // MARK: Card state
        var counts = CardCounts()
        var topicCounts: [String: CardCounts] = [:]
        let forecastDays = max(options.forecastDays, 1)
        var forecast = [Int](repeating: 0, count: forecastDays)
        var overdue = 0
        var retrievabilitySum = 0.0
        var retrievabilityCount = 0
        var hardCandidates: [HardCard] = []
        // Day boundaries of the forecast, so each card needs comparisons, not a time-zone lookup.
        let forecastEnds = (1...forecastDays).map { calendar.start(ofDay: today + $0) }

        for card in cards {
            let state = progress.cards[card.id] ?? .new
            let scheduling = state.scheduling
            var cardCounts = CardCounts()
            cardCounts.total = 1
            if state.isLeech { cardCounts.leeches = 1 }
            if state.isSuspended {
                cardCounts.suspended = 1
            } else {
                switch scheduling.phase {
                case .new: cardCounts.new = 1
                case .learning: cardCounts.learning = 1
                case .review: cardCounts.review = 1
                case .relearning: cardCounts.relearning = 1
                }
                if scheduling.phase != .new {
                    if scheduling.due < endOfToday { cardCounts.dueToday = 1 }
                    if scheduling.due < startOfToday { overdue += 1 }
                    if let index = forecastEnds.firstIndex(where: { scheduling.due < $0 }) { forecast[index] += 1 }
                    if let recall = scheduler.retrievability(of: scheduling, at: now) {
                        retrievabilitySum += recall
                        retrievabilityCount += 1
                    }
                }
            }
            counts.add(cardCounts)
            topicCounts[card.topic, default: CardCounts()].add(cardCounts)
            if scheduling.lapses > 0 {
                hardCandidates.append(HardCard(
                    card: card.id, prompt: card.question.prompt, kind: card.kind, answer: card.answer, topic: card.topic,
                    lapses: scheduling.lapses, reviews: scheduling.reps, stability: scheduling.stability,
                    difficulty: scheduling.difficulty))
            }
        }
        hardCandidates.sort { left, right in
            if left.lapses != right.lapses { return left.lapses > right.lapses }
            let leftStability = left.stability ?? .infinity, rightStability = right.stability ?? .infinity
            if leftStability != rightStability { return leftStability < rightStability }
            return left.card < right.card
        }

        // MARK: History
        let heatmapDays = max(options.heatmapDays, 1)
        let timeDays = max(options.timeDays, 1)
        let weekCount = max(options.retentionWeeks, 1)
        let thisMonday = today - StudyCalendar.weekdayIndex(ofDay: today)
        let firstWeekMonday = thisMonday - 7 * (weekCount - 1)
        var perDay: [Int: (reviews: Int, milliseconds: Int)] = [:]
        var weekFigures = [RetentionFigure](repeating: RetentionFigure(), count: weekCount)
        var young = RetentionFigure(), mature = RetentionFigure(), allTime = RetentionFigure()
        var totalMilliseconds = 0
        // Reviews are grouped per day in runs: the log is in time order, so one dictionary
        // update per day instead of per review.
        var runDay = Int.min, runReviews = 0, runMilliseconds = 0
        func flushRun() {
            guard runReviews > 0 else { return }
            let previous = perDay[runDay] ?? (0, 0)
            perDay[runDay] = (previous.reviews + runReviews, previous.milliseconds + runMilliseconds)
        }
        for entry in progress.log {
            let day = indexer.day(milliseconds: entry.time)
            if day != runDay {
                flushRun()
                runDay = day
                runReviews = 0
                runMilliseconds = 0
            }
            runReviews += 1
            let duration = max(0, entry.durationMilliseconds)
            runMilliseconds += duration
            totalMilliseconds += duration
            guard entry.phaseBefore == .review else { continue }
            let passed = entry.rating != .again ? 1 : 0
            allTime.reviews += 1
            allTime.passed += passed
            if day >= firstWeekMonday, day <= today {
                let week = (day - firstWeekMonday) / 7
                weekFigures[week].reviews += 1
                weekFigures[week].passed += passed
                let interval = entry.stabilityBefore ?? entry.elapsedDays
                if interval < options.matureIntervalDays {
                    young.reviews += 1
                    young.passed += passed
                } else {
                    mature.reviews += 1
                    mature.passed += passed
                }
            }
        }
        flushRun()

        let heatmap = ((today - heatmapDays + 1)...today).map {
            DayCount(date: StudyCalendar.label(ofDay: $0), count: perDay[$0]?.reviews ?? 0)
        }
        let timePerDay = ((today - timeDays + 1)...today).map {
            DayTime(date: StudyCalendar.label(ofDay: $0), reviews: perDay[$0]?.reviews ?? 0, milliseconds: perDay[$0]?.milliseconds ?? 0)
        }
        let weeks = (0..<weekCount).map { index in
            let monday = firstWeekMonday + 7 * index
            return WeekRetention(week: StudyCalendar.isoWeekLabel(ofDay: monday), start: StudyCalendar.label(ofDay: monday),
                                 figure: weekFigures[index])
        }
        var overall = RetentionFigure()
        for week in weekFigures {
            overall.reviews += week.reviews
            overall.passed += week.passed
        }

        // Streaks: walk the study days in order (future-dated reviews are ignored).
        let studyDays = perDay.keys.filter { $0 <= today }.sorted()
        var longest = 0, run = 0, previousDay = Int.min
        for day in studyDays {
            run = (previousDay != Int.min && day == previousDay + 1) ? run + 1 : 1
            longest = max(longest, run)
            previousDay = day
        }
        let studiedToday = perDay[today] != nil
        var current = 0
        var cursor = studiedToday ? today : today - 1
        while perDay[cursor] != nil {
            current += 1
            cursor -= 1
        }

        let forecastDaysList = forecast.indices.map { DayCount(date: StudyCalendar.label(ofDay: today + $0), count: forecast[$0]) }
        let deckQuizzes = quizResults
            .filter { deckID == nil || $0.deckID == deckID }
            .enumerated()
            .sorted { $0.element.date != $1.element.date ? $0.element.date < $1.element.date : $0.offset < $1.offset }
            .map(\.element)

        return StudyStatistics(
            generatedAt: ExportTimestamp.string(now),
            today: StudyCalendar.label(ofDay: today),
            timeZone: calendar.timeZone.identifier,
            dayStartHour: calendar.dayStartHour,
            desiredRetention: desiredRetention,
            counts: counts,
            topics: topicCounts.map { TopicCounts(topic: $0.key, counts: $0.value) }.sorted { $0.topic < $1.topic },
            forecast: Forecast(days: forecastDaysList, overdue: overdue, total: forecast.reduce(0, +)),
            heatmap: heatmap,
            retention: RetentionSummary(target: desiredRetention, weeks: weeks, overall: overall, young: young,
                                        mature: mature, allTime: allTime),
            averageRetrievability: retrievabilityCount > 0 ? retrievabilitySum / Double(retrievabilityCount) : nil,
            retrievabilityCardCount: retrievabilityCount,
            hardestCards: Array(hardCandidates.prefix(max(options.hardestCardCount, 0))),
            streak: Streak(current: current, longest: longest, studiedToday: studiedToday),
            timePerDay: timePerDay,
            totals: Totals(reviews: progress.log.count, milliseconds: totalMilliseconds, studyDays: studyDays.count,
                           reviewsToday: perDay[today]?.reviews ?? 0, millisecondsToday: perDay[today]?.milliseconds ?? 0),
            quizzes: deckQuizzes)
    }

    /// The canonical JSON for `--json`: sorted keys, two-space indentation, a final newline.
    public func jsonData() throws -> Data {
        try CanonicalJSON.data(self)
    }
}

extension StudyStatistics.CardCounts {
    mutating func add(_ other: Self) {
        total += other.total
        new += other.new
        learning += other.learning
        review += other.review
        relearning += other.relearning
        suspended += other.suspended
        dueToday += other.dueToday
        leeches += other.leeches
    }
}

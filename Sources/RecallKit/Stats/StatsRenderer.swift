/// Draws ``StudyStatistics`` for a terminal: summary lines, a 30-day forecast bar chart, a
/// calendar heatmap (Mon…Sun × weeks), weekly true retention against the target, time per
/// day, the hardest cards, topics and quizzes. Everything fits `width` columns; the output
/// depends only on the statistics and the settings, so it can be compared with golden files.
///
///     let renderer = StatsRenderer(width: 80, ascii: false, style: TextStyle(colour: true))
///     print(renderer.render(stats, title: deck.deck.title), terminator: "")
public struct StatsRenderer: Sendable {
    public var width: Int
    public var ascii: Bool
    public var style: TextStyle

    public init(width: Int = 80, ascii: Bool = false, style: TextStyle = .plain) {
        // Narrower than 40 columns nothing useful fits; clamp rather than fail.
        self.width = max(width, 40)
        self.ascii = ascii
        self.style = style
    }

    var glyphs: ChartGlyphs { ChartGlyphs(ascii: ascii) }

    /// The whole report, ending with a newline. `title` is deck text and is sanitized here.
    public func render(_ stats: StudyStatistics, title: String? = nil) -> String {
        var sections: [[String]] = [summary(stats, title: title)]
        sections.append(forecast(stats))
        sections.append(heatmap(stats))
        sections.append(retention(stats))
        sections.append(timePerDay(stats))
        sections.append(hardestCards(stats))
        sections.append(topics(stats))
        if !stats.quizzes.isEmpty { sections.append(quizzes(stats)) }
        return sections.map { $0.joined(separator: "\n") }.joined(separator: "\n\n") + "\n"
    }

    // MARK: Sections

    /// A section title; `detail` follows on the same line when it fits, else on its own (dim) line.
    func heading(_ text: String, detail: String? = nil) -> String {
        let title = style.bold(FigureFormat.fit(text, width: width, ellipsis: glyphs.ellipsis).chartTrimmed())
        guard let detail else { return title }
        if text.count + 1 + detail.count <= width { return title + " " + detail }
        // On a line of its own the detail needs no joining dash.
        let alone = detail.hasPrefix(glyphs.dash + " ") ? String(detail.dropFirst(glyphs.dash.count + 1)) : detail
        return title + "\n" + style.dim(FigureFormat.fit(alone, width: width, ellipsis: glyphs.ellipsis).chartTrimmed())
    }

    func summary(_ stats: StudyStatistics, title: String?) -> [String] {
        let counts = stats.counts
        let dot = " \(glyphs.middleDot) "
        var lines = [title.map { heading(TerminalSanitizer.clean($0), detail: "\(glyphs.dash) statistics for \(stats.today)") }
                     ?? heading("Statistics for \(stats.today)")]
        let cardParts = [FigureFormat.plural(counts.total, "card"), "\(FigureFormat.grouped(counts.new)) new",
                         "\(FigureFormat.grouped(counts.learning)) learning", "\(FigureFormat.grouped(counts.review)) review",
                         "\(FigureFormat.grouped(counts.relearning)) relearning", "\(FigureFormat.grouped(counts.suspended)) suspended"]
        lines += wrapped(label: "Cards", parts: cardParts, separator: dot)
        var todayParts = [FigureFormat.plural(stats.totals.reviewsToday, "review"),
                          FigureFormat.duration(milliseconds: stats.totals.millisecondsToday),
                          "\(FigureFormat.grouped(counts.dueToday)) due"]
        todayParts.append("streak \(FigureFormat.plural(stats.streak.current, "day")) (longest \(stats.streak.longest))")
        lines += wrapped(label: "Today", parts: todayParts, separator: dot)
        var memoryParts: [String] = []
        if let average = stats.averageRetrievability {
            memoryParts.append("average retrievability \(FigureFormat.percent(average)) over \(FigureFormat.plural(stats.retrievabilityCardCount, "card"))")
        } else {
            memoryParts.append("no reviewed cards yet")
        }
        memoryParts.append("target \(FigureFormat.percent(stats.desiredRetention))")
        if counts.leeches > 0 { memoryParts.append(FigureFormat.plural(counts.leeches, "leech", "leeches")) }
        lines += wrapped(label: "Memory", parts: memoryParts, separator: dot)
        let historyParts = [FigureFormat.plural(stats.totals.reviews, "review"),
                            "\(FigureFormat.duration(milliseconds: stats.totals.milliseconds)) in all",
                            "\(FigureFormat.plural(stats.totals.studyDays, "study day"))"]
        lines += wrapped(label: "History", parts: historyParts, separator: dot)
        return lines
    }

    /// `label` in a 9-column gutter, then the parts, wrapped at the width between parts.
    func wrapped(label: String, parts: [String], separator: String) -> [String] {
        let gutter = 9
        var lines: [String] = []
        var current = ""
        for part in parts {
            let candidate = current.isEmpty ? part : current + separator + part
            if current.isEmpty || gutter + candidate.count <= width {
                current = candidate
            } else {
                lines.append(current)
                current = part
            }
        }
        lines.append(current)
        return lines.enumerated().map { index, line in
            FigureFormat.fit(index == 0 ? label : "", width: gutter) + FigureFormat.fit(line, width: width - gutter, ellipsis: glyphs.ellipsis).chartTrimmed()
        }
    }

    func forecast(_ stats: StudyStatistics) -> [String] {
        let days = stats.forecast.days
        var lines = [heading("Reviews due \(glyphs.dash) next \(days.count) days", detail: "(\(FigureFormat.grouped(stats.forecast.total)) in all, \(FigureFormat.grouped(stats.forecast.overdue)) overdue)")]
        let axisWidth = 6
        // Two columns per day when they fit, else one; days beyond the width are left out.
        let columnWidth = axisWidth + 2 * days.count <= width ? 2 : 1
        let shown = Array(days.prefix((width - axisWidth) / columnWidth))
        let maximum = shown.map(\.count).max() ?? 0
        let height = 5
        let scale = Double(max(maximum, 1))
        for row in (0..<height).reversed() {
            let label: String
            if row == height - 1 { label = String(maximum) } else if row == 0 { label = "0" } else { label = "" }
            var line = style.dim(FigureFormat.fit(label, width: axisWidth - 2, alignRight: true) + " " + glyphs.verticalLine)
            var bars = ""
            for day in shown {
                let eighths = Int((Double(day.count) / scale * Double(height * 8)).rounded(.up))
                let cell = glyphs.verticalCell(eighths: min(8, max(0, eighths - row * 8)))
                bars.append(cell)
                if columnWidth == 2 { bars.append(" ") }
            }
            line += style.accent(bars.chartTrimmed())
            lines.append(line.chartTrimmed())
        }
        lines.append(style.dim(String(repeating: " ", count: axisWidth - 1) + glyphs.corner
                               + String(repeating: glyphs.horizontalLine, count: shown.count * columnWidth)))
        // Date labels every five days: "11-25" with two columns per day, the day of month with one.
        var labels = String(repeating: " ", count: axisWidth)
        for (index, day) in shown.enumerated() where index % 5 == 0 {
            let text = columnWidth == 2 ? String(day.date.suffix(5)) : String(day.date.suffix(2))
            let position = axisWidth + index * columnWidth
            if labels.count < position { labels += String(repeating: " ", count: position - labels.count) }
            if labels.count == position, position + text.count <= width { labels += text }
        }
        lines.append(labels.chartTrimmed())
        return lines
    }

    func heatmap(_ stats: StudyStatistics) -> [String] {
        let days = stats.heatmap
        let total = days.reduce(0) { $0 + $1.count }
        let active = days.filter { $0.count > 0 }.count
        var lines = [heading("Reviews \(glyphs.dash) last \(days.count) days", detail: "(\(FigureFormat.plural(total, "review")) on \(FigureFormat.plural(active, "day")))")]
        guard let first = days.first, let firstDay = Self.dayNumber(first.date), let lastDay = Self.dayNumber(days.last!.date) else { return lines }
        let labelWidth = 4
        let firstMonday = firstDay - StudyCalendar.weekdayIndex(ofDay: firstDay)
        let lastMonday = lastDay - StudyCalendar.weekdayIndex(ofDay: lastDay)
        var weekCount = (lastMonday - firstMonday) / 7 + 1
        var startMonday = firstMonday
        // Keep the most recent weeks when the full year does not fit.
        if labelWidth + weekCount > width {
            weekCount = width - labelWidth
            startMonday = lastMonday - 7 * (weekCount - 1)
        }
        let maximum = days.map(\.count).max() ?? 0
        // Month names above the column of each month's first Monday, where they do not collide.
        var monthLine = String(repeating: " ", count: labelWidth)
        var previousMonth = -1
        for week in 0..<weekCount {
            let monday = startMonday + 7 * week
            let month = StudyCalendar.civilDate(ofDay: max(monday, firstDay)).month
            if month != previousMonth {
                let position = labelWidth + week
                let name = StudyCalendar.monthAbbreviations[month - 1]
                if monthLine.count < position || (week == 0 && monthLine.count == position), position + name.count <= labelWidth + weekCount {
                    monthLine += String(repeating: " ", count: position - monthLine.count) + name
                }
                previousMonth = month
            }
        }
        lines.append(style.dim(monthLine.chartTrimmed()))
        for weekday in 0..<7 {
            var row = ""
            var run = ""
            var runLevel = -1
            func flush() {
                guard !run.isEmpty else { return }
                row += runLevel > 0 ? style.success(run) : runLevel == 0 ? style.dim(run) : run
                run = ""
            }
            for week in 0..<weekCount {
                let day = startMonday + 7 * week + weekday
                let level: Int
                let cell: Character
                if day < firstDay || day > lastDay {
                    level = -1
                    cell = " "
                } else {
                    level = ChartGlyphs.heatLevel(days[day - firstDay].count, maximum: maximum)
                    cell = glyphs.heat(level)
                }
                if level != runLevel { flush(); runLevel = level }
                run.append(cell)
            }
            flush()
            let label = FigureFormat.fit(StudyCalendar.weekdayAbbreviations[weekday], width: labelWidth)
            lines.append((style.dim(label) + row).chartTrimmed())
        }
        let legend = (0...4).map { String(glyphs.heat($0)) }.joined(separator: " ")
        let legendLine = String(repeating: " ", count: labelWidth) + "less " + legend + " more (busiest day \(FigureFormat.plural(maximum, "review")))"
        lines.append(style.dim(FigureFormat.fit(legendLine, width: width, ellipsis: glyphs.ellipsis).chartTrimmed()))
        return lines
    }

    func retention(_ stats: StudyStatistics) -> [String] {
        let summary = stats.retention
        var lines = [heading("True retention \(glyphs.dash) target \(FigureFormat.percent(summary.target))", detail: "(reviews of graduated cards; a pass is not Again)")]
        let fixed = 8 + 1 + 7 + 1 + 7 + 2
        let barWidth = max(10, min(40, width - fixed - 2))
        lines.append(style.dim("Week     Reviews    Rate  " + FigureFormat.fit("0%", width: barWidth - 4) + "100%"))
        let markPosition = min(barWidth - 1, max(0, Int((summary.target * Double(barWidth)).rounded(.down))))
        for week in summary.weeks {
            let figure = week.figure
            var line = FigureFormat.fit(String(week.week.suffix(8)), width: 8) + " "
                + FigureFormat.fit(FigureFormat.grouped(figure.reviews), width: 7, alignRight: true) + " "
                + FigureFormat.fit(FigureFormat.percent(figure.rate, dash: glyphs.dash), width: 7, alignRight: true) + "  "
            var bar = Array(FigureFormat.fit(figure.rate.map { glyphs.horizontalBar(fraction: $0, width: barWidth) } ?? "", width: barWidth))
            let reached = figure.rate.map { $0 * Double(barWidth) > Double(markPosition) + 0.5 } ?? false
            bar[markPosition] = reached ? bar[markPosition] : glyphs.targetMark
            let barText = String(bar).chartTrimmed()
            if let rate = figure.rate {
                let styled = rate >= summary.target ? style.success(barText) : style.warning(barText)
                line += styled
            } else {
                line += style.dim(barText)
            }
            lines.append(line.chartTrimmed())
        }
        func row(_ label: String, _ figure: StudyStatistics.RetentionFigure) -> String {
            FigureFormat.fit(label, width: 16) + FigureFormat.fit(FigureFormat.plural(figure.reviews, "review"), width: 16, alignRight: true)
                + "  " + FigureFormat.fit(FigureFormat.percent(figure.rate, dash: glyphs.dash), width: 6, alignRight: true)
        }
        lines.append(row("young (<21d)", summary.young).chartTrimmed())
        lines.append(row("mature", summary.mature).chartTrimmed())
        lines.append(row("last \(summary.weeks.count) weeks", summary.overall).chartTrimmed())
        lines.append(row("all time", summary.allTime).chartTrimmed())
        return lines
    }

    func timePerDay(_ stats: StudyStatistics) -> [String] {
        let days = stats.timePerDay
        let total = days.reduce(0) { $0 + $1.milliseconds }
        let studied = days.filter { $0.reviews > 0 }.count
        let average = studied > 0 ? total / studied : 0
        var lines = [heading("Time per day \(glyphs.dash) last \(days.count) days", detail: "(\(FigureFormat.duration(milliseconds: total)) in all, \(FigureFormat.duration(milliseconds: average)) per day studied)")]
        let shown = Array(days.suffix(width - 8))
        lines.append((style.dim(FigureFormat.fit("", width: 6) + glyphs.verticalLine + " ") + style.accent(glyphs.sparkline(shown.map(\.milliseconds)))).chartTrimmed())
        if let busiest = days.max(by: { $0.milliseconds < $1.milliseconds }), busiest.milliseconds > 0 {
            let most = "        most: \(FigureFormat.duration(milliseconds: busiest.milliseconds)) on \(busiest.date), \(FigureFormat.plural(busiest.reviews, "review"))"
            lines.append(style.dim(FigureFormat.fit(most, width: width, ellipsis: glyphs.ellipsis).chartTrimmed()))
        }
        return lines
    }

    func hardestCards(_ stats: StudyStatistics) -> [String] {
        var lines = [heading("Hardest cards")]
        guard !stats.hardestCards.isEmpty else {
            lines.append("  No card has lapsed yet.")
            return lines
        }
        lines.append(style.dim("Lapses  Stability  Question [kind]"))
        let promptWidth = width - 19
        for card in stats.hardestCards {
            let prompt = TerminalSanitizer.clean(card.prompt) + " [\(card.kind.rawValue)]"
            lines.append((FigureFormat.fit(String(card.lapses), width: 6, alignRight: true) + "  "
                          + FigureFormat.fit(FigureFormat.days(card.stability), width: 9, alignRight: true) + "  "
                          + FigureFormat.fit(prompt, width: promptWidth, ellipsis: glyphs.ellipsis)).chartTrimmed())
        }
        return lines
    }

    func topics(_ stats: StudyStatistics) -> [String] {
        var lines = [heading("Topics")]
        // Short headings when the terminal is narrow, so topic names keep some room.
        let numbers = width >= 70 ? ["Total", "New", "Learn", "Review", "Relearn", "Susp"] : ["All", "New", "Lrn", "Rev", "Relrn", "Susp"]
        let numberWidth = width >= 70 ? 8 : 6
        let nameWidth = width - numberWidth * numbers.count
        lines.append(style.dim((FigureFormat.fit("Topic", width: nameWidth)
                                + numbers.map { FigureFormat.fit($0, width: numberWidth, alignRight: true) }.joined()).chartTrimmed()))
        for topic in stats.topics {
            let counts = topic.counts
            let name = topic.topic.isEmpty ? "(no topic)" : TerminalSanitizer.clean(topic.topic)
            let values = [counts.total, counts.new, counts.learning, counts.review, counts.relearning, counts.suspended]
            lines.append((FigureFormat.fit(name, width: nameWidth - 1, ellipsis: glyphs.ellipsis) + " "
                          + values.map { FigureFormat.fit(FigureFormat.grouped($0), width: numberWidth, alignRight: true) }.joined()).chartTrimmed())
        }
        return lines
    }

    func quizzes(_ stats: StudyStatistics) -> [String] {
        let recent = stats.quizzes.suffix(10)
        var lines = [heading("Quizzes (last \(recent.count) of \(stats.quizzes.count))")]
        for quiz in recent {
            let date = String(ExportTimestamp.string(quiz.date).prefix(10))
            let line = "  " + date + "  " + FigureFormat.fit("\(quiz.score)/\(quiz.total)", width: 9, alignRight: true)
                + "  " + FigureFormat.fit(FigureFormat.percent(quiz.percentage / 100), width: 6, alignRight: true)
                + "  " + FigureFormat.duration(milliseconds: quiz.durationMilliseconds)
                + (quiz.missedCards.isEmpty ? "" : "  \(quiz.missedCards.count) missed")
            lines.append(FigureFormat.fit(line, width: width, ellipsis: glyphs.ellipsis).chartTrimmed())
        }
        return lines
    }

    /// The study day of a `2026-11-25` label.
    static func dayNumber(_ label: String) -> Int? {
        let parts = label.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return StudyCalendar.dayNumber(year: parts[0], month: parts[1], day: parts[2])
    }
}

extension String {
    /// Without trailing spaces, so golden files and terminals agree.
    func chartTrimmed() -> String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}

import Foundation

/// A shareable progress report from ``StudyStatistics``: a summary, the charts (as text in
/// markdown, as inline SVG in HTML) and the weakest cards. The HTML is also well-formed XML
/// (XHTML syntax), so any XML parser can read it; it loads nothing from outside.
///
///     let report = ProgressReport(statistics: stats, deckTitle: deck.deck.title)
///     try AtomicFile.write(Data(report.html().utf8), to: "report.html")
///     print(report.markdown())
public struct ProgressReport: Sendable {
    public var statistics: StudyStatistics
    public var deckTitle: String

    public init(statistics: StudyStatistics, deckTitle: String) {
        self.statistics = statistics
        self.deckTitle = deckTitle
    }

    struct SummaryRow {
        var label: String
        var value: String
    }

    var summaryRows: [SummaryRow] {
        let stats = statistics, counts = stats.counts
        return [
            SummaryRow(label: "Cards", value: "\(FigureFormat.grouped(counts.total)) (\(counts.new) new, \(counts.learning) learning, \(counts.review) review, \(counts.relearning) relearning, \(counts.suspended) suspended)"),
            SummaryRow(label: "Due today", value: FigureFormat.grouped(counts.dueToday)),
            SummaryRow(label: "Reviews today", value: "\(FigureFormat.grouped(stats.totals.reviewsToday)) in \(FigureFormat.duration(milliseconds: stats.totals.millisecondsToday))"),
            SummaryRow(label: "All reviews", value: "\(FigureFormat.grouped(stats.totals.reviews)) on \(FigureFormat.plural(stats.totals.studyDays, "day")), \(FigureFormat.duration(milliseconds: stats.totals.milliseconds))"),
            SummaryRow(label: "Streak", value: "\(FigureFormat.plural(stats.streak.current, "day")) (longest \(stats.streak.longest))"),
            SummaryRow(label: "Average retrievability", value: stats.averageRetrievability.map { "\(FigureFormat.percent($0)) over \(FigureFormat.plural(stats.retrievabilityCardCount, "card"))" } ?? "—"),
            SummaryRow(label: "True retention, last \(stats.retention.weeks.count) weeks", value: "\(FigureFormat.percent(stats.retention.overall.rate)) of \(FigureFormat.plural(stats.retention.overall.reviews, "review")) (target \(FigureFormat.percent(stats.retention.target)))"),
            SummaryRow(label: "Young / mature", value: "\(FigureFormat.percent(stats.retention.young.rate)) / \(FigureFormat.percent(stats.retention.mature.rate))"),
        ]
    }

    // MARK: Markdown

    /// Markdown with the terminal charts in text blocks.
    public func markdown() -> String {
        let stats = statistics
        let charts = StatsRenderer(width: 80, ascii: false, style: .plain)
        var lines = ["# Progress report: \(markdownEscape(deckTitle))", "",
                     "For \(stats.today) (\(stats.timeZone), days start at \(StudyCalendar.twoDigits(stats.dayStartHour)):00).", "",
                     "## Summary", "", "| | |", "|---|---|"]
        lines += summaryRows.map { "| \($0.label) | \(markdownEscape($0.value)) |" }
        func block(_ title: String, _ chart: [String]) {
            lines += ["", "## \(title)", "", "```text"] + chart.dropFirst() + ["```"]
        }
        block("Reviews due in the next \(stats.forecast.days.count) days", charts.forecast(stats))
        block("Reviews per day", charts.heatmap(stats))
        lines += ["", "## True retention by week", "", "| Week | Reviews | Passed | Rate |", "|---|--:|--:|--:|"]
        lines += stats.retention.weeks.map { "| \($0.week) | \($0.figure.reviews) | \($0.figure.passed) | \(FigureFormat.percent($0.figure.rate)) |" }
        lines += ["", "## Weakest cards", ""]
        if stats.hardestCards.isEmpty {
            lines.append("No card has lapsed yet.")
        } else {
            lines += ["| # | Question | Answer | Lapses | Stability |", "|--:|---|---|--:|--:|"]
            for (index, card) in stats.hardestCards.enumerated() {
                lines.append("| \(index + 1) | \(markdownEscape(card.prompt)) | \(markdownEscape(card.answer)) | \(card.lapses) | \(FigureFormat.days(card.stability)) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func markdownEscape(_ text: String) -> String {
        var output = ""
        for character in TerminalSanitizer.clean(text.replacingOccurrences(of: "\n", with: " ")) {
            if "\\`*_[]<>|".contains(character) { output.append("\\") }
            output.append(character)
        }
        return output
    }

    // MARK: HTML

    /// One self-contained page: inline CSS and SVG, no scripts, no external resources.
    public func html() -> String {
        let stats = statistics
        var page = """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
            <head>
            <meta charset="utf-8" />
            <title>Progress report: \(escape(deckTitle))</title>
            <style>
            body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; color: #222; }
            table { border-collapse: collapse; margin: 1rem 0; }
            th, td { text-align: left; padding: 0.2rem 0.8rem; border-bottom: 1px solid #ddd; }
            td.number { text-align: right; }
            svg text { font-size: 10px; fill: #555; }
            </style>
            </head>
            <body>
            <h1>Progress report: \(escape(deckTitle))</h1>
            <p>For \(stats.today) (\(escape(stats.timeZone)), days start at \(StudyCalendar.twoDigits(stats.dayStartHour)):00).</p>
            <h2>Summary</h2>
            <table>

            """
        for row in summaryRows { page += "<tr><th>\(escape(row.label))</th><td>\(escape(row.value))</td></tr>\n" }
        page += "</table>\n<h2>Reviews due in the next \(stats.forecast.days.count) days</h2>\n" + forecastSVG()
        page += "<h2>Reviews per day</h2>\n" + heatmapSVG()
        page += "<h2>True retention by week</h2>\n" + retentionSVG()
        page += "<table>\n<tr><th>Week</th><th>Reviews</th><th>Passed</th><th>Rate</th></tr>\n"
        for week in stats.retention.weeks {
            page += "<tr><td>\(week.week)</td><td class=\"number\">\(week.figure.reviews)</td><td class=\"number\">\(week.figure.passed)</td><td class=\"number\">\(escape(FigureFormat.percent(week.figure.rate)))</td></tr>\n"
        }
        page += "</table>\n<h2>Weakest cards</h2>\n"
        if stats.hardestCards.isEmpty {
            page += "<p>No card has lapsed yet.</p>\n"
        } else {
            page += "<table>\n<tr><th>#</th><th>Question</th><th>Answer</th><th>Lapses</th><th>Stability</th></tr>\n"
            for (index, card) in stats.hardestCards.enumerated() {
                page += "<tr><td class=\"number\">\(index + 1)</td><td>\(escape(card.prompt))</td><td>\(escape(card.answer))</td><td class=\"number\">\(card.lapses)</td><td class=\"number\">\(escape(FigureFormat.days(card.stability)))</td></tr>\n"
            }
            page += "</table>\n"
        }
        return page + "</body>\n</html>\n"
    }

    func forecastSVG() -> String {
        let days = statistics.forecast.days
        let maximum = max(days.map(\.count).max() ?? 0, 1)
        let barWidth = 16, gap = 4, height = 100, top = 12
        let width = days.count * (barWidth + gap) + 30
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height + top + 20)\" role=\"img\" aria-label=\"Reviews due per day\">\n"
        svg += "<text x=\"0\" y=\"\(top)\">\(maximum)</text>\n"
        for (index, day) in days.enumerated() {
            let barHeight = Int((Double(day.count) / Double(maximum) * Double(height)).rounded())
            let x = 30 + index * (barWidth + gap)
            svg += "<rect x=\"\(x)\" y=\"\(top + height - barHeight)\" width=\"\(barWidth)\" height=\"\(barHeight)\" fill=\"#4a90d9\"><title>\(day.date): \(day.count)</title></rect>\n"
            if index % 5 == 0 { svg += "<text x=\"\(x)\" y=\"\(top + height + 14)\">\(day.date.suffix(5))</text>\n" }
        }
        return svg + "</svg>\n"
    }

    func heatmapSVG() -> String {
        let days = statistics.heatmap
        guard let first = days.first.flatMap({ StatsRenderer.dayNumber($0.date) }) else { return "" }
        let maximum = days.map(\.count).max() ?? 0
        let colours = ["#ebedf0", "#c6e48b", "#7bc96f", "#239a3b", "#196127"]
        let cell = 11, left = 30, top = 14
        let firstMonday = first - StudyCalendar.weekdayIndex(ofDay: first)
        let weeks = (first + days.count - 1 - firstMonday) / 7 + 1
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(left + weeks * cell)\" height=\"\(top + 7 * cell + 4)\" role=\"img\" aria-label=\"Reviews per day\">\n"
        for (row, name) in StudyCalendar.weekdayAbbreviations.enumerated() where row % 2 == 0 {
            svg += "<text x=\"0\" y=\"\(top + row * cell + 9)\">\(name)</text>\n"
        }
        var previousMonth = -1
        for (index, day) in days.enumerated() {
            let number = first + index
            let week = (number - firstMonday) / 7, weekday = StudyCalendar.weekdayIndex(ofDay: number)
            let date = StudyCalendar.civilDate(ofDay: number)
            if weekday == 0 || index == 0, date.month != previousMonth, date.day <= 7 || index == 0 {
                svg += "<text x=\"\(left + week * cell)\" y=\"10\">\(StudyCalendar.monthAbbreviations[date.month - 1])</text>\n"
                previousMonth = date.month
            }
            let level = ChartGlyphs.heatLevel(day.count, maximum: maximum)
            svg += "<rect x=\"\(left + week * cell)\" y=\"\(top + weekday * cell)\" width=\"\(cell - 2)\" height=\"\(cell - 2)\" fill=\"\(colours[level])\"><title>\(day.date): \(day.count)</title></rect>\n"
        }
        return svg + "</svg>\n"
    }

    func retentionSVG() -> String {
        let weeks = statistics.retention.weeks
        let target = statistics.retention.target
        let width = 360, height = 120, left = 34, step = weeks.count > 1 ? (width - left - 10) / (weeks.count - 1) : 0
        // 50 % to 100 % fills the height: retention below half is rare and the target region matters.
        func y(_ rate: Double) -> Int { Int((Double(height) - (min(max(rate, 0.5), 1) - 0.5) * 2 * Double(height - 10)).rounded()) - 5 }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height + 16)\" role=\"img\" aria-label=\"True retention per week\">\n"
        svg += "<text x=\"0\" y=\"\(y(1) + 4)\">100%</text>\n<text x=\"0\" y=\"\(y(0.5) + 4)\">50%</text>\n"
        svg += "<line x1=\"\(left)\" y1=\"\(y(target))\" x2=\"\(width)\" y2=\"\(y(target))\" stroke=\"#d9534f\" stroke-dasharray=\"4 3\"><title>target \(escape(FigureFormat.percent(target)))</title></line>\n"
        var points: [String] = []
        for (index, week) in weeks.enumerated() {
            guard let rate = week.figure.rate else { continue }
            let x = left + index * step
            points.append("\(x),\(y(rate))")
            svg += "<circle cx=\"\(x)\" cy=\"\(y(rate))\" r=\"3\" fill=\"#4a90d9\"><title>\(week.week): \(escape(FigureFormat.percent(rate))) of \(week.figure.reviews)</title></circle>\n"
        }
        if points.count > 1 { svg += "<polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"#4a90d9\" />\n" }
        if let first = weeks.first, let last = weeks.last {
            svg += "<text x=\"\(left)\" y=\"\(height + 14)\">\(first.week)</text>\n<text x=\"\(width - 60)\" y=\"\(height + 14)\">\(last.week)</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// Text for HTML and XML alike; control characters are dropped.
    func escape(_ text: String) -> String {
        HTMLText.escaped(text, lineBreaks: false, apostrophes: true)
    }
}

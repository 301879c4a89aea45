/// The characters charts are drawn with: Unicode blocks, or plain ASCII for terminals and
/// files that cannot show them. Shared by the terminal renderer and the markdown report.
///
///     let glyphs = ChartGlyphs(ascii: false)
///     glyphs.sparkline([0, 1, 4, 8])      // " ▁▄█"
struct ChartGlyphs: Sendable {
    let ascii: Bool

    /// Eighths of a cell, from one eighth to a full block.
    private static let verticalEighths: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    private static let horizontalEighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]
    private static let asciiLevels: [Character] = [".", ".", "-", "-", "=", "=", "#", "#"]

    var full: Character { ascii ? "#" : "█" }
    var verticalLine: String { ascii ? "|" : "│" }
    var horizontalLine: String { ascii ? "-" : "─" }
    var corner: String { ascii ? "+" : "└" }
    var tick: String { ascii ? "+" : "┤" }
    var targetMark: Character { ascii ? "|" : "┃" }
    var dash: String { ascii ? "-" : "—" }
    var ellipsis: String { ascii ? "..." : "…" }
    var middleDot: String { ascii ? "-" : "·" }

    /// A cell filled to `eighths` (0...8) from the bottom; 0 is blank.
    func verticalCell(eighths: Int) -> Character {
        guard eighths > 0 else { return " " }
        let index = min(eighths, 8) - 1
        return ascii ? Self.asciiLevels[index] : Self.verticalEighths[index]
    }

    /// A bar `fraction` (0...1) of `width` cells long, with eighth-cell precision (whole cells in ASCII).
    func horizontalBar(fraction: Double, width: Int) -> String {
        guard width > 0, fraction > 0 else { return "" }
        let eighths = Int((min(fraction, 1) * Double(width * 8)).rounded())
        let whole = eighths / 8, rest = eighths % 8
        if ascii { return String(repeating: "#", count: whole + (rest >= 4 ? 1 : 0)) }
        return String(repeating: "█", count: whole) + (rest > 0 ? String(Self.horizontalEighths[rest - 1]) : "")
    }

    /// One character per value, scaled to the largest; zero is a space.
    func sparkline(_ values: [Int]) -> String {
        let largest = values.max() ?? 0
        guard largest > 0 else { return String(repeating: " ", count: values.count) }
        return String(values.map { value -> Character in
            guard value > 0 else { return " " }
            return verticalCell(eighths: max(1, Int((Double(value) / Double(largest) * 8).rounded(.up))))
        })
    }

    /// Heatmap cell for a level: 0 none, 1...4 increasing.
    func heat(_ level: Int) -> Character {
        let unicode: [Character] = ["·", "░", "▒", "▓", "█"]
        let plain: [Character] = [".", "-", "+", "*", "#"]
        let index = min(max(level, 0), 4)
        return ascii ? plain[index] : unicode[index]
    }

    /// The heatmap level of `count` against the busiest day: quarters of the maximum.
    static func heatLevel(_ count: Int, maximum: Int) -> Int {
        guard count > 0, maximum > 0 else { return 0 }
        return min(4, max(1, Int((Double(count) * 4 / Double(maximum)).rounded(.up))))
    }
}

/// Number and duration text shared by the renderers.
enum FigureFormat {
    /// `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var output = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { output += "," }
            output.append(character)
        }
        return (value < 0 ? "-" : "") + output
    }

    /// `91.7%`; a dash without a value.
    static func percent(_ value: Double?, dash: String = "—") -> String {
        guard let value, value.isFinite else { return dash }
        let tenths = Int((value * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// `2h 13m`, `4m 10s`, `45s`.
    static func duration(milliseconds: Int) -> String {
        let seconds = (max(milliseconds, 0) + 500) / 1000
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3_600 { return "\(seconds / 60)m \(StudyCalendar.twoDigits(seconds % 60))s" }
        return "\(seconds / 3_600)h \(StudyCalendar.twoDigits(seconds % 3_600 / 60))m"
    }

    /// `1.2d`, `340d`.
    static func days(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        if value >= 100 { return "\(Int(value.rounded()))d" }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)d"
    }

    /// Pads or cuts `text` to exactly `width` characters (cut text ends with an ellipsis).
    static func fit(_ text: String, width: Int, ellipsis: String = "…", alignRight: Bool = false) -> String {
        guard width > 0 else { return "" }
        var value = text
        if value.count > width {
            let keep = max(0, width - ellipsis.count)
            value = String(value.prefix(keep)) + ellipsis
            if value.count > width { value = String(value.prefix(width)) }
        }
        let padding = String(repeating: " ", count: width - value.count)
        return alignRight ? padding + value : value + padding
    }

    static func plural(_ count: Int, _ word: String, _ plural: String? = nil) -> String {
        "\(grouped(count)) \(count == 1 ? word : plural ?? word + "s")"
    }
}

/// Damerau–Levenshtein distance in its optimal-string-alignment form: insertions, deletions,
/// substitutions and swaps of two neighbouring characters each cost one edit.
///
/// ```swift
/// OptimalStringAlignment.distance(Array("yezhov".unicodeScalars), Array("yezohv".unicodeScalars)) // 1
/// ```
enum OptimalStringAlignment {
    /// Longer inputs are not compared at all: the table is quadratic, and no real answer is this long.
    static let maximumLength = 1_000

    /// The number of edits turning `source` into `target`, or `nil` when either is longer than
    /// `maximumLength` or the distance exceeds `limit`.
    static func distance<Element: Equatable>(_ source: [Element], _ target: [Element], limit: Int = .max) -> Int? {
        guard source.count <= maximumLength, target.count <= maximumLength else { return nil }
        guard abs(source.count - target.count) <= limit else { return nil }
        if source.isEmpty { return target.count }
        if target.isEmpty { return source.count }

        // Three rolling rows: the one before last (for swaps), the last, and the current.
        var beforeLast = [Int](repeating: 0, count: target.count + 1)
        var last = Array(0...target.count)
        var current = [Int](repeating: 0, count: target.count + 1)
        for row in 1...source.count {
            current[0] = row
            var rowMinimum = row
            for column in 1...target.count {
                let substitution = source[row - 1] == target[column - 1] ? 0 : 1
                var cost = min(last[column] + 1, current[column - 1] + 1, last[column - 1] + substitution)
                if row > 1, column > 1, source[row - 1] == target[column - 2], source[row - 2] == target[column - 1] {
                    cost = min(cost, beforeLast[column - 2] + 1)
                }
                current[column] = cost
                rowMinimum = min(rowMinimum, cost)
            }
            // Every later row is at least this row's minimum, so stop once it passes the limit.
            if rowMinimum > limit { return nil }
            (beforeLast, last, current) = (last, current, beforeLast)
        }
        let result = last[target.count]
        return result <= limit ? result : nil
    }
}

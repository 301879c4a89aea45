/// A line diff in unified format, as `recall fmt --check` prints it.
///
///     TextDiff.unified(old: ["a", "b"], new: ["a", "c"], oldName: "x.facts", newName: "x.facts (formatted)")
///     // --- x.facts
///     // +++ x.facts (formatted)
///     // @@ -1,2 +1,2 @@
///     //  a
///     // -b
///     // +c
public enum TextDiff {
    enum Operation: Equatable {
        case same(Int, Int)
        case delete(Int)
        case insert(Int)
    }

    /// Above this many cells the middle of a diff is shown as one replacement, to stay fast.
    static let maximumTableSize = 4_000_000

    /// The unified diff, or "" when the texts are equal. Every line is sanitized for printing.
    public static func unified(old: [String], new: [String], oldName: String, newName: String, context: Int = 3) -> String {
        let operations = script(old, new)
        guard operations.contains(where: { if case .same = $0 { false } else { true } }) else { return "" }
        var output = "--- \(TerminalSanitizer.clean(oldName))\n+++ \(TerminalSanitizer.clean(newName))\n"
        // Hunks: runs of changes with up to `context` unchanged lines around them, merged when close.
        let changed = operations.indices.filter { if case .same = operations[$0] { false } else { true } }
        var hunks: [ClosedRange<Int>] = []
        for index in changed {
            let range = max(0, index - context)...min(operations.count - 1, index + context)
            if let last = hunks.last, range.lowerBound <= last.upperBound + 1 {
                hunks[hunks.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                hunks.append(range)
            }
        }
        for hunk in hunks {
            var oldStart: Int?, newStart: Int?
            var oldCount = 0, newCount = 0
            var body = ""
            for operation in operations[hunk] {
                switch operation {
                case .same(let i, let j):
                    oldStart = oldStart ?? i; newStart = newStart ?? j
                    oldCount += 1; newCount += 1
                    body += " " + TerminalSanitizer.clean(old[i]) + "\n"
                case .delete(let i):
                    oldStart = oldStart ?? i
                    oldCount += 1
                    body += "-" + TerminalSanitizer.clean(old[i]) + "\n"
                case .insert(let j):
                    newStart = newStart ?? j
                    newCount += 1
                    body += "+" + TerminalSanitizer.clean(new[j]) + "\n"
                }
            }
            // An empty side is numbered by the line before it, as diff(1) does.
            let oldLabel = oldCount == 0 ? "\(position(before: hunk.lowerBound, in: operations, old: true)),0" : "\(oldStart! + 1),\(oldCount)"
            let newLabel = newCount == 0 ? "\(position(before: hunk.lowerBound, in: operations, old: false)),0" : "\(newStart! + 1),\(newCount)"
            output += "@@ -\(oldLabel) +\(newLabel) @@\n" + body
        }
        return output
    }

    private static func position(before index: Int, in operations: [Operation], old: Bool) -> Int {
        operations[..<index].reduce(0) { count, operation in
            switch operation {
            case .same: count + 1
            case .delete: old ? count + 1 : count
            case .insert: old ? count : count + 1
            }
        }
    }

    /// The edit script: a longest common subsequence between a common prefix and suffix.
    static func script(_ old: [String], _ new: [String]) -> [Operation] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix, old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        var operations = (0..<prefix).map { Operation.same($0, $0) }
        let oldMiddle = prefix..<(old.count - suffix), newMiddle = prefix..<(new.count - suffix)
        let rows = oldMiddle.count, columns = newMiddle.count
        if rows * columns > maximumTableSize || rows == 0 || columns == 0 {
            operations += oldMiddle.map { .delete($0) } + newMiddle.map { .insert($0) }
        } else {
            // lengths[i][j]: the LCS of old[i...] and new[j...] within the middle.
            var lengths = [[Int32]](repeating: [Int32](repeating: 0, count: columns + 1), count: rows + 1)
            for i in stride(from: rows - 1, through: 0, by: -1) {
                for j in stride(from: columns - 1, through: 0, by: -1) {
                    lengths[i][j] = old[prefix + i] == new[prefix + j]
                        ? lengths[i + 1][j + 1] + 1
                        : max(lengths[i + 1][j], lengths[i][j + 1])
                }
            }
            var i = 0, j = 0
            while i < rows || j < columns {
                if i < rows, j < columns, old[prefix + i] == new[prefix + j] {
                    operations.append(.same(prefix + i, prefix + j)); i += 1; j += 1
                } else if j < columns, i == rows || lengths[i][j + 1] > lengths[i + 1][j] {
                    operations.append(.insert(prefix + j)); j += 1
                } else {
                    operations.append(.delete(prefix + i)); i += 1
                }
            }
        }
        let oldEnd = old.count - suffix, newEnd = new.count - suffix
        operations += (0..<suffix).map { .same(oldEnd + $0, newEnd + $0) }
        return operations
    }
}

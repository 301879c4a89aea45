/// A place in a source file, counted the way editors count: lines and columns from 1,
/// columns in Unicode scalars (characters a person sees in the common case).
///
///     SourceLocation(line: 12, column: 5)   // "deck.facts:12:5"
public struct SourceLocation: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// A run of characters on one line: where a diagnostic points its caret.
public struct SourceSpan: Hashable, Codable, Sendable {
    public var start: SourceLocation
    /// How many columns the span covers; at least 1 so a caret is always drawn.
    public var length: Int

    public init(line: Int, column: Int, length: Int = 1) {
        self.start = SourceLocation(line: line, column: column)
        self.length = max(1, length)
    }

    public var line: Int { start.line }
    public var column: Int { start.column }
}

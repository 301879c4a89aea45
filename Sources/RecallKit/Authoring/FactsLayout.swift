/// The lines of a `.facts` file as written: blocks, their fields and continuation lines,
/// headings, and where every comment sits. ``FactsParser`` reads what a file *says*; this
/// reads how it is *laid out*, for the tools that rewrite it (`recall fmt`, `--assign-ids`).
///
/// Lines are classified exactly as the parser classifies them (blank, `//` comment, `#`
/// heading, indented continuation, `- item`, `key: value`), so both always agree on where a
/// block starts and ends.
///
///     let layout = FactsLayout(text: "deck: demo\ntitle: Demo\n")
///     layout.items.count   // 1: one block with two fields
struct FactsLayout {
    /// A line of a block: a field, a list item, or a line the parser would reject.
    enum Role: Hashable {
        case field(String)
        case item
        case invalid(String)
    }

    /// What follows an entry's first line inside its block.
    enum Piece: Hashable {
        /// A `//` comment, trimmed.
        case comment(String)
        /// An indented continuation line, trimmed.
        case continuation(String)
    }

    /// A field or item with its continuation lines and the comments just above it.
    struct Entry {
        var role: Role
        /// The value on the first line, trimmed as the parser trims it.
        var value: String
        var comments: [String]
        var pieces: [Piece]
        /// The entry's first line, and its last continuation line.
        var line: Int
        var lastLine: Int
    }

    /// A run of non-blank lines.
    struct Block {
        /// Comments directly above the block, with no blank line between.
        var leadingComments: [String]
        var entries: [Entry]
        /// Comments after the block's last line, before the blank line that ends it.
        var trailingComments: [String]
        /// The line of the block's first entry: the line the parser records for the block.
        var line: Int
        var lastLine: Int
        /// The block's key (`deck`, `source`, `Q`, …), or nil when it does not start with a field.
        var key: String? {
            if case .field(let key)? = entries.first?.role { return key }
            return nil
        }
    }

    enum Item {
        /// Comment lines standing alone, between blank lines.
        case comments([String])
        case heading(leadingComments: [String], level: Int, title: String, line: Int)
        case block(Block)
    }

    var items: [Item] = []

    init(text: String) {
        self.init(lines: Self.lines(of: text))
    }

    /// `lines[0]` is line 1.
    init(lines: [String]) {
        var scanner = Scanner()
        for (offset, line) in lines.enumerated() {
            scanner.read(line, number: offset + 1)
        }
        scanner.endBlock(blankFollows: true)
        items = scanner.items
    }

    /// The file's text split into lines as the parser splits them: a byte-order mark dropped,
    /// `\r` before `\n` dropped, and no extra empty line after a final newline.
    static func lines(of text: String) -> [String] {
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        // "\r\n" is one Character in Swift, so both separators are named.
        var lines = body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
        if lines.count > 1, lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The blocks, in file order.
    var blocks: [Block] {
        items.compactMap { if case .block(let block) = $0 { block } else { nil } }
    }

    /// The block that contains `line`, or whose comments just above it do, if any.
    func block(containing line: Int) -> Block? {
        blocks.first { $0.line - $0.leadingComments.count <= line && line <= $0.lastLine }
    }

    /// Builds the items line by line, mirroring the parser's block splitting.
    private struct Scanner {
        var items: [Item] = []
        /// Comments seen outside a block since the last blank line.
        var pendingComments: [String] = []
        var block: Block?
        /// Comments seen inside the block since its last entry line.
        var blockComments: [String] = []

        mutating func read(_ text: String, number: Int) {
            let trimmed = text.trimmingWhitespace()
            if trimmed.isEmpty {
                endBlock(blankFollows: true)
            } else if trimmed.hasPrefix("//") {
                if block != nil { blockComments.append(trimmed) } else { pendingComments.append(trimmed) }
            } else if text.hasPrefix("#") {
                // A heading ends the block; comments just above it belong to it.
                endBlock(blankFollows: false)
                let level = text.prefix(while: { $0 == "#" }).count
                items.append(.heading(leadingComments: pendingComments, level: level,
                                      title: text.dropFirst(level).trimmingWhitespace(), line: number))
                pendingComments = []
            } else {
                entryLine(text, number: number)
            }
        }

        mutating func entryLine(_ text: String, number: Int) {
            if block == nil {
                block = Block(leadingComments: pendingComments, entries: [], trailingComments: [], line: number, lastLine: number)
                pendingComments = []
            }
            block!.lastLine = number
            if text.first == " " || text.first == "\t", !block!.entries.isEmpty {
                let last = block!.entries.count - 1
                block!.entries[last].pieces += blockComments.map(Piece.comment) + [.continuation(text.trimmingWhitespace())]
                block!.entries[last].lastLine = number
                blockComments = []
                return
            }
            let role: Role
            let value: String
            if text == "-" || text.hasPrefix("- ") {
                role = .item
                value = text.dropFirst(1).trimmingWhitespace()
            } else if text.first != " ", text.first != "\t", let (key, rest) = FactsParser.splitField(text) {
                role = .field(key)
                value = rest.trimmingWhitespace()
            } else {
                role = .invalid(text)
                value = ""
            }
            block!.entries.append(Entry(role: role, value: value, comments: blockComments, pieces: [], line: number, lastLine: number))
            blockComments = []
        }

        /// Ends the current block. Comments inside it after its last line stay with it when a
        /// blank line follows, and go to the heading below when one follows directly.
        mutating func endBlock(blankFollows: Bool) {
            if var finished = block {
                if blankFollows {
                    finished.trailingComments = blockComments
                } else {
                    pendingComments = blockComments
                }
                items.append(.block(finished))
                block = nil
                blockComments = []
            } else if blankFollows, !pendingComments.isEmpty {
                items.append(.comments(pendingComments))
                pendingComments = []
            }
        }
    }
}

/// Writes an explicit `id:` into every fact that lacks one, as `recall check --assign-ids`
/// does, and changes nothing else in the file, byte for byte.
///
/// The id is the fact's content hash as a ``PinnedFactID`` (`h-3f09a1c2b4d5e6f7`), which the
/// compiler reads back as the identity the fact already had: every card id stays the same,
/// and from then on rewording the fact no longer changes them. The line `id: …` goes right
/// after the fact's first field (after its continuation lines), with the file's own line ending.
///
///     let result = try IDAssigner().assign(bytes, path: "my.facts")
///     result.assigned.count   // facts that got an id
public struct IDAssigner: Sendable {
    /// The outcome for one file.
    public struct Result: Sendable, Equatable {
        /// The new file content (equal to the input when nothing was assigned).
        public var bytes: [UInt8]
        /// The facts given an id: the line the fact started on (before the edit) and the id.
        public var assigned: [Assignment]
        /// Facts left without an id, because another fact already has the same content.
        public var skippedDuplicates: [Int]
    }

    public struct Assignment: Sendable, Equatable {
        public var line: Int
        public var id: String
    }

    public init() {}

    /// Assigns ids. Throws ``AuthoringError/deckHasErrors(_:diagnostics:command:)`` when the deck
    /// has errors, since a fact the parser skipped could not be given an id.
    public func assign(_ bytes: [UInt8], path: String) throws(AuthoringError) -> Result {
        let before = DeckLoader.compile(bytes: bytes, path: path, seed: 0)
        guard let deckBefore = before.deck else {
            throw .deckHasErrors(path, diagnostics: before.diagnostics, command: "recall check --assign-ids")
        }
        let (document, _) = FactsParser().parse(bytes, path: path)
        let layout = FactsLayout(text: String(decoding: bytes, as: UTF8.self))
        let unnamed = document.facts.filter { $0.explicitID == nil }
        let ids = unnamed.map { PinnedFactID.id(forContentHash: PinnedFactID.contentHash(of: $0.body)) }
        // Facts with the same content share their cards already; pinning one would split them.
        let repeated = Set(Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys)
            .union(document.facts.compactMap(\.explicitID))
        var insertions: [(afterLine: Int, text: String)] = []
        var assigned: [Assignment] = []
        var skipped: [Int] = []
        for (fact, id) in zip(unnamed, ids) {
            guard !repeated.contains(id), let block = layout.block(containing: fact.line), let first = block.entries.first else {
                skipped.append(fact.line)
                continue
            }
            insertions.append((first.lastLine, "id: " + id))
            assigned.append(Assignment(line: fact.line, id: id))
        }
        guard !insertions.isEmpty else { return Result(bytes: bytes, assigned: [], skippedDuplicates: skipped) }
        let output = Self.insert(insertions, into: bytes)
        // A safety net: the same cards, with the same ids, before and after.
        let after = DeckLoader.compile(bytes: output, path: path, seed: 0)
        guard let deckAfter = after.deck, deckAfter.cards == deckBefore.cards.map({ card in
            var moved = card
            moved.fact = card.fact.moved(to: card.line + insertions.filter { $0.afterLine < card.line }.count)
            return moved
        }) else {
            throw .rewriteWouldChangeContent(path, command: "recall check --assign-ids")
        }
        return Result(bytes: output, assigned: assigned, skippedDuplicates: skipped)
    }

    /// Inserts each text as a new line after the given line (1-based, as the parser counts),
    /// ending it as that line is ended.
    static func insert(_ insertions: [(afterLine: Int, text: String)], into bytes: [UInt8]) -> [UInt8] {
        let byLine = Dictionary(grouping: insertions, by: \.afterLine)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + insertions.count * 24)
        var line = 1
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let hasNewline = end < bytes.count
            let lineEnd = hasNewline ? end + 1 : end
            output += bytes[start..<lineEnd]
            if let texts = byLine[line] {
                let crlf = hasNewline && end > start && bytes[end - 1] == 0x0D
                let ending: [UInt8] = crlf ? [0x0D, 0x0A] : [0x0A]
                // The last line may have no newline: end it first, and leave the new one unended.
                if !hasNewline { output += Self.fileEnding(bytes) }
                for (index, insertion) in texts.enumerated() {
                    output += Array(insertion.text.utf8)
                    if hasNewline || index < texts.count - 1 { output += hasNewline ? ending : Self.fileEnding(bytes) }
                }
            }
            line += 1
            start = lineEnd
        }
        return output
    }

    /// The line ending the file uses: CRLF if its first line ends so, else LF.
    static func fileEnding(_ bytes: [UInt8]) -> [UInt8] {
        guard let newline = bytes.firstIndex(of: 0x0A) else { return [0x0A] }
        return newline > 0 && bytes[newline - 1] == 0x0D ? [0x0D, 0x0A] : [0x0A]
    }
}

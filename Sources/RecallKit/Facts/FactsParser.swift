/// Reads a `.facts` file into a ``FactsDocument`` and every problem it finds on the way.
///
/// The parser never stops at the first problem: a bad block is reported and skipped, and
/// the rest of the file is still read, so one `recall check` shows everything to fix.
///
///     let (document, diagnostics) = FactsParser().parse(bytes, path: "Decks/mine.facts")
///
/// Hostile input is expected (decks are shared): invalid UTF-8, NUL bytes, control characters
/// and very long lines are reported, never trusted, and parsing stays linear in the input size.
public struct FactsParser: Sendable {
    /// Lines longer than this many bytes are reported and skipped rather than parsed.
    public static let maximumLineLength = 100_000

    /// Threads for big files; the document and diagnostics are the same for any number.
    public var parallel: ParallelSlices
    /// Whether ASCII lines and values are read as bytes (the fast paths). Off, every line takes
    /// the general path; tests parse both ways and expect the same document and diagnostics.
    var readsASCIIAsBytes = true

    public init(parallel: ParallelSlices = ParallelSlices()) {
        self.parallel = parallel
    }

    /// Parses a file's raw bytes.
    public func parse(_ bytes: some Collection<UInt8>, path: String) -> (FactsDocument, [Diagnostic]) {
        // Lines are read in place, through a pointer: sharing the array between threads would
        // retain and release it for every line, on both cores at once.
        Array(bytes).withUnsafeBufferPointer { parse(file: $0, path: path) }
    }

    private func parse(file: UnsafeBufferPointer<UInt8>, path: String) -> (FactsDocument, [Diagnostic]) {
        var state = ParseState(path: path, readsASCIIAsBytes: readsASCIIAsBytes)
        state.file = file
        let lines = state.splitLines(file, parallel: parallel)
        let outline = state.outline(lines)
        // Blocks read their lines through a pointer too: a slice of the shared array per block
        // would retain and release it from both threads.
        lines.withUnsafeBufferPointer { fileLines in
            // The header must be found in order; after it every block reads on its own, so the
            // rest is read in slices at once and joined in file order.
            var next = 0
            while next < outline.items.count, !state.sawFirstBlock {
                state.read(outline.items[next], in: fileLines)
                next += 1
            }
            let rest = outline.items[next...]
            // A block yields at most one fact, so each slice's facts go straight into its own
            // region of the document's buffer, sized by its blocks, and are moved up after.
            let earlier = state.document.facts  // read before the header: none in a good deck
            state.document.facts = [Fact](unsafeUninitializedCapacity: earlier.count + rest.count) { buffer, initialized in
                let base = buffer.baseAddress
                if !earlier.isEmpty { _ = buffer.initialize(from: earlier) }
                var slices = parallel.map(count: rest.count, slices: parallel.joinedSliceCount(for: rest.count, threshold: 4_000)) { [readsASCIIAsBytes] _, range in
                    var slice = ParseState(path: path, readsASCIIAsBytes: readsASCIIAsBytes)
                    slice.file = file
                    slice.sawFirstBlock = true
                    slice.deferredSources = []
                    slice.factRegion = SliceRegion(base: base.map { $0 + earlier.count + range.lowerBound }, capacity: range.count)
                    for item in rest[(rest.startIndex + range.lowerBound)..<(rest.startIndex + range.upperBound)] { slice.read(item, in: fileLines) }
                    return (start: earlier.count + range.lowerBound, slice: slice)
                }
                var filled = earlier.count
                for index in slices.indices {
                    state.join(slices[index].slice)
                    let (start, count) = (slices[index].start, slices[index].slice.factRegion!.count)
                    if start != filled, count > 0 { (base! + filled).moveInitialize(from: base! + start, count: count) }
                    filled += count
                    slices[index].slice = ParseState(path: path, readsASCIIAsBytes: readsASCIIAsBytes)
                }
                initialized = filled
            }
        }
        state.finish()
        BackgroundRelease.release((consume lines, consume outline))
        return (state.document, state.diagnostics)
    }

    /// Parses text already in memory.
    public func parse(text: String, path: String) -> (FactsDocument, [Diagnostic]) {
        parse(Array(text.utf8), path: path)
    }
}

extension FactsParser {
    /// `key: value` → (key, rest), exactly as the parser splits a field line, for the tools
    /// that rewrite files (``FactsLayout``).
    static func splitField(_ text: String) -> (String, Substring)? {
        ParseState.splitField(text)
    }
}

/// The keys that can start a block, and the fields each kind of block takes.
enum BlockGrammar {
    static let factKeys = ["Q", "term", "cloze", "number", "event", "list"]
    static let blockKeys = ["deck", "source"] + factKeys
    static let commonFactFields = ["source", "id", "tags", "note", "kind", "distractors"]
    static let headerFields = ["deck", "title", "description", "language", "authors"]
    static let sourceFields = ["source", "title", "author", "date", "url", "file", "note"]

    static func fields(of block: String) -> [String] {
        switch block {
        case "deck": headerFields
        case "source": sourceFields
        case "Q": questionFields
        case "term": termFields
        case "cloze": clozeFields
        case "number": numberFields
        case "event": eventFields
        case "list": listFields
        default: []
        }
    }

    // Built once: every block of a deck asks for its list.
    static let questionFields = ["Q", "A"] + commonFactFields
    static let termFields = ["term", "def"] + commonFactFields
    static let clozeFields = ["cloze"] + commonFactFields
    static let numberFields = ["number", "answer", "unit"] + commonFactFields
    static let eventFields = ["event", "date"] + commonFactFields
    static let listFields = ["list", "order"] + commonFactFields

    /// Fields a fact may give more than once.
    static let repeatable: Set<String> = ["source"]
}

/// One line of the file after decoding, with its 1-based number.
struct DecodedLine {
    var number: Int
    var text: Text
    /// Every byte is ASCII, so columns are byte offsets and the line can be read as bytes.
    var isASCII: Bool
    /// Worked out while the file is cut into lines on several threads, for the outline.
    var shape: LineShape

    enum LineShape { case blank, comment, heading, content }

    /// Printable ASCII lines (nearly all) are read in place in the file, not copied.
    enum Text {
        case inFile(Range<Int>)
        case decoded(String)
    }

    /// The line's text; `file` is the parsed file's bytes.
    func string(in file: UnsafeBufferPointer<UInt8>) -> String {
        switch text {
        case .decoded(let text): text
        case .inFile(let range): String(decoding: UnsafeBufferPointer(rebasing: file[range]), as: UTF8.self)
        }
    }

    /// Calls `body` with the line's UTF-8 bytes; `file` is the parsed file's bytes.
    func withBytes<Result>(in file: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        switch text {
        case .decoded(let text): text.withUTF8Bytes(body)
        case .inFile(let range): body(UnsafeBufferPointer(rebasing: file[range]))
        }
    }
}

/// A block's fields in the order written. A block has a handful, so scanning a short array
/// beats hashing each key, and one array per block beats one per field.
struct BlockFields {
    // Keys and entries apart: finding a key compares strings in place, where a search over
    // (key, entry) pairs copied each pair through the runtime's generic tuple copy.
    private var keys: [String] = []
    private var entries: [BlockEntry] = []

    init(capacity: Int) {
        keys.reserveCapacity(capacity)
        entries.reserveCapacity(capacity)
    }

    /// The first entry with this key.
    func first(_ key: String) -> BlockEntry? {
        keys.firstIndex(of: key).map { entries[$0] }
    }

    /// Every entry with this key, for the fields a fact may repeat.
    func all(_ key: String) -> some Sequence<BlockEntry> {
        keys.indices.lazy.filter { keys[$0] == key }.map { entries[$0] }
    }

    func contains(_ key: String) -> Bool {
        keys.contains(key)
    }

    mutating func append(_ entry: BlockEntry, for key: String) {
        keys.append(key)
        entries.append(entry)
    }

    /// Where each key's first value is, in the order written.
    var firstValueSpans: [Fact.FieldSpan] {
        var result: [Fact.FieldSpan] = []
        result.reserveCapacity(keys.count)
        for index in keys.indices where !keys[..<index].contains(keys[index]) {
            result.append(Fact.FieldSpan(key: keys[index], span: entries[index].valueSpan))
        }
        return result
    }
}

/// A `key: value` line (with any continuation lines joined) or a `- item` line of a block.
struct BlockEntry {
    enum Role { case field(String), item }
    var role: Role
    var value: String
    var valueSpan: SourceSpan
    var keySpan: SourceSpan
}

private struct ParseState {
    let path: String
    /// See ``FactsParser/readsASCIIAsBytes``.
    let readsASCIIAsBytes: Bool
    /// In a slice read apart from the blocks before it: where its facts go, in place in the
    /// document's buffer (see ``FactsParser/parse(_:path:)``).
    var factRegion: SliceRegion<Fact>?
    /// The bytes being parsed, alive while parsing lasts: most lines are read in place.
    var file = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    var document: FactsDocument
    var diagnostics: [Diagnostic] = []
    var sectionPath: [String] = []
    var sawFirstBlock = false
    /// In a slice read apart from the blocks before it: its sources, with how many diagnostics
    /// came before each, left for ``join(_:)`` to check against the sources before the slice.
    var deferredSources: [(source: SourceDefinition, diagnosticCount: Int)]?
    /// The line of each source key defined so far, so a repeat is found without a scan of
    /// every source (a deck of 30,000 sources took seconds that way).
    var sourceLines: [String: Int] = [:]

    init(path: String, readsASCIIAsBytes: Bool = true) {
        self.path = path
        self.readsASCIIAsBytes = readsASCIIAsBytes
        self.document = FactsDocument(path: path)
    }

    mutating func report(_ message: DiagnosticMessage, _ span: SourceSpan, notes: [String] = [], fixIts: [FixIt] = []) {
        diagnostics.append(Diagnostic(message, path: path, span: span, notes: notes, fixIts: fixIts))
    }

    // MARK: Decoding

    /// Splits bytes into lines, dropping a byte-order mark and `\r` before `\n`, reporting
    /// invalid UTF-8, control characters and over-long lines. A big file is cut after newlines
    /// into parts decoded at once, each into its own region of one buffer of lines, which are
    /// closed up in file order, as are their diagnostics.
    mutating func splitLines(_ bytes: UnsafeBufferPointer<UInt8>, parallel: ParallelSlices = ParallelSlices(workers: 1)) -> [DecodedLine] {
        let first = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        // Each part but the last ends just after a newline, so it holds whole lines only.
        var cuts = [first]
        let parts = bytes.count >= 1 << 18 ? parallel.joinedSliceCount(for: bytes.count, threshold: 0) : 1
        for part in 1..<max(1, parts) {
            var index = max(cuts.last!, first + (bytes.count - first) * part / parts)
            while index < bytes.count, bytes[index] != 0x0A { index += 1 }
            guard index < bytes.count else { break }
            cuts.append(index + 1)
        }
        cuts.append(bytes.count)
        // A part's first line number: one more than the newlines before it, counted at once.
        // A part has as many lines as newlines, the last one more at most: each decodes
        // straight into its region of one buffer, which never grows, and the regions are
        // closed up after by moving memory.
        let newlines = parallel.map(count: cuts.count - 1, slices: cuts.count - 1) { _, parts in
            parts.map { part in
                var count = 0
                for index in cuts[part]..<cuts[part + 1] where bytes[index] == 0x0A { count += 1 }
                return count
            }
        }.joined()
        var regionStarts = [0]
        for count in newlines { regionStarts.append(regionStarts[regionStarts.count - 1] + count) }
        let lastPart = cuts.count - 2
        let (path, readsASCIIAsBytes) = (self.path, self.readsASCIIAsBytes)
        var found: [Diagnostic] = []
        let lines = [DecodedLine](unsafeUninitializedCapacity: regionStarts[regionStarts.count - 1] + 1) { buffer, initialized in
            let base = buffer.baseAddress!
            let decoded = parallel.map(count: cuts.count - 1, slices: cuts.count - 1) { _, range in
                range.map { part in
                    var local = ParseState(path: path, readsASCIIAsBytes: readsASCIIAsBytes)
                    // The line numbers before a part are the newlines before it.
                    var region = SliceRegion(base: base + regionStarts[part],
                                             capacity: regionStarts[part + 1] - regionStarts[part] + (part == lastPart ? 1 : 0))
                    local.splitLines(bytes, from: cuts[part], to: cuts[part + 1], firstNumber: regionStarts[part] + 1,
                                     isLast: part == lastPart, into: &region)
                    return (count: region.count, diagnostics: local.diagnostics)
                }
            }.joined()
            var filled = 0
            for (part, result) in decoded.enumerated() {
                found += result.diagnostics
                if regionStarts[part] != filled, result.count > 0 {
                    (base + filled).moveInitialize(from: base + regionStarts[part], count: result.count)
                }
                filled += result.count
            }
            initialized = filled
        }
        diagnostics += found
        return lines
    }

    /// The lines of `bytes[from..<limit]`, numbered from `firstNumber`, added to `region`.
    /// Only the last part may end without a newline; a newline at the very end of the file
    /// starts no further line.
    private mutating func splitLines(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to limit: Int, firstNumber: Int, isLast: Bool,
                                     into region: inout SliceRegion<DecodedLine>) {
        var start = from
        var lineNumber = firstNumber
        while isLast ? start <= limit : start < limit {
            var index = start
            while index < limit, bytes[index] != 0x0A { index += 1 }
            var end = index
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            if start == limit && index == limit && start != 0 && bytes[limit - 1] == 0x0A {
                break  // the final newline ends the last line; it does not start another
            }
            region.append(decodeLine(UnsafeBufferPointer(rebasing: bytes[start..<end]), range: start..<end, number: lineNumber))
            lineNumber += 1
            start = index + 1
        }
    }

    /// `slice` is `range` of the file.
    private mutating func decodeLine(_ slice: UnsafeBufferPointer<UInt8>, range: Range<Int>, number: Int) -> DecodedLine {
        if slice.count > FactsParser.maximumLineLength {
            report(.lineTooLong(slice.count), SourceSpan(line: number, column: 1))
            return DecodedLine(number: number, text: .decoded(""), isASCII: readsASCIIAsBytes, shape: .blank)
        }
        // One pass over the bytes answers both questions for nearly every line: printable
        // ASCII needs neither validation nor a search for control characters. C0 and DEL are
        // single bytes, C1 controls start with 0xC2, and invalid bytes decode to U+FFFD.
        var isASCII = true
        var mayHoldControl = false
        for byte in slice {
            if byte >= 0x80 {
                isASCII = false
                if byte == 0xC2 { mayHoldControl = true }
            } else if (byte < 0x20 && byte != 0x09) || byte == 0x7F {
                mayHoldControl = true
            }
        }
        if isASCII && !mayHoldControl && readsASCIIAsBytes {
            return DecodedLine(number: number, text: .inFile(range), isASCII: true, shape: Self.lineShape(ofASCII: slice))
        }
        var text: String
        if let valid = String(validating: slice, as: UTF8.self) {
            text = valid
        } else {
            report(.invalidUTF8(), SourceSpan(line: number, column: 1))
            text = String(decoding: slice, as: UTF8.self)
        }
        // Control characters could rewrite a learner's terminal; report the first, drop all.
        if mayHoldControl, text.unicodeScalars.contains(where: Self.isForbiddenControl) {
            var column = 1
            var reported = false
            var cleaned = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                if Self.isForbiddenControl(scalar) {
                    if !reported {
                        report(.controlCharacter(scalar), SourceSpan(line: number, column: column))
                        reported = true
                    }
                } else {
                    cleaned.append(scalar)
                }
                column += 1
            }
            text = String(cleaned)
        }
        let readsAsASCII = readsASCIIAsBytes && text.isPureASCII
        let shape = readsAsASCII ? text.withUTF8Bytes { Self.lineShape(ofASCII: $0) } : Self.lineShape(of: text)
        return DecodedLine(number: number, text: .decoded(text), isASCII: readsAsASCII, shape: shape)
    }

    static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value < 0x20 && value != 0x09) || value == 0x7F || (0x80...0x9F).contains(value)
    }

    // MARK: Blocks

    /// A block of lines with the section it sits in, or a problem found between blocks.
    enum OutlineItem {
        /// The block's lines: a range of the file's lines, from its first content line to its
        /// last, with comment lines among them when `hasComments`.
        case block(Range<Int>, sectionPath: [String], hasComments: Bool)
        /// Boxed: held in place, a diagnostic made every item four times the size of a block,
        /// and the outline of a 100,000-fact file 10 MB larger.
        indirect case diagnostic(Diagnostic)
    }

    /// The file's blocks, in order, each a range of its lines rather than an array of its own.
    struct Outline {
        var items: [OutlineItem] = []
    }

    /// Groups lines into blocks, skipping comments and following headings: the part of
    /// parsing that must run in file order, and is cheap. It copies no line: copying them
    /// into an array of content lines faulted in a fresh 17 MB on one core.
    mutating func outline(_ lines: [DecodedLine]) -> Outline {
        var outline = Outline()
        // The open block: its first and past-its-last content line, and whether a comment
        // came between two of its content lines.
        var block: (start: Int, end: Int, hasComments: Bool)?
        var commentAfterContent = false
        func endBlock() {
            if let block {
                outline.items.append(.block(block.start..<block.end, sectionPath: sectionPath, hasComments: block.hasComments))
            }
            block = nil
        }
        for index in lines.indices {
            switch lines[index].shape {
            case .blank:
                endBlock()
            case .comment:
                commentAfterContent = block != nil
            case .heading:
                endBlock()
                let before = diagnostics.count
                heading(lines[index])
                outline.items += diagnostics[before...].map(OutlineItem.diagnostic)
                diagnostics.removeSubrange(before...)
            case .content:
                if block == nil {
                    block = (index, index + 1, false)
                } else {
                    block!.end = index + 1
                    if commentAfterContent { block!.hasComments = true }
                }
                commentAfterContent = false
            }
        }
        endBlock()
        return outline
    }

    /// What an ASCII line is, judged on its bytes (nearly every line).
    static func lineShape(ofASCII bytes: UnsafeBufferPointer<UInt8>) -> DecodedLine.LineShape {
        let text = trimmingBlanks(bytes, 0..<bytes.count)
        guard let first = text.first else { return .blank }
        if bytes[first] == UInt8(ascii: "/"), first + 1 < text.upperBound, bytes[first + 1] == UInt8(ascii: "/") { return .comment }
        return bytes[0] == UInt8(ascii: "#") ? .heading : .content
    }

    /// What any other line is, judged by characters, where a combining mark joins the character before it.
    static func lineShape(of text: String) -> DecodedLine.LineShape {
        let trimmed = text.trimmingWhitespace()
        if trimmed.isEmpty { return .blank }
        if trimmed.hasPrefix("//") { return .comment }
        return text.hasPrefix("#") ? .heading : .content
    }

    /// Reads one outline item into the document; `lines` are the file's lines.
    mutating func read(_ item: OutlineItem, in lines: UnsafeBufferPointer<DecodedLine>) {
        switch item {
        case .block(let range, let path, let hasComments):
            sectionPath = path
            if hasComments {
                // Rare: the block's content lines are gathered without the comments between.
                let content = lines[range].filter { $0.shape == .content }
                content.withUnsafeBufferPointer { flush($0) }
            } else {
                flush(UnsafeBufferPointer(rebasing: lines[range]))
            }
        case .diagnostic(let diagnostic):
            diagnostics.append(diagnostic)
        }
    }

    /// Appends what a slice read after this state's blocks, but its facts, which the caller
    /// moves from the slice's region. Sources a slice defined are checked for duplicates here,
    /// against every earlier one, and reported where one pass would have.
    mutating func join(_ slice: ParseState) {
        precondition(slice.document.facts.isEmpty, "a slice keeps its facts in its region")
        var position = 0
        for (source, diagnosticCount) in slice.deferredSources ?? [] {
            diagnostics += slice.diagnostics[position..<diagnosticCount]
            position = diagnosticCount
            add(source)
        }
        diagnostics += slice.diagnostics[position...]
    }

    mutating func finish() {
        if !sawFirstBlock {
            report(.deckHeaderMissing(), SourceSpan(line: 1, column: 1),
                   notes: ["help: start the file with `deck: my-deck` and `title: My deck`"])
        }
    }

    private mutating func heading(_ line: DecodedLine) {
        let text = line.string(in: file)
        let level = text.prefix(while: { $0 == "#" }).count
        let title = text.dropFirst(level).trimmingWhitespace()
        guard !title.isEmpty else {
            report(.emptyHeading(), SourceSpan(line: line.number, column: 1, length: level))
            return
        }
        sectionPath = Array(sectionPath.prefix(max(0, level - 1)))
        sectionPath.append(String(title))
    }

    private mutating func flush(_ block: UnsafeBufferPointer<DecodedLine>) {
        guard !block.isEmpty else { return }
        let entries = readEntries(block)
        guard let first = entries.first else { return }
        guard case .field(let key) = first.role else {
            report(.listItemOutsideList(), first.keySpan,
                   notes: ["help: start the block with `list: <question>`"])
            return
        }
        let isFirstBlock = !sawFirstBlock
        sawFirstBlock = true
        if isFirstBlock && key != "deck" {
            report(.deckHeaderMissing(), first.keySpan,
                   notes: ["help: start the file with `deck: my-deck` and `title: My deck`"])
        }
        switch key {
        case "deck":
            if isFirstBlock { readHeader(entries) } else { report(.deckHeaderRepeated(), first.keySpan) }
        case "source":
            readSource(entries)
        case _ where BlockGrammar.factKeys.contains(key):
            readFact(key: key, entries: entries, line: block[0].number)
        default:
            var notes: [String] = []
            if let suggestion = Suggestion.closest(to: key, in: BlockGrammar.blockKeys) {
                notes.append("help: did you mean `\(suggestion):`?")
            } else if BlockGrammar.fields(of: "Q").contains(key) || ["def", "answer", "date", "unit", "order"].contains(key) {
                notes.append("note: a fact's first line says what kind it is: `Q:`, `term:`, `cloze:`, `number:`, `event:` or `list:`")
            } else {
                notes.append("note: a block starts with `deck:`, `source:`, `Q:`, `term:`, `cloze:`, `number:`, `event:` or `list:`")
            }
            report(.unknownBlock(key), first.keySpan, notes: notes)
        }
    }

    /// Splits a block's lines into fields, list items and their continuations.
    private mutating func readEntries(_ block: UnsafeBufferPointer<DecodedLine>) -> [BlockEntry] {
        var entries: [BlockEntry] = []
        entries.reserveCapacity(block.count)
        for line in block {
            if line.isASCII {
                readASCIIEntry(line, into: &entries)
                continue
            }
            let text = line.string(in: file)
            if text.first == " " || text.first == "\t" {
                guard !entries.isEmpty else {
                    report(.continuationWithoutField(), SourceSpan(line: line.number, column: 1))
                    continue
                }
                let continuation = text.trimmingWhitespace()
                entries[entries.count - 1].value += entries[entries.count - 1].value.isEmpty ? continuation : " " + continuation
                continue
            }
            if text == "-" || text.hasPrefix("- ") {
                let value = text.dropFirst(1).trimmingWhitespace()
                let column = 1 + Self.scalarDistance(text, text.drop(while: { $0 == "-" || $0 == " " }).startIndex)
                entries.append(BlockEntry(role: .item, value: value,
                                          valueSpan: SourceSpan(line: line.number, column: column, length: value.unicodeScalars.count),
                                          keySpan: SourceSpan(line: line.number, column: 1)))
                continue
            }
            guard let (key, rest) = Self.splitField(text) else {
                report(.notAField(), SourceSpan(line: line.number, column: 1, length: min(text.unicodeScalars.count, 40)),
                       notes: ["help: write `key: value`, indent a line to continue the previous field, or start a comment with `//`"])
                continue
            }
            let value = rest.trimmingWhitespace()
            let valueColumn = 1 + Self.scalarDistance(text, rest.drop(while: { $0 == " " || $0 == "\t" }).startIndex)
            entries.append(BlockEntry(role: .field(key), value: value,
                                      valueSpan: SourceSpan(line: line.number, column: valueColumn, length: Self.scalarCount(value)),
                                      keySpan: SourceSpan(line: line.number, column: 1, length: Self.scalarCount(key))))
        }
        return entries
    }

    /// ``readEntries(_:)`` for an ASCII line (nearly every line), read as bytes: each byte is
    /// a character and a column, so no character boundaries are looked for and no offsets counted.
    private mutating func readASCIIEntry(_ line: DecodedLine, into entries: inout [BlockEntry]) {
        // A local copy: the closure reports problems, which changes `self`.
        let file = self.file
        line.withBytes(in: file) { bytes in
            /// `bytes[from...]` without blanks at either end, as a string.
            func trimmed(from start: Int) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: bytes[Self.trimmingBlanks(bytes, start..<bytes.count)]), as: UTF8.self)
            }
            let number = line.number
            if bytes.first == 0x20 || bytes.first == 0x09 {
                guard !entries.isEmpty else {
                    report(.continuationWithoutField(), SourceSpan(line: number, column: 1))
                    return
                }
                let continuation = trimmed(from: 0)
                entries[entries.count - 1].value += entries[entries.count - 1].value.isEmpty ? continuation : " " + continuation
                return
            }
            if bytes.first == UInt8(ascii: "-"), bytes.count == 1 || bytes[1] == 0x20 {
                let value = trimmed(from: 1)
                let column = 1 + (bytes.firstIndex { $0 != UInt8(ascii: "-") && $0 != 0x20 } ?? bytes.count)
                entries.append(BlockEntry(role: .item, value: value,
                                          valueSpan: SourceSpan(line: number, column: column, length: value.utf8.count),
                                          keySpan: SourceSpan(line: number, column: 1)))
                return
            }
            // `key: value`, as ``splitField(_:)`` reads it.
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0, Self.isKeyStart(bytes[0]),
                  bytes[1..<colon].allSatisfy(Self.isKeyByte),
                  colon + 1 == bytes.count || bytes[colon + 1] == 0x20 || bytes[colon + 1] == 0x09
            else {
                report(.notAField(), SourceSpan(line: number, column: 1, length: min(bytes.count, 40)),
                       notes: ["help: write `key: value`, indent a line to continue the previous field, or start a comment with `//`"])
                return
            }
            let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<colon]), as: UTF8.self)
            let value = trimmed(from: colon + 1)
            var valueStart = colon + 1
            while valueStart < bytes.count, bytes[valueStart] == 0x20 || bytes[valueStart] == 0x09 { valueStart += 1 }
            entries.append(BlockEntry(role: .field(key), value: value,
                                      valueSpan: SourceSpan(line: number, column: 1 + valueStart, length: value.utf8.count),
                                      keySpan: SourceSpan(line: number, column: 1, length: colon)))
        }
    }

    /// `range` of `bytes` without the blanks ``StringProtocol/trimmingWhitespace()`` trims
    /// (space, tab, carriage return, line feed) at either end.
    static func trimmingBlanks(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, isBlank(bytes[lower]) { lower += 1 }
        while upper > lower, isBlank(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    /// A key's first byte: an ASCII letter.
    static func isKeyStart(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    /// A key's other bytes: ASCII letters, digits, `_` and `-`.
    static func isKeyByte(_ byte: UInt8) -> Bool {
        isKeyStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    /// Columns count Unicode scalars; on ASCII text (nearly every line) that is the byte count.
    static func scalarCount(_ text: String) -> Int {
        text.isPureASCII ? text.utf8.count : text.unicodeScalars.count
    }

    /// The column offset of `index` in `text`, in scalars.
    static func scalarDistance(_ text: String, _ index: String.Index) -> Int {
        text.isPureASCII ? text.utf8.distance(from: text.startIndex, to: index)
            : text.unicodeScalars.distance(from: text.startIndex, to: index)
    }

    /// `key: value` → (key, rest); keys are a letter then letters, digits, `_` or `-`.
    static func splitField(_ text: String) -> (String, Substring)? {
        // A colon byte is always a whole character: nothing combines with it in practice, and
        // a key before it must be ASCII anyway.
        guard let colon = text.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let key = text[..<colon]
        guard let first = key.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first),
              key.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" })
        else { return nil }
        let rest = text[text.index(after: colon)...]
        // `http://…` on its own is not a field called `http`.
        if let next = rest.first, next != " " && next != "\t" { return nil }
        return (String(key), rest)
    }

    /// Collects a block's fields by key, reporting repeats, unknown keys and empty values.
    private mutating func fields(of entries: [BlockEntry], block: String) -> BlockFields {
        let allowed = BlockGrammar.fields(of: block)
        var result = BlockFields(capacity: entries.count)
        for entry in entries {
            guard case .field(let key) = entry.role else {
                if block != "list" {
                    report(.listItemOutsideList(), entry.keySpan, notes: ["help: only a `list:` fact has `- item` lines"])
                }
                continue
            }
            guard allowed.contains(key) else {
                var notes: [String] = []
                if let suggestion = Suggestion.closest(to: key, in: allowed) {
                    notes.append("help: did you mean `\(suggestion):`?")
                } else {
                    notes.append("note: a `\(block):` block takes \(allowed.map { "`\($0):`" }.joined(separator: ", "))")
                }
                report(.fieldNotAllowed(key, block: block), entry.keySpan, notes: notes)
                continue
            }
            if result.contains(key), !(BlockGrammar.repeatable.contains(key) && BlockGrammar.factKeys.contains(block)) {
                report(.duplicateField(key), entry.keySpan)
                continue
            }
            if entry.value.isEmpty {
                report(.emptyValue(key), entry.keySpan)
                continue
            }
            result.append(entry, for: key)
        }
        return result
    }

    // MARK: Header and sources

    private mutating func readHeader(_ entries: [BlockEntry]) {
        let fields = fields(of: entries, block: "deck")
        guard let id = fields.first("deck") else { return }
        if !Identifier.isDeckID(id.value) {
            report(.invalidIdentifier(id.value, what: "deck id"), id.valueSpan,
                   notes: ["help: use lowercase letters, digits and hyphens, e.g. `\(Identifier.slug(id.value))`"])
        }
        guard let title = fields.first("title")?.value else {
            report(.missingField("title", block: "deck"), entries[0].keySpan)
            return
        }
        document.header = DeckHeader(
            id: id.value,
            title: title,
            description: fields.first("description")?.value,
            language: fields.first("language")?.value ?? "en",
            authors: fields.first("authors").map { Self.splitList($0.value, separator: ";") } ?? [],
            line: id.keySpan.line
        )
    }

    private mutating func readSource(_ entries: [BlockEntry]) {
        let fields = fields(of: entries, block: "source")
        guard let key = fields.first("source") else { return }
        if !Identifier.isDeckID(key.value) {
            report(.invalidIdentifier(key.value, what: "source key"), key.valueSpan,
                   notes: ["help: use lowercase letters, digits and hyphens, e.g. `\(Identifier.slug(key.value))`"])
            return
        }
        guard let title = fields.first("title")?.value else {
            report(.missingField("title", block: "source"), entries[0].keySpan)
            return
        }
        let source = SourceDefinition(
            key: key.value, title: title,
            author: fields.first("author")?.value, date: fields.first("date")?.value,
            url: fields.first("url")?.value, file: fields.first("file")?.value,
            note: fields.first("note")?.value,
            line: key.keySpan.line, keySpan: key.valueSpan)
        if deferredSources != nil {
            deferredSources!.append((source, diagnostics.count))
        } else {
            add(source)
        }
    }

    /// Adds a source definition, or reports it as a second one for its key.
    private mutating func add(_ source: SourceDefinition) {
        if let firstLine = sourceLines[source.key] {
            report(.duplicateSourceKey(source.key, firstLine: firstLine), source.keySpan)
            return
        }
        sourceLines[source.key] = source.line
        document.sources.append(source)
    }

    // MARK: Facts

    private mutating func readFact(key blockKey: String, entries: [BlockEntry], line: Int) {
        let fields = fields(of: entries, block: blockKey)
        guard let lead = fields.first(blockKey) else { return }
        func required(_ key: String) -> BlockEntry? {
            if let entry = fields.first(key) { return entry }
            report(.missingField(key, block: blockKey), entries[0].keySpan)
            return nil
        }
        let body: FactBody
        switch blockKey {
        case "Q":
            guard let answer = required("A") else { return }
            body = .question(question: Escapes.unescape(lead.value), answer: Self.answerText(answer.value, readsASCIIAsBytes: readsASCIIAsBytes))
        case "term":
            guard let definition = required("def") else { return }
            body = .term(term: Self.answerText(lead.value, readsASCIIAsBytes: readsASCIIAsBytes), definition: Escapes.unescape(definition.value))
        case "cloze":
            guard let segments = readCloze(lead) else { return }
            body = .cloze(segments)
        case "number":
            guard let answer = required("answer") else { return }
            body = .number(question: Escapes.unescape(lead.value), answer: answer.value, unit: fields.first("unit")?.value)
        case "event":
            guard let date = required("date") else { return }
            body = .event(description: Escapes.unescape(lead.value), date: date.value)
        default:
            let items = entries.filter { if case .item = $0.role { true } else { false } }
            guard !items.isEmpty else {
                report(.listWithoutItems(), lead.keySpan, notes: ["help: add the items as `- item | alias` lines below the question"])
                return
            }
            var ordered = false
            if let order = fields.first("order") {
                switch order.value {
                case "set": ordered = false
                case "sequence": ordered = true
                default:
                    report(.invalidListOrder(order.value), order.valueSpan)
                    return
                }
            }
            if let empty = items.first(where: { $0.value.isEmpty }) {
                report(.emptyValue("-"), empty.keySpan)
                return
            }
            body = .list(question: Escapes.unescape(lead.value), items: items.map { Self.answerText($0.value, readsASCIIAsBytes: readsASCIIAsBytes) }, ordered: ordered)
        }

        var fact = Fact(body: body, line: line)
        fact.sectionPath = sectionPath
        fact.valueSpans = fields.firstValueSpans
        if let id = fields.first("id") {
            if Identifier.isFactID(id.value) {
                fact.explicitID = id.value
            } else {
                report(.invalidIdentifier(id.value, what: "fact id"), id.valueSpan,
                       notes: ["help: use letters, digits, `-`, `_` and `.`, e.g. `\(Identifier.slug(id.value))`"])
            }
        }
        if let kind = fields.first("kind") {
            if Identifier.isKind(kind.value) {
                fact.kind = kind.value
            } else {
                report(.invalidIdentifier(kind.value, what: "kind"), kind.valueSpan,
                       notes: ["help: a kind is a lowercase word such as `person`, `place` or `year`"])
            }
        }
        fact.tags = fields.first("tags").map { Self.splitTags($0.value) } ?? []
        fact.note = fields.first("note").map { Escapes.unescape($0.value) }
        fact.distractors = fields.first("distractors").map {
            Escapes.split($0.value, on: ";").map { Escapes.unescape($0).trimmingWhitespace() }.filter { !$0.isEmpty }
        } ?? []
        for citation in fields.all("source") {
            if let parsed = readCitation(citation) { fact.citations.append(parsed) }
        }
        if factRegion != nil { factRegion!.append(fact) } else { document.facts.append(fact) }
    }

    /// `KEY[, location] ["evidence phrase"]`
    private mutating func readCitation(_ entry: BlockEntry) -> Citation? {
        if readsASCIIAsBytes, let citation = Self.asciiCitation(entry) { return citation }
        let text = entry.value
        let key = String(text.prefix(while: { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }))
        guard !key.isEmpty else {
            report(.invalidIdentifier(String(text.prefix(20)), what: "source key"), entry.valueSpan,
                   notes: ["help: a citation starts with a source key, e.g. `source: liao-2017 \"a short phrase\"`"])
            return nil
        }
        var rest = text.dropFirst(key.count)[...]
        var evidence: String?
        if let open = rest.firstIndex(where: { $0 == "\"" || $0 == "“" }) {
            let closer: Character = rest[open] == "“" ? "”" : "\""
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(where: { $0 == closer || $0 == "\"" }) else {
                let column = entry.valueSpan.column + text.unicodeScalars.count - rest[open...].unicodeScalars.count
                report(.sourceUnterminatedQuote(), SourceSpan(line: entry.valueSpan.line, column: column),
                       notes: ["help: close the phrase with `\(closer)`"])
                return nil
            }
            evidence = String(rest[afterOpen..<close])
            rest = rest[..<open] + rest[rest.index(after: close)...]
        }
        let location = rest.trimmingCharacters(in: " \t,;")
        let span = SourceSpan(line: entry.valueSpan.line, column: entry.valueSpan.column, length: key.unicodeScalars.count)
        return Citation(key: key, location: location.isEmpty ? nil : location, evidence: evidence, span: span)
    }

    /// ``readCitation(_:)`` on the bytes of a well-formed ASCII citation (nearly every one);
    /// nil for anything else, which the general path reads and reports.
    private static func asciiCitation(_ entry: BlockEntry) -> Citation? {
        entry.value.withUTF8Bytes { bytes -> Citation? in
            guard bytes.isASCII else { return nil }
            // A key runs over letters, digits, `-` and `_`, the bytes a field's key may hold.
            let keyLength = bytes.firstIndex { !isKeyByte($0) } ?? bytes.count
            guard keyLength > 0 else { return nil }
            func string(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
            // The location is what is left around the phrase, trimmed of blanks and separators.
            var around = [keyLength..<bytes.count]
            var evidence: String?
            if let open = bytes[keyLength...].firstIndex(of: UInt8(ascii: "\"")) {
                guard let close = bytes[(open + 1)...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
                evidence = string((open + 1)..<close)
                around = [keyLength..<open, (close + 1)..<bytes.count]
            }
            let isTrimmed: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") }
            var location: String?
            if !around.allSatisfy({ bytes[$0].allSatisfy(isTrimmed) }) {
                let joined = around.map(string).joined()
                location = joined.trimmingCharacters(in: " \t,;")
            }
            let span = SourceSpan(line: entry.valueSpan.line, column: entry.valueSpan.column, length: keyLength)
            return Citation(key: string(0..<keyLength), location: location, evidence: evidence, span: span)
        }
    }

    /// Parses `{{…}}` blanks in a cloze sentence, reporting unbalanced or nested markers.
    private mutating func readCloze(_ entry: BlockEntry) -> [ClozeSegment]? {
        // Columns count scalars: in ASCII text each byte is one, in other text each UTF-32 unit is.
        readsASCIIAsBytes && entry.value.isPureASCII ? readCloze(entry, units: Array(entry.value.utf8), as: UTF8.self)
            : readCloze(entry, units: entry.value.unicodeScalars.map(\.value), as: UTF32.self)
    }

    private mutating func readCloze<Encoding: Unicode.Encoding>(_ entry: BlockEntry, units scalars: [Encoding.CodeUnit], as encoding: Encoding.Type)
        -> [ClozeSegment]? where Encoding.CodeUnit: FixedWidthInteger {
        let (backslash, open, close): (Encoding.CodeUnit, Encoding.CodeUnit, Encoding.CodeUnit) = (0x5C, 0x7B, 0x7D)
        var segments: [ClozeSegment] = []
        var text: [Encoding.CodeUnit] = []
        var spanText: [Encoding.CodeUnit] = []
        var spanStartColumn = 0
        var inSpan = false
        var failed = false
        var index = 0
        let line = entry.valueSpan.line
        func column(_ offset: Int) -> Int { entry.valueSpan.column + offset }
        while index < scalars.count {
            let scalar = scalars[index]
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            if scalar == backslash, let next {
                // Keep the escape inside spans: the span's own parser splits on unescaped bars.
                if inSpan { spanText.append(scalar); spanText.append(next) } else { text.append(next) }
                index += 2
                continue
            }
            if scalar == open, next == open {
                if inSpan {
                    report(.clozeNestedSpan(), SourceSpan(line: line, column: column(index), length: 2))
                    failed = true
                } else {
                    inSpan = true
                    spanStartColumn = column(index)
                    spanText.removeAll(keepingCapacity: true)
                    if !text.isEmpty {
                        segments.append(.text(String(decoding: text, as: encoding)))
                        text.removeAll(keepingCapacity: true)
                    }
                }
                index += 2
                continue
            }
            if scalar == close, next == close {
                if inSpan {
                    inSpan = false
                    let span = SourceSpan(line: line, column: spanStartColumn, length: column(index) + 2 - spanStartColumn)
                    if let blank = readClozeSpan(String(decoding: spanText, as: encoding), span: span) {
                        segments.append(.blank(blank))
                    } else {
                        failed = true
                    }
                } else {
                    report(.clozeUnopenedSpan(), SourceSpan(line: line, column: column(index), length: 2),
                           notes: ["help: write `\\}` for a literal brace"])
                    failed = true
                }
                index += 2
                continue
            }
            if inSpan { spanText.append(scalar) } else { text.append(scalar) }
            index += 1
        }
        if inSpan {
            report(.clozeUnclosedSpan(), SourceSpan(line: line, column: spanStartColumn, length: 2),
                   notes: ["help: close the blank with `}}`"])
            failed = true
        }
        if !text.isEmpty { segments.append(.text(String(decoding: text, as: encoding))) }
        return failed ? nil : segments
    }

    /// `[#GROUP] [KIND:] ANSWER [| ALIAS …]`
    private mutating func readClozeSpan(_ content: String, span: SourceSpan) -> ClozeSpan? {
        if readsASCIIAsBytes, let blank = Self.asciiClozeSpan(content, span: span) { return blank }
        var rest = content.trimmingWhitespace()[...]
        var group: Int?
        if rest.first == "#" {
            let digits = rest.dropFirst().prefix(while: { $0.isASCII && $0.isNumber })
            guard let number = Int(digits), digits.count <= 6 else {
                report(.invalidIdentifier(String(rest.prefix(8)), what: "cloze group"), span,
                       notes: ["help: a group is `#` and a number, e.g. `{{#1 person: Kamenev}}`"])
                return nil
            }
            group = number
            rest = rest.dropFirst(1 + digits.count).drop(while: { $0 == " " })
        }
        var kind: String?
        if let colon = rest.firstIndex(of: ":") {
            let candidate = String(rest[..<colon])
            let after = rest[rest.index(after: colon)...]
            if Identifier.isKind(candidate), after.first == " " {
                kind = candidate
                rest = after.drop(while: { $0 == " " })
            }
        }
        let answer = Self.answerText(String(rest), readsASCIIAsBytes: readsASCIIAsBytes)
        guard !answer.canonical.isEmpty else {
            report(.clozeEmptySpan(), span)
            return nil
        }
        return ClozeSpan(group: group, kind: kind, answer: answer, span: span)
    }

    /// ``readClozeSpan(_:span:)`` on the bytes of an ASCII span without problems, where each
    /// byte is a character: reading a span character by character took 10,000 instructions.
    /// Nil leaves the span, and the report of any problem in it, to the general reading.
    private static func asciiClozeSpan(_ content: String, span: SourceSpan) -> ClozeSpan? {
        content.withUTF8Bytes { bytes -> ClozeSpan? in
            guard bytes.isASCII else { return nil }
            func skippingSpaces(_ range: Range<Int>) -> Range<Int> {
                var start = range.lowerBound
                while start < range.upperBound, bytes[start] == UInt8(ascii: " ") { start += 1 }
                return start..<range.upperBound
            }
            func string(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
            func isDigit(_ index: Int) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) }
            var rest = trimmingBlanks(bytes, 0..<bytes.count)
            var group: Int?
            if let first = rest.first, bytes[first] == UInt8(ascii: "#") {
                var end = first + 1, number = 0
                while end < rest.upperBound, end - first <= 6, isDigit(end) {
                    number = number * 10 + Int(bytes[end] - UInt8(ascii: "0"))
                    end += 1
                }
                // One to six digits, and no seventh.
                guard end > first + 1, end == rest.upperBound || !isDigit(end) else { return nil }
                group = number
                rest = skippingSpaces(end..<rest.upperBound)
            }
            var kind: String?
            if let colon = rest.first(where: { bytes[$0] == UInt8(ascii: ":") }), colon + 1 < rest.upperBound, bytes[colon + 1] == UInt8(ascii: " ") {
                let candidate = string(rest.lowerBound..<colon)
                if Identifier.isKind(candidate) {
                    kind = candidate
                    rest = skippingSpaces((colon + 1)..<rest.upperBound)
                }
            }
            let answer = answerText(string(rest))
            return answer.canonical.isEmpty ? nil : ClozeSpan(group: group, kind: kind, answer: answer, span: span)
        }
    }

    // MARK: Small text helpers

    /// `Nikolai Yezhov | Yezhov | Ezhov` → canonical and aliases; `\|` is a literal bar.
    static func answerText(_ value: String, readsASCIIAsBytes: Bool = true) -> AnswerText {
        if readsASCIIAsBytes, let answer = asciiAnswerText(value) { return answer }
        let parts = Escapes.split(value, on: "|").map { Escapes.unescape($0).trimmingWhitespace() }.filter { !$0.isEmpty }
        return AnswerText(canonical: parts.first ?? "", aliases: Array(parts.dropFirst()))
    }

    /// ``answerText(_:)`` on the bytes of an ASCII value: each part is trimmed and made a
    /// string once, instead of being split, copied and trimmed into a second copy.
    private static func asciiAnswerText(_ value: String) -> AnswerText? {
        value.withUTF8Bytes { bytes -> AnswerText? in
            guard bytes.isASCII else { return nil }
            // The first part is the canonical answer, the others its aliases.
            var canonical: String?
            var aliases: [String] = []
            func addPart(_ range: Range<Int>) {
                let trimmed = trimmingBlanks(bytes, range)
                guard !trimmed.isEmpty else { return }
                var part = String(decoding: UnsafeBufferPointer(rebasing: bytes[trimmed]), as: UTF8.self)
                // Unescaping never makes or removes a blank at either end, so trimming first is the same.
                if bytes[trimmed].contains(UInt8(ascii: "\\")) { part = Escapes.unescape(part) }
                if canonical == nil { canonical = part } else { aliases.append(part) }
            }
            var start = 0, index = 0
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "\\") { index += 2; continue }  // an escape keeps its next byte
                if bytes[index] == UInt8(ascii: "|") { addPart(start..<index); start = index + 1 }
                index += 1
            }
            addPart(start..<bytes.count)
            return AnswerText(canonical: canonical ?? "", aliases: aliases)
        }
    }

    static func splitList(_ value: String, separator: Character) -> [String] {
        value.split(separator: separator).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    static func splitTags(_ value: String) -> [String] {
        value.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
    }
}

/// Backslash escapes in deck text: `\|`, `\{`, `\}`, `\;` and `\\`.
enum Escapes {
    /// Splits on `separator` where it is not escaped, keeping escapes for ``unescape(_:)``.
    static func split(_ text: String, on separator: Character) -> [String] {
        if let ascii = separator.asciiValue, !text.utf8.contains(where: { $0 == ascii || $0 == UInt8(ascii: "\\") }) {
            return [text]  // nothing to split or keep: the common case
        }
        if let ascii = separator.asciiValue, text.isPureASCII { return splitASCII(text, on: ascii) }
        var parts: [String] = []
        var current = ""
        var escaped = false
        for character in text {
            if escaped {
                current.append("\\"); current.append(character); escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == separator {
                parts.append(current); current = ""
            } else {
                current.append(character)
            }
        }
        if escaped { current.append("\\") }
        parts.append(current)
        return parts
    }

    /// ``split(_:on:)`` for ASCII text, where every byte is a character: byte ranges, no
    /// character-by-character appends.
    private static func splitASCII(_ text: String, on separator: UInt8) -> [String] {
        var parts: [String] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "\\") {
                // An escape keeps itself and the character after it, separator or not.
                index = utf8.index(index, offsetBy: 2, limitedBy: utf8.endIndex) ?? utf8.endIndex
                continue
            }
            if byte == separator {
                parts.append(String(text[start..<index]))
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        parts.append(String(text[start...]))
        return parts
    }

    static func unescape(_ text: String) -> String {
        // Over the bytes in place: iterating the UTF-8 view took a thousand instructions a value.
        guard text.withUTF8Bytes({ $0.contains(UInt8(ascii: "\\")) }) else { return text }
        var result = ""
        var escaped = false
        for character in text {
            if escaped {
                if !"|{};\\".contains(character) { result.append("\\") }
                result.append(character); escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        if escaped { result.append("\\") }
        return result
    }
}

/// The shapes of identifiers the format allows.
enum Identifier {
    /// Lowercase letters and digits in hyphen-separated runs: `great-purge`, `liao-2017`.
    static func isDeckID(_ text: String) -> Bool {
        guard !text.isEmpty, text.count <= 64, text.first != "-", text.last != "-", !text.contains("--") else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// Letters, digits, `-`, `_`, `.`; starts with a letter or digit.
    static func isFactID(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.count <= 64, isASCIIAlphanumeric(first) else { return false }
        return text.unicodeScalars.allSatisfy { isASCIIAlphanumeric($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }

    /// A lowercase word with optional hyphens: `person`, `estimate-source`.
    static func isKind(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first), text.count <= 40 else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    /// A suggestion for an invalid identifier: lowercase, hyphens for runs of anything else.
    static func slug(_ text: String) -> String {
        var result = ""
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else if !result.isEmpty, result.last != "-" {
                result.append("-")
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return result.isEmpty ? "my-id" : String(result.prefix(64))
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        trimmingCharacters(in: " \t\r\n")
    }

    /// Trims characters of `characters` (which must be ASCII) from both ends.
    func trimmingCharacters(in characters: StaticString) -> String {
        characters.withUTF8Buffer { trimmingCharacters(inASCII: $0) }
    }

    private func trimmingCharacters(inASCII members: UnsafeBufferPointer<UInt8>) -> String {
        let text = Substring(self)
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return "" }
        // Most values have nothing to trim: no scan, no copy of the characters.
        if !members.contains(first), !members.contains(last) { return String(text) }
        if text.isPureASCII {
            // ASCII: every byte is a character, so trimming bytes is trimming characters.
            guard let start = utf8.firstIndex(where: { !members.contains($0) }) else { return "" }
            let end = utf8.lastIndex(where: { !members.contains($0) })!
            return String(text[start...end])
        }
        let set = Set(members.map { Character(Unicode.Scalar($0)) })
        guard let start = firstIndex(where: { !set.contains($0) }) else { return "" }
        let end = lastIndex(where: { !set.contains($0) })!
        return String(self[start...end])
    }
}

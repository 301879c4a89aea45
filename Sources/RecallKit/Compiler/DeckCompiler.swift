import Foundation

/// Turns a parsed ``FactsDocument`` into a ``CompiledDeck``: several cards per fact, with
/// distractors drawn from other answers of the same kind, and every cross-fact problem
/// (duplicate ids, unknown sources, thin kinds) reported as a diagnostic.
///
/// Pure and deterministic: the same document and seed give the same deck, byte for byte.
///
///     let (document, parseDiagnostics) = FactsParser().parse(text: text, path: "my.facts")
///     let result = DeckCompiler(seed: 7).compile(document, contentHash: "…")
///     result.deck?.cards.count
public struct DeckCompiler: Sendable {
    /// Answers longer than this are not asked as typed cards.
    public static let maximumTypedAnswerLength = 60
    /// Options beside the right one in a multiple-choice card.
    public static let distractorCount = 3
    /// Blanks one cloze may have. Each card of a cloze shows the whole sentence, so its cards
    /// grow with the square of its blanks: a 100 kB line of 16,000 blanks took 44 s to check
    /// and would have written gigabytes of JSON.
    public static let maximumClozeBlanks = 50

    public var seed: UInt64
    /// Threads for big decks; the deck is the same for any number.
    public var parallel: ParallelSlices
    /// False for `recall check`: every card is still made, so every problem is found and the
    /// cards are counted, but each is dropped as soon as it is made and the deck has none.
    /// On a 100,000-fact deck that takes a fifth off `recall check`'s peak memory.
    public var keepsCards: Bool
    /// How many facts' cards one slice makes and writes when streaming (tests make it small).
    var streamingSlice = 1_024

    public init(seed: UInt64 = 0, parallel: ParallelSlices = ParallelSlices(), keepsCards: Bool = true) {
        self.seed = seed
        self.parallel = parallel
        self.keepsCards = keepsCards
    }

    /// The outcome of compiling: a deck unless there were errors, and every diagnostic.
    public struct Result: Sendable {
        public var deck: CompiledDeck?
        public var diagnostics: [Diagnostic]
        /// The cards made, kept or not.
        public var cardCount: Int
    }

    public func compile(_ document: consuming FactsDocument, contentHash: String) -> Result {
        compile(document, contentHash: contentHash, writingTo: nil) { _ in }
    }

    /// Compiles like ``compile(_:contentHash:)``, but writes the cards to `stream` as they are
    /// made, in deck order, and keeps none: the result's deck has no cards. `recall compile -o`
    /// works this way, so a big deck's cards are never all in memory; the caller has begun
    /// the stream and finishes it with the result's deck. When the document has errors before
    /// its cards are made, nothing is written (the cards are only counted, for the warnings
    /// they raise).
    ///
    ///     stream.begin(emit)
    ///     let result = DeckCompiler(seed: 0).compile(document, contentHash: hash, writingTo: stream, emit)
    ///     if let deck = result.deck { stream.finish(deck, emit) }
    public func compile(_ document: consuming FactsDocument, contentHash: String, writingTo stream: DeckJSONStream,
                        _ emit: (UnsafeRawBufferPointer) -> Void) -> Result {
        compile(document, contentHash: contentHash, writingTo: Optional(stream), emit)
    }

    private func compile(_ document: consuming FactsDocument, contentHash: String, writingTo stream: DeckJSONStream?,
                         _ emit: (UnsafeRawBufferPointer) -> Void) -> Result {
        let header = document.header, path = document.path, sources = document.sources
        var run = CompilerRun(document: document, seed: seed, parallel: parallel, keepsCards: keepsCards && stream == nil)
        run.resolveFacts()
        run.buildPools()
        // Card making adds only warnings: a deck with errors by now is never written.
        if let stream, header != nil, !run.diagnostics.contains(where: { $0.severity == .error }) {
            run.writeCards(to: stream, inSlicesOf: streamingSlice, emit)
        } else {
            run.generateCards()
        }
        let diagnostics = run.diagnostics.sorted { ($0.span.start, $0.id) < ($1.span.start, $1.id) }
        guard let header, !diagnostics.contains(where: { $0.severity == .error }) else {
            return Result(deck: nil, diagnostics: diagnostics, cardCount: run.cardCount)
        }
        let deck = CompiledDeck(
            deck: .init(id: header.id, title: header.title, description: header.description,
                        language: header.language, authors: header.authors, path: path),
            seed: seed,
            contentHash: contentHash,
            sources: sources.map {
                .init(key: $0.key, title: $0.title, author: $0.author, date: $0.date, url: $0.url, file: $0.file)
            },
            cards: run.cards)
        let cardCount = run.cardCount
        BackgroundRelease.release(consume run)
        return Result(deck: deck, diagnostics: diagnostics, cardCount: cardCount)
    }
}

private extension Fact {
    /// What is left in place of a fact moved out of an array, and held in a resolved fact
    /// until its own moves in: empty strings and arrays, so making one allocates nothing.
    static var emptied: Fact { Fact(body: .list(question: "", items: [], ordered: false), line: 0) }

    /// Frees what card making never reads (field spans, raw citations, tags, section path)
    /// as each fact resolves, so that resolving the next facts reuses the memory instead of
    /// growing the heap: ~30 MB of a 100,000-fact deck's peak.
    mutating func dropWhatCardsNeverRead() {
        valueSpans = []
        citations = []
        tags = []
        sectionPath = []
    }
}

/// A fact with its derived identity and its answers already parsed into values.
struct ResolvedFact {
    var fact: Fact
    /// Explicit id, or `~` and a content hash (also for a pinned `h-<hash>` id).
    var factID: String
    /// The hash of the fact's normalised content. ``factKey`` is made from it (or from the
    /// explicit id) when asked, once for ``factHash`` and again by chronology cards: kept as a
    /// string, the key was 6 MB of a 100,000-fact deck.
    var contentHash: UInt64
    /// The deck id and fact key already hashed: each card adds only its variant.
    var factHash = StableHash()
    var topic: String
    var tags: [String]
    var citations: [CardCitation]
    /// The expected answer of the fact's main question (not used by cloze facts).
    var expected: ExpectedAnswer?
    /// The kind pool the main answer belongs to, and its value there.
    var poolKey: String?
    var poolMember: PoolMember?
    /// Parsed blanks of a cloze fact, in order.
    var blanks: [ResolvedBlank] = []
    /// Parsed date of an event.
    var eventDate: HistoricalDate?
    /// What card making needs to know before it starts (``CardPlan/mostCards(of:)`` and
    /// ``CardPlan/yieldsCards(_:)``), worked out once the answers are resolved. Stored, so
    /// that reading them does not copy the whole fact out of the deck's array.
    var mostCards = 0
    var yieldsCards = false
}

extension ResolvedFact {
    /// What card ids hash: `id:<explicit>` or `content:<hash>` (the pinned hash of an
    /// `h-<hash>` id, or the fact's own).
    var factKey: String {
        guard let explicit = fact.explicitID else { return StableHash(value: contentHash).hex(digits: 16, after: "content:") }
        if let pinned = PinnedFactID.contentHash(in: explicit) { return "content:" + pinned }
        return "id:" + explicit
    }
}

struct ResolvedBlank {
    var span: ClozeSpan
    var expected: ExpectedAnswer
    var poolKey: String?
    var member: PoolMember
}

/// Where a pool member is among the resolved facts: gathering places, not members, copies
/// no strings.
private struct PoolMemberPlace {
    enum Part {
        /// The fact's main answer.
        case main
        case blank(Int32)
        /// An item of a list fact: members only for other facts' distractors.
        case listItem(Int32)
    }

    var fact: Int32
    var part: Part

    func member(in facts: [ResolvedFact]) -> PoolMember {
        switch part {
        case .main: return facts[Int(fact)].poolMember!
        case .blank(let blank): return facts[Int(fact)].blanks[Int(blank)].member
        case .listItem(let item):
            guard case .list(_, let items, _) = facts[Int(fact)].fact.body else { preconditionFailure("a list item of a fact that is not a list") }
            let canonical = items[Int(item)].canonical
            return PoolMember(display: canonical, folded: Fold.text(canonical), numeric: nil)
        }
    }
}

/// The answers of one kind, indexed so that adding a member and drawing distractors stay
/// cheap on decks of a hundred thousand facts.
struct AnswerPool {
    var members: [PoolMember] = []
    /// Index entries, chained: a member, and the next entry filed under the same key or -1.
    private var entries: [(member: Int, next: Int)] = []
    /// The first entry filed under each whole folded text, keyed by the text's hash.
    /// Entry numbers are `Int32`, so a slot (key and value) takes 16 bytes, not 24.
    private var byText = HashKeyedTable<Int32>(minimumCapacity: 0)
    /// The first entry filed under each word suffix, whole text included, by its hash ("lev
    /// kamenev" is filed under itself and "kamenev"): two forms of one answer share one.
    /// Hashes, not strings, so filing and looking up copy no text; a collision only adds a
    /// candidate that ``appendOverlapping(_:to:suffixes:)`` then rules out by comparing the texts.
    private var bySuffix = HashKeyedTable<Int32>(minimumCapacity: 0)
    /// Indexes of members with a value, sorted by value then text.
    var byValue: [Int] = []

    /// The hash of `folded` and of every shorter run of its last words, with whether it is
    /// the whole text. Folded text has single ASCII spaces between words, so the byte
    /// positions of spaces are the word boundaries.
    static func forEachWordSuffix(of folded: String, _ body: (_ hash: UInt64, _ isWhole: Bool) -> Void) {
        folded.withUTF8Bytes { forEachWordSuffix(of: $0, body) }
    }

    private static func forEachWordSuffix(of bytes: UnsafeBufferPointer<UInt8>, _ body: (_ hash: UInt64, _ isWhole: Bool) -> Void) {
        var start = 0
        while start < bytes.count || start == 0 {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
            for byte in bytes[start...] { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            body(hash, start == 0)
            guard let space = bytes[start...].firstIndex(of: 0x20) else { return }
            start = space + 1
        }
    }

    /// Buffers that adding members fills and empties, so that building a pool allocates only
    /// the pool: kept by the caller, as a pool is read by several card makers at once.
    struct Scratch {
        fileprivate var suffixes: [(hash: UInt64, isWhole: Bool)] = []
        fileprivate var candidates: [Int] = []
    }

    init() {}

    /// Room for `count` members of a word or two each, so that adding them does not grow the
    /// tables again and again (re-hashing every entry each time).
    init(expectedMembers count: Int) {
        members.reserveCapacity(count)
        entries.reserveCapacity(3 * count)
        byText = HashKeyedTable(minimumCapacity: count)
        bySuffix = HashKeyedTable(minimumCapacity: 2 * count)
    }

    /// Adds a member, or keeps the fuller of two forms of one answer.
    mutating func add(_ member: PoolMember, scratch: inout Scratch) {
        let index: Int
        if let existing = firstOverlapping(member.folded, scratch: &scratch) {
            guard member.folded.count > members[existing].folded.count else { return }
            // The old form is a word suffix of the new one, so its index entries stay true.
            members[existing] = member
            index = existing
        } else {
            index = members.count
            members.append(member)
        }
        Self.forEachWordSuffix(of: member.folded) { hash, isWhole in
            if isWhole { Self.file(index, under: hash, in: &byText, entries: &entries) }
            Self.file(index, under: hash, in: &bySuffix, entries: &entries)
        }
    }

    private static func file(_ member: Int, under hash: UInt64, in heads: inout HashKeyedTable<Int32>, entries: inout [(member: Int, next: Int)]) {
        entries.append((member, heads.updateValue(Int32(entries.count), for: hash).map(Int.init) ?? -1))
    }

    private func collect(under hash: UInt64, in heads: HashKeyedTable<Int32>, into result: inout [Int]) {
        var entry = heads[hash].map(Int.init) ?? -1
        while entry >= 0 {
            result.append(entries[entry].member)
            entry = entries[entry].next
        }
    }

    mutating func sortNumbers() {
        byValue = members.indices.filter { members[$0].numeric != nil }.sorted {
            let left = members[$0], right = members[$1]
            return left.numeric! != right.numeric! ? left.numeric! < right.numeric! : left.folded < right.folded
        }
    }

    /// The first member added that is another form of `folded`.
    func firstOverlapping(_ folded: String, scratch: inout Scratch) -> Int? {
        scratch.candidates.removeAll(keepingCapacity: true)
        appendOverlapping(folded, to: &scratch.candidates, suffixes: &scratch.suffixes)
        return scratch.candidates.first
    }

    /// Appends the members that are another form of `folded` to `result`, in the order they
    /// were added; `result` may already hold some of them. `suffixes` is a buffer to reuse.
    func appendOverlapping(_ folded: String, to result: inout [Int], suffixes: inout [(hash: UInt64, isWhole: Bool)]) {
        // Members that `folded` is a word suffix of, and members that are a word suffix of it.
        // The hashes first, then the look-ups: a closure that looked them up captured a copy of
        // the pool (a retain and release of each of its tables) at every call.
        suffixes.removeAll(keepingCapacity: true)
        Self.forEachWordSuffix(of: folded) { suffixes.append(($0, $1)) }
        let start = result.count
        for suffix in suffixes {
            // Not a conditional expression: it would copy (and retain) the table it picks.
            if suffix.isWhole {
                collect(under: suffix.hash, in: bySuffix, into: &result)
            } else {
                collect(under: suffix.hash, in: byText, into: &result)
            }
        }
        if result.count - start > 1 { result[start...].sort() }
        // In place: drop repeats (members filed under several suffixes) and hash collisions.
        var kept = start
        for index in start..<result.count {
            let member = result[index]
            guard kept == start || result[kept - 1] != member, Fold.overlaps(members[member].folded, folded) else { continue }
            result[kept] = member
            kept += 1
        }
        result.removeSubrange(kept...)
    }

    /// Up to `count` members nearest to `value` (ties by text), skipping `excluded` (sorted),
    /// appended to `result`; false when the pool has no values.
    func appendNearest(to value: Double, count: Int, excluding excluded: [Int], to result: inout [Int]) -> Bool {
        guard !byValue.isEmpty else { return false }
        var low = 0, high = byValue.count
        while low < high {
            let middle = (low + high) / 2
            if members[byValue[middle]].numeric! < value { low = middle + 1 } else { high = middle }
        }
        var left = low - 1, right = low
        let start = result.count
        while result.count - start < count, left >= 0 || right < byValue.count {
            let takeLeft: Bool
            if left < 0 { takeLeft = false } else if right >= byValue.count { takeLeft = true } else {
                let l = members[byValue[left]], r = members[byValue[right]]
                let dl = abs(l.numeric! - value), dr = abs(r.numeric! - value)
                takeLeft = dl != dr ? dl < dr : l.folded < r.folded
            }
            let index = takeLeft ? byValue[left] : byValue[right]
            if takeLeft { left -= 1 } else { right += 1 }
            if !excluded.containsSorted(index) { result.append(index) }
        }
        return true
    }
}

extension [Int] {
    /// Keeps the first of each run of equal values: in a sorted array, each value once.
    mutating func removeAdjacentDuplicates() {
        guard count > 1 else { return }
        var kept = 1
        for index in 1..<count where self[index] != self[kept - 1] {
            self[kept] = self[index]
            kept += 1
        }
        removeSubrange(kept...)
    }

    /// Whether a sorted array holds `value`, by binary search.
    func containsSorted(_ value: Int) -> Bool {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < count && self[low] == value
    }
}

/// Kinds found too thin for distractors, each with the warning of the first fact that met it,
/// in the order found: slices find them apart, and are merged in deck order, as one pass would.
struct ThinKinds {
    private(set) var warnings: [(poolKey: String, warning: Diagnostic)] = []

    func contains(_ poolKey: String) -> Bool {
        warnings.contains { $0.poolKey == poolKey }
    }

    /// Keeps `warning` unless `poolKey` already has one.
    mutating func add(_ poolKey: String, _ warning: @autoclosure () -> Diagnostic) {
        if !contains(poolKey) { warnings.append((poolKey, warning())) }
    }

    /// Adds what a later slice found.
    mutating func add(_ later: ThinKinds) {
        for found in later.warnings { add(found.poolKey, found.warning) }
    }
}

/// An answer that can serve as another card's distractor.
struct PoolMember {
    var display: String
    /// Folded form, to keep a distractor from equalling an accepted answer.
    var folded: String
    /// For years, dates and numbers: distractors are drawn from the nearest values.
    var numeric: Double?
}

private struct CompilerRun {
    var document: FactsDocument
    let seed: UInt64
    let parallel: ParallelSlices
    let deckID: String
    var diagnostics: [Diagnostic] = []
    var facts: [ResolvedFact] = []
    var pools: [String: AnswerPool] = [:]
    var cards: [Card] = []
    /// Whether ``generateCards()`` keeps the cards it makes (`recall check` only counts them).
    let keepsCards: Bool
    /// Cards made, including those not kept.
    var cardCount = 0

    init(document: FactsDocument, seed: UInt64, parallel: ParallelSlices, keepsCards: Bool) {
        self.document = document
        self.seed = seed
        self.parallel = parallel
        self.keepsCards = keepsCards
        self.deckID = document.header?.id ?? "untitled"
    }

    mutating func report(_ message: DiagnosticMessage, _ span: SourceSpan, notes: [String] = []) {
        diagnostics.append(Diagnostic(message, path: document.path, span: span, notes: notes))
    }

    // MARK: Facts

    /// What resolving one fact on its own found, before duplicates across the deck are known:
    /// what the pass over the deck needs of the parsed fact, kept apart from the resolved fact
    /// so that pass, on one thread, reads these few values and not the whole fact again.
    struct FactResolution {
        /// False when one of its answers does not parse: no resolved fact was kept for it.
        var resolves: Bool
        var line: Int
        var explicitID: String?
        /// Where a duplicate-id error points: the fact's `id:` value, or its first line when it
        /// has none (a fact without an id that repeats a pinned one), as ``Fact/span(of:)`` does.
        var idSpan: SourceSpan
        var hasCitations: Bool
        var contentHashValue: UInt64
        /// The content hash its card ids stand for (plain or pinned by `h-<hash>`), or nil
        /// for an explicit id: the same as comparing `factKey` strings, without hashing them.
        var contentOwner: UInt64?
        var pinned: Bool
        /// What resolving its answers reported, in order.
        var diagnostics: [Diagnostic]
    }

    /// What facts' citations say about the deck's sources: the keys cited, and a problem for
    /// each citation of a key that no `source:` block defines.
    struct SourceUse {
        var cited: Set<String> = []
        var unknown: [Diagnostic] = []
        /// Neighbouring facts mostly cite one source: it was just looked up.
        private var previous: (key: String, isDefined: Bool)?

        /// `defined` holds each defined key (with its source's title); `keys` are the keys in
        /// file order, for suggestions.
        mutating func note(_ citation: borrowing Citation, defined: [String: String], keys: [String], path: String) {
            if citation.key != previous?.key {
                cited.insert(citation.key)
                previous = (citation.key, defined[citation.key] != nil)
            }
            guard previous?.isDefined == false else { return }
            let notes = Suggestion.closest(to: citation.key, in: keys).map { ["help: did you mean '\($0)'?"] }
                ?? ["help: define it in a `source: \(citation.key)` block"]
            unknown.append(Diagnostic(.unknownSourceKey(citation.key), path: path, span: citation.span, notes: notes))
        }
    }

    /// Resolves the parsed facts, which it moves out of the document, and checks the sources
    /// they cite.
    mutating func resolveFacts() {
        // Each fact resolves on its own, in slices at once, into its place in the deck's
        // buffer. Duplicates across the deck are found in file order, by whichever thread
        // finishes the slice next in order while the others resolve on, and the facts dropped
        // are closed up by moving memory. Appending each resolved fact to an array instead
        // copied them all on one thread and faulted in fresh pages; finding duplicates after
        // all slices were resolved left a core idle for a twentieth of a compile.
        var all = document.facts
        document.facts = []
        let path = document.path
        var found: [Diagnostic] = []
        let count = all.count
        // A content owner is only reported when one of the two facts is pinned: without
        // pinned facts there is nothing to look for.
        let anyPinned = all.contains { $0.explicitID.map { PinnedFactID.contentHash(in: $0) != nil } ?? false }
        var seenIDs: [String: Int] = [:]
        var cited: Set<String> = []
        // Content hashes are keyed by their value, in tables that do not hash them again.
        var seenContent = HashKeyedTable<Int>(minimumCapacity: count)
        var contentOwners = HashKeyedTable<(line: Int, pinned: Bool)>(minimumCapacity: anyPinned ? count : 0)
        facts = [ResolvedFact](unsafeUninitializedCapacity: count) { buffer, initialized in
            let base = buffer.baseAddress
            let order = SliceOrder<(range: Range<Int>, resolutions: [FactResolution], sources: SourceUse)>()
            var filled = 0
            all.withUnsafeMutableBufferPointer { parsed in
                let parsed = parsed.baseAddress
                _ = parallel.map(count: count, slices: parallel.joinedSliceCount(for: count, threshold: 2_000)) { slice, range in
                    var part = self
                    part.diagnostics = []
                    var region = SliceRegion(base: base.map { $0 + range.lowerBound }, capacity: range.count)
                    let facts = UnsafeMutableBufferPointer(start: parsed.map { $0 + range.lowerBound }, count: range.count)
                    var sourceUse = SourceUse()
                    let resolutions = part.resolve(movingOutOf: facts, into: &region, citing: &sourceUse)
                    order.finish(slice, (range, resolutions, sourceUse)) { resolved in
                        cited.formUnion(resolved.sources.cited)
                        found += resolved.sources.unknown
                        // The next resolved fact of this slice, in its region.
                        var next = resolved.range.lowerBound
                        for resolution in resolved.resolutions {
                            let keep = Self.checkAcrossTheDeck(resolution, path: path, seenIDs: &seenIDs, seenContent: &seenContent,
                                                               contentOwners: &contentOwners, checkingOwners: anyPinned, into: &found)
                            guard resolution.resolves else { continue }
                            if !keep {
                                (base! + next).deinitialize(count: 1)
                            } else {
                                if next != filled { (base! + filled).moveInitialize(from: base! + next, count: 1) }
                                filled += 1
                            }
                            next += 1
                        }
                    }
                }
            }
            precondition(!order.hasWaiting, "a slice's facts were never checked across the deck")
            initialized = filled
        }
        diagnostics += found
        reportUnusedSources(cited: cited)
        // Only what was left in place of each fact: freed on another thread all the same.
        BackgroundRelease.release(consume all)
    }

    /// The pass over the deck for one fact, in file order: a duplicate fact, a duplicate id,
    /// or a fact without a source. False when the fact is dropped (its id is taken).
    private static func checkAcrossTheDeck(_ resolution: FactResolution, path: String, seenIDs: inout [String: Int],
                                           seenContent: inout HashKeyedTable<Int>,
                                           contentOwners: inout HashKeyedTable<(line: Int, pinned: Bool)>, checkingOwners: Bool,
                                           into found: inout [Diagnostic]) -> Bool {
        let line = resolution.line
        if let firstLine = seenContent.insertIfAbsent(resolution.contentHashValue, line) {
            found.append(Diagnostic(.duplicateFact(firstLine: firstLine), path: path, span: SourceSpan(line: line, column: 1)))
        }
        if let explicit = resolution.explicitID {
            if let firstLine = seenIDs[explicit] {
                found.append(Diagnostic(.duplicateID(explicit, firstLine: firstLine), path: path, span: resolution.idSpan))
                return false
            }
            seenIDs[explicit] = line
        }
        // Identical unpinned facts are only a duplicate-fact warning; a pinned id must be unique.
        // An explicit id (not pinned) was just found new, so no other fact owns it.
        if checkingOwners, let owner = resolution.contentOwner,
           let firstOwner = contentOwners.insertIfAbsent(owner, (line, resolution.pinned)),
           firstOwner.pinned || resolution.pinned {
            let shown = resolution.explicitID ?? PinnedFactID.id(forContentHash: StableHash(value: resolution.contentHashValue).hex)
            found.append(Diagnostic(.duplicateID(shown, firstLine: firstOwner.line), path: path, span: resolution.idSpan))
            return false
        }
        if !resolution.hasCitations {
            found.append(Diagnostic(.factWithoutSource(), path: path, span: SourceSpan(line: line, column: 1),
                                    notes: ["help: add `source: KEY \"a short phrase from the text\"`"]))
        }
        found += resolution.diagnostics
        return true
    }

    /// Resolves facts each on its own: identity, section tags, citations and parsed answers.
    /// Each fact that resolves is added to `region`, in order. The facts are moved out of
    /// `slice`, which is left holding empty ones: a copy retained each of their strings.
    /// The sources the facts cite are noted in `sources`, every fact's, even one with errors.
    mutating func resolve(movingOutOf slice: UnsafeMutableBufferPointer<Fact>, into region: inout SliceRegion<ResolvedFact>,
                          citing sources: inout SourceUse) -> [FactResolution] {
        var resolutions: [FactResolution] = []
        resolutions.reserveCapacity(slice.count)
        var contentKey: [UInt8] = []
        let sourceTitles = Dictionary(document.sources.map { ($0.key, $0.title) }, uniquingKeysWith: { first, _ in first })
        let sourceKeys = document.sources.map(\.key)
        var section: (path: [String], tags: [String], topic: String) = ([], [], "")
        for index in slice.indices {
            let fact = (slice.baseAddress! + index).move()
            (slice.baseAddress! + index).initialize(to: Fact.emptied)
            for citation in fact.citations.indices {
                sources.note(fact.citations[citation], defined: sourceTitles, keys: sourceKeys, path: document.path)
            }
            let contentHashValue = ContentKey.hash(of: fact.body, scratch: &contentKey)
            var factID = contentHashValue.hex(digits: 12, after: "~")
            var owner: UInt64? = contentHashValue.value
            var pinned = false
            if let explicit = fact.explicitID {
                if let pinnedHash = PinnedFactID.contentHash(in: explicit) {
                    // `h-<hash>` (written by --assign-ids) keeps the identity the fact had without an id.
                    factID = "~" + String(pinnedHash.prefix(12))
                    owner = UInt64(pinnedHash, radix: 16)!
                    pinned = true
                } else {
                    factID = explicit
                    owner = nil
                }
            }
            // Facts of one section share its heading tags and topic: work them out once.
            if fact.sectionPath != section.path {
                section = (fact.sectionPath, uniqued(fact.sectionPath.map(Identifier.slug)), fact.sectionPath.joined(separator: " › "))
            }
            let tags = fact.tags.isEmpty ? section.tags : uniqued(fact.tags + section.tags)
            var resolved = ResolvedFact(
                fact: Fact.emptied, factID: factID, contentHash: contentHashValue.value,
                topic: section.topic,
                tags: tags,
                citations: fact.citations.map {
                    CardCitation(key: $0.key, title: sourceTitles[$0.key], location: $0.location, evidence: $0.evidence)
                })
            let ok = resolveAnswers(of: fact, into: &resolved)
            resolutions.append(FactResolution(resolves: ok, line: fact.line, explicitID: fact.explicitID,
                                              idSpan: fact.explicitID == nil ? SourceSpan(line: fact.line, column: 1) : fact.span(of: "id"),
                                              hasCitations: !fact.citations.isEmpty, contentHashValue: contentHashValue.value,
                                              contentOwner: owner, pinned: pinned, diagnostics: diagnostics))
            diagnostics.removeAll()
            guard ok else { continue }
            resolved.fact = consume fact
            resolved.fact.dropWhatCardsNeverRead()
            resolved.factHash = CardID.factHash(deckID: deckID, factKey: resolved.factKey)
            resolved.mostCards = CardPlan.mostCards(of: resolved)
            resolved.yieldsCards = CardPlan.yieldsCards(resolved)
            region.append(resolved)
        }
        return resolutions
    }

    /// Parses the numbers and dates of `fact` and builds its expected answer into `resolved`;
    /// false on error.
    mutating func resolveAnswers(of fact: Fact, into resolved: inout ResolvedFact) -> Bool {
        let kind = fact.kind
        switch fact.body {
        case .question(_, let answer):
            guard let (expected, member) = answerValue(answer, kind: kind, span: fact.span(of: "A")) else { return false }
            resolved.expected = expected
            resolved.poolKey = kind.map(poolKey(forKind:))
            resolved.poolMember = member
            checkDistractors(fact, accepted: answer.all)
            checkLength(answer.canonical, span: fact.span(of: "A"))
        case .term(let term, _):
            resolved.expected = .text(canonical: term.canonical, aliases: term.aliases, kind: AnswerKind(identifier: kind ?? "term"))
            resolved.poolKey = poolKey(forKind: kind ?? "term")
            resolved.poolMember = PoolMember(display: term.canonical, folded: Fold.text(term.canonical), numeric: nil)
            checkDistractors(fact, accepted: term.all)
            checkLength(term.canonical, span: fact.span(of: "term"))
        case .cloze(let segments):
            let spans = segments.compactMap { if case .blank(let span) = $0 { span } else { nil } }
            if spans.isEmpty {
                report(.clozeWithoutSpan(), fact.span(of: "cloze"),
                       notes: ["help: mark the answer with double braces, e.g. `{{place: Leningrad}}`"])
            }
            guard spans.count <= DeckCompiler.maximumClozeBlanks else {
                report(.clozeTooManyBlanks(spans.count, limit: DeckCompiler.maximumClozeBlanks), fact.span(of: "cloze"),
                       notes: ["help: split the sentence into several `cloze:` facts"])
                return false
            }
            var ok = true
            for span in spans {
                let spanKind = span.kind ?? kind
                guard let (expected, member) = answerValue(span.answer, kind: spanKind, span: span.span) else { ok = false; continue }
                checkLength(span.answer.canonical, span: span.span)
                resolved.blanks.append(ResolvedBlank(span: span, expected: expected, poolKey: spanKind.map(poolKey(forKind:)), member: member))
            }
            guard ok else { return false }
        case .number(_, let answer, let unit):
            do {
                let spec = try NumberSpec.parse(answer)
                resolved.expected = .number(spec, unit: unit)
                resolved.poolKey = "number|" + (unit ?? "")
                resolved.poolMember = PoolMember(display: spec.optionText, folded: Fold.text(spec.optionText), numeric: spec.centralValue)
            } catch {
                report(.invalidNumber("\(error)"), fact.span(of: "answer"))
                return false
            }
            checkDistractors(fact, accepted: [])
        case .event(_, let dateText):
            guard let date = try? HistoricalDate.parse(dateText) else {
                report(.invalidDate(dateText), fact.span(of: "date"),
                       notes: ["help: write the date as 1934-12-01, 1934-12 or 1934"])
                return false
            }
            resolved.eventDate = date
            resolved.expected = .date(date)
            resolved.poolKey = "date"
            resolved.poolMember = PoolMember(display: date.displayText, folded: Fold.text(date.displayText), numeric: date.sortValue)
        case .list(_, let items, let ordered):
            let itemKind = AnswerKind(identifier: kind ?? "text")
            resolved.expected = .list(items: items.map { ListItem(canonical: $0.canonical, aliases: $0.aliases, kind: itemKind) }, ordered: ordered)
            checkLength(items.map(\.canonical).joined(separator: ", "), span: fact.span(of: "list"), limit: 200)
        }
        return true
    }

    /// The expected answer and pool value of a text, year, date or number answer.
    mutating func answerValue(_ answer: AnswerText, kind: String?, span: @autoclosure () -> SourceSpan) -> (ExpectedAnswer, PoolMember)? {
        switch kind {
        case "year", "date":
            guard let date = (try? HistoricalDate.parse(answer.canonical)) ?? HistoricalDate.parseWritten(answer.canonical) else {
                report(.invalidDate(answer.canonical), span(), notes: ["help: write the date as 1934-12-01, 1934-12 or 1934"])
                return nil
            }
            return (.date(date), PoolMember(display: answer.canonical, folded: Fold.text(date.displayText), numeric: date.sortValue))
        case "number":
            do {
                let spec = try NumberSpec.parse(answer.canonical)
                return (.number(spec, unit: nil), PoolMember(display: answer.canonical, folded: Fold.text(answer.canonical), numeric: spec.centralValue))
            } catch {
                report(.invalidNumber("\(error)"), span())
                return nil
            }
        default:
            let expected = ExpectedAnswer.text(canonical: answer.canonical, aliases: answer.aliases, kind: AnswerKind(identifier: kind ?? "text"))
            return (expected, PoolMember(display: answer.canonical, folded: Fold.text(answer.canonical), numeric: nil))
        }
    }

    func poolKey(forKind kind: String) -> String {
        kind == "date" ? "date" : kind
    }

    mutating func checkDistractors(_ fact: Fact, accepted: [String]) {
        guard !fact.distractors.isEmpty else { return }
        let folded = Set(accepted.map(Fold.text))
        for distractor in fact.distractors where folded.contains(Fold.text(distractor)) {
            report(.distractorIsAnswer(distractor), fact.span(of: "distractors"))
        }
        if fact.distractors.count < DeckCompiler.distractorCount {
            report(.tooFewDistractors(fact.distractors.count), fact.span(of: "distractors"))
        }
    }

    mutating func checkLength(_ answer: String, span: @autoclosure () -> SourceSpan, limit: Int = DeckCompiler.maximumTypedAnswerLength) {
        // No more bytes than the limit means no more characters: most answers need no count.
        if answer.utf8.count > limit, answer.count > limit {
            report(.answerTooLong(answer.count, limit: limit), span())
        }
    }

    // MARK: Sources

    /// Reports each source no fact cites.
    mutating func reportUnusedSources(cited: Set<String>) {
        for source in document.sources where !cited.contains(source.key) {
            report(.unusedSource(source.key), source.keySpan)
        }
    }

    // MARK: Pools

    mutating func buildPools() {
        // Members are gathered per pool in fact order, in slices at once, then each pool is
        // indexed on its own thread from the slices' lists in order: a pool depends only on
        // its members and their order. The lists hold where each member is, not a copy of it
        // (a retain of each of its strings).
        let facts = self.facts
        let gathered = parallel.map(count: facts.count, slices: parallel.joinedSliceCount(for: facts.count, threshold: 2_000)) { _, range in
            var membersByKey: [String: [PoolMemberPlace]] = [:]
            func add(_ place: PoolMemberPlace, to key: String?) {
                guard let key else { return }
                membersByKey[key, default: []].append(place)
            }
            for index in range {
                let fact = Int32(index)
                if facts[index].poolMember != nil { add(PoolMemberPlace(fact: fact, part: .main), to: facts[index].poolKey) }
                for blank in facts[index].blanks.indices {
                    add(PoolMemberPlace(fact: fact, part: .blank(Int32(blank))), to: facts[index].blanks[blank].poolKey)
                }
                if case .list(_, let items, _) = facts[index].fact.body, let kind = facts[index].fact.kind {
                    let key = poolKey(forKind: kind)
                    for item in items.indices { add(PoolMemberPlace(fact: fact, part: .listItem(Int32(item))), to: key) }
                }
            }
            return membersByKey
        }
        // Biggest first, so that no core is left with a big pool at the end while the other waits.
        let sizes = gathered.reduce(into: [String: Int]()) { sizes, part in
            for (key, places) in part { sizes[key, default: 0] += places.count }
        }
        let keys = sizes.keys.sorted { sizes[$0]! != sizes[$1]! ? sizes[$0]! > sizes[$1]! : $0 < $1 }
        let built = parallel.map(count: keys.count, slices: keys.count) { _, range in
            range.map { index in
                let key = keys[index]
                var pool = AnswerPool(expectedMembers: sizes[key]!)
                var scratch = AnswerPool.Scratch()
                for part in gathered {
                    guard let places = part[key] else { continue }
                    for place in places { pool.add(place.member(in: facts), scratch: &scratch) }
                }
                pool.sortNumbers()
                return pool
            }
        }
        pools = Dictionary(uniqueKeysWithValues: zip(keys, built.joined()))
    }

    // MARK: Cards

    /// Makes every fact's cards, keeping them when ``keepsCards`` (otherwise only counting them).
    mutating func generateCards() {
        // A thin kind is reported where the first fact to meet it is, in whichever slice that
        // fact was made, as one pass would.
        var thinKinds = ThinKinds()
        // Chronology cards come last: a pair per neighbouring events and a set per four.
        let events = facts.count { $0.eventDate != nil }
        let (made, count) = makeCards(keeping: keepsCards, room: events + events / 4, thinKinds: &thinKinds)
        cardCount += count
        cards = made
        let before = cards.count
        addChronologyCards()
        cardCount += cards.count - before
        if !keepsCards { cards = [] }
        diagnostics += thinKinds.warnings.map(\.warning)
    }

    /// Makes every fact's cards and writes them to `stream`, keeping none: in slices of
    /// `sliceSize` facts at once, each writing a fact's cards as soon as they are made, while
    /// they are still in the cache, and handing its lines to the stream as soon as the slices
    /// before it have. Chronology cards come last.
    mutating func writeCards(to stream: DeckJSONStream, inSlicesOf sliceSize: Int, _ emit: (UnsafeRawBufferPointer) -> Void) {
        let facts = self.facts
        let (pools, seed, path) = (self.pools, self.seed, document.path)
        // Each fact's number in the JSON, known before any slice starts (see `yieldsCards`).
        var numbers = [Int](repeating: 0, count: facts.count)
        var nextNumber = stream.nextFactNumber
        for index in facts.indices {
            numbers[index] = nextNumber
            if facts[index].yieldsCards { nextNumber += 1 }
        }
        // No windows with a wait at the end of each: a core that finishes a slice takes the
        // next, and the one that finishes the slice next in order writes it (and any finished
        // after it) to the file. Below 2,000 facts one thread is quicker than starting two.
        let slices = facts.count < 2_000 ? 1 : (facts.count + max(sliceSize, 1) - 1) / max(sliceSize, 1)
        let ordered = OrderedCardLines()
        defer { ordered.deallocate() }
        // The chronology cards, which need only the resolved facts, are made and written
        // first, on one core, while the other cores start on the slices; their lines are
        // handed over after the last slice's. Their facts are numbered after every other.
        let deckID = self.deckID
        let parts = parallel.map(count: slices + 1, slices: slices + 1) { part, _ -> (thinKinds: ThinKinds, chronology: CardLines?) in
            guard part > 0 else {
                let made = Self.chronologyCards(of: facts, deckID: deckID, seed: seed, parallel: ParallelSlices(workers: 1))
                var lines = CardLines()
                lines.add(made, numberingFactsFrom: nextNumber)
                BackgroundRelease.release(consume made)
                return (ThinKinds(), lines)
            }
            let slice = part - 1
            let range = ParallelSlices.range(ofSlice: slice, of: slices, over: facts.count)
            var lines = ordered.take()
            let thinKinds = Self.writeCards(of: facts[range], numbers: numbers[range],
                                            pools: pools, seed: seed, path: path, into: &lines)
            ordered.finish(slice, lines) { stream.append(&$0, emit) }
            return (thinKinds, nil)
        }
        precondition(stream.nextFactNumber == nextNumber, "a slice's lines were not handed over")
        cardCount += ordered.cardCount
        var thinKinds = ThinKinds()
        for part in parts { thinKinds.add(part.thinKinds) }
        if var chronology = parts[0].chronology {
            cardCount += chronology.cardCount
            stream.append(&chronology, emit)
            chronology.deallocate()
        }
        diagnostics += thinKinds.warnings.map(\.warning)
    }

    /// One slice's part of ``writeCards(to:inSlicesOf:_:)``: each fact's cards are written to
    /// `lines` as they are made, then the fact, as fact `numbers[index]`. Returns the thin
    /// kinds found.
    private static func writeCards(of facts: ArraySlice<ResolvedFact>, numbers: ArraySlice<Int>,
                                   pools: [String: AnswerPool], seed: UInt64, path: String,
                                   into lines: inout CardLines) -> ThinKinds {
        // About 140 bytes of JSON a fact: room for them all, so the buffer never moves.
        lines.facts.bytes.reserve(lines.facts.bytes.count + facts.count * 160)
        // The lines go into the maker's output and come back at the end: a move of their
        // buffers' addresses, not of the bytes.
        var maker = CardMaker(pools: pools, seed: seed, path: path, into: CardJSONOutput(lines: lines))
        facts.withUnsafeBufferPointer { facts in
            // See ``CardMaker/makeCards(of:)``: the facts are only read.
            let facts = UnsafeMutableBufferPointer(mutating: facts)
            for (fact, number) in zip(facts.indices, numbers) {
                let before = maker.cards.count
                maker.cards.factNumber = number
                maker.makeCards(of: &facts[fact])
                let made = maker.cards.count - before
                precondition((made == 0) != facts[fact].yieldsCards, "a fact's cards were not foreseen")
                if made > 0 {
                    maker.cards.lines.addFact(id: facts[fact].factID, line: facts[fact].fact.line, note: facts[fact].fact.note,
                                              tags: facts[fact].tags, topic: facts[fact].topic, citations: facts[fact].citations)
                }
            }
        }
        lines = maker.cards.lines
        return maker.thinKinds
    }

    /// Every fact's cards, made in slices at once and joined in fact order (or only counted
    /// when not `keeping`), with `room` for more after them.
    private func makeCards(keeping: Bool, room: Int, thinKinds: inout ThinKinds) -> (cards: [Card], count: Int) {
        let facts = self.facts
        let (pools, seed, path) = (self.pools, self.seed, document.path)
        // Each slice fills its own region of the card buffer, sized for the most cards its
        // facts can yield; the regions are then closed up by moving memory. Joining arrays
        // instead copied every card (a retain per string) and freed the originals, on one core.
        var regionStarts = [0]
        regionStarts.reserveCapacity(facts.count + 1)
        for index in facts.indices { regionStarts.append(regionStarts[regionStarts.count - 1] + facts[index].mostCards) }
        var made = 0
        let cards = [Card](unsafeUninitializedCapacity: keeping ? regionStarts[facts.count] + room : 0) { buffer, initialized in
            let base = buffer.baseAddress
            let parts = parallel.map(count: facts.count, slices: parallel.joinedSliceCount(for: facts.count, threshold: 2_000)) { _, slice in
                let start = regionStarts[slice.lowerBound]
                let region = keeping ? CardRegion(base: base.map { $0 + start }, capacity: regionStarts[slice.upperBound] - start)
                    : CardRegion(countingUpTo: regionStarts[slice.upperBound] - start)
                var maker = CardMaker(pools: pools, seed: seed, path: path, into: CardRegionOutput(region))
                maker.makeCards(of: facts[slice])
                return (start: start, count: maker.cards.count, thinKinds: maker.thinKinds)
            }
            var filled = 0
            for part in parts {
                made += part.count
                thinKinds.add(part.thinKinds)
                guard keeping else { continue }
                if part.start != filled, part.count > 0 { (base! + filled).moveInitialize(from: base! + part.start, count: part.count) }
                filled += part.count
            }
            initialized = filled
        }
        return (cards, made)
    }

    /// "Which came first?" for each pair of neighbouring events, and "put these in order"
    /// for each run of four, over the deck's events sorted by date.
    mutating func addChronologyCards() {
        cards += Self.chronologyCards(of: facts, deckID: deckID, seed: seed, parallel: parallel)
    }

    /// The chronology cards of `facts`, made in slices at once on `parallel`.
    private static func chronologyCards(of facts: [ResolvedFact], deckID: String, seed: UInt64, parallel: ParallelSlices) -> [Card] {
        // Indexes, not facts: sorting and grouping copies of the resolved facts retained every
        // string in them.
        let events = facts.indices.filter { facts[$0].eventDate != nil }.sorted { (first: Int, second: Int) -> Bool in
            let left = facts[first].eventDate!.sortValue, right = facts[second].eventDate!.sortValue
            return left != right ? left < right : facts[first].fact.line < facts[second].fact.line
        }
        guard events.count >= 2 else { return [] }
        // The groups in order first, which is cheap, then their cards, in slices at once.
        var groups: [[Int]] = []
        let pairs = (0..<(events.count - 1)).filter { facts[events[$0]].eventDate!.isStrictlyBefore(facts[events[$0 + 1]].eventDate!) }
        groups.reserveCapacity(pairs.count + events.count / 4)
        for index in pairs { groups.append([events[index], events[index + 1]]) }
        var start = 0
        while start + 4 <= events.count {
            var group = [events[start]]
            var next = start + 1
            while group.count < 4, next < events.count {
                if facts[group.last!].eventDate!.isStrictlyBefore(facts[events[next]].eventDate!) { group.append(events[next]) }
                next += 1
            }
            if group.count == 4 { groups.append(group) }
            start = next
        }
        let made = parallel.map(count: groups.count, slices: parallel.joinedSliceCount(for: groups.count, threshold: 2_000)) { _, range in
            range.map { chronologyCard(groups[$0], of: facts, deckID: deckID, seed: seed) }
        }
        var cards: [Card] = []
        cards.reserveCapacity(groups.count)
        for part in made { cards += part }
        return cards
    }

    /// "Which came first?" for two events, "put these in order" for more.
    private static func chronologyCard(_ group: [Int], of facts: [ResolvedFact], deckID: String, seed: UInt64) -> Card {
        func description(_ index: Int) -> String {
            if case .event(let text, _) = facts[index].fact.body { return text }
            return ""
        }
        let (prompt, variant) = group.count == 2
            ? ("Which came first?", "chronology.pair")
            : ("Put these events in order, earliest first.", "chronology.order")
        let keys = group.map { facts[$0].factKey }
        let hash = StableHash.of(keys.sorted()).hex
        let id = CardID(deckID: deckID, factKey: "chronology:" + hash, variant: variant)
        var generator = CardPlan.generator(for: id, seed: seed)
        var shown = Array(group.indices)
        generator.stableShuffle(&shown)
        if shown == Array(group.indices) { shown.reverse() }  // never show the answer as the question
        let order = group.indices.map { shown.firstIndex(of: $0)! }
        let topics = uniqued(group.map { facts[$0].topic }.filter { !$0.isEmpty })
        return Card(
            id: id, factID: "chronology-" + String(hash.prefix(12)), variant: variant,
            question: .chronology(prompt: prompt, events: shown.map { description(group[$0]) }, order: order),
            answer: group.map { "\(description($0)) (\(facts[$0].eventDate!.displayText))" }.joined(separator: " → "),
            answerKind: "date", topic: topics.first ?? "", tags: uniqued(group.flatMap { facts[$0].tags }) + ["chronology"],
            note: nil, citations: uniqued(group.flatMap { facts[$0].citations }), line: facts[group[0]].fact.line)
    }
}

/// The compiler's slices' card lines, handed to the stream in slice order (``SliceOrder``).
/// Lines handed over are kept for a later slice, so their buffers are not mapped and
/// faulted in again.
private final class OrderedCardLines: @unchecked Sendable {
    private let order = SliceOrder<CardLines>()
    // Read and written only under the lock: the thread handing lines over and a thread
    // taking spare lines for its next slice run at once.
    private let lock = NSLock()
    private var spare: [CardLines] = []
    /// Cards handed over so far.
    private(set) var cardCount = 0

    /// Lines to fill: a spare set, or a new one.
    func take() -> CardLines {
        lock.withLock { spare.popLast() } ?? CardLines()
    }

    /// Slice `slice` is done: hands its lines, and those of any finished slices after it, to
    /// `handOver` in order, if every slice before it has been handed over.
    func finish(_ slice: Int, _ lines: CardLines, handOver: (inout CardLines) -> Void) {
        order.finish(slice, lines) { ready in
            // Counted first: handing the lines over empties them.
            let count = ready.cardCount
            handOver(&ready)
            lock.withLock {
                cardCount += count
                spare.append(ready)
            }
        }
    }

    /// Frees the spare lines; every slice must have been handed over.
    func deallocate() {
        precondition(!order.hasWaiting, "a slice's lines were never handed over")
        lock.withLock {
            for index in spare.indices { spare[index].deallocate() }
            spare = []
        }
    }
}

/// A slice's part of the deck's card buffer: cards are made in place and later moved, never
/// copied. Its owner (``CompilerRun/makeCards(keeping:room:thinKinds:)``) sizes it with
/// ``CardPlan/mostCards(of:)``.
private typealias CardRegion = SliceRegion<Card>

/// What card making needs to know of a fact before its cards are made, and the seeded
/// draws of each card.
private enum CardPlan {
    /// The most cards a fact can yield, whatever its answers: a slice's region has room for them.
    static func mostCards(of resolved: ResolvedFact) -> Int {
        switch resolved.fact.body {
        case .question: 4  // typed, flashcard, choice, true/false
        case .term, .number: 3  // flashcard, typed, choice; typed, choice, true/false
        case .cloze: 2 * resolved.blanks.count  // typed and choice per blank, fewer per group
        case .event, .list: 2  // typed, choice; typed, flashcard
        }
    }

    /// Whether a fact yields any card, known before its cards are made: the JSON numbers
    /// facts in the order of their first card, and slices writing at once need to know
    /// how many facts with cards came before them. ``CardMaker/makeCards(of:)`` must agree with it.
    static func yieldsCards(_ resolved: ResolvedFact) -> Bool {
        switch resolved.fact.body {
        case .question, .number: resolved.expected != nil && resolved.poolMember != nil  // flashcard or typed
        case .term: true  // flashcard
        case .cloze: !resolved.blanks.isEmpty  // a typed card per blank or group
        case .event: resolved.eventDate != nil && resolved.poolMember != nil  // typed
        case .list: resolved.expected != nil  // typed
        }
    }

    /// The seeded draws of one card: its id and the deck's seed, nothing else.
    static func generator(for id: CardID, seed: UInt64) -> SeededGenerator {
        id.rawValue.withUTF8Bytes { generator(forIDBytes: $0, seed: seed) }
    }

    /// ``generator(for:seed:)`` of the card whose id is `CardID(rawValue: id.hex)`, without
    /// making the id's string.
    static func generator(forCard id: StableHash, seed: UInt64) -> SeededGenerator {
        id.withHexDigits { generator(forIDBytes: $0, seed: seed) }
    }

    private static func generator(forIDBytes id: UnsafeBufferPointer<UInt8>, seed: UInt64) -> SeededGenerator {
        var hash = StableHash()
        hash.combine(bytes: id)
        hash.combine(seed)
        return SeededGenerator(seed: hash.value)
    }
}

/// Where a ``CardMaker`` puts the cards it makes: kept as ``Card``s in a slice's region (or
/// only counted), or written straight to JSON.
private protocol CardOutput {
    /// How many cards were put so far.
    var count: Int { get }
    /// Starts the cards of `resolved`.
    mutating func begin(_ resolved: ResolvedFact)
    /// Puts one card of the fact begun, whose id is `CardID(rawValue: id.hex)`.
    mutating func add(id: StableHash, variant: String, question: CardQuestion, answer: String, answerKind: String?)
}

/// Cards kept (or only counted) in a slice's region of the deck's card buffer.
private struct CardRegionOutput: CardOutput {
    var region: CardRegion
    /// What the cards of the fact begun share: one copy for all of them.
    private var shared = CardFact(id: "", topic: "", tags: [], note: nil, citations: [], line: 0)

    init(_ region: CardRegion) {
        self.region = region
    }

    var count: Int { region.count }

    mutating func begin(_ resolved: ResolvedFact) {
        guard region.keeps else { return }
        shared = CardFact(id: resolved.factID, topic: resolved.topic, tags: resolved.tags, note: resolved.fact.note,
                          citations: resolved.citations, line: resolved.fact.line)
    }

    mutating func add(id: StableHash, variant: String, question: CardQuestion, answer: String, answerKind: String?) {
        let fact = shared
        region.append { Card(id: CardID(rawValue: id.hex), fact: fact, variant: variant, question: question, answer: answer, answerKind: answerKind) }
    }
}

/// Cards written as JSON lines as they are made, for `recall compile -o`: no ``Card`` is
/// made, copied and freed for each, no string is made for its id, and no ``CardFact`` for
/// its fact.
private struct CardJSONOutput: CardOutput {
    var lines: CardLines
    /// The number the JSON gives the fact whose cards are being made.
    var factNumber = 0
    private(set) var count = 0

    func begin(_ resolved: ResolvedFact) {}

    mutating func add(id: StableHash, variant: String, question: CardQuestion, answer: String, answerKind: String?) {
        lines.addCard(id: id, answer: answer, answerKind: answerKind, fact: factNumber, question: question, variant: variant)
        count += 1
    }
}

/// Makes the cards of resolved facts, drawing distractors from the deck's answer pools. One
/// maker per slice of facts: it only reads the pools, so slices run at once.
private struct CardMaker<Output: CardOutput> {
    /// The deck's pools, and where each kind's is: an array of the maker's own, so that
    /// borrowing a pool touches no reference count the other slices use.
    private let pools: [AnswerPool]
    private let poolIndexes: [String: Int]
    let seed: UInt64
    let path: String
    var cards: Output
    /// Kinds found too thin for distractors, each with its warning, in the order found.
    var thinKinds = ThinKinds()
    private var draw = DistractorDraw()

    init(pools: [String: AnswerPool], seed: UInt64, path: String, into cards: Output) {
        self.pools = Array(pools.values)
        self.poolIndexes = Dictionary(uniqueKeysWithValues: zip(pools.keys, 0...))
        self.seed = seed
        self.path = path
        self.cards = cards
    }

    /// The cards of `facts`, appended to `cards`, in fact order.
    mutating func makeCards(of facts: ArraySlice<ResolvedFact>) {
        facts.withUnsafeBufferPointer { facts in
            // See ``makeCards(of:)``: the facts are only read.
            let facts = UnsafeMutableBufferPointer(mutating: facts)
            for fact in facts.indices { makeCards(of: &facts[fact]) }
        }
    }

    /// The cards of one fact.
    ///
    /// `inout`, though it only reads the fact: a fact passed as a plain argument from the
    /// deck's buffer was copied whole first (a retain and a release of each of its strings,
    /// 3% of a compile), as the compiler cannot tell that writing cards through a pointer
    /// leaves the buffer alone; an `inout` argument is exclusive, so it is passed in place.
    mutating func makeCards(of resolved: inout ResolvedFact) {
        cards.begin(resolved)
        switch resolved.fact.body {
        case .question(let question, let answer):
            addStandardCards(resolved, prompt: question, answer: answer)
        case .term(let term, let definition):
            let front = "What is meant by “\(term.canonical)”?"
            add(resolved, variant: "term.flash", .flashcard(front: front, back: definition), answer: definition)
            let prompt = "Which term is defined as: \(definition)"
            if term.canonical.count <= DeckCompiler.maximumTypedAnswerLength, let expected = resolved.expected {
                add(resolved, variant: "term.reverse.typed", .typed(prompt: prompt, expected: expected), answer: term.canonical)
            }
            addChoice(resolved, variant: "term.reverse.choice", prompt: prompt, member: resolved.poolMember!, accepted: term,
                      poolKey: resolved.poolKey)
        case .cloze(let segments):
            addClozeCards(resolved, segments: segments)
        case .number(let question, _, let unit):
            guard let expected = resolved.expected, let member = resolved.poolMember else { return }
            let prompt = question
            add(resolved, variant: "number.typed", .typed(prompt: prompt, expected: expected), answer: member.display + (unit.map { " \($0)" } ?? ""))
            addChoice(resolved, variant: "number.choice", prompt: prompt, member: member, accepted: nil, poolKey: resolved.poolKey,
                      trueFalseVariant: "number.truefalse")
        case .event(let description, _):
            guard let date = resolved.eventDate, let member = resolved.poolMember else { return }
            let prompt = "When did this happen? \(description) — \(date.precisionRequest)"
            add(resolved, variant: "event.typed", .typed(prompt: prompt, expected: .date(date)), answer: date.displayText)
            addChoice(resolved, variant: "event.choice", prompt: "When did this happen? \(description)", member: member, accepted: nil,
                      poolKey: resolved.poolKey)
        case .list(let question, let items, let ordered):
            guard let expected = resolved.expected else { return }
            let shown = items.map(\.canonical).joined(separator: ordered ? " → " : ", ")
            let hint = ordered ? " (in order)" : " (\(items.count) items, any order)"
            add(resolved, variant: "list.typed", .typed(prompt: question + hint, expected: expected), answer: shown)
            add(resolved, variant: "list.flash", .flashcard(front: question, back: shown), answer: shown)
        }
    }

    mutating func add(_ resolved: ResolvedFact, variant: String, _ question: CardQuestion, answer: String, answerKind: String? = nil) {
        cards.add(id: CardID.hash(factHash: resolved.factHash, variant: variant), variant: variant,
                  question: question, answer: answer, answerKind: answerKind ?? resolved.fact.kind)
    }

    /// Typed (or, for long answers, flashcard), flashcard, multiple choice and true/false.
    mutating func addStandardCards(_ resolved: ResolvedFact, prompt: String, answer: AnswerText) {
        guard let expected = resolved.expected, let member = resolved.poolMember else { return }
        if answer.canonical.count <= DeckCompiler.maximumTypedAnswerLength {
            add(resolved, variant: "qa.typed", .typed(prompt: prompt, expected: expected), answer: answer.canonical)
        }
        add(resolved, variant: "qa.flash", .flashcard(front: prompt, back: answer.canonical), answer: answer.canonical)
        addChoice(resolved, variant: "qa.choice", prompt: prompt, member: member, accepted: answer,
                  poolKey: resolved.poolKey, trueFalseVariant: "qa.truefalse")
    }

    /// A multiple-choice card `variant`, and a true/false card `trueFalseVariant` if given (the
    /// variants are whole literals where they can be: joining strings was 2% of a compile).
    /// No form of `accepted` (its canonical text and aliases) is offered as a wrong option;
    /// numbers and dates pass nil, as `member` is their only form.
    mutating func addChoice(_ resolved: ResolvedFact, variant choiceVariant: String, prompt: String, member: PoolMember, accepted: AnswerText?,
                            poolKey: String?, trueFalseVariant: String? = nil, answerKind: String? = nil) {
        var generator = CardPlan.generator(forCard: CardID.hash(factHash: resolved.factHash, variant: choiceVariant), seed: seed)
        guard var options = distractors(for: member, accepted: accepted, poolKey: poolKey, explicit: resolved.fact.distractors,
                                        generator: &generator, span: SourceSpan(line: resolved.fact.line, column: 1)) else { return }
        // The true/false proposal is drawn from the wrong options before the right one joins them.
        var truth: (variant: String, proposed: String, isTrue: Bool)?
        if let truthVariant = trueFalseVariant {
            var truthGenerator = CardPlan.generator(forCard: CardID.hash(factHash: resolved.factHash, variant: truthVariant), seed: seed)
            let isTrue = truthGenerator.next() & 1 == 0
            truth = (truthVariant, isTrue ? member.display : options[truthGenerator.uniform(below: options.count)], isTrue)
        }
        options.append(member.display)
        generator.stableShuffle(&options)
        let correct = options.firstIndex(of: member.display)!
        add(resolved, variant: choiceVariant, .choice(prompt: prompt, options: options, correct: correct), answer: member.display,
            answerKind: answerKind)
        if let truth {
            add(resolved, variant: truth.variant, .truefalse(prompt: prompt, proposed: truth.proposed, isTrue: truth.isTrue), answer: member.display)
        }
    }

    mutating func addClozeCards(_ resolved: ResolvedFact, segments: [ClozeSegment]) {
        // One card per ungrouped blank, one per group.
        var questions: [(variant: String, blanks: [ResolvedBlank])] = []
        var groupIndex: [Int: Int] = [:]
        for blank in resolved.blanks {
            if let group = blank.span.group {
                if let index = groupIndex[group] {
                    questions[index].blanks.append(blank)
                } else {
                    groupIndex[group] = questions.count
                    questions.append(("cloze.#\(group)", [blank]))
                }
            } else {
                questions.append(("cloze." + blank.span.answer.canonical, [blank]))
            }
        }
        for (variant, blanks) in questions {
            let hidden = Set(blanks.map(\.span))
            var text = ""
            for segment in segments {
                switch segment {
                case .text(let plain): text += plain
                case .blank(let span): text += hidden.contains(span) ? "[…]" : span.answer.canonical
                }
            }
            let answer = blanks.map(\.span.answer.canonical).joined(separator: "; ")
            let expected: ExpectedAnswer = blanks.count == 1
                ? blanks[0].expected
                : .list(items: blanks.map {
                    ListItem(canonical: $0.span.answer.canonical, aliases: $0.span.answer.aliases,
                             kind: AnswerKind(identifier: $0.span.kind ?? resolved.fact.kind ?? "text"))
                }, ordered: true)
            let kind = blanks.count == 1 ? (blanks[0].span.kind ?? resolved.fact.kind) : nil
            add(resolved, variant: variant + ".typed", .typed(prompt: text, expected: expected), answer: answer, answerKind: kind)
            if blanks.count == 1 {
                let blank = blanks[0]
                addChoice(resolved, variant: variant + ".choice", prompt: text, member: blank.member, accepted: blank.span.answer,
                          poolKey: blank.poolKey, answerKind: kind)
            }
        }
    }

    /// Three wrong options for a card, nearest values first for numeric kinds, with room for
    /// the right one.
    mutating func distractors(for member: PoolMember, accepted: AnswerText?, poolKey: String?, explicit: [String],
                              generator: inout SeededGenerator, span: SourceSpan) -> [String]? {
        if explicit.count >= DeckCompiler.distractorCount {
            var options = explicit
            generator.stableShuffle(&options)
            return Array(options.prefix(DeckCompiler.distractorCount))
        }
        guard let poolKey else { return nil }
        // The pool is borrowed where it lies: a copy retained each of its tables, which all the
        // slices share, so the two cores fought over their reference counts (2% of a compile).
        let drawn: (options: [String]?, eligible: Int)
        if let index = poolIndexes[poolKey] {
            drawn = pools.withUnsafeBufferPointer { draw.options(for: member, accepted: accepted, from: $0[index], generator: &generator) }
        } else {
            drawn = draw.options(for: member, accepted: accepted, from: AnswerPool(), generator: &generator)
        }
        guard let options = drawn.options else {
            let kindName = poolKey.hasPrefix("number|") ? "number (\(poolKey.dropFirst(7)))" : poolKey
            let path = self.path
            thinKinds.add(poolKey, Diagnostic(.kindTooFewMembers(kindName, count: drawn.eligible + 1, needed: DeckCompiler.distractorCount + 1),
                                              path: path, span: span,
                                              notes: ["help: mark more answers with this kind, or give the fact `distractors: a; b; c`"]))
            return nil
        }
        return options
    }
}

/// Draws a card's wrong options from a pool, reusing its buffers: drawing allocates only the
/// options.
private struct DistractorDraw {
    private var suffixes: [(hash: UInt64, isWhole: Bool)] = []
    private var excluded: [Int] = []
    private var chosen: [Int] = []

    /// Three wrong options for `member`, or nil when fewer than three members of `pool` are
    /// other answers; `eligible` is how many are.
    mutating func options(for member: PoolMember, accepted: AnswerText?, from pool: borrowing AnswerPool,
                          generator: inout SeededGenerator) -> (options: [String]?, eligible: Int) {
        excluded.removeAll(keepingCapacity: true)
        pool.appendOverlapping(member.folded, to: &excluded, suffixes: &suffixes)
        if let accepted {
            exclude(accepted.canonical, besides: member, in: pool)
            for alias in accepted.aliases { exclude(alias, besides: member, in: pool) }
            excluded.sort()
            excluded.removeAdjacentDuplicates()
        }
        let eligible = pool.members.count - excluded.count
        guard eligible >= DeckCompiler.distractorCount else { return (nil, eligible) }
        chosen.removeAll(keepingCapacity: true)
        if let value = member.numeric, pool.appendNearest(to: value, count: 6, excluding: excluded, to: &chosen),
           chosen.count >= DeckCompiler.distractorCount {
            // Plausible wrong numbers are near the right one: the closest six, then a seeded pick.
            generator.stableShuffle(&chosen)
        } else {
            // Seeded draws with rejection: linear in the options drawn, not in the pool.
            chosen.removeAll(keepingCapacity: true)
            var attempts = 0
            while chosen.count < DeckCompiler.distractorCount, attempts < 64 {
                let index = generator.uniform(below: pool.members.count)
                if !excluded.containsSorted(index), !chosen.contains(index) { chosen.append(index) }
                attempts += 1
            }
            if chosen.count < DeckCompiler.distractorCount {
                var rest = pool.members.indices.filter { !excluded.containsSorted($0) && !chosen.contains($0) }
                generator.stableShuffle(&rest)
                chosen += rest.prefix(DeckCompiler.distractorCount - chosen.count)
            }
        }
        var options: [String] = []
        options.reserveCapacity(DeckCompiler.distractorCount + 1)
        for index in chosen.prefix(DeckCompiler.distractorCount) { options.append(pool.members[index].display) }
        return (options, eligible)
    }

    /// Adds the members that are another form of `answer` to ``excluded``.
    private mutating func exclude(_ answer: String, besides member: PoolMember, in pool: borrowing AnswerPool) {
        let folded = Fold.text(answer)
        // The canonical answer usually folds to the member's own text, already looked up.
        if folded != member.folded { pool.appendOverlapping(folded, to: &excluded, suffixes: &suffixes) }
    }
}

/// The parts of a fact that define its question, whitespace-collapsed and case-folded, so
/// re-wrapping, re-indenting, new aliases, notes, tags or sources keep the same card ids.
enum ContentKey {
    /// The fact's content hash: ``StableHash`` of its key as one field.
    ///
    ///     ContentKey.hash(of: .question(question: "Who?", answer: AnswerText(canonical: "Him"))).hex
    static func hash(of body: FactBody) -> StableHash {
        var scratch: [UInt8] = []
        return hash(of: body, scratch: &scratch)
    }

    /// ``hash(of:)`` building the key in `scratch`, so a run over many facts reuses one buffer
    /// instead of making a string for each part, their join, and an array to hash it from.
    static func hash(of body: FactBody, scratch: inout [UInt8]) -> StableHash {
        scratch.removeAll(keepingCapacity: true)
        var isFirst = true
        func add(_ part: String) {
            if !isFirst { scratch.append(0x1F) }  // the unit separator between parts
            isFirst = false
            appendNormalised(part, to: &scratch)
        }
        switch body {
        case .question(let question, let answer): add("Q"); add(question); add(answer.canonical)
        case .term(let term, let definition): add("term"); add(term.canonical); add(definition)
        case .cloze(let segments):
            add("cloze")
            for segment in segments {
                switch segment {
                case .text(let text): add(text)
                case .blank(let span): add("{{" + span.answer.canonical + "}}")
                }
            }
        case .number(let question, _, _): add("number"); add(question)
        case .event(let description, _): add("event"); add(description)
        case .list(let question, _, _): add("list"); add(question)
        }
        var hash = StableHash()
        scratch.withUnsafeBufferPointer { hash.combine(bytes: $0) }
        return hash
    }

    /// Appends `part` lowercased, with runs of whitespace as one space and none at the ends.
    static func appendNormalised(_ part: String, to key: inout [UInt8]) {
        guard part.isPureASCII else {
            key += part.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ").utf8
            return
        }
        // Copied in one go, then lowercased and its whitespace collapsed in place: appending
        // byte by byte checked the array's capacity and uniqueness at every byte.
        let start = key.count
        part.withUTF8Bytes { key.append(contentsOf: $0) }
        let end = key.withUnsafeMutableBufferPointer { key in
            // ASCII whitespace is tab to carriage return and space, as `Character.isWhitespace` has it.
            var end = start
            var pendingSpace = false
            for index in start..<key.count {
                let byte = key[index]
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    pendingSpace = true
                    continue
                }
                // Never ahead of `index`: a space is written only for a blank already skipped.
                if pendingSpace, end > start { key[end] = 0x20; end += 1 }
                pendingSpace = false
                key[end] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
                end += 1
            }
            return end
        }
        key.removeSubrange(end...)
    }
}

/// Case-, accent- and punctuation-insensitive form used to compare options.
enum Fold {
    /// Equal, or one is the other's last words ("kamenev" and "lev kamenev"), so that two
    /// forms of one answer never appear as different options.
    static func overlaps(_ a: String, _ b: String) -> Bool {
        if let answer = a.withUTF8Bytes({ a in b.withUTF8Bytes { b in overlapsASCII(a, b) } }) { return answer }
        if a == b { return true }
        let (short, long) = a.count < b.count ? (a, b) : (b, a)
        return !short.isEmpty && long.hasSuffix(" " + short) && short.contains(where: \.isLetter)
    }

    /// ``overlaps(_:_:)`` on bytes when both are ASCII (nearly every answer), nil otherwise.
    private static func overlapsASCII(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard a.isASCII, b.isASCII else { return nil }
        let (short, long) = a.count < b.count ? (a, b) : (b, a)
        guard long.count > short.count else { return short.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 }
        guard !short.isEmpty, long[long.count - short.count - 1] == 0x20,
              memcmp(long.baseAddress! + (long.count - short.count), short.baseAddress!, short.count) == 0 else { return false }
        return short.contains { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }
    }

    static func text(_ text: String) -> String {
        if let folded = asciiText(text) { return folded }
        var result = ""
        var pendingSpace = false
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingSpace, !result.isEmpty { result.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue
            } else {
                pendingSpace = true
            }
        }
        return result
    }

    /// ``text(_:)`` for pure ASCII, byte by byte; nil when `text` has other characters.
    /// For ASCII the rules reduce to: letters lowercased, digits kept, anything else a space.
    private static func asciiText(_ text: String) -> String? {
        guard text.isPureASCII else { return nil }
        // Over the bytes in place: iterating the UTF-8 view cost about ten instructions a byte.
        return text.withUTF8Bytes { utf8 in
            String(unsafeUninitializedCapacity: utf8.count) { result in
                var count = 0
                var pendingSpace = false
                for byte in utf8 {
                    let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
                    if (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || (lower >= UInt8(ascii: "0") && lower <= UInt8(ascii: "9")) {
                        if pendingSpace, count > 0 { result[count] = 0x20; count += 1 }
                        pendingSpace = false
                        result[count] = lower
                        count += 1
                    } else {
                        pendingSpace = true
                    }
                }
                return count
            }
        }
    }
}

func uniqued<T: Hashable>(_ items: [T]) -> [T] {
    if items.count < 2 { return items }
    if items.count <= 8 {
        // A fact's few tags: comparing pairs is cheaper than building a set.
        var result: [T] = []
        for item in items where !result.contains(item) { result.append(item) }
        return result
    }
    var seen: Set<T> = []
    return items.filter { seen.insert($0).inserted }
}

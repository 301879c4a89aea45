import Foundation

/// Reads a `.facts` file, parses and compiles it, and writes its JSON: the one place the
/// compiler touches disk.
///
///     let loaded = try DeckLoader.load(path: "Decks/great-purge.facts", seed: 0)
///     loaded.deck?.cards.count
public enum DeckLoader {
    /// Files larger than this are refused before reading, so a stray path cannot eat memory.
    public static let maximumFileSize = 256 * 1024 * 1024

    /// A compiled deck (nil when there were errors) with its diagnostics and source text.
    public struct Loaded: Sendable {
        public var path: String
        /// Without cards when loaded with `keepsCards: false`.
        public var deck: CompiledDeck?
        public var diagnostics: [Diagnostic]
        public var bytes: [UInt8]
        /// The cards the deck has, or would have had if they were kept.
        public var cardCount: Int

        /// The file's lines as the diagnostics number them, for rendering.
        public var lines: [Substring] {
            DiagnosticRenderer.lines(of: String(decoding: bytes, as: UTF8.self))
        }

        public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
        public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }

        /// The diagnostics as reported: with `strict` (`--strict`), every warning is an error.
        ///
        ///     let errors = loaded.diagnostics(strict: true).filter { $0.severity == .error }
        public func diagnostics(strict: Bool) -> [Diagnostic] {
            strict ? diagnostics.map { $0.promoted(to: .error) } : diagnostics
        }
    }

    /// With `keepsCards: false` (`recall check`), every problem is found and the cards are
    /// counted, but none is kept: a big deck is checked in much less memory.
    public static func load(path: String, seed: UInt64, keepsCards: Bool = true) throws(DeckFileError) -> Loaded {
        compile(bytes: try read(path), path: path, seed: seed, keepsCards: keepsCards)
    }

    /// Like ``load(path:seed:)``, but takes the compiled deck from `cache` when the file has
    /// not changed since it was last compiled, and keeps a fresh compile there for next time.
    /// A cache hit has no diagnostics: only decks without errors are cached, and study shows
    /// only errors.
    public static func load(path: String, seed: UInt64, cache: DeckCache?) throws(DeckFileError) -> Loaded {
        let bytes = try read(path)
        guard let cache else { return compile(bytes: bytes, path: path, seed: seed) }
        let hash = contentHash(of: bytes, seed: seed)
        if let deck = cache.deck(forDeckAt: path, contentHash: hash) {
            return Loaded(path: path, deck: deck, diagnostics: [], bytes: bytes, cardCount: deck.cards.count)
        }
        let loaded = compile(bytes: bytes, path: path, seed: seed, contentHash: hash)
        if let deck = loaded.deck { cache.store(deck, forDeckAt: path) }
        return loaded
    }

    /// What a compiled deck depends on: the file's bytes, the seed, the deck schema and the
    /// version of recall (whose compiler may word questions differently).
    public static func contentHash(of bytes: [UInt8], seed: UInt64) -> String {
        var hash = StableHash()
        hash.combine(String(CompiledDeck.schemaVersion))
        hash.combine(RecallVersion.current)
        hash.combine(seed)
        hash.combine(UInt64(bytes.count))
        var value = hash.value
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01B3
        }
        return StableHash.of([String(value, radix: 16)]).hex
    }

    /// Parses and compiles a file, writing its cards to `stream` as they are made instead of
    /// keeping them (see ``DeckCompiler/compile(_:contentHash:writingTo:_:)``): the deck has
    /// no cards. Nothing is written when the file has errors before its cards are made.
    ///
    ///     let loaded = try DeckLoader.load(path: "big.facts", seed: 0, writingTo: stream) { sink.append($0) }
    public static func load(path: String, seed: UInt64, writingTo stream: DeckJSONStream,
                            _ emit: (UnsafeRawBufferPointer) -> Void) throws(DeckFileError) -> Loaded {
        compile(bytes: try read(path), path: path, seed: seed, writingTo: stream, emit)
    }

    /// Compiles the file at `path` and writes its JSON to `output` while the cards are made
    /// (`recall compile -o`), so a big deck's cards are never all in memory. The file is
    /// replaced only when the deck has no errors, nor warnings when `refusingWarnings`
    /// (`--strict`); otherwise it is left as it was. Like a compiler's output, the file is
    /// replaced atomically but not forced to disk (``AtomicFile/Durability/rebuildable``).
    /// The diagnostics come back for printing.
    ///
    ///     let loaded = try DeckLoader.compileJSON(path: "big.facts", seed: 0, to: "big.json")
    public static func compileJSON(path: String, seed: UInt64, to output: String, refusingWarnings: Bool = false) throws -> Loaded {
        var loaded: Loaded?
        var failure: (any Error)?
        try AtomicFile.write(to: output, durability: .rebuildable) { sink in
            let stream = DeckJSONStream()
            stream.begin { sink.append($0) }
            do {
                loaded = try load(path: path, seed: seed, writingTo: stream) { sink.append($0) }
            } catch {
                failure = error
            }
            guard let deck = loaded?.deck, !(refusingWarnings && loaded?.warningCount ?? 0 > 0) else {
                sink.abandon()
                return
            }
            stream.finish(deck) { sink.append($0) }
            // Its facts list and buffers are freed on another thread: freeing them here made
            // the allocator tidy the whole heap at the end, 20–30 ms of a 100,000-fact compile.
            BackgroundRelease.release(consume stream)
        }
        if let failure { throw failure }
        return loaded!
    }

    /// Like ``load(path:seed:writingTo:_:)``, for bytes already read.
    public static func compile(bytes: [UInt8], path: String, seed: UInt64, writingTo stream: DeckJSONStream,
                               _ emit: (UnsafeRawBufferPointer) -> Void) -> Loaded {
        let ((document, parseDiagnostics), hash) = whileHashing(bytes, seed: seed) { FactsParser().parse(bytes, path: path) }
        let compiler = DeckCompiler(seed: seed, keepsCards: false)
        let result = parseDiagnostics.contains { $0.severity == .error }
            ? compiler.compile(consume document, contentHash: hash)
            : compiler.compile(consume document, contentHash: hash, writingTo: stream, emit)
        return loaded(path: path, bytes: bytes, parseDiagnostics: parseDiagnostics, result)
    }

    /// `work`'s result and the content hash of `bytes`, worked out on another thread meanwhile
    /// for a big file: hashing 12 MB takes 18 ms on one core, and the parser leaves a core
    /// idle while it cuts the file into blocks in order.
    static func whileHashing<Result>(_ bytes: [UInt8], seed: UInt64, _ work: () -> Result) -> (Result, String) {
        guard bytes.count >= 1 << 20 else { return (work(), contentHash(of: bytes, seed: seed)) }
        let hash = ContentHashTask()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { hash.value = contentHash(of: bytes, seed: seed) }
        let result = work()
        group.wait()
        return (result, hash.value)
    }

    /// Where the other thread leaves the hash; read only after the group's wait.
    private final class ContentHashTask: @unchecked Sendable {
        var value = ""
    }

    /// Parses and compiles bytes already read (`keepsCards` as in ``load(path:seed:keepsCards:)``).
    public static func compile(bytes: [UInt8], path: String, seed: UInt64, keepsCards: Bool = true) -> Loaded {
        let ((document, parseDiagnostics), hash) = whileHashing(bytes, seed: seed) { FactsParser().parse(bytes, path: path) }
        return compiled(document, parseDiagnostics: parseDiagnostics, path: path, bytes: bytes, seed: seed, contentHash: hash, keepsCards: keepsCards)
    }

    /// With the content hash already worked out (the cache needed it first).
    static func compile(bytes: [UInt8], path: String, seed: UInt64, contentHash: String) -> Loaded {
        let (document, parseDiagnostics) = FactsParser().parse(bytes, path: path)
        return compiled(document, parseDiagnostics: parseDiagnostics, path: path, bytes: bytes, seed: seed, contentHash: contentHash, keepsCards: true)
    }

    private static func compiled(_ document: consuming FactsDocument, parseDiagnostics: [Diagnostic], path: String, bytes: [UInt8],
                                 seed: UInt64, contentHash: String, keepsCards: Bool) -> Loaded {
        // Compile even after parse errors, so cross-fact problems are reported in the same run.
        let result = DeckCompiler(seed: seed, keepsCards: keepsCards).compile(consume document, contentHash: contentHash)
        return loaded(path: path, bytes: bytes, parseDiagnostics: parseDiagnostics, result)
    }

    private static func loaded(path: String, bytes: [UInt8], parseDiagnostics: [Diagnostic], _ result: DeckCompiler.Result) -> Loaded {
        let diagnostics = (parseDiagnostics + result.diagnostics).sorted { ($0.span.start, $0.id) < ($1.span.start, $1.id) }
        let hasErrors = diagnostics.contains { $0.severity == .error }
        return Loaded(path: path, deck: hasErrors ? nil : result.deck, diagnostics: diagnostics, bytes: bytes, cardCount: result.cardCount)
    }

    static func read(_ path: String) throws(DeckFileError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .notFound(path)
        }
        guard !isDirectory.boolValue else { throw .isDirectory(path) }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path, reason: errno == EACCES ? "permission denied" : String(cString: strerror(errno))) }
        defer { close(descriptor) }
        // Straight into an array sized from the file: reading into `Data` and copying that
        // into an array took 38 ms of a 100,000-fact compile, on one core, before any parsing.
        var status = stat()
        let size = fstat(descriptor, &status) == 0 ? min(max(Int(status.st_size), 0), maximumFileSize) : 0
        var failure: Int32 = 0
        // One byte more than the size, to see a file that grew since (or a size of 0 that is not).
        var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            count = readFully(descriptor, into: UnsafeMutableRawBufferPointer(buffer), failure: &failure)
        }
        if bytes.count == size + 1 {
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while failure == 0, bytes.count <= maximumFileSize {
                let read = chunk.withUnsafeMutableBytes { readFully(descriptor, into: $0, failure: &failure) }
                if read == 0 { break }
                bytes += chunk[..<read]
            }
        }
        guard failure == 0 else { throw .unreadable(path, reason: String(cString: strerror(failure))) }
        guard bytes.count <= maximumFileSize else { throw .tooLarge(path) }
        return bytes
    }

    /// Reads until `buffer` is full or the file ends; the count read. Sets `failure` to the
    /// error number if a read fails.
    private static func readFully(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, failure: inout Int32) -> Int {
        var count = 0
        while count < buffer.count {
            let read = Foundation.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
            if read > 0 { count += read; continue }
            if read < 0, errno == EINTR { continue }
            if read < 0 { failure = errno }
            break
        }
        return count
    }
}

/// Why a deck file could not be read at all.
public enum DeckFileError: RecallError, Equatable {
    case notFound(String)
    case isDirectory(String)
    case unreadable(String, reason: String)
    case tooLarge(String)

    public var category: ErrorCategory { .user }

    public var description: String {
        switch self {
        case .notFound(let path):
            "\(TerminalSanitizer.clean(path)): no such deck file; check the path, or run `recall study` with no argument for the bundled course"
        case .isDirectory(let path):
            "\(TerminalSanitizer.clean(path)) is a folder; give the path of a .facts file inside it"
        case .unreadable(let path, let reason):
            "\(TerminalSanitizer.clean(path)) cannot be read (\(reason)); check its permissions"
        case .tooLarge(let path):
            "\(TerminalSanitizer.clean(path)) is larger than \(DeckLoader.maximumFileSize / 1024 / 1024) MiB; a deck file this large is almost certainly not a deck"
        }
    }
}

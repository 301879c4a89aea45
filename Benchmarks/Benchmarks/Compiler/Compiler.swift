// Compiler: parse + compile + JSON write of a generated deck (the work of
// `recall compile deck.facts -o deck.json`). Target for 100,000 facts (~4 cards each):
// at most 1 s wall and 300 MB peak memory.
//
// The target is measured on the deck's real kinds (person, place, year, …); the same text with
// its answers spread over 200 kinds each is kept beside it, from the days when the compiler's
// time grew with the square of a kind's size (see docs/performance.md).
import Benchmark
import BenchmarkInputs
import Foundation
import RecallKit

enum Phase {
    static let compile = BenchmarkMetric.custom("parse+compile (ms)", polarity: .prefersSmaller, useScalingFactor: false)
    /// Handing the cards' JSON to the file as the slices finish it, then the facts and the
    /// rename (a compiled deck is not forced to disk); the JSON of the cards itself is written
    /// as they are made, in parse+compile.
    static let json = BenchmarkMetric.custom("JSON encode+write (ms)", polarity: .prefersSmaller, useScalingFactor: false)
    static let cards = BenchmarkMetric.custom("cards", polarity: .prefersLarger, useScalingFactor: false)
}

func milliseconds(_ duration: Duration) -> Int {
    Int(duration.components.seconds * 1_000 + duration.components.attoseconds / 1_000_000_000_000_000)
}

/// What `recall compile -o` does: each fact's cards are written as JSON as soon as they are
/// made. The phases overlap, so the JSON time is the handing over of the written chunks
/// plus everything after the last card.
///
/// The previous iteration's output is deleted before the measurement starts: replacing a
/// 105 MB file costs the file system 80–130 ms here to free the old one, which is not the
/// compiler's work (docs/performance.md reports both).
func compileAndWrite(_ bytes: [UInt8], to output: String, _ benchmark: Benchmark) {
    unlink(output)
    benchmark.startMeasurement()
    let clock = ContinuousClock()
    let start = clock.now
    var writing = Duration.zero
    var loaded: DeckLoader.Loaded?
    var produced = start
    try! AtomicFile.write(to: output, durability: .rebuildable) { sink in
        let stream = DeckJSONStream()
        stream.begin { sink.append($0) }
        loaded = DeckLoader.compile(bytes: bytes, path: "bench.facts", seed: 0, writingTo: stream) { chunk in
            let chunkStart = clock.now
            sink.append(chunk)
            writing += clock.now - chunkStart
        }
        guard let deck = loaded?.deck else { fatalError("the generated deck does not compile: \(loaded!.diagnostics.prefix(3))") }
        let finishStart = clock.now
        stream.finish(deck) { sink.append($0) }
        produced = clock.now
        writing += produced - finishStart
    }
    writing += clock.now - produced  // the rename
    let total = clock.now - start
    benchmark.measurement(Phase.compile, milliseconds(total - writing))
    benchmark.measurement(Phase.json, milliseconds(writing))
    benchmark.measurement(Phase.cards, loaded!.cardCount)
}

struct CompilerInput {
    var bytes: [UInt8]
    var output: String
}

func input(facts: Int, poolBuckets: Int = 0) -> CompilerInput {
    let bytes = Array(GeneratedDeck.text(factCount: facts, poolBuckets: poolBuckets).utf8)
    let folder = Inputs.makeTemporaryDirectory("compiler-\(facts)")
    note("Compiler input: \(facts) facts, \(bytes.count / 1_000) kB of text")
    return CompilerInput(bytes: bytes, output: folder + "/deck.json")
}

let benchmarks: @Sendable () -> Void = {
    // As `recall check` and `recall compile` do before compiling.
    MallocTuning.tuneForCompiling()
    Benchmark.defaultConfiguration.metrics = [.wallClock, .cpuTotal, .peakMemoryResident, .peakMemoryResidentDelta, .mallocCountTotal,
                                              Phase.compile, Phase.json, Phase.cards]
    Benchmark.defaultConfiguration.timeUnits = .milliseconds

    func cleanup(_ input: CompilerInput) {
        try? FileManager.default.removeItem(atPath: (input.output as NSString).deletingLastPathComponent)
    }

    for facts in [1_000, 5_000] {
        var made: CompilerInput?
        Benchmark("Compile \(facts) facts, real kinds (parse + compile + JSON write)",
                  configuration: .init(maxDuration: .seconds(20), maxIterations: facts > 1_000 ? 3 : 10)) { (benchmark: Benchmark, input: CompilerInput) in
            compileAndWrite(input.bytes, to: input.output, benchmark)
        } setup: {
            made = input(facts: facts)
            return made!
        } teardown: {
            made.map(cleanup)
        }
    }

    var parseInput: CompilerInput?
    Benchmark("Parse 100,000 facts (FactsParser only)",
              configuration: .init(metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .peakMemoryResidentDelta, .mallocCountTotal],
                                   maxDuration: .seconds(20), maxIterations: 3)) { (benchmark: Benchmark, input: CompilerInput) in
        let (document, diagnostics) = FactsParser().parse(input.bytes, path: "bench.facts")
        precondition(document.facts.count == 100_000 && diagnostics.isEmpty)
        blackHole(document)
    } setup: {
        parseInput = input(facts: 100_000)
        return parseInput!
    } teardown: {
        parseInput.map(cleanup)
    }

    var realistic: CompilerInput?
    Benchmark("Compile 100,000 facts, real kinds (parse + compile + JSON write)",
              configuration: .init(warmupIterations: 0, maxDuration: .seconds(30), maxIterations: 3)) { (benchmark: Benchmark, input: CompilerInput) in
        compileAndWrite(input.bytes, to: input.output, benchmark)
    } setup: {
        realistic = input(facts: 100_000)
        return realistic!
    } teardown: {
        realistic.map(cleanup)
    }

    // What `recall study` does on a second start: read the compiled deck back from the cache.
    var cached: (cache: DeckCache, deckPath: String, contentHash: String, folder: String)?
    Benchmark("Load 100,000 facts from the deck cache",
              configuration: .init(metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .peakMemoryResidentDelta, .mallocCountTotal],
                                   maxDuration: .seconds(20), maxIterations: 5)) { (benchmark: Benchmark, input: (cache: DeckCache, deckPath: String, contentHash: String, folder: String)) in
        guard let deck = input.cache.deck(forDeckAt: input.deckPath, contentHash: input.contentHash) else { fatalError("cache miss") }
        blackHole(deck)
    } setup: {
        let made = input(facts: 100_000)
        let folder = (made.output as NSString).deletingLastPathComponent
        let deckPath = folder + "/bench.facts"
        try! Data(made.bytes).write(to: URL(fileURLWithPath: deckPath))
        let cache = DeckCache(directory: folder + "/cache")
        let loaded = try! DeckLoader.load(path: deckPath, seed: 0, cache: cache)
        cached = (cache, deckPath, loaded.deck!.contentHash, folder)
        return cached!
    } teardown: {
        cached.map { try? FileManager.default.removeItem(atPath: $0.folder) }
    }

    var large: CompilerInput?
    Benchmark("Compile 100,000 facts, kinds split 200 ways (parse + compile + JSON write)",
              configuration: .init(warmupIterations: 0, maxDuration: .seconds(1), maxIterations: 1)) { (benchmark: Benchmark, input: CompilerInput) in
        compileAndWrite(input.bytes, to: input.output, benchmark)
    } setup: {
        large = input(facts: 100_000, poolBuckets: 200)
        return large!
    } teardown: {
        large.map(cleanup)
    }
}

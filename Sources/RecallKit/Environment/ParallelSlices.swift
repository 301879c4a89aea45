import Foundation

/// Runs one piece of work over contiguous slices of a range on several threads at once, and
/// hands back the results in slice order, so the outcome never depends on the thread count.
///
/// The compiler uses it for big decks: parsing blocks, resolving facts, generating cards and
/// writing JSON all split into independent slices that are joined in order afterwards.
///
///     let sums = ParallelSlices(workers: 2).map(count: numbers.count) { _, range in
///         numbers[range].reduce(0, +)
///     }
///     // sums.reduce(0, +) is the same for any worker count
public struct ParallelSlices: Sendable {
    /// Threads to use at most; 1 runs everything on the calling thread.
    public var workers: Int

    public init(workers: Int = ParallelSlices.processorCount) {
        self.workers = max(1, workers)
    }

    /// The cores this process may use, at most 8: the work splits in few large slices.
    public static var processorCount: Int {
        min(8, max(1, ProcessInfo.processInfo.activeProcessorCount))
    }

    /// Slices for work whose results are joined and freed one at a time: sixteen a thread, so
    /// the results are never all held twice and the last slice of a phase, running while the
    /// other cores wait, is short (four a thread left a core idle for a tenth of each phase of
    /// a 100,000-fact compile); or one below `threshold` items, where starting threads costs
    /// more than it saves.
    public func joinedSliceCount(for count: Int, threshold: Int) -> Int {
        count >= threshold ? 16 * workers : 1
    }

    /// Slice `slice` of `slices` contiguous, nearly equal slices of `0..<count`, as ``map(count:slices:_:)`` cuts them.
    ///
    ///     ParallelSlices.range(ofSlice: 1, of: 3, over: 10)   // 3..<6
    public static func range(ofSlice slice: Int, of slices: Int, over count: Int) -> Range<Int> {
        (count * slice / slices)..<(count * (slice + 1) / slices)
    }

    /// `body` over `slices` contiguous, nearly equal slices of `0..<count` (by default one per
    /// worker, and never more slices than items), run concurrently; results in slice order.
    /// `body` gets the slice's number (from 0) and its range.
    public func map<Result>(count: Int, slices: Int? = nil, _ body: (_ slice: Int, _ range: Range<Int>) -> Result) -> [Result] {
        let parts = max(1, min(slices ?? workers, count))
        let ranges = (0..<parts).map { Self.range(ofSlice: $0, of: parts, over: count) }
        if parts == 1 || workers == 1 { return ranges.indices.map { body($0, ranges[$0]) } }
        let results = UnsafeMutableBufferPointer<Result?>.allocate(capacity: parts)
        results.initialize(repeating: nil)
        defer {
            _ = results.deinitialize()
            results.deallocate()
        }
        return withoutActuallyEscaping(body) { body in
            // Each iteration writes only its own result slot and hands `body` only its own
            // slice: the contract callers keep, which the compiler cannot check across threads.
            let shared = UncheckedSendable((body: body, results: results))
            // concurrentPerform runs at most one iteration per core at a time, and returns when all are done.
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                shared.value.results[part] = shared.value.body(part, ranges[part])
            }
            return results.map { $0! }
        }
    }
}

/// A slice's part of a buffer that several slices fill at once: each slice initializes its
/// elements in place, and the owner later closes the gaps between regions by moving memory
/// (`moveInitialize`), so no element is copied. Joining arrays instead copied every element,
/// a retain for each string in it, and freed the originals, on one core.
struct SliceRegion<Element> {
    let base: UnsafeMutablePointer<Element>?
    let capacity: Int
    /// False when elements are only counted (`recall check` counts cards): each is dropped.
    let keeps: Bool
    private(set) var count = 0

    /// The `capacity` elements from `base`, which the owner sized for the most this slice can
    /// add (`base` is nil only when that is none: an empty buffer may have no address).
    init(base: UnsafeMutablePointer<Element>?, capacity: Int) {
        self.base = base
        self.capacity = capacity
        self.keeps = true
    }

    /// A region that counts elements and keeps none.
    init(countingUpTo capacity: Int) {
        self.base = nil
        self.capacity = capacity
        self.keeps = false
    }

    /// Adds the element `make` returns, made only when the region keeps its elements: a
    /// region that only counts (`recall check`) skips making them.
    @inline(__always)
    mutating func append(making make: () -> Element) {
        precondition(count < capacity, "a slice added more elements than its region was sized for")
        count += 1
        guard keeps else { return }
        (base! + count - 1).initialize(to: make())
    }

    mutating func append(_ element: consuming Element) {
        precondition(count < capacity, "a slice added more elements than its region was sized for")
        if keeps { (base! + count).initialize(to: element) }
        count += 1
    }
}

/// Hands slices' results over in slice order from whichever thread finishes a slice: a
/// result finished early waits until those before it are handed over. A pass that must see
/// the results in order (the compiler's duplicate check, writing cards to a file) so runs
/// beside the slices still in work, instead of after them all on one core.
///
///     let order = SliceOrder<[Int]>()
///     ParallelSlices().map(count: items.count, slices: 32) { slice, range in
///         order.finish(slice, work(items[range])) { total += $0.count }   // in slice order
///     }
final class SliceOrder<Part>: @unchecked Sendable {
    // Everything below is read and written only under the lock.
    private let lock = NSLock()
    private var finished: [Int: Part] = [:]
    private var next = 0
    /// Whether a thread is handing parts over: another that finishes a slice meanwhile leaves
    /// its part to that one and goes on, instead of waiting for the lock.
    private var handingOver = false

    /// Slice `slice` is done with `part`: hands it, and the parts of any finished slices after
    /// it, to `handOver` in order, if every slice before it has been handed over. Parts are
    /// handed over one at a time, outside the lock, by whichever thread finds them ready.
    func finish(_ slice: Int, _ part: Part, handOver: (inout Part) -> Void) {
        let handsOver = lock.withLock {
            finished[slice] = part
            guard !handingOver else { return false }
            handingOver = true
            return true
        }
        guard handsOver else { return }
        while var ready = nextReady() {
            handOver(&ready)
        }
    }

    /// The next part in order if it is finished; otherwise ends this thread's turn at handing
    /// over (under the lock, so a part finished just now is not left behind).
    private func nextReady() -> Part? {
        lock.withLock {
            guard let ready = finished.removeValue(forKey: next) else {
                handingOver = false
                return nil
            }
            next += 1
            return ready
        }
    }

    /// Whether a finished slice still waits for one before it.
    var hasWaiting: Bool { lock.withLock { !finished.isEmpty || handingOver } }
}

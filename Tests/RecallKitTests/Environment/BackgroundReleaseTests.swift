import Foundation
import Testing
@testable import RecallKit

@Suite struct BackgroundReleaseTests {
    /// Signals, from its deinit, whether it was torn down on the thread that released it.
    final class Watched: @unchecked Sendable {
        let releasingThread: pthread_t
        let done: DispatchSemaphore
        let lock: NSLock
        nonisolated(unsafe) static var teardownsOnCaller = 0

        init(releasingThread: pthread_t, done: DispatchSemaphore, lock: NSLock) {
            self.releasingThread = releasingThread
            self.done = done
            self.lock = lock
        }

        deinit {
            if pthread_equal(pthread_self(), releasingThread) != 0 {
                lock.withLock { Self.teardownsOnCaller += 1 }
            }
            done.signal()
        }
    }

    /// The point of handing a value over is that the caller never pays for its teardown,
    /// however the threads happen to be scheduled.
    @Test func theValueIsNeverTornDownOnTheCallersThread() {
        let lock = NSLock()
        let done = DispatchSemaphore(value: 0)
        let rounds = 2_000
        for _ in 0..<rounds {
            // Worker threads just busy, as after the compiler's parallel work: they take the
            // block up at once, often before the caller has let go of it.
            DispatchQueue.concurrentPerform(iterations: 4) { _ in }
            // In an array, as the compiler hands over its tables.
            let value = [Watched(releasingThread: pthread_self(), done: done, lock: lock)]
            BackgroundRelease.release(consume value)
        }
        for _ in 0..<rounds { done.wait() }
        #expect(lock.withLock { Watched.teardownsOnCaller } == 0)
    }
}

import Dispatch
import Foundation

/// A value worked out on another thread, so slow preparation overlaps with what the learner is
/// already doing; reading it waits only if it is not ready yet.
///
/// Study uses it for the answer checker's context: on a deck of 100,000 facts it takes half a
/// second to build, which would otherwise delay the first card.
///
///     let judges = BackgroundValue { decks.map { CardJudge(context: CardJudge.context(for: $0.cards)) } }
///     // … show the first card, read the answer …
///     judges.value[0].judge(card, response: text, seconds: 4, hints: 0)
public final class BackgroundValue<Value: Sendable>: @unchecked Sendable {
    // Guards `result`; every access goes through it, which is what makes the class Sendable.
    private let condition = NSCondition()
    private var result: Value?

    public init(_ compute: @escaping @Sendable () -> Value) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let computed = compute()
            condition.lock()
            result = computed
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The value, waiting for it if the work is still running.
    public var value: Value {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return result!
    }
}

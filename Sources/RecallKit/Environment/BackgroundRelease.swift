import Foundation

/// Frees a large value on another thread. Tearing down a big deck's millions of strings
/// takes a tenth of a compile; the caller goes on meanwhile, and a process that is about to
/// exit does not wait for it at all.
///
///     let lines = splitLines(bytes)
///     let document = parse(lines)
///     BackgroundRelease.release(consume lines)
public enum BackgroundRelease {
    /// Takes the last reference to `value` (pass it with `consume`) and drops it on a
    /// background queue. Only values no other thread still reads may be passed.
    public static func release<Value>(_ value: consuming Value) {
        let owner = ReleasedValue(value)
        DispatchQueue.global(qos: .utility).async { owner.drop() }
    }
}

/// A value the background block empties. Merely capturing the value left its teardown to
/// whichever thread let go of the block last, and that was often the caller: 40–70 ms of a
/// 100,000-fact compile ran on the main thread after the last card.
private final class ReleasedValue<Value>: @unchecked Sendable {
    private var value: Value?
    init(_ value: consuming Value) { self.value = consume value }
    func drop() { value = nil }
}

/// A value handed to another thread under a contract the type system cannot see.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: consuming Value) { self.value = value }
}

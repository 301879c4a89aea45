/// A small, fast, deterministic random number generator (SplitMix64).
///
/// Scheduling must be reproducible — replaying a review log has to give the same due dates —
/// so fuzz never uses `SystemRandomNumberGenerator`. SplitMix64 passes BigCrush, needs 8 bytes
/// of state, and its output is fixed by its definition, not by the Swift version.
///
/// ```swift
/// var generator = SeededGenerator(seed: SeededGenerator.seed(forCardIdentifier: "kirov-1"))
/// let roll = generator.next()              // UInt64
/// let day = generator.nextInt(in: 5...9)  // uniform, 5 to 9
/// ```
public struct SeededGenerator: RandomNumberGenerator, Hashable, Sendable {
    private var state: UInt64

    /// A generator whose output is fully determined by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// Independent streams from one seed, e.g. one per review of a card.
    public init(seed: UInt64, stream: UInt64) {
        // Scrambling the stream number keeps (seed, n) and (seed + k·γ, n - k) from sharing
        // output, which plain addition of the SplitMix increment would cause.
        state = seed ^ Self.mix(stream &+ 0x9E37_79B9_7F4A_7C15)
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// A uniformly distributed integer in `range`, computed the same way on every platform
    /// (the standard library's `Int.random(in:using:)` algorithm is not part of its contract).
    public mutating func nextInt(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(truncatingIfNeeded: range.upperBound &- range.lowerBound) &+ 1
        if span == 0 { return Int(truncatingIfNeeded: next()) }   // the full 64-bit range
        // Multiply-shift (Lemire) without rejection: bias below 2^-40 for any interval.
        let offset = next().multipliedFullWidth(by: span).high
        return range.lowerBound &+ Int(truncatingIfNeeded: offset)
    }

    /// A double in `0..<1` with 53 random bits.
    public mutating func nextUnitDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A stable 64-bit seed for a card identifier (FNV-1a over UTF-8).
    ///
    /// Use this rather than `hashValue`, which Swift randomises per process.
    public static func seed(forCardIdentifier identifier: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in identifier.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

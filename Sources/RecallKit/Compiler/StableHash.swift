/// A fixed 64-bit hash (FNV-1a) over length-prefixed fields, for anything persisted: card ids
/// and content hashes. Swift's `Hasher` is seeded per process and must never be used for these.
///
/// Each field is prefixed with its byte length, so ("a b", "c") and ("a", " bc") differ:
///
///     StableHash.of(["great-purge", "kirov-assassin", "qa.typed"]).hex   // 16 hex digits
public struct StableHash: Hashable, Sendable {
    public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    public init() {}

    /// A hash already worked out, such as one kept as its ``value``.
    init(value: UInt64) {
        self.value = value
    }

    public static func of(_ fields: [String]) -> StableHash {
        var hash = StableHash()
        for field in fields { hash.combine(field) }
        return hash
    }

    public mutating func combine(_ field: String) {
        // Straight over the bytes; the UTF-8 view's iterator is several times slower.
        field.withUTF8Bytes { combine(bytes: $0) }
    }

    /// A field given as its UTF-8 bytes: the same as ``combine(_:)`` with the string they spell.
    mutating func combine(bytes: UnsafeBufferPointer<UInt8>) {
        combine(UInt64(bytes.count))
        for byte in bytes { mix(byte) }
    }

    public mutating func combine(_ number: UInt64) {
        var remaining = number
        for _ in 0..<8 {
            mix(UInt8(truncatingIfNeeded: remaining))
            remaining >>= 8
        }
    }

    private mutating func mix(_ byte: UInt8) {
        value ^= UInt64(byte)
        value &*= 0x0000_0100_0000_01B3
    }

    /// Sixteen lowercase hex digits.
    public var hex: String { hex(digits: 16) }

    /// The first `digits` of ``hex``: a short form that, at up to 15 digits, needs no allocation.
    func hex(digits: Int) -> String {
        precondition((0...16).contains(digits))
        // Eight digits at a time, a byte each: every kept card's id is made here. Not through
        // ``hex(digits:after:)`` with an empty prefix, whose wider buffer cost about 90 more
        // instructions an id.
        return withHexDigits { String(decoding: UnsafeBufferPointer(rebasing: $0[..<digits]), as: UTF8.self) }
    }

    /// The 16 digits of ``hex``, lent to `body` without making a string: a card id written
    /// straight to JSON, or hashed again, allocates nothing.
    func withHexDigits<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        var text = (Self.hexDigits(of: UInt32(truncatingIfNeeded: value >> 32)), Self.hexDigits(of: UInt32(truncatingIfNeeded: value)))
        return try withUnsafeBytes(of: &text) { try body($0.bindMemory(to: UInt8.self)) }
    }

    /// `prefix` and then the first `digits` of ``hex``, made in one go: joining the two strings
    /// took 500 instructions, and every fact's id and key are made this way.
    ///
    ///     hash.hex(digits: 12, after: "~")   // "~3f09a1c2b4d5"
    func hex(digits: Int, after prefix: StaticString) -> String {
        precondition((0...16).contains(digits) && prefix.utf8CodeUnitCount <= 16)
        var text: (UInt64, UInt64, UInt64, UInt64) = (0, 0, Self.hexDigits(of: UInt32(truncatingIfNeeded: value >> 32)),
                                                      Self.hexDigits(of: UInt32(truncatingIfNeeded: value)))
        return withUnsafeMutableBytes(of: &text) { buffer in
            let start = 16 - prefix.utf8CodeUnitCount
            prefix.withUTF8Buffer { UnsafeMutableRawBufferPointer(rebasing: buffer[start..<16]).copyMemory(from: UnsafeRawBufferPointer($0)) }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer.bindMemory(to: UInt8.self)[start..<(16 + digits)]), as: UTF8.self)
        }
    }

    /// The eight lowercase hex digits of `word`, most significant first in memory order.
    private static func hexDigits(of word: UInt32) -> UInt64 {
        // Spread the nibbles one a byte, least significant in the lowest byte, then reverse.
        var spread = UInt64(word)
        spread = (spread | spread << 16) & 0x0000_FFFF_0000_FFFF
        spread = (spread | spread << 8) & 0x00FF_00FF_00FF_00FF
        spread = (spread | spread << 4) & 0x0F0F_0F0F_0F0F_0F0F
        spread = spread.byteSwapped
        // 0x01 in each byte whose nibble is 10 or more: those become letters, the rest digits.
        let isLetter = ((spread &+ 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101
        return (spread &+ 0x3030_3030_3030_3030 &+ isLetter &* 0x27).littleEndian
    }
}

extension RandomNumberGenerator {
    /// A uniform integer in `0..<upperBound` by rejection, so no value is favoured. Written
    /// out rather than `Int.random(in:using:)` because the standard library does not promise
    /// that algorithm stays the same, and compiled decks must be byte-identical across releases.
    mutating func uniform(below upperBound: Int) -> Int {
        precondition(upperBound > 0)
        let bound = UInt64(upperBound)
        let limit = UInt64.max - UInt64.max % bound
        while true {
            let value = next()
            if value < limit { return Int(value % bound) }
        }
    }

    /// Fisher–Yates shuffle with ``uniform(below:)``.
    mutating func stableShuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for index in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(index, uniform(below: index + 1))
        }
    }
}

// Byte-level views of text that the parser, the compiler and the answer checker share: their
// fast paths work on UTF-8 bytes, and only when the text is ASCII.

extension StringProtocol {
    /// Whether every character is ASCII, which lets the compiler's text rules work on bytes.
    var isPureASCII: Bool {
        utf8.withContiguousStorageIfAvailable(\.isASCII) ?? utf8.allSatisfy { $0 < 0x80 }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether every byte is below 0x80, tested eight at a time.
    var isASCII: Bool {
        var index = 0
        while count - index >= 8 {
            if UnsafeRawPointer(baseAddress! + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < count {
            if self[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }
}

extension String {
    /// Calls `body` with the string's UTF-8 bytes. A native string lends them in place; only a
    /// bridged one is copied first (`withUTF8` needs a mutable copy, which costs a retain).
    ///
    ///     let count = "Kirov".withUTF8Bytes { $0.count }   // 5
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return copy.withUTF8(body)
    }
}

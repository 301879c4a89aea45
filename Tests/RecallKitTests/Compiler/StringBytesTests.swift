import Testing
@testable import RecallKit

/// The compiler takes its byte-level paths only for ASCII text, tested eight bytes at a time:
/// one byte above 0x7F anywhere, in a full word or in the bytes after, must send text to the
/// general path.
@Suite struct StringBytesTests {
    @Test func oneNonASCIIByteAtAnyOffsetIsSeen() {
        for length in 0...20 {
            let plain = String(repeating: "k", count: length)
            #expect(plain.isPureASCII)
            for offset in 0...length {
                var characters = Array(plain)
                characters.insert("é", at: offset)
                #expect(!String(characters).isPureASCII, "é at \(offset) of \(length)")
                characters[offset] = "\u{7F}"
                #expect(String(characters).isPureASCII, "DEL is ASCII, at \(offset) of \(length)")
            }
        }
    }
}

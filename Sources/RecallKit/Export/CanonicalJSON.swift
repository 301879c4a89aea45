import Foundation

/// The JSON layout every recall output shares: sorted keys, two-space indentation, slashes
/// left alone and a final newline, so the same data always gives the same bytes and diffs well.
///
///     let data = try CanonicalJSON.data(statistics)   // `recall stats --json`
///
/// The compiled deck is written by hand in this same layout (`DeckJSONWriter.swift`), and its
/// test compares the two.
enum CanonicalJSON {
    static func data(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }
}

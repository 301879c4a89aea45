import Foundation
import Testing
@testable import RecallKit

/// Every malformed deck under Fixtures/compiler/malformed renders exactly its `.expected` text.
@Suite struct DiagnosticGoldenTests {
    static let decks = Golden.files(in: "compiler/malformed", withExtension: "facts")

    @Test func theCorpusIsLargeEnough() {
        #expect(Self.decks.count >= 20)
    }

    @Test(arguments: decks)
    func rendersTheExpectedDiagnostics(deck: URL) throws {
        let bytes = try [UInt8](Data(contentsOf: deck))
        let loaded = DeckLoader.compile(bytes: bytes, path: deck.lastPathComponent, seed: 0)
        #expect(!loaded.diagnostics.isEmpty, "a malformed deck must produce at least one diagnostic")
        let text = DiagnosticRenderer().render(loaded.diagnostics, lines: loaded.lines)
        try Golden.check(text, against: deck.deletingPathExtension().appendingPathExtension("expected"))
    }
}

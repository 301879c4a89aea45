import Foundation
import Testing
@testable import RecallKit

/// Deck files are read straight into an array sized from the file: every byte must arrive,
/// whatever size the file reports, and a path that is not a readable file must say why.
@Suite struct DeckFileReadingTests {
    static func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = NSTemporaryDirectory() + "recall-read-\(UUID().uuidString).facts"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(arguments: [0, 1, 4_095, 65_537, 1_000_003])
    func everyByteArrives(count: Int) throws {
        var generator = SeededGenerator(seed: UInt64(count))
        let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let path = try Self.temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try DeckLoader.read(path) == bytes)
    }

    /// Files under /proc report a size of 0 and still have content: reading goes on past the size.
    @Test func aFileLargerThanItsReportedSizeIsReadToTheEnd() throws {
        let path = "/proc/self/cmdline"
        try #require(FileManager.default.fileExists(atPath: path))
        let bytes = try DeckLoader.read(path)
        #expect(!bytes.isEmpty)
        #expect(bytes.last == 0, "the command line's arguments end with NUL")
    }

    @Test func aMissingFileOrAFolderIsNamed() throws {
        #expect(throws: DeckFileError.notFound("/nonexistent/deck.facts")) { try DeckLoader.read("/nonexistent/deck.facts") }
        let folder = NSTemporaryDirectory()
        #expect(throws: DeckFileError.isDirectory(folder)) { try DeckLoader.read(folder) }
    }
}

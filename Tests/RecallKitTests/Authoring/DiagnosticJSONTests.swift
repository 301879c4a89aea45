import Foundation
import Testing
@testable import RecallKit

/// `recall check --format json`: one object a line, the documented keys in order.
@Suite struct DiagnosticJSONTests {
    static let keys = ["path", "line", "column", "endColumn", "severity", "id", "message", "notes"]

    @Test func everyDiagnosticOfTheMalformedCorpusIsOneDocumentedObject() throws {
        for deck in Golden.files(in: "compiler/malformed", withExtension: "facts") {
            let loaded = DeckLoader.compile(bytes: try [UInt8](Data(contentsOf: deck)), path: deck.lastPathComponent, seed: 0)
            let lines = DiagnosticJSON.lines(loaded.diagnostics).split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == loaded.diagnostics.count + 1 && lines.last == "")
            for (line, diagnostic) in zip(lines, loaded.diagnostics) {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                #expect(Set(object.keys) == Set(Self.keys))
                // Key order is part of the format.
                let positions = Self.keys.map { line.range(of: "\"\($0)\":")!.lowerBound }
                #expect(positions == positions.sorted())
                #expect(object["path"] as? String == diagnostic.path)
                #expect(object["line"] as? Int == diagnostic.span.line)
                #expect(object["column"] as? Int == diagnostic.span.column)
                #expect(object["endColumn"] as? Int == diagnostic.span.column + diagnostic.span.length)
                #expect(object["severity"] as? String == diagnostic.severity.rawValue)
                #expect(object["id"] as? String == diagnostic.id)
                #expect(object["message"] as? String == diagnostic.message)
                #expect(object["notes"] as? [String] == diagnostic.notes)
            }
        }
    }

    @Test func awkwardTextStaysOnOneLineAndRoundTrips() throws {
        var diagnostic = Diagnostic(.unknownSourceKey("x"), path: "dir/\"quoted\" \\ file.facts", span: SourceSpan(line: 3, column: 5, length: 4),
                                    notes: ["help: one\ntwo\u{2028}three\u{1B}[0m\t…"])
        diagnostic.message = "message with \u{0} and \u{7F} and “curly” quotes"
        let line = DiagnosticJSON.line(diagnostic)
        #expect(!line.contains("\n"))
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0x2028 })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["path"] as? String == diagnostic.path)
        #expect(object["message"] as? String == diagnostic.message)
        #expect(object["notes"] as? [String] == diagnostic.notes)
        #expect(line.hasPrefix("{\"path\":\"dir/\\\"quoted\\\" \\\\ file.facts\",\"line\":3,\"column\":5,\"endColumn\":9,\"severity\":\"warning\",\"id\":\"unknown-source-key\""))
    }
}

import Foundation
@testable import RecallKit

/// One line of a `.cases` fixture: a response, the answer it is checked against, and the verdict it must get.
struct AnswerCase: Sendable, CustomStringConvertible {
    enum Expectation: Sendable, Equatable {
        case correct
        case typo(String)
        case partial(Double)
        case wrong
        /// Wrong, and reported as this other answer of the deck.
        case confused(String)

        var isMustReject: Bool {
            switch self {
            case .wrong, .confused: true
            default: false
            }
        }
    }

    let file: String
    let line: Int
    let expected: ExpectedAnswer
    let response: String
    let expectation: Expectation
    let context: AnswerContext

    var description: String { "\(file):\(line) “\(response)”" }
}

/// Reads the `.cases` fixtures in `Fixtures/answers/` (format described at the top of each file).
enum AnswerCaseFile {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/answers")

    struct FormatError: Error, CustomStringConvertible {
        let description: String
    }

    /// Every case of every fixture file; a fixture that cannot be read is a test failure, not a crash.
    static func allCases() throws -> [AnswerCase] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".cases") }.sorted()
        return try files.flatMap { try cases(inFile: $0) }
    }

    static func cases(inFile name: String) throws -> [AnswerCase] {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        var answers: [ExpectedAnswer] = []
        var contextEntries: [AnswerContext.Entry] = []
        var pending: [(line: Int, answerIndex: Int, response: String, expectation: AnswerCase.Expectation)] = []

        for (offset, rawLine) in text.components(separatedBy: "\n").enumerated() {
            let lineNumber = offset + 1
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let separator = line.range(of: ": ") ?? (line.hasSuffix(":") ? line.range(of: ":", options: .backwards) : nil) else {
                throw FormatError(description: "\(name):\(lineNumber): no “: ” in “\(line)”")
            }
            let head = String(line[..<separator.lowerBound])
            let body = String(line[separator.upperBound...])
            let headWords = head.split(separator: " ").map(String.init)
            if rawLine.hasPrefix(" ") {
                guard !answers.isEmpty else { throw FormatError(description: "\(name):\(lineNumber): check before any answer") }
                pending.append((lineNumber, answers.count - 1, unquote(body), try expectation(headWords, at: "\(name):\(lineNumber)")))
            } else if headWords.first == "answer" {
                answers.append(try answer(headWords.dropFirst(), body, at: "\(name):\(lineNumber)"))
            } else if headWords.first == "context", headWords.count == 2 {
                let spellings = splitSpellings(body)
                contextEntries.append(.init(kind: AnswerKind(identifier: headWords[1]), canonical: spellings[0], aliases: Array(spellings.dropFirst())))
            } else {
                throw FormatError(description: "\(name):\(lineNumber): unknown line “\(line)”")
            }
        }
        let context = AnswerContext(entries: AnswerContext(answers: answers).entries + contextEntries)
        return pending.map {
            AnswerCase(file: name, line: $0.line, expected: answers[$0.answerIndex], response: $0.response, expectation: $0.expectation, context: context)
        }
    }

    private static func answer(_ head: ArraySlice<String>, _ body: String, at location: String) throws -> ExpectedAnswer {
        let words = Array(head)
        switch words.first {
        case "date"?:
            return .date(try HistoricalDate.parse(body))
        case "number"?:
            return .number(try NumberSpec.parse(body), unit: words.count > 1 ? words[1] : nil)
        case "set"?, "sequence"?:
            let kind = AnswerKind(identifier: words.count > 1 ? words[1] : "text")
            let items = body.components(separatedBy: " ; ").map { item in
                let spellings = splitSpellings(item)
                return ListItem(canonical: spellings[0], aliases: Array(spellings.dropFirst()), kind: kind)
            }
            return .list(items: items, ordered: words[0] == "sequence")
        case let kind?:
            let spellings = splitSpellings(body)
            return .text(canonical: spellings[0], aliases: Array(spellings.dropFirst()), kind: AnswerKind(identifier: kind))
        case nil:
            throw FormatError(description: "\(location): answer without a kind")
        }
    }

    private static func expectation(_ words: [String], at location: String) throws -> AnswerCase.Expectation {
        let rest = words.dropFirst().joined(separator: " ")
        switch words.first {
        case "correct"?: return .correct
        case "wrong"?: return .wrong
        case "typo"?: return .typo(rest)
        case "confused"?: return .confused(rest)
        case "partial"?:
            guard let credit = Double(rest) else { throw FormatError(description: "\(location): bad credit “\(rest)”") }
            return .partial(credit)
        default:
            throw FormatError(description: "\(location): unknown verdict “\(words.joined(separator: " "))”")
        }
    }

    private static func splitSpellings(_ text: String) -> [String] {
        text.components(separatedBy: " | ").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// `"…"` is taken verbatim, with `\n` for a line break; anything else as written.
    private static func unquote(_ text: String) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
        return String(text.dropFirst().dropLast()).replacingOccurrences(of: "\\n", with: "\n")
    }
}

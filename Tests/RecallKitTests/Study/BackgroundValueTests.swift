import Foundation
import Testing
@testable import RecallKit

@Suite struct BackgroundValueTests {
    @Test func readersWaitForTheWorkAndAllSeeOneResult() async throws {
        let started = Date()
        let slow = BackgroundValue { () -> [Int] in
            Thread.sleep(forTimeInterval: 0.2)
            return Array(0..<1_000)
        }
        // Several readers at once: each blocks until the value exists, then sees the same one.
        let sums = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { slow.value.reduce(0, +) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(sums == Array(repeating: 499_500, count: 8))
        #expect(Date().timeIntervalSince(started) >= 0.2, "nobody read the value before it was ready")
        #expect(slow.value.count == 1_000, "and reading again does not recompute")
    }

    @Test func theStudyJudgesFromTheBackgroundMatchOnesBuiltInPlace() throws {
        let path = AuthoringSamples.bundledDecks[0]
        let deck = try #require(AuthoringSamples.compile(try AuthoringSamples.bytes(path), path: path).deck)
        let cards = deck.cards
        let background = BackgroundValue { CardJudge.context(for: cards) }
        #expect(background.value == CardJudge.context(for: cards))
    }
}

import Foundation
import Testing
import TestSupport
@testable import RecallKit

/// `recall check --watch`: saves are noticed, in place or by rename, once each.
@Suite struct DeckWatcherTests {
    let scratch = ScratchFolder("recall-watch")
    var folder: String { scratch.path }

    @Test func changesInPlaceAndByRenameAreNoticed() throws {
        let path = folder + "/a.facts"
        try Data("one\n".utf8).write(to: URL(fileURLWithPath: path))
        var watcher = DeckWatcher(paths: [path])
        #expect(watcher.changedPaths().isEmpty)
        try Data("one two\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(watcher.changedPaths() == [path])
        #expect(watcher.changedPaths().isEmpty, "a change is reported once")
        // Same size and, on a coarse clock, the same time: the new inode gives it away.
        try Data("one six\n".utf8).write(to: URL(fileURLWithPath: folder + "/new"))
        #expect(rename(folder + "/new", path) == 0)
        #expect(watcher.changedPaths() == [path])
        try FileManager.default.removeItem(atPath: path)
        #expect(watcher.changedPaths() == [path], "a deleted file is a change too")
    }

    @Test func runReportsASettledChangeAndStopsWhenAsked() throws {
        let path = folder + "/b.facts"
        try Data("one\n".utf8).write(to: URL(fileURLWithPath: path))
        var watcher = DeckWatcher(paths: [path])
        var polls = 0
        var reported: [[String]] = []
        watcher.run(interval: 0.01, shouldStop: {
            polls += 1
            if polls == 2 { try? Data("changed\n".utf8).write(to: URL(fileURLWithPath: path)) }
            return polls > 12 || !reported.isEmpty
        }, onChange: { reported.append($0) })
        #expect(reported == [[path]])
    }
}

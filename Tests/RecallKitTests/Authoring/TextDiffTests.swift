import Testing
@testable import RecallKit

@Suite struct TextDiffTests {
    @Test func equalTextsHaveNoDiff() {
        #expect(TextDiff.unified(old: ["a", "b"], new: ["a", "b"], oldName: "x", newName: "y") == "")
    }

    @Test func distantChangesMakeSeparateHunks() {
        let old = (1...20).map(String.init)
        var new = old
        new[1] = "two"
        new.remove(at: 17)
        #expect(TextDiff.unified(old: old, new: new, oldName: "x", newName: "y", context: 1) == """
            --- x
            +++ y
            @@ -1,3 +1,3 @@
             1
            -2
            +two
             3
            @@ -17,3 +17,2 @@
             17
            -18
             19

            """)
    }

    @Test func insertionsIntoEmptyFilesAreNumberedAsDiffDoes() {
        #expect(TextDiff.unified(old: [], new: ["a"], oldName: "x", newName: "y") == "--- x\n+++ y\n@@ -0,0 +1,1 @@\n+a\n")
    }

    @Test func linesAreSanitized() {
        let diff = TextDiff.unified(old: ["a"], new: ["\u{1B}]0;title\u{07}b"], oldName: "x", newName: "y")
        #expect(!diff.contains("\u{1B}"))
        #expect(diff.contains("+b\n"))
    }
}

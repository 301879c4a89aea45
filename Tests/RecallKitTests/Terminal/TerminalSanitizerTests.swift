import Testing
@testable import RecallKit

@Suite struct TerminalSanitizerTests {
    @Test func removesTitleChangesScreenClearsAndControls() {
        #expect(TerminalSanitizer.clean("\u{1B}]0;title\u{07}Kirov") == "Kirov")
        #expect(TerminalSanitizer.clean("before\u{1B}[2Jafter") == "beforeafter")
        #expect(TerminalSanitizer.clean("a\u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\b") == "alinkb")
        #expect(TerminalSanitizer.clean("bell\u{07}nul\u{00}del\u{7F}") == "bellnuldel")
        #expect(TerminalSanitizer.clean("c1\u{9B}31mred\u{85}next") == "c1rednext")
        #expect(TerminalSanitizer.clean("osc\u{9D}0;t\u{9C}done") == "oscdone")
        #expect(TerminalSanitizer.clean("reset\u{1B}cafter") == "resetafter")
        #expect(TerminalSanitizer.clean("carriage\rreturn") == "carriagereturn")
    }

    @Test func keepsUnicodeTextIntact() {
        let text = "Ежов — Yezhov, Coyoacán, Zürich, 🙂 👩🏽‍🔬, 李"
        #expect(TerminalSanitizer.clean(text) == text)
        #expect(TerminalSanitizer.clean("\u{1B}[31mЕжов\u{1B}[0m 🙂") == "Ежов 🙂")
    }

    @Test func newlinesOnlyWhenAsked() {
        #expect(TerminalSanitizer.clean("a\nb") == "ab")
        #expect(TerminalSanitizer.clean("a\nb", keepNewlines: true) == "a\nb")
        #expect(TerminalSanitizer.clean("a\tb") == "a b")
    }

    @Test func anUnterminatedSequenceSwallowsOnlyItself() {
        #expect(TerminalSanitizer.clean("x\u{1B}[") == "x")
        #expect(TerminalSanitizer.clean("x\u{1B}]0;never ends") == "x")
        #expect(TerminalSanitizer.clean("x\u{1B}") == "x")
    }
}

import Testing
@testable import RecallKit

/// One test per normalisation rule: each pair must normalise to the same comparison key.
@Suite("Answer normalisation")
struct AnswerNormalizerTests {
    private func key(_ text: String) -> String { AnswerNormalizer.normalize(text).compact }

    @Test("Case is folded", arguments: [("NKVD", "nkvd"), ("Smolny INSTITUTE", "smolny institute"), ("ẞ", "ss")])
    func caseFolding(_ pair: (String, String)) {
        #expect(key(pair.0) == key(pair.1))
    }

    @Test("Diacritics are folded", arguments: [("Coyoacán", "Coyoacan"), ("Ramón", "Ramon"), ("Bería", "Beria"), ("Straße", "Strasse"), ("Łódź", "Lodz"), ("Ørsted", "Orsted")])
    func diacritics(_ pair: (String, String)) {
        #expect(key(pair.0) == key(pair.1))
    }

    @Test("Compatibility forms are unified (NFKC)", arguments: [("Ｍｅｘｉｃｏ", "Mexico"), ("ﬁnal", "final"), ("Order №00447", "Order No 00447"), ("Order No 00447²", "Order No 004472")])
    func compatibilityForms(_ pair: (String, String)) {
        #expect(key(pair.0) == key(pair.1))
    }

    @Test("Quote styles are ignored", arguments: ["“troika”", "‘troika’", "\"troika\"", "'troika'", "«troika»", "`troika`", "„troika“"])
    func quotes(_ quoted: String) {
        #expect(key(quoted) == "troika")
    }

    @Test("Apostrophes join rather than split")
    func apostrophes() {
        #expect(AnswerNormalizer.normalize("People’s Commissariat").words == ["peoples", "commissariat"])
        #expect(key("People's") == key("Peoples"))
    }

    @Test("Punctuation separates words and is otherwise ignored")
    func punctuation() {
        #expect(AnswerNormalizer.normalize("L.Nikolaev").words == ["l", "nikolaev"])
        #expect(key("Smolny Institute!?") == key("Smolny Institute"))
        #expect(key(":undo") == "undo")
        #expect(key("N.K.V.D.") == "nkvd")
    }

    @Test("Hyphens, spaces and their absence are equivalent", arguments: ["show-trial", "show trial", "showtrial", "show – trial", "show\u{00A0}trial", "  show   trial  "])
    func hyphensAndSpaces(_ text: String) {
        #expect(key(text) == "showtrial")
    }

    @Test("Leading articles are ignored, never when they are the whole answer")
    func leadingArticles() {
        #expect(AnswerNormalizer.normalize("the Smolny Institute").words == ["smolny", "institute"])
        #expect(AnswerNormalizer.normalize("a troika").words == ["troika"])
        #expect(AnswerNormalizer.normalize("An ice axe").words == ["ice", "axe"])
        #expect(AnswerNormalizer.normalize("The").words == ["the"])
        #expect(AnswerNormalizer.normalize("A").words == ["a"])
    }

    @Test("“the” inside an answer is ignored; “a” inside is kept as it may be an initial")
    func innerArticles() {
        #expect(key("Congress of the Victors") == key("Congress of Victors"))
        #expect(AnswerNormalizer.normalize("Nikolai A Yezhov").words == ["nikolai", "a", "yezhov"])
    }

    @Test("Names of persons keep a leading “A”, which is an initial")
    func personsKeepArticles() {
        #expect(AnswerNormalizer.normalize("A. I. Rykov", keepingArticles: true).words == ["a", "i", "rykov"])
    }

    @Test("Control and invisible characters never join or crash", arguments: ["troi\u{0000}ka", "troika\u{0007}", "\u{200B}troika", "tro\u{00AD}ika", "troika\u{202E}"])
    func controlCharacters(_ text: String) {
        let normalized = AnswerNormalizer.normalize(text)
        #expect(normalized.compact == "troika")
    }

    @Test("Only punctuation or whitespace normalises to nothing", arguments: ["", "   ", "?!", "\n\t", "“”"])
    func empty(_ text: String) {
        #expect(AnswerNormalizer.normalize(text).isEmpty)
    }

    @Test("Punctuation-keeping fold keeps date marks")
    func foldKeepingPunctuation() {
        #expect(AnswerNormalizer.foldKeepingPunctuation("1934-12-01") == "1934-12-01")
        #expect(AnswerNormalizer.foldKeepingPunctuation("Dec.  1,\t1934") == "dec. 1, 1934")
    }

    @Test("Digits are extracted for the no-typos-in-digits rule")
    func digits() {
        #expect(String(String.UnicodeScalarView(AnswerNormalizer.normalize("Order No. 00447").digits)) == "00447")
        #expect(AnswerNormalizer.normalize("troika").digits.isEmpty)
    }

    @Test("Trimming removes surrounding whitespace only")
    func trimming() {
        #expect(AnswerNormalizer.trimmed("  \n :undo \t") == ":undo")
        #expect(AnswerNormalizer.trimmed("   ") == "")
    }
}

import Foundation

/// A response or an accepted answer reduced to what matters when comparing them.
///
/// `"The Smolny-Institute!"` becomes the words `["smolny", "institute"]`.
struct NormalizedAnswer: Hashable, Sendable {
    /// Folded words, leading article removed.
    let words: [String]
    /// The words joined without spaces, so that spacing and hyphenation never matter.
    let compact: String
    /// `compact` as scalars, ready for edit distances.
    let compactScalars: [Unicode.Scalar]

    init(words: [String]) {
        self.words = words
        self.compact = words.joined()
        self.compactScalars = Array(compact.unicodeScalars)
    }

    var isEmpty: Bool { words.isEmpty }

    /// The digits in order: a typo may never change them, since `00447` and `00448` are different orders.
    var digits: [Unicode.Scalar] {
        compactScalars.filter { $0.isASCII ? ("0"..."9").contains($0) : $0.properties.numericType != nil }
    }
}

/// The normalisation rules every comparison goes through.
///
/// - Unicode compatibility forms are unified (NFKC/NFKD: full-width letters, ligatures, no-break spaces).
/// - Letters are case-folded and diacritics are dropped: `Coyoacán` = `coyoacan`, `Straße` = `strasse`.
/// - Quotes and apostrophes of every style are dropped, so `O’Brien` = `O'Brien` = `OBrien`.
/// - Every other punctuation mark, symbol, control character and hyphen separates words, and
///   words are later compared without spaces, so `show-trial` = `show trial` = `showtrial`.
/// - A leading English article is ignored: `the Smolny Institute` = `Smolny Institute`, and so is
///   `the` anywhere: `Congress of the Victors` = `Congress of Victors`.
enum AnswerNormalizer {
    /// Articles ignored at the start of an answer (never when they are the whole answer).
    static let leadingArticles: Set<String> = ["the", "a", "an"]

    /// Normalises `text`; names of persons keep their articles, since `A. I. Rykov` starts with an initial.
    static func normalize(_ text: String, keepingArticles: Bool = false) -> NormalizedAnswer {
        var words = fold(text).split(separator: " ").map(String.init)
        if keepingArticles { return NormalizedAnswer(words: words) }
        if words.count > 1, leadingArticles.contains(words[0]) {
            words.removeFirst()
        }
        // "the" inside is noise too ("Congress of the Victors"); "a" may be an initial, so it stays.
        if words.count > 1, words.contains("the") {
            words.removeAll { $0 == "the" }
        }
        return NormalizedAnswer(words: words)
    }

    /// Folds case, diacritics, compatibility forms and punctuation; words end up separated by one space.
    static func fold(_ text: String) -> String {
        fold(text, keepingPunctuation: false)
    }

    /// Folds case, diacritics and compatibility forms but keeps punctuation (`1934-12-01`, `12/1934`),
    /// for readers that need the marks; whitespace and control characters become single spaces.
    static func foldKeepingPunctuation(_ text: String) -> String {
        fold(text, keepingPunctuation: true)
    }

    private static func fold(_ text: String, keepingPunctuation: Bool) -> String {
        // ASCII needs no Unicode decomposition; skipping it keeps the common case fast.
        let decomposed = text.isPureASCII ? text : text.decomposedStringWithCompatibilityMapping
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in decomposed.unicodeScalars {
            if isDropped(scalar) { continue }
            if scalar.isASCII, let folded = asciiLetterOrDigit(scalar) {
                // The common case, without building a String per scalar.
                if pendingSpace, !output.isEmpty { output.append(" ") }
                pendingSpace = false
                output.append(folded)
            } else if !scalar.isASCII, let replacement = letterReplacement(scalar) {
                if pendingSpace, !output.isEmpty { output.append(" ") }
                pendingSpace = false
                output.append(contentsOf: replacement.unicodeScalars)
            } else if keepingPunctuation, !scalar.properties.isWhitespace, scalar.properties.generalCategory != .control {
                if pendingSpace, !output.isEmpty { output.append(" ") }
                pendingSpace = false
                output.append(scalar)
            } else {
                pendingSpace = true
            }
        }
        return String(output)
    }

    /// Marks and quote characters vanish without splitting a word.
    private static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x27, 0x22, 0x60, 0xB4, 0x2BC, 0x2B9, 0x2BA, 0x2032, 0x2033, 0x2018...0x201F, 0xAB, 0xBB, 0x2039, 0x203A, 0xAD:
            return true
        default:
            break
        }
        if scalar.isASCII { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .format: return true
        default: return false
        }
    }

    /// An ASCII letter (lowercased) or digit, or nil for ASCII punctuation, symbols and spaces.
    private static func asciiLetterOrDigit(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x30...0x39, 0x61...0x7A: scalar
        case 0x41...0x5A: Unicode.Scalar(UInt8(scalar.value + 0x20))
        default: nil
        }
    }

    /// The folded form of a non-ASCII letter or digit, or nil when the scalar separates words.
    private static func letterReplacement(_ scalar: Unicode.Scalar) -> String? {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            let lower = scalar.properties.lowercaseMapping
            return specialLetters[lower] ?? lower
        default:
            return nil
        }
    }

    /// Letters that carry no combining mark to strip but are written without it on English keyboards.
    private static let specialLetters: [String: String] = [
        "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "ı": "i", "þ": "th", "ħ": "h",
    ]
}

extension AnswerNormalizer {
    /// `text` without leading and trailing whitespace and line breaks (no Foundation bridging).
    static func trimmed(_ text: String) -> String {
        // Most texts start and end with a visible ASCII character: nothing to scan or copy.
        if let first = text.utf8.first, let last = text.utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return text
        }
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
              let last = text.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(text[first...last])
    }
}

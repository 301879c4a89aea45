/// How many typing mistakes an answer may contain and still count as right.
///
/// The budget grows with the length of the accepted answer (letters and digits, spaces not
/// counted): short answers must be exact because one edit turns `Good` into `Goad` or `NKVD`
/// into `NKGB`; longer names absorb a slip or two.
///
/// | letters | edits in the whole answer | edits in one word |
/// | ------- | ------------------------- | ----------------- |
/// | 1–2     | 0                         | 0                 |
/// | 3–4     | 0                         | 1                 |
/// | 5–7     | 1                         | 1                 |
/// | 8–9     | 1                         | 2                 |
/// | 10–19   | 2                         | 2                 |
/// | 20+     | 3                         | 2                 |
///
/// The per-word cap keeps one word from using the whole budget, so `recall import` is never a
/// typo of `recall export`, and a wrong initial (`M. Nikolaev`) is never a typo of `L. Nikolaev`.
/// A typo never changes the first letter of a word: `Ezhov` is a transliteration of `Yezhov`,
/// not a slip, and transliterations count only when the author lists them as aliases.
/// Digits never take part: a typo may not change any digit. When the response splits into a
/// different number of words than the answer, it is compared without spaces, but a one-letter
/// word the answer does not have (`M. Nikolaev` against `Nikolaev`) is never a typo.
public enum TypoTolerance {
    /// Edits allowed across a whole answer of `length` letters and digits.
    public static func allowedEdits(forLength length: Int) -> Int {
        switch length {
        case ..<5: 0
        case 5..<10: 1
        case 10..<20: 2
        default: 3
        }
    }

    /// Edits allowed within one word of a longer answer.
    public static func allowedEdits(forWordLength length: Int) -> Int {
        switch length {
        case ..<3: 0
        case 3..<8: 1
        default: 2
        }
    }

    /// The typo distance from `response` to `form`, or nil when it is not an acceptable typo.
    static func edits(from response: NormalizedAnswer, to form: NormalizedAnswer) -> Int? {
        let budget = allowedEdits(forLength: form.compactScalars.count)
        guard budget > 0, response.digits == form.digits else { return nil }
        if response.words.count == form.words.count {
            var total = 0
            for (typedWord, acceptedWord) in zip(response.words, form.words) where typedWord != acceptedWord {
                let typedScalars = Array(typedWord.unicodeScalars), acceptedScalars = Array(acceptedWord.unicodeScalars)
                guard typedScalars.first == acceptedScalars.first else { return nil }
                let wordBudget = allowedEdits(forWordLength: acceptedScalars.count)
                guard let distance = OptimalStringAlignment.distance(typedScalars, acceptedScalars, limit: wordBudget) else {
                    return nil
                }
                total += distance
                if total > budget { return nil }
            }
            return total
        }
        // Words split differently ("Yezhov shchina"): compare without spaces against the whole budget.
        let isStrayInitial: (String) -> Bool = { $0.unicodeScalars.count == 1 && !form.words.contains($0) }
        guard !response.words.contains(where: isStrayInitial),
              response.compactScalars.first == form.compactScalars.first else { return nil }
        return OptimalStringAlignment.distance(response.compactScalars, form.compactScalars, limit: budget)
    }
}

extension AnswerChecker {
    /// Which of `options` a typed multiple-choice response picks, or nil when it picks none or
    /// cannot be told apart.
    ///
    /// In order: the option's text (normalised, so `the smolny institute` picks
    /// `Smolny Institute`); its position, as a number from 1 (`2`, `2.`, `(2)`) or a letter
    /// from a (`b`, `B)`); the one option within typo tolerance that is strictly nearer than all
    /// others. An option's own text wins over a position, so with years as options `1937`
    /// picks the year and `2` the second option.
    ///
    /// ```swift
    /// let options = ["Genrikh Yagoda", "Nikolai Yezhov", "Lavrentiy Beria"]
    /// AnswerChecker.matchChoice("2", options: options)              // 1
    /// AnswerChecker.matchChoice("c)", options: options)             // 2
    /// AnswerChecker.matchChoice("nikolai yezhov", options: options) // 1
    /// AnswerChecker.matchChoice("Lavrenti Beria", options: options) // 2 (a typo)
    /// ```
    public static func matchChoice(_ response: String, options: [String]) -> Int? {
        guard response.utf8.count <= maximumResponseLength else { return nil }
        let typed = AnswerNormalizer.normalize(response)
        guard !typed.isEmpty else { return nil }
        let normalizedOptions = options.map { AnswerNormalizer.normalize($0) }

        if let index = normalizedOptions.firstIndex(where: { !$0.isEmpty && $0.compact == typed.compact }) {
            return index
        }
        if typed.words.count == 1 {
            let word = typed.words[0]
            if word.allSatisfy({ $0.isASCII && $0.isWholeNumber }), let position = Int(word),
               position >= 1, position <= options.count {
                return position - 1
            }
            if word.count == 1, let letter = word.unicodeScalars.first, ("a"..."z").contains(letter) {
                let position = Int(letter.value - Unicode.Scalar("a").value)
                if position < options.count { return position }
            }
        }
        var nearest: (index: Int, edits: Int)?
        var isTied = false
        for (index, option) in normalizedOptions.enumerated() {
            guard let edits = TypoTolerance.edits(from: typed, to: option) else { continue }
            switch nearest.map({ edits - $0.edits }) {
            case nil, (..<0)?:
                nearest = (index, edits)
                isTied = false
            case 0?:
                isTied = true
            default:
                break
            }
        }
        guard let nearest, !isTied else { return nil }
        // As with answers, a typo may not be as close to another option.
        for (index, option) in normalizedOptions.enumerated() where index != nearest.index {
            if OptimalStringAlignment.distance(typed.compactScalars, option.compactScalars, limit: nearest.edits) != nil { return nil }
        }
        return nearest.index
    }
}

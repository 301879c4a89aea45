/// A person's name split into given name, middle names (usually a patronymic) and surname,
/// and the shorter forms a teacher would accept for it.
///
/// `Nikolai Ivanovich Yezhov` → `Nikolai Yezhov`, `N. Yezhov`, `N. I. Yezhov`, `Yezhov Nikolai`, `Yezhov`.
struct PersonName {
    /// Words as the author spelled them, surrounding punctuation removed.
    let displayWords: [String]
    /// The same words normalised.
    let words: [String]

    /// Nil for single-word names, which have no shorter forms.
    init?(_ text: String) {
        let normalized = AnswerNormalizer.normalize(text, keepingArticles: true).words
        guard normalized.count >= 2 else { return nil }
        let original = text.split(whereSeparator: \.isWhitespace).map {
            String($0).trimmingPunctuation()
        }.filter { !AnswerNormalizer.fold($0).isEmpty }
        // "L.Nikolaev" splits into more words once normalised; fall back to normalised spellings.
        let aligned = original.count == normalized.count
            ? original
            : normalized.map { $0.prefix(1).uppercased() + $0.dropFirst() }
        displayWords = aligned
        words = normalized
    }

    /// Where the surname starts: the last word, or the first lowercase particle after the given
    /// name (`Jaime Ramón Mercader del Río` → `del Río`).
    private var surnameStart: Int {
        let particle = displayWords.indices.dropFirst().dropLast().first { index in
            let word = displayWords[index]
            return word == word.lowercased() && PersonName.surnameParticles.contains(word)
        }
        return particle ?? words.count - 1
    }

    private static let surnameParticles: Set<String> = ["de", "del", "della", "di", "da", "das", "dos", "du", "la", "le", "van", "von", "der", "den", "ter", "y"]

    /// The surname's normalised words joined by a space (`nikolaev`, `del rio`).
    var surname: String { words[surnameStart...].joined(separator: " ") }
    var displaySurname: String { displayWords[surnameStart...].joined(separator: " ") }

    /// A shorter accepted form: its display text and its normalised words.
    struct Form {
        let display: String
        let words: [String]
        let isSurnameAlone: Bool
    }

    /// Given name and surname; initials and surname; surname and given name; surname alone.
    var shorterForms: [Form] {
        let given = words[0], displayGiven = displayWords[0]
        let surnameWords = Array(words[surnameStart...])
        let middles = words[1..<surnameStart], displayMiddles = displayWords[1..<surnameStart]
        let initial: (String) -> String = { String($0.prefix(1)) }
        let displayInitial: (String) -> String = { $0.prefix(1).uppercased() + "." }
        var forms: [Form] = [Form(display: displaySurname, words: surnameWords, isSurnameAlone: true)]
        if !middles.isEmpty {
            forms.append(Form(display: "\(displayGiven) \(displaySurname)", words: [given] + surnameWords, isSurnameAlone: false))
            forms.append(Form(
                display: ([displayGiven] + displayMiddles).map(displayInitial).joined(separator: " ") + " " + displaySurname,
                words: ([given] + middles).map(initial) + surnameWords,
                isSurnameAlone: false
            ))
        }
        forms.append(Form(display: "\(displayInitial(displayGiven)) \(displaySurname)", words: [initial(given)] + surnameWords, isSurnameAlone: false))
        forms.append(Form(display: "\(displaySurname) \(displayGiven)", words: surnameWords + [given], isSurnameAlone: false))
        return forms
    }

    /// For a one-word alias of a person (`Ezhov` for `Nikolai Yezhov`), the canonical name's given
    /// name and initial with that spelling of the surname: `Nikolai Ezhov`, `N. Ezhov`.
    static func surnameVariants(names: [PersonName?], explicitForms: [NormalizedAnswer]) -> [Form] {
        guard let canonical = names.first ?? nil else { return [] }
        let given = canonical.words[0], displayGiven = canonical.displayWords[0]
        return explicitForms.dropFirst().filter { $0.words.count == 1 && $0.words[0] != canonical.surname }.flatMap { alias in
            let surname = alias.words[0]
            let displaySurname = surname.prefix(1).uppercased() + surname.dropFirst()
            return [
                Form(display: "\(displayGiven) \(displaySurname)", words: [given, surname], isSurnameAlone: false),
                Form(display: "\(displayGiven.prefix(1).uppercased()). \(displaySurname)", words: [String(given.prefix(1)), surname], isSurnameAlone: false),
            ]
        }
    }

    /// Whether a word looks like a Russian patronymic (Ivanovich, Ilyich, Ivanovna) or an initial,
    /// which a learner may add to a name the deck gives without one.
    static func isOptionalMiddleWord(_ word: String) -> Bool {
        word.count == 1 || patronymicEndings.contains { word.count > $0.count + 1 && word.hasSuffix($0) }
    }

    private static let patronymicEndings = ["ovich", "evich", "ovitch", "evitch", "ich", "itch", "ovna", "evna", "ichna", "inichna"]

    /// The response without middle words that look like patronymics or initials, or nil when there are none.
    static func withoutOptionalMiddleWords(_ response: NormalizedAnswer) -> NormalizedAnswer? {
        guard response.words.count >= 3 else { return nil }
        let middles = response.words.dropFirst().dropLast()
        guard middles.allSatisfy(isOptionalMiddleWord) else { return nil }
        return NormalizedAnswer(words: [response.words[0], response.words[response.words.count - 1]])
    }
}

extension String {
    /// Without leading and trailing punctuation: `"(Nikolaev),"` → `"Nikolaev"`.
    fileprivate func trimmingPunctuation() -> String {
        let isKept: (Character) -> Bool = { $0.isLetter || $0.isNumber }
        guard let first = firstIndex(where: isKept), let last = lastIndex(where: isKept) else { return "" }
        return String(self[first...last])
    }
}

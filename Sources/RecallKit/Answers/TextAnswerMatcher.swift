/// Judges a response against a text answer: its canonical spelling, its aliases and, for
/// persons, the shorter forms of a name; then typos; never a typo that lands on another answer.
struct TextAnswerMatcher {
    /// A spelling the answer may be given in.
    struct AcceptedForm {
        /// Proper spelling, shown in feedback.
        let display: String
        let normalized: NormalizedAnswer
        /// Set for a surname that other persons in the deck share: right but incomplete, this is
        /// what was left out (the given name).
        let missingWhenAlone: String?
        /// The full name this form was shortened from.
        let fullName: String
    }

    let canonical: String
    let kind: AnswerKind
    let forms: [AcceptedForm]
    private let rivals: [AnswerContext.PreparedEntry]

    init(canonical: String, aliases: [String], kind: AnswerKind, context: AnswerContext,
         extraRivals: [AnswerContext.PreparedEntry] = []) {
        self.canonical = canonical
        self.kind = kind
        let spellings = ([canonical] + aliases).map(AnswerNormalizer.trimmed)
        let explicitForms = spellings.map { AnswerNormalizer.normalize($0, keepingArticles: kind == .person) }
        let explicitCompacts = Set(explicitForms.map(\.compact)).subtracting([""])
        let names = kind == .person ? spellings.map { PersonName($0) } : spellings.map { _ in nil }
        let surnameVariants = PersonName.surnameVariants(names: names, explicitForms: explicitForms)
        // A deck answer spelled only in accepted forms ("Nikolaev" for Leonid Nikolaev) is this answer, not a rival.
        let acceptedCompacts = explicitCompacts.union(names.flatMap { $0?.shorterForms.map { $0.words.joined() } ?? [] })
            .union(surnameVariants.map { $0.words.joined() })
        let rivals = context.rivals(ofKind: kind, spellings: explicitCompacts, acceptedForms: acceptedCompacts)
            + extraRivals.filter { !$0.isSameAnswer(spellings: explicitCompacts, acceptedForms: acceptedCompacts) }
        let rivalSurnames = kind == .person ? rivals.reduce(into: Set<String>()) { $0.formUnion($1.surnames) } : []

        // Each spelling, then the shorter forms of its name, so ties in typo distance favour the
        // canonical name; a shorter form never replaces a spelling the author wrote.
        var forms: [AcceptedForm] = []
        var seen = Set<String>()
        for (index, (spelling, normalized)) in zip(spellings, explicitForms).enumerated() {
            if !normalized.isEmpty, seen.insert(normalized.compact).inserted {
                forms.append(AcceptedForm(display: spelling, normalized: normalized, missingWhenAlone: nil, fullName: spelling))
            }
            guard let name = names[index] else { continue }
            for shorter in name.shorterForms + (index == 0 ? surnameVariants : []) {
                let shorterNormalized = NormalizedAnswer(words: shorter.words)
                guard !explicitCompacts.contains(shorterNormalized.compact), seen.insert(shorterNormalized.compact).inserted else { continue }
                let isAmbiguous = shorter.isSurnameAlone && rivalSurnames.contains(shorterNormalized.compact)
                forms.append(AcceptedForm(
                    display: shorter.display, normalized: shorterNormalized,
                    missingWhenAlone: isAmbiguous ? name.displayWords[0] : nil, fullName: spelling
                ))
            }
        }
        self.forms = forms
        self.rivals = rivals
    }

    /// The quality of a match, best first; used to rank list items too.
    enum Match {
        case exact(AcceptedForm)
        case typo(AcceptedForm)
        /// Closer to, or the same as, another answer of the deck.
        case rival(String)
        case none
    }

    func judge(_ response: String) -> Verdict {
        let typed = AnswerNormalizer.trimmed(response)
        let normalized = AnswerNormalizer.normalize(typed, keepingArticles: kind == .person)
        switch match(normalized) {
        case .exact(let form):
            return verdict(for: form, typed: typed, outcome: .correct)
        case .typo(let form):
            return verdict(for: form, typed: typed, outcome: .correctWithTypo(expected: form.display))
        case .rival(let other):
            return wrong(typed: typed, normalized: normalized, confusedWith: other)
        case .none:
            return wrong(typed: typed, normalized: normalized, confusedWith: rivalMatched(by: normalized))
        }
    }

    /// Whether `text` is one of the accepted spellings or forms, without any typo.
    func isExactMatch(_ text: String) -> Bool {
        if case .exact = match(AnswerNormalizer.normalize(text, keepingArticles: kind == .person)) { return true }
        return false
    }

    func match(_ response: NormalizedAnswer) -> Match {
        guard !response.isEmpty, !forms.isEmpty else { return .none }
        var variants = [response]
        if kind == .person, let shortened = PersonName.withoutOptionalMiddleWords(response) { variants.append(shortened) }

        for variant in variants {
            if let form = forms.first(where: { $0.normalized.compact == variant.compact }) { return .exact(form) }
        }
        // A plural or singular of a term is the term (kulaks, show trials).
        if kind == .term, let form = forms.first(where: { isPluralPair($0.normalized.compact, response.compact) }) {
            return .exact(form)
        }
        guard !kind.isNumeric else { return .none }

        var best: (form: AcceptedForm, edits: Int, variant: NormalizedAnswer)?
        for variant in variants {
            for form in forms {
                guard let edits = TypoTolerance.edits(from: variant, to: form.normalized) else { continue }
                if best.map({ edits < $0.edits }) ?? true { best = (form, edits, variant) }
            }
        }
        guard let best else { return .none }
        // The typo must land nearer the expected answer than any other answer of the deck.
        let distanceToExpected = OptimalStringAlignment.distance(best.variant.compactScalars, best.form.normalized.compactScalars) ?? best.edits
        if let rival = nearestRival(to: variants, within: distanceToExpected) { return .rival(rival) }
        return .typo(best.form)
    }

    private func isPluralPair(_ first: String, _ second: String) -> Bool {
        let (short, long) = first.count < second.count ? (first, second) : (second, first)
        return long == short + "s" || long == short + "es"
    }

    /// The canonical text of another answer whose spelling is within `limit` edits of the response.
    private func nearestRival(to variants: [NormalizedAnswer], within limit: Int) -> String? {
        for rival in rivals {
            let spellings = rival.forms.map(\.compactScalars) + rival.surnames.map { Array($0.unicodeScalars) }
            for variant in variants {
                for spelling in spellings where OptimalStringAlignment.distance(variant.compactScalars, spelling, limit: limit) != nil {
                    return rival.canonical
                }
            }
        }
        return nil
    }

    /// Another answer that the response spells, exactly or within that answer's typo budget.
    private func rivalMatched(by response: NormalizedAnswer) -> String? {
        guard !response.isEmpty else { return nil }
        for rival in rivals {
            let spellings = rival.forms + rival.surnames.map { NormalizedAnswer(words: [$0]) }
            if spellings.contains(where: { $0.compact == response.compact }) { return rival.canonical }
        }
        guard !kind.isNumeric else { return nil }
        for rival in rivals where rival.forms.contains(where: { TypoTolerance.edits(from: response, to: $0) != nil }) {
            return rival.canonical
        }
        return nil
    }

    private func verdict(for form: AcceptedForm, typed: String, outcome: Verdict.Outcome) -> Verdict {
        if let missing = form.missingWhenAlone {
            // A surname shared with another person in the deck: right, but which one?
            return Verdict(
                outcome: .partiallyCorrect(credit: 0.5, missing: [missing], extra: []),
                matchedAnswer: form.fullName, expectedAnswer: canonical,
                diff: DiffSegment.segments(typed: typed, answer: form.fullName)
            )
        }
        return Verdict(outcome: outcome, matchedAnswer: form.display, expectedAnswer: canonical,
                       diff: DiffSegment.segments(typed: typed, answer: form.display))
    }

    private func wrong(typed: String, normalized: NormalizedAnswer, confusedWith: String?) -> Verdict {
        // Show the difference against the accepted spelling nearest to what was typed.
        var closest = forms.first?.display ?? canonical
        var closestDistance = Int.max
        if !normalized.isEmpty {
            for form in forms {
                guard let distance = OptimalStringAlignment.distance(normalized.compactScalars, form.normalized.compactScalars,
                                                                     limit: closestDistance - 1) else { continue }
                closest = form.display
                closestDistance = distance
            }
        }
        // Far from every spelling, a letter-by-letter diff is noise: show a plain replacement.
        let isNearMiss = closestDistance <= max(1, AnswerNormalizer.normalize(closest).compactScalars.count / 2)
        let diff = isNearMiss || typed.isEmpty
            ? DiffSegment.segments(typed: typed, answer: closest)
            : [.extra(typed), .missing(closest)]
        return Verdict(outcome: .wrong, matchedAnswer: closest, expectedAnswer: canonical, diff: diff, confusedWith: confusedWith)
    }
}

/// "Did you mean …?" for identifiers: the closest candidate within a small edit distance.
enum Suggestion {
    /// The candidate nearest to `word`, if it is close enough to be a plausible typo.
    ///
    ///     Suggestion.closest(to: "wiki", in: ["wiki-deep-dive", "liao-2017"])  // "wiki-deep-dive"
    static func closest(to word: String, in candidates: [String]) -> String? {
        let lowered = word.lowercased()
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let target = candidate.lowercased()
            // A prefix typed in full is the most common way to misremember a long key.
            let distance = target.hasPrefix(lowered) && lowered.count >= 3 ? 1 : editDistance(lowered, target)
            let allowed = max(1, min(3, target.count / 3))
            if distance <= allowed, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// Plain Levenshtein distance over Unicode scalars; inputs here are short identifiers.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

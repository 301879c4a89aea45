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

    /// Edit distance with swapped neighbours counting as one edit (`dialy` → `daily`), over
    /// Unicode scalars; inputs here are short identifiers.
    static func editDistance(_ a: String, _ b: String) -> Int {
        OptimalStringAlignment.distance(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: Int.max) ?? Int.max
    }
}

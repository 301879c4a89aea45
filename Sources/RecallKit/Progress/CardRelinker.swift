/// Moves the history of edited cards to the cards that replaced them.
///
/// Editing a fact without an explicit `id:` changes its cards' ids. A card whose id vanished
/// from the deck (an orphan) is never deleted; when a new card of the same variant asks almost
/// the same thing, the orphan's history moves to it. The rule: same variant, and either the
/// same answer with prompts at least 50% alike, or prompts at least 80% alike — alike meaning
/// the Jaccard similarity of their lowercase word sets. Each orphan moves at most once, to its
/// best match; ties go to the lower card id, so the result is deterministic.
public enum CardRelinker {
    public struct Link: Hashable, Sendable {
        public var from: CardID
        public var to: CardID
    }

    public static func links(deckCards: [Card], progress: ProgressState) -> [Link] {
        // Usually every card with progress is still in the deck, and then nothing is an orphan.
        // With progress kept in deck order this stops after the studied cards, each found in place.
        let everyCardInDeck = deckCards.withUnsafeBufferPointer { cards in
            progress.cards.valuesAllFound(among: cards.count) { cards[$0].id }
        }
        if everyCardInDeck { return [] }
        // A table of the deck's ids, so the texts' ids are checked as bytes and only orphans'
        // texts are decoded: on a 100,000-card deck this runs before every session.
        var inDeck = CardTable<Bool>(minimumCapacity: deckCards.count)
        deckCards.withUnsafeBufferPointer { cards in
            for index in cards.indices { inDeck[cards[index].id] = true }
        }
        let orphans = progress.cardTexts.texts { inDeck.value(utf8: $0) == nil }
            .filter { progress.relinks[$0.key] == nil && progress.cards[$0.key] != nil }
            .map { (id: $0.key, text: $0.value) }
        guard !orphans.isEmpty else { return [] }
        // Only cards without history can receive one. Their words and answers are worked out
        // once, not once per orphan: a heavily edited deck has thousands of orphans.
        let wantedVariants = Set(orphans.map(\.text.variant))
        var freshByVariant: [String: [(id: CardID, words: Set<String>, answer: String)]] = [:]
        for card in deckCards where wantedVariants.contains(card.variant) && progress.cards[card.id] == nil {
            freshByVariant[card.variant, default: []].append((card.id, words(card.question.prompt), Fold.text(card.answer)))
        }
        var taken: Set<CardID> = []
        var links: [Link] = []
        for (orphanID, text) in orphans.sorted(by: { $0.id < $1.id }) {
            let orphanWords = words(text.prompt)
            let orphanAnswer = Fold.text(text.answer)
            var best: (card: CardID, score: Double)?
            for card in freshByVariant[text.variant] ?? [] where !taken.contains(card.id) {
                let similarity = jaccard(orphanWords, card.words)
                let sameAnswer = card.answer == orphanAnswer
                guard similarity >= 0.8 || (sameAnswer && similarity >= 0.5) else { continue }
                let score = similarity + (sameAnswer ? 1 : 0)
                if best == nil || score > best!.score || (score == best!.score && card.id < best!.card) {
                    best = (card.id, score)
                }
            }
            if let best {
                taken.insert(best.card)
                links.append(Link(from: orphanID, to: best.card))
            }
        }
        return links
    }

    static func words(_ text: String) -> Set<String> {
        Set(Fold.text(text).split(separator: " ").map(String.init))
    }

    static func jaccard(_ a: Set<String>, _ b: Set<String>) -> Double {
        let union = a.union(b).count
        return union == 0 ? 1 : Double(a.intersection(b).count) / Double(union)
    }
}

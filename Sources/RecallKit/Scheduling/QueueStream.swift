import Foundation
import HeapModule

/// One kind of card (reviews or new cards) split into today's selection and the cards waiting behind it.
///
/// The window holds at most one card per sibling group, the best ones up to the daily limit;
/// the reserve holds the rest in order. Cards whose group is blocked for a reason that may pass
/// are parked per group so they can return without scanning the reserve. Both heaps drop
/// outdated entries lazily, which keeps every update O(log n).
struct QueueStream: Sendable {
    struct Member: Sendable {
        var group: String
        var entry: QueueEntry
    }

    private var window = Heap<QueueEntry>()
    private var membersByCard: [String: Member] = [:]
    private var cardByGroup: [String: String] = [:]
    var reserve: Heap<QueueEntry>
    private var parked: [String: [QueueEntry]] = [:]

    init(reserve: Heap<QueueEntry>) {
        self.reserve = reserve
    }

    /// Number of cards selected for today.
    var count: Int { membersByCard.count }

    /// The best selected card; valid after `trim()`.
    var best: QueueEntry? { window.min }

    /// The worst selected card; valid after `trim()`.
    var worst: QueueEntry? { window.max }

    func member(cardID: String) -> Member? {
        membersByCard[cardID]
    }

    func member(ofGroup group: String) -> QueueEntry? {
        guard let cardID = cardByGroup[group] else { return nil }
        return membersByCard[cardID]?.entry
    }

    func containsGroup(_ group: String) -> Bool {
        cardByGroup[group] != nil
    }

    /// Selected cards in the order they would be shown.
    func orderedMembers() -> [QueueEntry] {
        membersByCard.values.map(\.entry).sorted()
    }

    mutating func admit(_ entry: QueueEntry, group: String) {
        window.insert(entry)
        membersByCard[entry.cardID] = Member(group: group, entry: entry)
        cardByGroup[group] = entry.cardID
    }

    @discardableResult
    mutating func removeMember(cardID: String) -> Member? {
        guard let member = membersByCard.removeValue(forKey: cardID) else { return nil }
        cardByGroup.removeValue(forKey: member.group)
        return member
    }

    @discardableResult
    mutating func removeGroup(_ group: String) -> Member? {
        guard let cardID = cardByGroup[group] else { return nil }
        return removeMember(cardID: cardID)
    }

    /// Removes the worst selected card so it can go back to the reserve.
    mutating func popWorst() -> Member? {
        trim()
        guard let worst = window.popMax() else { return nil }
        return removeMember(cardID: worst.cardID)
    }

    mutating func park(_ entry: QueueEntry, group: String) {
        parked[group, default: []].append(entry)
    }

    /// Returns the group's parked cards to the reserve, where they are judged again.
    mutating func unpark(group: String) {
        guard let entries = parked.removeValue(forKey: group) else { return }
        for entry in entries {
            reserve.insert(entry)
        }
    }

    mutating func dropParked(group: String) {
        parked.removeValue(forKey: group)
    }

    /// Drops outdated entries from both ends of the window so `best` and `worst` are current.
    mutating func trim() {
        while let first = window.min, !isMember(first) {
            window.removeMin()
        }
        while let last = window.max, !isMember(last) {
            window.removeMax()
        }
    }

    private func isMember(_ entry: QueueEntry) -> Bool {
        membersByCard[entry.cardID]?.entry.slot == entry.slot
    }
}

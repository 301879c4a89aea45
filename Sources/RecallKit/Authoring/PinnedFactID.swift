/// An explicit fact id that pins the identity a fact had before it had an id: `h-` and the
/// sixteen hex digits of the fact's content hash.
///
/// A fact without `id:` gets card ids from its content hash, so `recall check --assign-ids`
/// writes exactly that hash as the id: the compiler reads `h-<hash>` back as the same identity,
/// and no learner's progress moves. Editing the fact afterwards keeps the pinned identity.
///
///     PinnedFactID.id(forContentHash: "3f09a1c2b4d5e6f7")    // "h-3f09a1c2b4d5e6f7"
///     PinnedFactID.contentHash(in: "h-3f09a1c2b4d5e6f7")     // "3f09a1c2b4d5e6f7"
///     PinnedFactID.contentHash(in: "kirov-assassin")         // nil
public enum PinnedFactID {
    static let prefix = "h-"
    static let hashLength = 16

    /// The id `--assign-ids` writes for a fact whose content hash is `hash`.
    public static func id(forContentHash hash: String) -> String {
        prefix + hash
    }

    /// The content hash an id pins, or nil for an ordinary id.
    public static func contentHash(in id: String) -> String? {
        guard id.hasPrefix(prefix) else { return nil }
        let hash = id.dropFirst(prefix.count)
        guard hash.utf8.count == hashLength,
              hash.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || ("a"..."f").contains($0) }) else { return nil }
        return String(hash)
    }

    /// The content hash of a fact, as the compiler derives card ids from it.
    static func contentHash(of body: FactBody) -> String {
        ContentKey.hash(of: body).hex
    }
}

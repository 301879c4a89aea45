import Foundation

/// Finds the decks that ship with recall, so `recall study` with no argument works from a
/// fresh clone (`swift run`), an installed binary, or anywhere with `RECALL_DECKS` set.
public enum BundledDecks {
    /// What `recall study` opens when given no deck.
    public static let defaultDeckName = "great-purge"

    /// Folders to look in, in order: `RECALL_DECKS`; `Decks/` beside the executable or up to
    /// five folders above it (`.build/release/recall` in a clone); `share/recall/Decks` of an
    /// install prefix; `Decks/` in the current folder.
    public static func searchFolders(executablePath: String, currentDirectory: String, environment: [String: String]) -> [String] {
        var folders: [String] = []
        if let configured = environment["RECALL_DECKS"], !configured.isEmpty { folders.append(configured) }
        var directory = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            folders.append(directory.appendingPathComponent("Decks").path)
            directory.deleteLastPathComponent()
        }
        let prefix = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
        folders.append(prefix.appendingPathComponent("share/recall/Decks").path)
        folders.append(currentDirectory + "/Decks")
        return folders
    }

    /// The first folder that holds `.facts` files.
    public static func folder(in folders: [String]) -> String? {
        folders.first { folder in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            return names.contains { $0.hasSuffix(".facts") }
        }
    }

    /// The `.facts` files in a folder, the default deck first.
    public static func decks(in folder: String) -> [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".facts") }.sorted()
        let ordered = names.filter { $0 == defaultDeckName + ".facts" } + names.filter { $0 != defaultDeckName + ".facts" }
        return ordered.map { folder + "/" + $0 }
    }

    /// A command-line deck argument: a path to a `.facts` file, or the name of a bundled deck.
    public static func resolve(_ argument: String, bundledFolder: String?) -> String {
        if argument.hasSuffix(".facts") || argument.contains("/") || FileManager.default.fileExists(atPath: argument) {
            return argument
        }
        if let bundledFolder {
            let candidate = bundledFolder + "/" + argument + ".facts"
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        return argument
    }
}

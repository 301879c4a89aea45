import Foundation

/// Notices when deck files are saved, for `recall check --watch`: it polls each file's size,
/// modification time and inode, which catches editors that write in place and editors that
/// save by renaming a new file over the old one, on every platform and file system.
///
///     var watcher = DeckWatcher(paths: ["my.facts"])
///     watcher.run(interval: 0.3, shouldStop: { interrupted }) { changed in recheck(changed) }
public struct DeckWatcher: Sendable {
    /// What is compared between polls; nil when the file is missing.
    public struct Fingerprint: Hashable, Sendable {
        var size: Int64
        var modified: Int64
        var modifiedNanoseconds: Int64
        var inode: UInt64
    }

    public let paths: [String]
    private var fingerprints: [String: Fingerprint?]

    public init(paths: [String]) {
        self.paths = paths
        self.fingerprints = Dictionary(paths.map { ($0, Self.fingerprint(of: $0)) }, uniquingKeysWith: { first, _ in first })
    }

    /// The file's fingerprint now, or nil when it cannot be read (mid-save, or deleted).
    public static func fingerprint(of path: String) -> Fingerprint? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if os(Linux)
        let seconds = Int64(info.st_mtim.tv_sec), nanoseconds = Int64(info.st_mtim.tv_nsec)
        #else
        let seconds = Int64(info.st_mtimespec.tv_sec), nanoseconds = Int64(info.st_mtimespec.tv_nsec)
        #endif
        return Fingerprint(size: Int64(info.st_size), modified: seconds, modifiedNanoseconds: nanoseconds, inode: UInt64(info.st_ino))
    }

    /// The paths whose fingerprint changed since the last call (or since `init`).
    public mutating func changedPaths() -> [String] {
        var changed: [String] = []
        for path in paths {
            let now = Self.fingerprint(of: path)
            if now != fingerprints[path] ?? nil {
                fingerprints[path] = now
                changed.append(path)
            }
        }
        return changed
    }

    /// Polls every `interval` seconds until `shouldStop` says so, calling `onChange` with the
    /// files that changed. A change is reported once the file has stayed the same for one
    /// poll, so a save in several writes is checked once, complete.
    public mutating func run(interval: TimeInterval = 0.3, shouldStop: () -> Bool, onChange: ([String]) -> Void) {
        var settling: Set<String> = []
        while !shouldStop() {
            Thread.sleep(forTimeInterval: interval)
            if shouldStop() { return }
            let changed = Set(changedPaths())
            let settled = settling.subtracting(changed)
            settling = settling.union(changed).subtracting(settled)
            if !settled.isEmpty { onChange(paths.filter(settled.contains)) }
        }
    }
}

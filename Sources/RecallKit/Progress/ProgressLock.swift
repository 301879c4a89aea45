import Foundation

/// An advisory lock per deck (`flock` on `<deck-id>.lock`), so two study sessions never write
/// the same journal. The file also says who holds it, for a helpful refusal message. The
/// kernel drops the lock when the process dies, even by `kill -9`.
final class ProgressLock {
    private var descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    static func acquire(path: String, now: Date) throws(ProgressError) -> ProgressLock {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotSave(path, errno: errno) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data(), as: UTF8.self)
            close(descriptor)
            let parts = holder.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            throw .locked(path: path, pid: parts.first.flatMap { Int32($0) }, since: parts.count > 1 ? parts[1] : nil)
        }
        let formatter = ISO8601DateFormatter()
        let line = Array("\(getpid()) \(formatter.string(from: now))\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = line.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return ProgressLock(descriptor: descriptor)
    }

    func release() {
        guard descriptor >= 0 else { return }
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}

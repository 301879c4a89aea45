import Foundation

/// Writes whole files so that a reader sees either the old content or the new, never half:
/// write a temporary file beside the target, flush it, rename it over, flush the folder.
///
///     try AtomicFile.write(Data("hello\n".utf8), to: "/tmp/out.txt")
public enum AtomicFile {
    /// Whether a write must survive a power cut once it returns.
    public enum Durability: Sendable {
        /// Forced to disk before the rename, and the folder after it: progress, exports and
        /// anything else a person could not make again.
        case synced
        /// Replaced atomically but left to the kernel to write back, as compilers leave their
        /// outputs: a compiled deck, made again from its facts. After a crash the file is the
        /// old one, the new one, or the new one cut short (often empty); never old and new
        /// mixed. Readers must expect a torn file, as the deck cache does. Forcing a 105 MB
        /// deck to disk took 160 ms, longer than compiling a tenth of it.
        case rebuildable
    }

    public static func write(_ data: Data, to path: String) throws(FileWriteError) {
        try write(to: path) { (sink: inout Sink) throws(FileWriteError) in
            data.withUnsafeBytes { sink.append($0) }
        }
    }

    /// Streams a file in chunks through the same temporary-file-and-rename steps, so a large
    /// output (a compiled deck) never has to be held in memory whole.
    ///
    ///     try AtomicFile.write(to: "deck.json") { sink in deck.writeJSON { sink.append($0) } }
    public static func write(to path: String, durability: Durability = .synced,
                             _ produce: (inout Sink) throws(FileWriteError) -> Void) throws(FileWriteError) {
        let directory = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        let temporary = "\(directory)/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotWrite(path, errno: errno) }
        var sink = Sink(descriptor: descriptor, startsFlushing: durability == .synced)
        var failure: Int32 = 0
        do {
            try produce(&sink)
        } catch {
            failure = error.errno
        }
        if failure == 0 { failure = sink.failure }
        if failure == 0, sink.abandoned {
            // The producer found it has nothing to write after all: the target is left as it was.
            close(descriptor)
            unlink(temporary)
            return
        }
        if failure == 0, durability == .synced, fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        guard failure == 0 else {
            unlink(temporary)
            throw .cannotWrite(path, errno: failure)
        }
        if durability == .rebuildable, swapIn(temporary, for: path) { return }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw .cannotWrite(path, errno: code)
        }
        if durability == .synced { syncDirectory(directory) }
    }

    /// Puts the file at `temporary` in place of the regular file at `path` by swapping the two
    /// names in one step (`renameat2` with `RENAME_EXCHANGE`), then removes the old file; false
    /// when there is no regular file to swap with or the file system cannot swap.
    ///
    /// A plain rename over an existing file makes ext4 start writing the new file to disk
    /// first (`auto_da_alloc`, a guard for files never forced to disk): 15–30 ms of a 130 MB
    /// deck's `compile -o`, on the caller's thread. A rebuildable file needs no such guard.
    private static func swapIn(_ temporary: String, for path: String) -> Bool {
        guard let exchange = renameExchange else { return false }
        var status = stat()
        // Only a regular file: swapping with a folder would succeed and leave it under the
        // temporary name, where a rename fails and touches nothing.
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return false }
        guard exchange(AT_FDCWD, temporary, AT_FDCWD, path, 2 /* RENAME_EXCHANGE */) == 0 else { return false }
        unlink(temporary)
        return true
    }

    /// Linux's `renameat2(2)`, looked up at run time like `sync_file_range`; nil elsewhere.
    private static let renameExchange: (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32)? = {
        guard let symbol = dlsym(nil, "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32).self)
    }()

    /// Where ``write(to:_:)`` sends bytes; the first failure is kept and later writes skipped.
    public struct Sink {
        let descriptor: Int32
        fileprivate(set) var failure: Int32 = 0
        /// Bytes written so far, and how many of them the disk has been asked to start writing.
        private var written = 0
        private var flushStarted = 0
        fileprivate private(set) var abandoned = false
        /// Whether the disk is asked to start on what is written as it goes (see ``startFlush()``).
        private let startsFlushing: Bool

        fileprivate init(descriptor: Int32, startsFlushing: Bool) {
            self.descriptor = descriptor
            self.startsFlushing = startsFlushing
        }
        /// How much is written before the disk is asked to start on it.
        static let flushStep = 8 << 20

        /// Gives up the write: what was written so far is thrown away and the file at the path is
        /// left as it was (`recall compile -o` streams a deck and only then learns whether
        /// `--strict` turns a warning into an error).
        public mutating func abandon() {
            abandoned = true
        }

        public mutating func append(_ chunk: borrowing [UInt8]) {
            chunk.withUnsafeBytes { append($0) }
        }

        public mutating func append(_ buffer: UnsafeRawBufferPointer) {
            guard failure == 0, !abandoned, buffer.count > 0 else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
            self.written += buffer.count
            if startsFlushing, self.written - flushStarted >= Self.flushStep { startFlush() }
        }

        /// Asks the kernel to start writing what is written so far, without waiting for it: a
        /// large file (a compiled deck) then reaches the disk while the rest is produced, and
        /// the `fsync` at the end waits for the last few megabytes instead of the whole file.
        private mutating func startFlush() {
            _ = Self.syncFileRange?(descriptor, Int64(flushStarted), Int64(written - flushStarted), Self.startWriting)
            flushStarted = written
        }

        /// Linux's `sync_file_range(2)`, looked up at run time: Swift's Glibc module leaves out
        /// the GNU extensions. Where it is missing, the final `fsync` simply does all the work.
        private static let syncFileRange: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32)? = {
            guard let symbol = dlsym(nil, "sync_file_range") else { return nil }
            return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32).self)
        }()
        /// `SYNC_FILE_RANGE_WRITE`: start writing the range, do not wait.
        private static let startWriting: UInt32 = 2
    }

    /// Flushes a folder's entry list so a rename survives power loss.
    public static func syncDirectory(_ directory: String) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}

/// A file could not be written; nothing that was there before was harmed.
public enum FileWriteError: RecallError, Equatable {
    case cannotWrite(String, errno: Int32)

    var errno: Int32 {
        switch self { case .cannotWrite(_, let code): code }
    }

    public var category: ErrorCategory { .user }

    public var description: String {
        switch self {
        case .cannotWrite(let path, let code):
            let reason = String(cString: strerror(code))
            let remedy = code == ENOSPC ? "free some disk space and try again"
                : code == EROFS || code == EACCES || code == EPERM ? "check that the folder is writable"
                : "check the path"
            return "could not write \(TerminalSanitizer.clean(path)) (\(reason)); \(remedy)"
        }
    }
}

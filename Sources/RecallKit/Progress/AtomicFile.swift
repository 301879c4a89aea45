import Foundation

/// Writes whole files so that a reader sees either the old content or the new, never half:
/// write a temporary file beside the target, flush it, rename it over, flush the folder.
///
///     try AtomicFile.write(Data("hello\n".utf8), to: "/tmp/out.txt")
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws(FileWriteError) {
        let directory = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        let temporary = "\(directory)/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotWrite(path, errno: errno) }
        var failure: Int32 = 0
        data.withUnsafeBytes { buffer in
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
        }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        guard failure == 0 else {
            unlink(temporary)
            throw .cannotWrite(path, errno: failure)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw .cannotWrite(path, errno: code)
        }
        syncDirectory(directory)
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

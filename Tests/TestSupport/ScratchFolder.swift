import Foundation

/// A fresh folder under the temporary directory for one test, removed with everything in it
/// when the test's suite instance goes away, so test runs leave nothing behind in /tmp.
///
///     @Suite struct MyTests {
///         let scratch = ScratchFolder("recall-mine")
///         var directory: String { scratch.path }
///     }
public final class ScratchFolder: Sendable {
    public let path: String

    public init(_ prefix: String) {
        path = NSTemporaryDirectory() + prefix + "-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// The version printed by `recall --version` and stored in exported files.
public enum RecallVersion {
    public static let current = "0.1.0"
}

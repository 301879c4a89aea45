/// Where recall keeps its files, following the XDG base directory convention.
///
/// `RECALL_HOME` (or `--data-dir`) puts all four under one folder, for tests and portable use:
///
///     let paths = RecallPaths(environment: ["RECALL_HOME": "/tmp/r"])
///     paths.data    // "/tmp/r/data"
///     paths.state   // "/tmp/r/state"
///     paths.config  // "/tmp/r/config"
///     paths.cache   // "/tmp/r/cache"
public struct RecallPaths: Equatable, Sendable {
    /// Progress: journals and snapshots.
    public var data: String
    /// Line-editor history and other things worth keeping but not backing up.
    public var state: String
    /// `config.toml`.
    public var config: String
    /// Compiled decks, rebuilt whenever missing: safe to delete at any time.
    public var cache: String

    public init(data: String, state: String, config: String, cache: String? = nil) {
        self.data = data
        self.state = state
        self.config = config
        self.cache = cache ?? state + "/cache"
    }

    /// Resolves the folders from an explicit override, then `RECALL_HOME`, then XDG variables.
    public init(environment: [String: String], override: String? = nil) {
        if let root = override ?? environment["RECALL_HOME"].flatMap({ $0.isEmpty ? nil : $0 }) {
            self.init(data: root + "/data", state: root + "/state", config: root + "/config", cache: root + "/cache")
            return
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        func xdg(_ name: String, _ fallback: String) -> String {
            // The spec says relative values are invalid and must be ignored.
            if let value = environment[name], value.hasPrefix("/") { return value + "/recall" }
            return home + "/" + fallback + "/recall"
        }
        self.init(data: xdg("XDG_DATA_HOME", ".local/share"),
                  state: xdg("XDG_STATE_HOME", ".local/state"),
                  config: xdg("XDG_CONFIG_HOME", ".config"),
                  cache: xdg("XDG_CACHE_HOME", ".cache"))
    }

    public var configFile: String { config + "/config.toml" }
    public var historyFile: String { state + "/history" }
}

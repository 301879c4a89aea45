import Foundation
import Testing
@testable import RecallKit

@Suite struct RecallPathsTests {
    @Test func followsXDGWithDefaults() {
        let paths = RecallPaths(environment: ["HOME": "/home/ann"])
        #expect(paths.data == "/home/ann/.local/share/recall")
        #expect(paths.state == "/home/ann/.local/state/recall")
        #expect(paths.configFile == "/home/ann/.config/recall/config.toml")
        #expect(paths.cache == "/home/ann/.cache/recall")
    }

    @Test func honoursXDGVariablesAndIgnoresRelativeOnes() {
        let paths = RecallPaths(environment: ["HOME": "/h", "XDG_DATA_HOME": "/d", "XDG_STATE_HOME": "relative", "XDG_CONFIG_HOME": "/c"])
        #expect(paths.data == "/d/recall")
        #expect(paths.state == "/h/.local/state/recall")
        #expect(paths.config == "/c/recall")
        #expect(RecallPaths(environment: ["HOME": "/h", "XDG_CACHE_HOME": "/k"]).cache == "/k/recall")
    }

    @Test func recallHomeAndTheOptionOverrideEverything() {
        let environment = ["HOME": "/h", "XDG_DATA_HOME": "/d", "RECALL_HOME": "/r"]
        #expect(RecallPaths(environment: environment).data == "/r/data")
        #expect(RecallPaths(environment: environment).cache == "/r/cache")
        #expect(RecallPaths(environment: environment, override: "/o").historyFile == "/o/state/history")
    }

    @Test func nowComesFromTheOptionThenTheEnvironment() throws {
        let fixed = Date(timeIntervalSince1970: 0)
        #expect(try ReferenceClock.now(option: nil, environment: [:], system: { fixed }) == fixed)
        #expect(try ReferenceClock.now(option: nil, environment: ["RECALL_NOW": "2026-11-25T09:00:00Z"]).timeIntervalSince1970 == 1_795_597_200)
        #expect(try ReferenceClock.now(option: "2026-11-25T10:00:00+01:00", environment: ["RECALL_NOW": "2000-01-01"]).timeIntervalSince1970 == 1_795_597_200)
        #expect(throws: ClockError.self) { try ReferenceClock.now(option: "yesterday", environment: [:]) }
    }
}

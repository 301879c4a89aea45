import Foundation
import Testing
import TestSupport

/// The study session in a real terminal (tmux): readline editing, Tab completion of
/// `:commands`, Ctrl-C ending the session cleanly, and the progress on disk afterwards.
let tmuxPath: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }

@Suite(.enabled(if: tmuxPath != nil, "tmux is not installed; the real-terminal test is skipped (apt-get install tmux)"))
struct InteractiveTerminalTests {

    let scratchHome = ScratchFolder("recall-cli")
    var home: String { scratchHome.path }
    let session = "recall-test-\(getpid())-\(Int.random(in: 0..<1_000_000))"

    /// Runs tmux with posix_spawn and waitpid: tmux forks its server, which Foundation's
    /// Process does not cope with here (the client was never reaped), so this stays low-level.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let capturing = arguments.first == "capture-pane"
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw POSIXError(.EMFILE) }
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if capturing {
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
        posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
        let argv = ([tmuxPath!, "-L", session] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, tmuxPath!, &actions, nil, argv, environ)
        close(pipeEnds[1])
        defer { close(pipeEnds[0]) }
        guard spawned == 0 else { throw POSIXError(.ENOENT) }
        var output = Data()
        if capturing {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = read(pipeEnds[0], &buffer, buffer.count)
                if count <= 0 { break }
                output.append(contentsOf: buffer[0..<count])
            }
        }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return String(decoding: output, as: UTF8.self)
    }

    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", session]) }

    /// Waits until the screen shows `text` (readline and the binary take a moment).
    func waitFor(_ text: String, timeout: TimeInterval = 15) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("the terminal never showed “\(text)”; it showed:\n\(last)")
        return last
    }

    @Test func typeCompleteAndInterrupt() throws {
        let deck = RecallBinary.fixtures.appendingPathComponent("history.facts").path
        let command = [RecallBinary.url.path, "study", deck, "--now", "2026-11-25T09:00:00Z", "--new", "3", "--mode", "typed"]
            .map { "'\($0)'" }.joined(separator: " ")
        let script = "trap true INT; RECALL_HOME='\(home)' NO_COLOR=1 INPUTRC=/dev/null \(command); echo EXITED=$?; sleep 30"
        try tmux(["new-session", "-d", "-s", session, "-x", "100", "-y", "40", "sh", "-c", script])
        defer { _ = try? tmux(["kill-server"]) }
        _ = try waitFor("Who shot Sergei Kirov?")
        // Line editing: type a typo, move back and fix it with readline keys.
        try tmux(["send-keys", "-t", session, "-l", "Nikolaex"])
        try tmux(["send-keys", "-t", session, "BSpace"])
        try tmux(["send-keys", "-t", session, "-l", "v"])
        try tmux(["send-keys", "-t", session, "Enter"])
        _ = try waitFor("✓ Correct")
        try tmux(["send-keys", "-t", session, "Enter"])
        _ = try waitFor("Saved: Easy")
        // Tab completes :he to :help.
        try tmux(["send-keys", "-t", session, "-l", ":he"])
        try tmux(["send-keys", "-t", session, "Tab"])
        let completed = try waitFor("> :help")
        #expect(completed.contains("> :help"))
        try tmux(["send-keys", "-t", session, "Enter"])
        _ = try waitFor("take back your last answer")
        // Ctrl-C ends the session cleanly: the summary is printed and the exit status is 0.
        try tmux(["send-keys", "-t", session, "C-c"])
        let end = try waitFor("EXITED=")
        #expect(end.contains("Session summary"))
        #expect(end.contains("EXITED=0"))
        let journal = try String(contentsOfFile: home + "/data/history.journal.jsonl", encoding: .utf8)
        #expect(journal.split(separator: "\n").filter { $0.contains("\"type\":\"review\"") }.count == 1)
        #expect(journal.contains("\"answer\":\"Nikolaev\""))
        #expect(FileManager.default.fileExists(atPath: home + "/state/history"), "the :help command went into the history file")
    }
}

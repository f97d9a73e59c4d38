#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A real terminal for end-to-end tests: the program runs in a detached tmux session on a
/// private server, keys go in with `send-keys`, and the screen comes back from `capture-pane`.
/// Tests wait for what they expect to appear instead of sleeping.
public final class TmuxSession {
    public let socket = "gridwork-test-" + UUID().uuidString.prefix(8)

    /// Printed last when the program has ended, after its status and the terminal settings.
    public static let finishedMarker = "FINISHED"

    /// Starts `command` (a shell command line) in a `width`×`height` terminal. When it ends, the
    /// pane prints `EXITED <status>`, the terminal's `echo`/`icanon` settings and `FINISHED`.
    public init(_ command: String, width: Int, height: Int) throws {
        let script = command + "; echo EXITED $?; stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(echo|icanon)' | tr '\\n' ' '; echo "
            + Self.finishedMarker + "; sleep 600"
        try tmux(["new-session", "-d", "-s", "main", "-x", String(width), "-y", String(height), script], reading: false)
    }

    deinit { _ = try? tmux(["kill-server"], reading: false) }

    /// Types text as it is, Chinese included.
    public func type(_ text: String) throws { try tmux(["send-keys", "-t", "main", "-l", "--", text]) }

    /// Presses named keys: `Enter`, `Escape`, `Tab`, `BTab`, `C-c`, `PageDown`, or single characters.
    public func press(_ keys: String...) throws { try tmux(["send-keys", "-t", "main"] + keys) }

    /// Logs in on the login screen (the demo's admin unless told otherwise), and returns whether
    /// it went away. The login field must be empty or hold `login` already.
    @discardableResult
    public func logIn(_ login: String = "admin", passphrase: String = "demo-admin", timeout: Double = 30) throws -> Bool {
        let keyLines = ["Enter 登录", "Enter log in", "Enter 继续", "Enter go on"]
        guard let shown = wait(timeout: timeout, until: { screen in screen.contains("Ctrl-C") && keyLines.contains { screen.contains($0) } }) else {
            return false
        }
        if !shown.contains(login) {
            // Someone else's login is filled in: Esc lets another log in (a pause, so it is not read as Alt).
            if shown.contains("Enter 继续") || shown.contains("Enter go on") {
                try press("Escape")
                Thread.sleep(forTimeInterval: 0.3)
            }
            try type(login)
            try press("Enter")
        }
        try type(passphrase)
        try press("Enter")
        return wait(timeout: timeout) { screen in !keyLines.contains { screen.contains($0) } } != nil
    }

    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "main", "-x", String(width), "-y", String(height)])
    }

    public func screen() -> String { (try? tmux(["capture-pane", "-p", "-t", "main"])) ?? "" }

    /// Waits until the screen satisfies `condition`, and returns it; nil after `timeout` seconds.
    @discardableResult
    public func wait(timeout: Double = 15, until condition: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            let shown = screen()
            if condition(shown) { return shown }
            usleep(50_000)
        } while Date() < deadline
        return nil
    }

    /// Waits until `text` is on the screen.
    @discardableResult
    public func wait(for text: String, timeout: Double = 15) -> String? { wait(timeout: timeout) { $0.contains(text) } }

    /// Waits for the program to end, and returns the screen with its status and terminal settings.
    public func waitUntilFinished(timeout: Double = 15) -> String? { wait(for: Self.finishedMarker, timeout: timeout) }

    /// The process running in the pane under its shell (the program under test), if any.
    public func programPID() -> Int32? {
        guard let shell = Int32((try? tmux(["list-panes", "-t", "main", "-F", "#{pane_pid}"]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""),
              let children = try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8) else { return nil }
        return children.split(separator: " ").compactMap { Int32($0) }.first
    }

    /// Runs tmux through the shell. Foundation's `Process` is not used: on Linux it waits for a
    /// descriptor that the daemonised tmux server inherits, so `waitUntilExit` would never return.
    @discardableResult
    private func tmux(_ arguments: [String], reading: Bool = true) throws -> String {
        let words = ["tmux", "-L", socket, "-f", "/dev/null"] + arguments
        let command = words.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
            + (reading ? " 2>/dev/null" : " >/dev/null 2>&1")
        guard let stream = popen(command, "r") else { throw CocoaError(.fileReadUnknown) }
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = fread(&chunk, 1, chunk.count, stream)
            if count <= 0 { break }
            output.append(contentsOf: chunk[0..<count])
        }
        pclose(stream)
        return String(decoding: output, as: UTF8.self)
    }
}

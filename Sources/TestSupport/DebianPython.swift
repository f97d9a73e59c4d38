import Foundation

/// Debian's own Python, for tests that need a file written by another program (a GB18030 CSV
/// from Python's csv module, a workbook from python3-openpyxl). Debian's python3-* packages are
/// installed for /usr/bin/python3; a pyenv or virtualenv `python3` earlier on PATH would not see
/// them. `scripts/test` installs what is missing; a test that needs it fails (never skips) without.
public enum DebianPython {
    public static let path = "/usr/bin/python3"

    /// Runs the Python source `script` with `arguments` (`sys.argv[1:]`).
    public static func run(_ script: String, _ arguments: [String] = []) throws -> CommandRun {
        let file = NSTemporaryDirectory() + "/gridwork-python-" + UUID().uuidString + ".py"
        try script.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        return try CommandRun(path, [file] + arguments)
    }

    /// What to say when a run failed: its output, and how to get what it needs.
    public static func report(_ run: CommandRun) -> String {
        "python exited \(run.status): \(run.errors)\(run.output) — run scripts/test, which installs python3-openpyxl from Debian"
    }
}

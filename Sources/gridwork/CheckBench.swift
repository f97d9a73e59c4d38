#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// `gridwork check` on the bench's folder, run as a child process so that its peak memory is its
/// own and not the bench's: its time and its maximum resident set.
///
/// The peak is the child's `VmHWM`, read from `/proc` while it runs (the last reading before it
/// ends): the kernel's count for children (`RUSAGE_CHILDREN`) starts from the parent's own peak,
/// which a child carries over at `exec`. Without `/proc` there is no peak.
enum CheckBench {
    struct Measure {
        let time: Duration
        let peakBytes: Int64?
    }

    /// Nil when the child cannot be started or cannot log in without a prompt (the passphrase
    /// must come from `GRIDWORK_PASSPHRASE`, or the folder must have no accounts).
    static func measure(folder: String, login: String, secured: Bool) -> Measure? {
        let environment = ProcessInfo.processInfo.environment
        guard !secured || environment["GRIDWORK_PASSPHRASE"] != nil,
              let executable = Bundle.main.executablePath ?? CommandLine.arguments.first else { return nil }
        let child = Process()
        child.executableURL = URL(fileURLWithPath: executable)
        child.arguments = ["check", "--data", folder, "--user", login]
        child.standardInput = FileHandle.nullDevice
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        let clock = ContinuousClock()
        let start = clock.now
        do { try child.run() } catch { return nil }
        let status = "/proc/\(child.processIdentifier)/status"
        var peak: Int64?
        while child.isRunning {
            if let reading = highWaterMark(status) { peak = max(peak ?? 0, reading) }
            usleep(50_000)
        }
        child.waitUntilExit()
        return Measure(time: clock.now - start, peakBytes: peak)
    }

    /// `VmHWM` of a `/proc/PID/status` file, in bytes.
    static func highWaterMark(_ path: String) -> Int64? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int64(line.dropFirst(6).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "") else { return nil }
        return kilobytes * 1024
    }
}

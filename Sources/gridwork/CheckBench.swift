#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// `gridwork check` on the bench's folder, run as a child process so that its peak memory is its
/// own and not the bench's: its time and its maximum resident set.
enum CheckBench {
    struct Measure {
        let time: Duration
        let peakBytes: Int64
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
        child.waitUntilExit()
        let time = clock.now - start
        // The largest of the children waited for; the bench starts no other.
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return Measure(time: time, peakBytes: Int64(usage.ru_maxrss) * 1024)
    }
}

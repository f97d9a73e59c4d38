#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Runs a built executable until it prints `marker` (or stops printing), then kills it with
/// SIGKILL, as a power cut or `kill -9` would: for tests of a change cut short part way.
public struct KilledRun: Sendable {
    /// What it printed before the kill.
    public let heard: String

    public init(_ executable: String, _ arguments: [String], environment: [String: String] = [:], until marker: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var heard = ""
        while !heard.contains(marker) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            heard += String(decoding: chunk, as: UTF8.self)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        self.heard = heard
    }
}

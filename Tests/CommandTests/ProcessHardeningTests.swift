import Foundation
import Testing
import TestSupport

/// A running gridwork writes no core file and is not dumpable, so a crash or another user's
/// debugger cannot take the ID numbers it decrypted (issue 15).
@Suite struct ProcessHardeningTests {
    @Test func aRunningGridworkCannotDumpCore() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        // Run as another user when root, so that the owner /proc shows tells dumpable (that user)
        // from not dumpable (root) whoever runs the tests.
        let asRoot = getuid() == 0
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o777])
        let gridwork = BuildProducts.executable("gridwork")
        let process = Process()
        let arguments = ["init", "--data", folder.path + "/community", "--name", "测试社区", "--area-code", "420102001001",
                         "--admin-login", "admin", "--admin-name", "管理员"]
        if asRoot {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", gridwork] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: gridwork)
            process.arguments = arguments
        }
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
        let proc = "/proc/\(process.processIdentifier)"
        let expectedOwner: UInt32 = 0
        var owner: UInt32?
        var coreLimit: String?
        // It waits for the community passphrase on its input: by then it has long started.
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let waiting = (try? String(contentsOfFile: proc + "/wchan", encoding: .utf8)) ?? ""
            if waiting.contains("pipe") || waiting.contains("wait_woken") {
                var info = stat()
                if stat(proc + "/status", &info) == 0 { owner = info.st_uid }
                coreLimit = (try? String(contentsOfFile: proc + "/limits", encoding: .utf8))?
                    .split(separator: "\n").first { $0.hasPrefix("Max core file size") }.map(String.init)
                break
            }
            usleep(20_000)
        }
        #expect(process.isRunning, "gridwork was still waiting for its input")
        #expect(owner == expectedOwner, "/proc/PID belongs to root only when the process is not dumpable (owner \(String(describing: owner)))")
        let fields = coreLimit?.split(separator: " ").filter { !$0.isEmpty } ?? []
        #expect(fields.dropFirst(4).prefix(2) == ["0", "0"], "no core file: \(coreLimit ?? "no limits read")")
    }
}

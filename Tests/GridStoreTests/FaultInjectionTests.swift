import Foundation
import Testing
import GridModel
import GridStore
import TestSupport

/// I/O faults injected into a real save: a logged-in `StressWriter fault` process saves one
/// household edit under `fiu-run -x` (Debian's fiu-utils), with the Nth call to one libc function
/// failing (libfiu's POSIX failpoints, armed only around the save). N walks through every such
/// call the save makes, one process each, until the save makes fewer calls and runs clean.
///
/// After each fault: the fault was injected; the writer's report is true (saved, not saved, or
/// saved but not confirmed, and the disk agrees); no journal or temp file is left; every file
/// parses; the audit trail verifies and holds one entry per change; and the same process saves
/// the next edit.
@Suite(.serialized) struct FaultInjectionTests {
    let writer = BuildProducts.executable("StressWriter")
    static let passphrase = "admin-passphrase-1"
    static let failpoints = ["posix/io/rw/write", "posix/io/sync/fsync", "posix/io/dir/rename", "posix/io/oc/open", "posix/io/dir/unlink"]

    /// `fiu-run` on the PATH, if installed.
    static func fiuRun() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { $0 + "/fiu-run" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test func everyFailedCallOfASaveIsReportedTruthfullyAndLeavesTheDataWhole() throws {
        // Not skipped: a machine without libfiu would pass this suite without testing anything.
        let fiuRun = try #require(Self.fiuRun(), "fiu-run is not installed (Debian's fiu-utils): run scripts/test, which installs it")
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let admin = try #require(sample.store.workers.first { $0.id == SampleCommunity.admin })
        let session = try sample.store.setUpCommunity(communityPassphrase: "community-passphrase", admin: admin, login: "admin",
                                                      passphrase: Self.passphrase, at: SampleCommunity.now)
        let householdsPath = folder.path + "/grids/" + SampleCommunity.gridOne.rawValue + "/households.json"

        var summary: [String] = []
        for failpoint in Self.failpoints {
            var outcomes: [String: Int] = [:]
            var nth = 1
            while nth <= 60 {
                let before = try Data(contentsOf: URL(fileURLWithPath: householdsPath))
                let run = try FaultProcess(fiuRun, ["-x", writer, "fault", folder.path, "admin", failpoint, String(nth)],
                                           environment: ["GRIDWORK_PASSPHRASE": Self.passphrase])
                let lines = run.readLines(until: { $0.hasPrefix("saved ") || $0.hasPrefix("unconfirmed: ") || $0.hasPrefix("not saved: ") })
                let label = "\(failpoint) #\(nth)"
                guard let record = lines.first(where: { $0.hasPrefix("record household ") })?.split(separator: " "), record.count == 4,
                      let revisionBefore = Int(record[3]),
                      let counts = lines.first(where: { $0.hasPrefix("calls ") })?.split(separator: " "), counts.count == 4,
                      let calls = Int(counts[1]), let fired = Int(counts[3]), let outcome = lines.last else {
                    Issue.record("\(label): the writer did not report: \(lines) \(run.finish().errors)")
                    break
                }
                let householdID = RecordID(String(record[2]))

                // As the fault left it, before anything opens the folder and tidies up.
                let files = folder.allFiles()
                #expect(!files.contains(".journal"), "\(label): a journal was left behind")
                #expect(!files.contains { $0.hasSuffix(".gwtmp") }, "\(label): a temp file was left behind")
                for file in files where file.hasSuffix(".json") {
                    let data = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + file))
                    #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(label): \(file) does not parse")
                }
                let after = try Data(contentsOf: URL(fileURLWithPath: householdsPath))
                let store = try Store.open(folder.path, session: session)
                #expect(store.problems.isEmpty, "\(label): \(store.problems.map { $0.formatted(in: .en) })")
                let household = try #require(store.records(Household.self, inGrid: SampleCommunity.gridOne).first { $0.id == householdID })
                let audit = store.audit
                #expect(audit.verify().isIntact, "\(label): \(audit.verify().findings.map { $0.message(in: .en) })")
                let updates = audit.history(of: householdID.rawValue).filter { $0.action == .update }.count
                #expect(updates == household.meta.revision - 1, "\(label): revision \(household.meta.revision) with \(updates) audited changes")

                if fired == 0 {
                    // N is past the save's last call: it ran clean, and the walk is done.
                    #expect(outcome == "saved \(revisionBefore + 1)", "\(label): \(outcome)")
                    #expect(nth > 1, "\(failpoint): the first call was never failed, so nothing was injected")
                    summary.append("\(failpoint): \(calls) calls in a save; " + outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
                    _ = run.finish()
                    break
                }
                #expect(fired == 1 && calls >= nth, "\(label): the fault was not injected as asked (calls \(calls), fired \(fired))")
                if outcome.hasPrefix("not saved: ") {
                    outcomes["not saved", default: 0] += 1
                    #expect(after == before, "\(label): reported not saved, but the file changed")
                    #expect(household.meta.revision == revisionBefore, "\(label): reported not saved, disk has revision \(household.meta.revision)")
                    #expect(outcome.hasSuffix("Nothing on disk was changed."), "\(label): \(outcome)")
                    #expect(!outcome.contains("disabled"), "\(label): a disk fault reported as a disabled account: \(outcome)")
                } else {
                    // Saved, confirmed or not: the new revision is on disk, with its audit entry.
                    let unconfirmed = outcome.hasPrefix("unconfirmed: ")
                    outcomes[unconfirmed ? "saved unconfirmed" : "saved", default: 0] += 1
                    #expect(household.meta.revision == revisionBefore + 1, "\(label): reported \(outcome), disk has revision \(household.meta.revision)")
                    #expect(household.notes.hasPrefix("fault \(failpoint) #\(nth) "), "\(label): reported \(outcome), but the edit is not on disk")
                    if unconfirmed { #expect(outcome.contains("saved, but the disk did not confirm"), "\(label): \(outcome)") }
                }

                // The program goes on: the same process saves the next edit.
                run.proceed()
                let end = run.finish()
                #expect(end.status == 0, "\(label): \(end.errors)")
                #expect(end.output.contains("then saved \(household.meta.revision + 1)"), "\(label): after the fault: \(end.output)")
                nth += 1
            }
            #expect(nth <= 60, "\(failpoint): a save made more than 60 calls; the walk stopped")
        }
        print("fault injection, one failed call per save:\n  " + summary.joined(separator: "\n  "))
        #expect(summary.count == Self.failpoints.count)
    }
}

/// A child process whose output is read line by line while it waits on its standard input.
final class FaultProcess {
    let process = Process()
    let output = Pipe()
    let errors = Pipe()
    let input = Pipe()
    private var buffer = Data()
    private var lines: [String] = []

    init(_ executable: String, _ arguments: [String], environment: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        merged["LANG"] = "C.UTF-8"
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
    }

    /// The lines printed so far and up to the first that satisfies `last` (or the end of output).
    func readLines(until last: (String) -> Bool) -> [String] {
        while true {
            if let found = lines.firstIndex(where: last) { return Array(lines[...found]) }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { return lines }
            buffer.append(chunk)
            while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                lines.append(String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self))
                buffer = Data(buffer[(newline + 1)...])
            }
        }
    }

    func proceed() { input.fileHandleForWriting.write(Data("go\n".utf8)) }

    /// Closes its input, waits for it, and returns its status, all it printed and its errors.
    func finish() -> (status: Int32, output: String, errors: String) {
        try? input.fileHandleForWriting.close()
        let rest = output.fileHandleForReading.readDataToEndOfFile()
        let complaints = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let printed = lines.joined(separator: "\n") + "\n" + String(decoding: buffer + rest, as: UTF8.self)
        return (process.terminationStatus, printed, String(decoding: complaints, as: UTF8.self))
    }
}

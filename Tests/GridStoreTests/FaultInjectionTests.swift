import Foundation
import Testing
import GridModel
@testable import GridStore
import TestSupport

/// I/O faults injected into real changes: a logged-in `StressWriter fault` process saves one
/// household edit, or adds a worker with their account (three files as one change), under
/// `fiu-run -x` (Debian's fiu-utils), with the Nth call to one libc function failing (libfiu's
/// POSIX failpoints, armed only around the change). N walks through every such call the change
/// makes, one process each, until it makes fewer calls and runs clean.
///
/// After each fault: the fault was injected; the writer's report is true (saved, not saved, or
/// saved but not confirmed, and the disk agrees: the old bytes and no new audit entry, or the
/// change with its entries); no journal or temp file is left; every file parses; the audit trail
/// verifies; no worker is left without an account or the other way round; and the same process
/// makes the next change.
@Suite(.serialized) struct FaultInjectionTests {
    let writer = BuildProducts.executable("StressWriter")
    static let passphrase = "admin-passphrase-1"
    /// Not `ftruncate`: a change cuts the journal or the trail only when something lies beyond
    /// their end (a torn line; see `DurableFile.write(_:into:at:)`), which a clean change never meets.
    static let failpoints = ["posix/io/rw/write", "posix/io/rw/pwrite", "posix/io/sync/fsync", "posix/io/dir/rename",
                             "posix/io/dir/unlink", "posix/io/oc/open"]

    /// `fiu-run` on the PATH, if installed.
    static func fiuRun() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { $0 + "/fiu-run" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test(arguments: ["household", "worker"])
    func everyFailedCallOfAChangeIsReportedTruthfullyAndLeavesTheDataWhole(target: String) throws {
        // Not skipped: a machine without libfiu would pass this suite without testing anything.
        let fiuRun = try #require(Self.fiuRun(), "fiu-run is not installed (Debian's fiu-utils): run scripts/test, which installs it")
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let admin = try #require(sample.store.workers.first { $0.id == SampleCommunity.admin })
        let session = try sample.store.setUpCommunity(communityPassphrase: "community-passphrase", admin: admin, login: "admin",
                                                      passphrase: Self.passphrase, at: SampleCommunity.now)
        // The files the change rewrites: on "not saved" they must hold the same bytes as before.
        let touched = target == "worker" ? ["workers.json", "accounts.json"] : ["grids/" + SampleCommunity.gridOne.rawValue + "/households.json"]

        var summary: [String] = []
        for failpoint in Self.failpoints {
            var outcomes: [String: Int] = [:]
            var nth = 1
            while nth <= 80 {
                let before = try touched.map { try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + $0)) }
                let entriesBefore = sample.store.audit.allEntries().count
                let run = try FaultProcess(fiuRun, ["-x", writer, "fault", folder.path, "admin", failpoint, String(nth), target],
                                           environment: ["GRIDWORK_PASSPHRASE": Self.passphrase])
                let lines = run.readLines(until: { $0.hasPrefix("saved ") || $0.hasPrefix("unconfirmed: ") || $0.hasPrefix("not saved: ") })
                let label = "\(target) \(failpoint) #\(nth)"
                guard let announced = lines.first(where: { $0.hasPrefix("target ") })?.split(separator: " ").map(String.init), announced.count == 4,
                      let counts = lines.first(where: { $0.hasPrefix("calls ") })?.split(separator: " "), counts.count == 4,
                      let calls = Int(counts[1]), let fired = Int(counts[3]), let outcome = lines.last, outcome != lines.first else {
                    Issue.record("\(label): the writer did not report: \(lines) \(run.finish().errors)")
                    break
                }
                let id = RecordID(announced[2])

                // As the fault left it, before anything opens the folder and tidies up.
                let files = folder.allFiles()
                #expect(!Journal.isPending(in: folder.path), "\(label): a journal was left behind")
                #expect(!files.contains { $0.hasSuffix(".gwtmp") }, "\(label): a temp file was left behind")
                for file in files where file.hasSuffix(".json") {
                    let data = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + file))
                    #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(label): \(file) does not parse")
                }
                let after = try touched.map { try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + $0)) }
                let store = try Store.open(folder.path, session: session)
                #expect(store.problems.isEmpty, "\(label): \(store.problems.map { $0.formatted(in: .en) })")
                let audit = store.audit
                #expect(audit.verify().isIntact, "\(label): \(audit.verify().findings.map { $0.message(in: .en) })")
                let history = audit.history(of: id.rawValue)

                // What is on disk of the change, and whether its audit entries are all there.
                let onDisk: Bool
                let revision: Int
                if target == "worker" {
                    let worker = store.workers.first { $0.id == id }
                    let account = try store.accounts().first { $0.login == announced[3] }
                    #expect((worker == nil) == (account == nil), "\(label): a worker without an account or an account without a worker")
                    let audited = history.contains { $0.action == .create } && history.contains { $0.action == .accountAdded }
                    #expect(audited == (worker != nil), "\(label): on disk \(worker != nil), audited \(audited)")
                    onDisk = worker != nil
                    revision = onDisk ? 1 : 0
                } else {
                    let household = try #require(store.records(Household.self, inGrid: SampleCommunity.gridOne).first { $0.id == id })
                    let updates = history.filter { $0.action == .update }.count
                    #expect(updates == household.meta.revision - 1, "\(label): revision \(household.meta.revision) with \(updates) audited changes")
                    let before = Int(announced[3]) ?? -1
                    #expect([before, before + 1].contains(household.meta.revision), "\(label): revision \(household.meta.revision) after \(before)")
                    onDisk = household.meta.revision == before + 1
                    if onDisk { #expect(household.notes.hasPrefix("fault \(failpoint) #\(nth) "), "\(label): a new revision, but not this edit") }
                    revision = household.meta.revision
                }

                if fired == 0 {
                    // N is past the change's last call: it ran clean, and the walk is done.
                    #expect(outcome == "saved \(revision)" && onDisk, "\(label): \(outcome)")
                    #expect(nth > 1, "\(label): the first call was never failed, so nothing was injected")
                    summary.append("\(failpoint): \(calls) calls; " + outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
                    _ = run.finish()
                    break
                }
                #expect(fired == 1 && calls >= nth, "\(label): the fault was not injected as asked (calls \(calls), fired \(fired))")
                if outcome.hasPrefix("not saved: ") {
                    outcomes["not saved", default: 0] += 1
                    #expect(!onDisk && after == before, "\(label): reported not saved, but the change is on disk")
                    #expect(store.audit.allEntries().count == entriesBefore + 1, "\(label): entries beyond the writer's login")
                    #expect(outcome.hasSuffix("Nothing on disk was changed."), "\(label): \(outcome)")
                    #expect(!outcome.contains("disabled"), "\(label): a disk fault reported as a disabled account: \(outcome)")
                } else {
                    // Saved, confirmed or not: the change is on disk, with its audit entries.
                    let unconfirmed = outcome.hasPrefix("unconfirmed: ")
                    outcomes[unconfirmed ? "saved unconfirmed" : "saved", default: 0] += 1
                    #expect(onDisk, "\(label): reported \(outcome), but the change is not on disk")
                    if unconfirmed { #expect(outcome.contains("saved, but the disk did not confirm"), "\(label): \(outcome)") }
                }

                // The program goes on: the same process makes the next change.
                run.proceed()
                let end = run.finish()
                #expect(end.status == 0, "\(label): \(end.errors)")
                let next = target == "worker" ? "then saved 1" : "then saved \(revision + 1)"
                #expect(end.output.contains(next), "\(label): after the fault: \(end.output)")
                nth += 1
            }
            #expect(nth <= 80, "\(target) \(failpoint): a change made more than 80 calls; the walk stopped")
        }
        print("fault injection into \(target) changes, one failed call each:\n  " + summary.joined(separator: "\n  "))
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

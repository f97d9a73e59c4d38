import Foundation
import Testing
import GridModel
@testable import GridStore
import GridDemo
import TestSupport

/// Real processes on one data folder: the lock and the revision check under contention, and
/// durability when a writer is killed at any moment.
@Suite(.serialized) struct ProcessTests {
    let writer = BuildProducts.executable("StressWriter")

    @Test func twoProcessesEachMakeThreeHundredEditsToOneRecordAndAllLand() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        let workers = [SampleCommunity.admin, SampleCommunity.workerTwo]
        let processes = try workers.map { worker in
            try launch([writer, "notes", folder.path, "C-1", "300", worker.rawValue])
        }
        for (process, output) in processes {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            #expect(String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).hasPrefix("done 300"))
        }
        let disputeCase = try #require(try Store.open(folder.path).allRecords(DisputeCase.self).first)
        #expect(disputeCase.timeline.count == 1 + 600)
        #expect(disputeCase.meta.revision == 1 + 600)
        for worker in workers {
            let notes = disputeCase.timeline.filter { $0.by == worker && $0.kind == .note }.map(\.note)
            let expected = (0..<300).map { "\(worker.rawValue) #\($0)" }
            #expect(notes.count == 300 && notes == expected, "each edit of \(worker) lands once, in order")
        }
    }

    @Test func aWriterKilledAtRandomMomentsLosesNothingItAcknowledged() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        var random = SeededRandom(seed: 20_261_122)
        var highestRound = 0
        var residents: Set<String> = []
        var leftTempFiles = 0
        for iteration in 0..<100 {
            let (process, output) = try launch([writer, "forever", folder.path, SampleCommunity.gridOne.rawValue, SampleCommunity.admin.rawValue])
            usleep(UInt32(random.next() % 120_000) + 5_000)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let lines = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
            for line in lines {
                let words = line.split(separator: " ")
                if words.count == 3, words[0] == "ack", words[1] == "notes", let round = Int(words[2]) { highestRound = max(highestRound, round) }
                if words.count == 3, words[0] == "ack", words[1] == "resident" { residents.insert(String(words[2])) }
            }

            // Before anything tidies up: every data file parses as it is.
            for file in folder.allFiles() where file.hasSuffix(".json") {
                let data = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + file))
                #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "iteration \(iteration): \(file) does not parse")
            }
            if folder.allFiles().contains(where: { $0.hasSuffix(".gwtmp") }) { leftTempFiles += 1 }

            let store = try Store.open(folder.path)
            #expect(store.problems.isEmpty, "iteration \(iteration): \(store.problems.map { $0.formatted(in: .en) })")
            let notes = store.records(Household.self, inGrid: SampleCommunity.gridOne).first?.notes ?? ""
            let round = Int(notes.dropFirst("round ".count)) ?? 0
            #expect(round >= highestRound, "iteration \(iteration): acknowledged round \(highestRound) lost, disk has \(round)")
            #expect(round <= highestRound + 1, "iteration \(iteration): more rounds on disk than were attempted")
            highestRound = max(highestRound, round)
            let onDisk = Set(store.records(Resident.self, inGrid: SampleCommunity.gridOne).map(\.id.rawValue))
            // Every change on disk has its audit entry, and no entry speaks of a change not on disk.
            let household = try #require(store.records(Household.self, inGrid: SampleCommunity.gridOne).first)
            let entries = store.audit.allEntries()
            let updates = entries.filter { $0.record == household.id.rawValue && $0.action == .update }.count
            #expect(updates == household.meta.revision - 1, "iteration \(iteration): revision \(household.meta.revision) with \(updates) audited updates")
            let created = Set(entries.filter { $0.action == .create && $0.kind == .resident }.compactMap(\.record))
            let elsewhere = Set(store.records(Resident.self, inGrid: SampleCommunity.gridTwo).map(\.id.rawValue))
            #expect(created == onDisk.union(elsewhere), "iteration \(iteration): residents on disk and their audited creations differ")
            #expect(!Journal.isPending(in: folder.path), "opening puts back a change cut short")
            #expect(store.audit.verify().isIntact, "iteration \(iteration): \(store.audit.verify().findings)")
            #expect(residents.isSubset(of: onDisk), "iteration \(iteration): an acknowledged resident is missing")
            #expect(!folder.allFiles().contains { $0.hasSuffix(".gwtmp") }, "opening removes temp files a crash left")
        }
        #expect(highestRound > 50, "the writer should have made real progress over 100 runs")
        print("killed writer 100 times: \(highestRound) acknowledged edits, \(residents.count) new residents, a temp file was left by \(leftTempFiles) kills")
    }

    @Test func aWriteThatFailsPartWayLeavesTheFileAsItWas() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        let path = folder.path + "/grids/420303001001001/households.json"
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let run = try CommandRun(writer, ["limited", folder.path, SampleCommunity.gridOne.rawValue, SampleCommunity.admin.rawValue,
                                          String(before.count + 1000)])
        // The journal, which takes the whole file before the file itself is touched, is the write that fails.
        #expect(run.output.hasPrefix("refused: \(folder.path)/\(Journal.name): could not write it: "), "\(run.output) \(run.errors)")
        #expect(run.output.contains("Nothing on disk was changed."))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!folder.allFiles().contains { $0.hasSuffix(".gwtmp") }, "the failed temp file is removed at once")
        #expect(try Store.open(folder.path).problems.isEmpty)
    }

    private func launch(_ command: [String]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        return (process, output)
    }
}


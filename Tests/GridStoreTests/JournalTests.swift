import Foundation
import Testing
import GridModel
@testable import GridStore
import TestSupport

/// The redo journal: a change to several files lands whole or not at all, committed by one
/// fsync of the journal and played again after a crash or a power cut.
@Suite struct JournalTests {
    /// A bare folder with `a.json` ("old") and a trail of one line.
    static func bareFolder() throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: folder.path + "/a.json"))
        try Data("one\n".utf8).write(to: URL(fileURLWithPath: folder.path + "/trail.jsonl"))
        return folder
    }

    static func change(_ a: String, _ line: String, at: Int) -> FileChange {
        var change = FileChange()
        change.replace("a.json", with: Data(a.utf8))
        change.replace("sub/new.json", with: Data("created\n".utf8))
        change.append(Data(line.utf8), to: "trail.jsonl", at: at)
        return change
    }

    static func contents(_ folder: TemporaryFolder, _ path: String) -> String? {
        FileManager.default.contents(atPath: folder.path + "/" + path).map { String(decoding: $0, as: UTF8.self) }
    }

    static func journal(_ folder: TemporaryFolder) -> Data {
        FileManager.default.contents(atPath: folder.path + "/" + Journal.name) ?? Data()
    }

    /// The journal's bytes with this boot's ID put in place of another: as read after a restart.
    static func fromAnotherBoot(_ journal: Data) -> Data {
        let other = String(repeating: "0", count: Journal.bootID.count)
        return Data(String(decoding: journal, as: UTF8.self).replacingOccurrences(of: Journal.bootID, with: other).utf8)
    }

    @Test func aChangeIsOneRecordPutInPlaceAndMarkedApplied() throws {
        let folder = try Self.bareFolder()
        defer { folder.remove() }
        try Journal.commit(Self.change("new\n", "two\n", at: 4), in: folder.path)?.wait()
        #expect(Self.contents(folder, "a.json") == "new\n")
        #expect(Self.contents(folder, "sub/new.json") == "created\n")
        #expect(Self.contents(folder, "trail.jsonl") == "one\ntwo\n")
        #expect(!Journal.isPending(in: folder.path))
        var records = Journal.records(in: Self.journal(folder))
        #expect(records.count == 1 && records[0].applied && records[0].header.sequence == 1)
        #expect(records.first?.header.files.map(\.path) == ["a.json", "sub/new.json"])
        #expect(records.first?.header.files.map(\.before) == [Journal.sum(Data("old\n".utf8)), nil], "what each file replaced")
        #expect(records.first?.pieces == [Data("new\n".utf8), Data("created\n".utf8)])

        // The next change follows it in the same run.
        try Journal.commit(Self.change("newer\n", "three\n", at: 8), in: folder.path)?.wait()
        records = Journal.records(in: Self.journal(folder))
        #expect(records.map(\.header.sequence) == [1, 2] && records.allSatisfy(\.applied))
        #expect(Set(records.map(\.header.generation)).count == 1)
        #expect(Self.contents(folder, "trail.jsonl") == "one\ntwo\nthree\n")

        // A checkpoint makes the files durable and empties the journal; the next run starts anew.
        try Journal.checkpoint(in: folder.path)
        #expect(Self.journal(folder).isEmpty && !Journal.isPending(in: folder.path))
        try Journal.commit(Self.change("newest\n", "four\n", at: 14), in: folder.path)?.wait()
        #expect(Journal.records(in: Self.journal(folder)).map(\.header.sequence) == [1])
    }

    @Test func aFileThatCannotBePutInPlaceGetsEveryFileItsOldBytesBack() throws {
        let folder = try Self.bareFolder()
        defer { folder.remove() }
        // A file where `sub` should be a folder: the second file cannot be written.
        try Data("in the way".utf8).write(to: URL(fileURLWithPath: folder.path + "/sub"))
        #expect(throws: StoreError.self) { try Journal.commit(Self.change("new\n", "two\n", at: 4), in: folder.path)?.wait() }
        #expect(Self.contents(folder, "a.json") == "old\n", "the first file is put back")
        #expect(Self.contents(folder, "trail.jsonl") == "one\n", "no line appended")
        #expect(Journal.records(in: Self.journal(folder)).isEmpty, "the record is taken out again")
        #expect(!Journal.isPending(in: folder.path))

        // A test's fault on a path fails it the same way, after the first file is in place.
        try FileManager.default.removeItem(atPath: folder.path + "/sub")
        var asked: [String] = []
        #expect(throws: StoreError.self) {
            try Journal.commit(Self.change("new\n", "two\n", at: 4), in: folder.path, fault: { path in
                asked.append(path)
                return path == "sub/new.json" ? .io(.write, path: path, code: ENOSPC) : nil
            })
        }
        #expect(asked == ["a.json", "sub/new.json"])
        #expect(Self.contents(folder, "a.json") == "old\n" && Self.contents(folder, "sub/new.json") == nil, "a file the change created is gone")
        #expect(Self.contents(folder, "trail.jsonl") == "one\n")
    }

    @Test func aRecordItsWriterDiedPuttingInPlaceIsPlayedAgainByTheNextHolder() throws {
        let folder = try Self.bareFolder()
        defer { folder.remove() }
        try Journal.commit(Self.change("new\n", "two\n", at: 4), in: folder.path)?.wait()
        // As a writer killed after the commit, having replaced a.json only: no mark, the rest not there.
        var journal = Self.journal(folder)
        let mark = try #require(journal.lastRange(of: Data("#applied ".utf8)))
        journal = journal[..<mark.lowerBound]
        try journal.write(to: URL(fileURLWithPath: folder.path + "/" + Journal.name))
        try FileManager.default.removeItem(atPath: folder.path + "/sub/new.json")
        try Data("one\ntw".utf8).write(to: URL(fileURLWithPath: folder.path + "/trail.jsonl"))
        #expect(Journal.isPending(in: folder.path))

        try Journal.recover(in: folder.path)
        #expect(Self.contents(folder, "a.json") == "new\n")
        #expect(Self.contents(folder, "sub/new.json") == "created\n")
        #expect(Self.contents(folder, "trail.jsonl") == "one\ntwo\n", "the torn line is written over")
        #expect(Self.journal(folder).isEmpty, "checkpointed")
    }

    @Test func afterARestartEveryRecordIsPlayedAgainButAHandEditStays() throws {
        let folder = try Self.bareFolder()
        defer { folder.remove() }
        try Journal.commit(Self.change("new\n", "two\n", at: 4), in: folder.path)?.wait()
        var second = FileChange()
        second.replace("a.json", with: Data("newer\n".utf8))
        second.replace("b.json", with: Data("bee\n".utf8))
        second.append(Data("three\n".utf8), to: "trail.jsonl", at: 8)
        try Journal.commit(second, in: folder.path)?.wait()
        // A power cut lost what was written without fsync: a.json is back to its first bytes,
        // b.json is empty, the trail lost both lines; sub/new.json was edited by hand since.
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: folder.path + "/a.json"))
        try Data().write(to: URL(fileURLWithPath: folder.path + "/b.json"))
        try Data("one\n".utf8).write(to: URL(fileURLWithPath: folder.path + "/trail.jsonl"))
        try Data("by hand\n".utf8).write(to: URL(fileURLWithPath: folder.path + "/sub/new.json"))
        try Self.fromAnotherBoot(Self.journal(folder)).write(to: URL(fileURLWithPath: folder.path + "/" + Journal.name))
        #expect(Journal.isPending(in: folder.path), "marked applied, but in another boot")

        try Journal.recover(in: folder.path)
        #expect(Self.contents(folder, "a.json") == "newer\n")
        #expect(Self.contents(folder, "b.json") == "bee\n")
        #expect(Self.contents(folder, "trail.jsonl") == "one\ntwo\nthree\n")
        #expect(Self.contents(folder, "sub/new.json") == "by hand\n", "bytes no record knows are a person's, and stay")
        #expect(Self.journal(folder).isEmpty)
    }

    @Test func aRecordCutShortWasNeverCommittedAndTouchesNothing() throws {
        let folder = try Self.bareFolder()
        defer { folder.remove() }
        try Journal.commit(Self.change("new\n", "two\n", at: 4), in: folder.path)?.wait()
        var second = FileChange()
        second.replace("a.json", with: Data("second\n".utf8))
        try Journal.commit(second, in: folder.path)?.wait()
        // The second record torn by a power cut in its bytes, and the first's files already durable.
        var torn = Self.journal(folder)
        let secondMark = try #require(torn.lastRange(of: Data("#applied ".utf8)))
        torn = torn[..<(secondMark.lowerBound - 3)]
        try torn.write(to: URL(fileURLWithPath: folder.path + "/" + Journal.name))
        try Data("new\n".utf8).write(to: URL(fileURLWithPath: folder.path + "/a.json"))
        #expect(Journal.records(in: torn).count == 1, "only the whole record reads")
        try Journal.recover(in: folder.path)
        #expect(Self.contents(folder, "a.json") == "new\n")
        #expect(Self.journal(folder).isEmpty)
    }

    @Test func aRecordOfAnotherRunBeyondTheEndIsNotRead() throws {
        let one = try Self.bareFolder()
        let two = try Self.bareFolder()
        defer { one.remove(); two.remove() }
        try Journal.commit(Self.change("new\n", "two\n", at: 4), in: one.path)?.wait()
        var second = FileChange()
        second.replace("a.json", with: Data("second\n".utf8))
        try Journal.commit(Self.change("x\n", "y\n", at: 4), in: two.path)?.wait()
        try Journal.commit(second, in: two.path)?.wait()
        // The first run's record, then the second of another run (what a checkpoint can leave past the end).
        let first = Self.journal(one)
        let other = Self.journal(two)
        let secondRecord = try #require(other.range(of: Data("{\"".utf8), in: (other.firstIndex(of: UInt8(ascii: "#")) ?? 0)..<other.count))
        let mixed = first + other[secondRecord.lowerBound...]
        #expect(Journal.records(in: other).count == 2)
        #expect(Journal.records(in: mixed).count == 1)
    }

    /// Bytes written without fsync can be lost without a restart (a removable disk pulled out):
    /// a folder opening plays every record again, marked applied or not.
    @Test func anOpeningPlaysEveryRecordAgain() throws {
        let folder = try Self.bareFolder()
        defer { folder.remove() }
        try Journal.commit(Self.change("new\n", "two\n", at: 4), in: folder.path)?.wait()
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: folder.path + "/a.json"))
        try Journal.recover(in: folder.path)
        #expect(Self.contents(folder, "a.json") == "old\n", "marked applied in this boot: the next holder of the lock trusts it")
        try Journal.recover(in: folder.path, everyRecord: true)
        #expect(Self.contents(folder, "a.json") == "new\n")
        #expect(Self.journal(folder).isEmpty)
    }

    /// A header whose lengths make no sense is not followed backwards (the checkpoint reads the
    /// journal whole instead, and ends).
    @Test func aCheckpointOfANonsenseHeaderEnds() throws {
        let folder = try Self.bareFolder()
        defer { folder.remove() }
        let header = Journal.Header(redo: 1, generation: "1", sequence: 1, boot: Journal.bootID,
                                    files: [.init(path: "a.json", length: -40, sum: "0", before: nil)], append: nil)
        var journal = try JSONEncoder().encode(header)
        journal.append(contentsOf: Array("\n#applied 1 1 \(Journal.bootID)\n".utf8))
        try journal.write(to: URL(fileURLWithPath: folder.path + "/" + Journal.name))
        try Journal.checkpoint(in: folder.path)
        #expect(Self.journal(folder).isEmpty)
        #expect(Self.contents(folder, "a.json") == "old\n")
    }

    /// An import names hundreds of files: its header is longer than the first read of it.
    @Test func aCheckpointReadsAHeaderOfHundredsOfFiles() throws {
        let folder = try Self.bareFolder()
        defer { folder.remove() }
        var many = FileChange()
        for index in 0..<300 { many.replace("many/file-\(index).json", with: Data("\(index)\n".utf8)) }
        try Journal.commit(many, in: folder.path)?.wait()
        try Journal.commit(Self.change("new\n", "two\n", at: 4), in: folder.path)?.wait()
        let journal = Self.journal(folder)
        #expect((journal.firstIndex(of: UInt8(ascii: "\n")) ?? 0) > 4096, "the first header is long")
        try Journal.checkpoint(in: folder.path)
        #expect(Self.journal(folder).isEmpty)
        #expect(Self.contents(folder, "many/file-299.json") == "299\n" && Self.contents(folder, "a.json") == "new\n")
    }

    @Test func aStoreEmptiesItsJournalWhenItGoes() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        do {
            let sample = try SampleCommunity(at: folder.path)
            var household = try #require(sample.store.records(Household.self, inGrid: SampleCommunity.gridOne).first)
            household.notes = "走之前"
            _ = try sample.store.save(household, at: SampleCommunity.now)
            #expect(!Self.journal(folder).isEmpty)
        }
        #expect(Self.journal(folder).isEmpty, "checkpointed as the store went")
    }

    @Test func aLongJournalIsCheckpointedByTheChangeThatLengthensIt() throws {
        let folder = try Self.bareFolder()
        defer { folder.remove() }
        var big = FileChange()
        big.replace("big.json", with: Data(repeating: UInt8(ascii: "x"), count: Journal.checkpointSize))
        try Journal.commit(big, in: folder.path)?.wait()
        #expect(Self.journal(folder).isEmpty)
        #expect(FileManager.default.contents(atPath: folder.path + "/big.json")?.count == Journal.checkpointSize)
    }

    @Test func aFolderOpensWithItsJournalEmpty() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        var household = try #require(sample.store.records(Household.self, inGrid: SampleCommunity.gridOne).first)
        household.notes = "记在日志里"
        _ = try sample.store.save(household, at: SampleCommunity.now)
        #expect(!Self.journal(folder).isEmpty && !Journal.isPending(in: folder.path), "the journal keeps the change until a checkpoint")
        let reopened = try Store.open(folder.path)
        #expect(Self.journal(folder).isEmpty)
        #expect(reopened.records(Household.self, inGrid: SampleCommunity.gridOne).first?.notes == "记在日志里")
    }

    @Test func aJournalThatCannotBeReadIsNeverWrittenOver() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        var household = try #require(sample.store.records(Household.self, inGrid: SampleCommunity.gridOne).first)
        let before = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + household.filePath))
        // A directory where the journal should be (the empty journal the saves left taken away):
        // there, but not readable as one.
        #expect(!Journal.isPending(in: folder.path))
        try FileManager.default.removeItem(atPath: folder.path + "/" + Journal.name)
        try FileManager.default.createDirectory(atPath: folder.path + "/" + Journal.name, withIntermediateDirectories: false)
        #expect(throws: StoreError.self, "the folder does not open over a journal it cannot read") {
            _ = try Store.open(folder.path, unsecuredActor: SampleCommunity.admin)
        }
        household.notes = "改过"
        #expect(throws: StoreError.self) { _ = try sample.store.save(household, at: SampleCommunity.now) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + household.filePath)) == before, "nothing was written")
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: folder.path + "/" + Journal.name, isDirectory: &isFolder) && isFolder.boolValue)
    }
}

/// Journals an older build wrote (a rollback journal of what each file held): still put back.
extension JournalTests {
    @Test func anOlderBuildsJournalACrashLeftIsPutBackWhenTheFolderOpens() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let household = try #require(sample.store.records(Household.self, inGrid: SampleCommunity.gridOne).first)
        let path = household.filePath
        let before = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + path))
        let trail = folder.path + "/" + StoreLayout.auditTrail
        let trailLength = try Data(contentsOf: URL(fileURLWithPath: trail)).count
        let head = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + StoreLayout.auditHead))
        // As a writer killed after replacing the file and appending its entry, before removing the journal.
        let journal = try LegacyJournal.encode(LegacyJournal.Contents(originals: [.init(path: StoreLayout.auditHead, length: head.count), .init(path: path, length: before.count)],
                                                         lengths: [StoreLayout.auditTrail: trailLength]), bytes: [head, before])
        try journal.write(to: URL(fileURLWithPath: folder.path + "/" + LegacyJournal.name))
        var changed = household
        changed.notes = "被中断的修改"
        _ = try sample.store.save(changed)
        // This build's own journal made durable and emptied, as when it exits; then the older build's.
        try Journal.checkpoint(in: folder.path)
        try journal.write(to: URL(fileURLWithPath: folder.path + "/" + LegacyJournal.name))
        #expect(try Data(contentsOf: URL(fileURLWithPath: trail)).count > trailLength)

        let reopened = try Store.open(folder.path)
        #expect(reopened.records(Household.self, inGrid: SampleCommunity.gridOne).first?.notes == household.notes, "the change cut short is gone")
        #expect(try Data(contentsOf: URL(fileURLWithPath: trail)).count == trailLength, "and so is its audit entry")
        #expect(!Journal.isPending(in: folder.path))
        #expect(reopened.audit.verify().isIntact, "\(reopened.audit.verify().findings)")
    }

    @Test func theNextWriterPutsBackAChangeADeadOlderBuildLeftBeforeReadingAnything() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let store = sample.store
        let household = try #require(store.records(Household.self, inGrid: SampleCommunity.gridOne).first)
        let path = household.filePath
        let before = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + path))
        let head = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + StoreLayout.auditHead))
        let trailLength = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + StoreLayout.auditTrail)).count
        let journal = try LegacyJournal.encode(LegacyJournal.Contents(originals: [.init(path: StoreLayout.auditHead, length: head.count), .init(path: path, length: before.count)],
                                                         lengths: [StoreLayout.auditTrail: trailLength]), bytes: [head, before])
        // Another copy changed the household and died before its journal went.
        let other = try Store.open(folder.path, unsecuredActor: SampleCommunity.admin)
        var theirs = household
        theirs.notes = "死去的进程的修改"
        _ = try other.save(theirs)
        try journal.write(to: URL(fileURLWithPath: folder.path + "/" + LegacyJournal.name))
        // This copy's next save, at the household's original revision, is not refused as stale and
        // does not bring the dead change back.
        var mine = household
        mine.residency = .rented
        let saved = try store.save(mine)
        #expect(saved.meta.revision == household.meta.revision + 1 && saved.notes == household.notes)
        let entries = store.audit.allEntries().filter { $0.record == household.id.rawValue && $0.action == .update }
        #expect(entries.count == 1 && entries.first?.fields == ["residency"])
        #expect(store.audit.verify().isIntact)
    }

}

@Suite struct LegacyJournalChecksumTests {
    static let original = LegacyJournal.Contents(originals: [.init(path: "a.json", length: 4)], lengths: ["trail.jsonl": 4])

    @Test func aJournalIsKnownWholeByItsSums() throws {
        let two = LegacyJournal.Contents(originals: [.init(path: "a.json", length: 4), .init(path: "new.json", length: nil), .init(path: "b.json", length: 3)],
                                   lengths: [:])
        let data = try LegacyJournal.encode(two, bytes: [Data("old\n".utf8), Data("bee".utf8)])
        let (contents, pieces) = try #require(LegacyJournal.decode(data))
        #expect(contents.sums?.count == 2 && contents.checksum == nil)
        #expect(pieces == [Data("old\n".utf8), nil, Data("bee".utf8)])
        for offset in [data.count - 1, data.count - 5] {
            var damaged = data
            damaged[offset] = UInt8(ascii: "x")
            #expect(LegacyJournal.decode(damaged) == nil, "a body that changed after the header was written")
        }
    }

    @Test func aJournalAnOlderVersionWroteIsStillRead() throws {
        var older = Self.original
        older.checksum = LegacyJournal.legacyChecksum(Data("old\n".utf8))
        var data = try JSONEncoder().encode(older)
        data.append(contentsOf: Array("\nold\n".utf8))
        let (contents, pieces) = try #require(LegacyJournal.decode(data))
        #expect(contents.checksum != nil && contents.sums == nil)
        #expect(pieces == [Data("old\n".utf8)])
        data[data.count - 2] = UInt8(ascii: "x")
        #expect(LegacyJournal.decode(data) == nil)
    }
}

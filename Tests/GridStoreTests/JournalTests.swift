import Foundation
import Testing
import GridModel
@testable import GridStore
import TestSupport

/// The rollback journal: a change to several files lands whole or not at all.
@Suite struct JournalTests {
    @Test func aChangeThatFailsPartWayPutsEveryFileBack() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: URL(fileURLWithPath: folder.path + "/a.json"))
        try Data("line 1\n".utf8).write(to: URL(fileURLWithPath: folder.path + "/trail.jsonl"))
        do {
            try Journal.run(in: folder.path, replacing: ["a.json", "new.json"], appending: ["trail.jsonl"]) { () throws(StoreError) in
                try DurableFile.write(Data("new".utf8), to: folder.path + "/a.json")
                try DurableFile.write(Data("created".utf8), to: folder.path + "/new.json")
                try DurableFile.append(Data("line 2\n".utf8), to: folder.path + "/trail.jsonl")
                throw StoreError.io(.write, path: folder.path + "/b.json", code: ENOSPC)
            }
            Issue.record("the failure did not go up")
        } catch {
            guard case .io(_, _, ENOSPC) = error else { throw error }
        }
        #expect(try String(contentsOfFile: folder.path + "/a.json", encoding: .utf8) == "old")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/new.json"), "a file the change created is gone again")
        #expect(try String(contentsOfFile: folder.path + "/trail.jsonl", encoding: .utf8) == "line 1\n", "the appended line is cut off")
        #expect(!Journal.isPending(in: folder.path))
    }

    @Test func aJournalACrashLeftIsPutBackWhenTheFolderOpens() throws {
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
        let journal = try Journal.encode(Journal.Contents(originals: [.init(path: StoreLayout.auditHead, length: head.count), .init(path: path, length: before.count)],
                                                         lengths: [StoreLayout.auditTrail: trailLength]), bytes: [head, before])
        try journal.write(to: URL(fileURLWithPath: folder.path + "/" + Journal.name))
        var changed = household
        changed.notes = "被中断的修改"
        _ = try sample.store.save(changed)
        try journal.write(to: URL(fileURLWithPath: folder.path + "/" + Journal.name))
        #expect(try Data(contentsOf: URL(fileURLWithPath: trail)).count > trailLength)

        let reopened = try Store.open(folder.path)
        #expect(reopened.records(Household.self, inGrid: SampleCommunity.gridOne).first?.notes == household.notes, "the change cut short is gone")
        #expect(try Data(contentsOf: URL(fileURLWithPath: trail)).count == trailLength, "and so is its audit entry")
        #expect(!Journal.isPending(in: folder.path))
        #expect(reopened.audit.verify().isIntact, "\(reopened.audit.verify().findings)")
    }

    @Test func aTornLastLineIsNotKeptWhenAnAppendIsPutBack() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        let trail = folder.path + "/trail.jsonl"
        try Data("line 1\n{\"torn".utf8).write(to: URL(fileURLWithPath: trail))
        #expect(try Journal.wholeLinesLength(trail) == 7)
        do {
            try Journal.run(in: folder.path, replacing: [], appending: ["trail.jsonl"]) { () throws(StoreError) in
                try DurableFile.append(Data("2\n".utf8), to: trail, validLength: 7)
                throw StoreError.io(.write, path: trail, code: ENOSPC)
            }
        } catch {}
        #expect(try Data(contentsOf: URL(fileURLWithPath: trail)) == Data("line 1\n".utf8), "no new line kept, no zero bytes padded")
    }

    @Test func theNextWriterPutsBackAChangeADeadOneLeftBeforeReadingAnything() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let store = sample.store
        let household = try #require(store.records(Household.self, inGrid: SampleCommunity.gridOne).first)
        let path = household.filePath
        let before = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + path))
        let head = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + StoreLayout.auditHead))
        let trailLength = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + StoreLayout.auditTrail)).count
        let journal = try Journal.encode(Journal.Contents(originals: [.init(path: StoreLayout.auditHead, length: head.count), .init(path: path, length: before.count)],
                                                         lengths: [StoreLayout.auditTrail: trailLength]), bytes: [head, before])
        // Another copy changed the household and died before its journal went.
        let other = try Store.open(folder.path, unsecuredActor: SampleCommunity.admin)
        var theirs = household
        theirs.notes = "死去的进程的修改"
        _ = try other.save(theirs)
        try journal.write(to: URL(fileURLWithPath: folder.path + "/" + Journal.name))
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

/// The journal stays between changes and a change with an audit entry is committed by it
/// (issue 12: a durable save near the raw fsync pattern).
extension JournalTests {
    @Test func aJournalWhoseAuditEntryIsOnDiskIsDroppedNotPlayedBack() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: folder.path + "/a.json"))
        try Data("one\n".utf8).write(to: URL(fileURLWithPath: folder.path + "/trail.jsonl"))
        var captured: Data?
        try Journal.run(in: folder.path, replacing: ["a.json"], appending: ["trail.jsonl"], committedBy: ("trail.jsonl", 4)) { () throws(StoreError) in
            try DurableFile.write(Data("new\n".utf8), to: folder.path + "/a.json")
            captured = FileManager.default.contents(atPath: folder.path + "/" + Journal.name)
            try DurableFile.append(Data("two\n".utf8), to: folder.path + "/trail.jsonl")
        }
        #expect(FileManager.default.fileExists(atPath: folder.path + "/" + Journal.name) && !Journal.isPending(in: folder.path),
                "the journal stays, empty")
        let journal = try #require(captured)
        #expect(Journal.decode(journal)?.0.committedAt == ["trail.jsonl": 8])

        // Back after a power cut, with the entry on disk: the change is whole and stays.
        try journal.write(to: URL(fileURLWithPath: folder.path + "/" + Journal.name))
        try Journal.rollBack(in: folder.path)
        #expect(FileManager.default.contents(atPath: folder.path + "/a.json") == Data("new\n".utf8))
        #expect(FileManager.default.contents(atPath: folder.path + "/trail.jsonl") == Data("one\ntwo\n".utf8))
        #expect(!Journal.isPending(in: folder.path))

        // The entry cut short (a crash while appending it): the change goes back, the torn line with it.
        try Data("one\ntw".utf8).write(to: URL(fileURLWithPath: folder.path + "/trail.jsonl"))
        try journal.write(to: URL(fileURLWithPath: folder.path + "/" + Journal.name))
        try Journal.rollBack(in: folder.path)
        #expect(FileManager.default.contents(atPath: folder.path + "/a.json") == Data("old\n".utf8))
        #expect(FileManager.default.contents(atPath: folder.path + "/trail.jsonl") == Data("one\n".utf8))

        // Written over an older, longer journal and cut short by a power cut: a mix of the two is
        // neither, and the files (which the newer change had not yet touched) stay as they are.
        var mixed = journal
        mixed.replaceSubrange((mixed.count - 2)..<mixed.count, with: Data("xx".utf8))
        try mixed.write(to: URL(fileURLWithPath: folder.path + "/" + Journal.name))
        try Data("newer\n".utf8).write(to: URL(fileURLWithPath: folder.path + "/a.json"))
        try Journal.rollBack(in: folder.path)
        #expect(FileManager.default.contents(atPath: folder.path + "/a.json") == Data("newer\n".utf8))
        #expect(!Journal.isPending(in: folder.path))
    }
}

/// Findings of a review of the journal that commits by its audit entry.
extension JournalTests {
    /// A roll-back the writer starts itself cuts the trail back first: stopped part way, the
    /// change is rolled back again at the next lock, never kept as committed.
    @Test func aRollBackStoppedPartWayIsNotTakenForACommittedChange() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path + "/sub", withIntermediateDirectories: true)
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: folder.path + "/sub/a.json"))
        try Data("one\n".utf8).write(to: URL(fileURLWithPath: folder.path + "/trail.jsonl"))
        var captured: Data?
        try Journal.run(in: folder.path, replacing: ["sub/a.json"], appending: ["trail.jsonl"], committedBy: ("trail.jsonl", 4)) { () throws(StoreError) in
            try DurableFile.write(Data("new\n".utf8), to: folder.path + "/sub/a.json")
            try DurableFile.append(Data("two\n".utf8), to: folder.path + "/trail.jsonl")
            captured = FileManager.default.contents(atPath: folder.path + "/" + Journal.name)
        }
        // As if the change had failed after its entry and the roll-back could not put a.json back.
        try #require(captured).write(to: URL(fileURLWithPath: folder.path + "/" + Journal.name))
        try FileManager.default.removeItem(atPath: folder.path + "/sub")
        try Data("a file where the folder was".utf8).write(to: URL(fileURLWithPath: folder.path + "/sub"))
        #expect(throws: StoreError.self) { try Journal.rollBack(in: folder.path, evenIfCommitted: true) }
        #expect(FileManager.default.contents(atPath: folder.path + "/trail.jsonl") == Data("one\n".utf8), "the entry went first")
        #expect(Journal.isPending(in: folder.path))
        // The next lock, with the folder back: rolled back, not kept.
        try FileManager.default.removeItem(atPath: folder.path + "/sub")
        try FileManager.default.createDirectory(atPath: folder.path + "/sub", withIntermediateDirectories: true)
        try Data("new\n".utf8).write(to: URL(fileURLWithPath: folder.path + "/sub/a.json"))
        try Journal.rollBack(in: folder.path)
        #expect(FileManager.default.contents(atPath: folder.path + "/sub/a.json") == Data("old\n".utf8))
        #expect(!Journal.isPending(in: folder.path))
    }

    /// A file of the change the disk did not confirm: its entry no longer commits the change, so
    /// a journal back after a power cut is played back even though the entry is there.
    @Test func aWithdrawnCommitIsRolledBackEvenWithItsEntryOnDisk() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: folder.path + "/a.json"))
        try Data("one\n".utf8).write(to: URL(fileURLWithPath: folder.path + "/trail.jsonl"))
        var captured: Data?
        try Journal.run(in: folder.path, replacing: ["a.json"], appending: ["trail.jsonl"], committedBy: ("trail.jsonl", 4)) { () throws(StoreError) in
            try DurableFile.write(Data("new\n".utf8), to: folder.path + "/a.json")
            try Journal.withdrawCommit(in: folder.path)
            captured = FileManager.default.contents(atPath: folder.path + "/" + Journal.name)
            try DurableFile.append(Data("two\n".utf8), to: folder.path + "/trail.jsonl")
        }
        let journal = try #require(captured)
        #expect(Journal.decode(journal)?.0.committedAt == nil)
        try journal.write(to: URL(fileURLWithPath: folder.path + "/" + Journal.name))
        try Journal.rollBack(in: folder.path)
        #expect(FileManager.default.contents(atPath: folder.path + "/a.json") == Data("old\n".utf8))
        #expect(FileManager.default.contents(atPath: folder.path + "/trail.jsonl") == Data("one\n".utf8))
    }
}

/// What a journal says about its own bytes: a new one carries `sums` (XXH64 of each original), one
/// written before it carries `checksum` (FNV-1a), and either catches a body that is not the one it
/// was made with.
@Suite struct JournalChecksumTests {
    static let original = Journal.Contents(originals: [.init(path: "a.json", length: 4)], lengths: ["trail.jsonl": 4])

    @Test func aJournalIsKnownWholeByItsSums() throws {
        let two = Journal.Contents(originals: [.init(path: "a.json", length: 4), .init(path: "new.json", length: nil), .init(path: "b.json", length: 3)],
                                   lengths: [:])
        let data = try Journal.encode(two, bytes: [Data("old\n".utf8), Data("bee".utf8)])
        let (contents, pieces) = try #require(Journal.decode(data))
        #expect(contents.sums?.count == 2 && contents.checksum == nil)
        #expect(pieces == [Data("old\n".utf8), nil, Data("bee".utf8)])
        for offset in [data.count - 1, data.count - 5] {
            var damaged = data
            damaged[offset] = UInt8(ascii: "x")
            #expect(Journal.decode(damaged) == nil, "a body that changed after the header was written")
        }
    }

    @Test func aJournalAnOlderVersionWroteIsStillRead() throws {
        var older = Self.original
        older.checksum = Journal.legacyChecksum(Data("old\n".utf8))
        var data = try JSONEncoder().encode(older)
        data.append(contentsOf: Array("\nold\n".utf8))
        let (contents, pieces) = try #require(Journal.decode(data))
        #expect(contents.checksum != nil && contents.sums == nil)
        #expect(pieces == [Data("old\n".utf8)])
        data[data.count - 2] = UInt8(ascii: "x")
        #expect(Journal.decode(data) == nil)
    }
}

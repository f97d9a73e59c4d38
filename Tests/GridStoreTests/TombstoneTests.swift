import Foundation
import Testing
import GridModel
@testable import GridStore
import TestSupport

/// Removing a record leaves a tombstone, in the same change as the file and the audit entry
/// (issue 11, point 4).
@Suite struct TombstoneTests {
    func newHousehold() -> Household {
        Household(meta: RecordMeta(id: RecordID("H-undone"), createdBy: SampleCommunity.admin, createdAt: SampleCommunity.now),
                  gridCode: SampleCommunity.gridOne, microGrid: nil,
                  address: Address(compound: "示例花园", building: "9栋", unit: "", room: "101"), residency: .rented)
    }

    /// Saves a new household and returns it as stored.
    func savedHousehold(_ store: Store) throws -> Household {
        let saved = try store.save(newHousehold(), at: SampleCommunity.now)
        #expect(saved.meta.revision == 1)
        return saved
    }

    @Test func removingANewHouseholdLeavesATombstoneAndARemoveEntry() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let saved = try savedHousehold(sample.store)
        let entries = sample.store.audit.allEntries().count
        try sample.store.remove(saved, at: SampleCommunity.now.addingTimeInterval(60))
        #expect(!sample.store.records(Household.self, inGrid: SampleCommunity.gridOne).contains { $0.id == RecordID("H-undone") })
        let stones = try sample.store.tombstones(inGrid: SampleCommunity.gridOne)
        #expect(stones == [Tombstone(kind: .household, id: RecordID("H-undone"), gridCode: SampleCommunity.gridOne, revision: 1,
                                     removedBy: SampleCommunity.admin, removedAt: SampleCommunity.now.addingTimeInterval(60))])
        #expect(try sample.store.tombstones(inGrid: SampleCommunity.gridTwo).isEmpty)
        let added = sample.store.audit.allEntries().dropFirst(entries)
        #expect(added.map(\.action) == [.remove] && added.first?.record == "H-undone" && added.first?.actor == SampleCommunity.admin.rawValue)
        #expect(sample.store.audit.verify().isIntact)

        // The id is never handed out again, by a save or an import.
        #expect { try sample.store.save(newHousehold()) } throws: { error in
            guard let error = error as? StoreError, case .removedBefore(.household) = error else { return false }
            return error.message(in: .en).contains("never reused")
        }
        #expect { try sample.store.insertNew([newHousehold()]) } throws: { error in
            guard let error = error as? StoreError, case .removedBefore = error else { return false }
            return true
        }
        // `gridwork check` reads the tombstone file without complaint, and names a broken one.
        let reopened = try Store.open(folder.path)
        #expect(reopened.problems.isEmpty && reopened.checkEveryFile().isEmpty, "\(reopened.checkEveryFile())")
        let stonePath = folder.path + "/" + StoreLayout.tombstones(SampleCommunity.gridOne)
        let text = try String(contentsOfFile: stonePath, encoding: .utf8)
        try text.replacingOccurrences(of: "\"revision\" : 1", with: "\"revision\" : \"one\"").write(toFile: stonePath, atomically: false, encoding: .utf8)
        let problems = try Store.open(folder.path).checkEveryFile()
        #expect(problems.count == 1 && problems.first?.path == stonePath && problems.first?.position != nil, "\(problems)")
        #expect(throws: StoreError.self, "a tombstone file that does not read never makes an id look free") { try sample.store.save(newHousehold()) }
    }

    @Test func theTombstoneTheFileAndTheAuditEntryLandTogetherOrNotAtAll() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let saved = try savedHousehold(sample.store)
        let households = StoreLayout.households(SampleCommunity.gridOne)
        let stones = StoreLayout.tombstones(SampleCommunity.gridOne)
        let householdsBefore = FileManager.default.contents(atPath: folder.path + "/" + households)
        let trailBefore = FileManager.default.contents(atPath: folder.path + "/" + StoreLayout.auditTrail)

        // The tombstone's write fails after the households file was replaced: all of it goes back.
        sample.store.writeFault = { path in path == stones ? .io(.write, path: path, code: ENOSPC) : nil }
        #expect(throws: StoreError.self) { try sample.store.remove(saved, at: SampleCommunity.now) }
        #expect(FileManager.default.contents(atPath: folder.path + "/" + households) == householdsBefore)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/" + stones))
        #expect(FileManager.default.contents(atPath: folder.path + "/" + StoreLayout.auditTrail) == trailBefore)

        // A writer killed after the change's data files were put in place, before its audit entry:
        // the journal as it stood then (the record committed, not marked applied) and the trail
        // without the entry are put back, and the next open completes the change.
        var journal: Data?
        sample.store.writeFault = { path in
            if path == stones { journal = FileManager.default.contents(atPath: folder.path + "/" + Journal.name) }
            return nil
        }
        try sample.store.remove(saved, at: SampleCommunity.now)
        let trailAfter = FileManager.default.contents(atPath: folder.path + "/" + StoreLayout.auditTrail)
        #expect(FileManager.default.fileExists(atPath: folder.path + "/" + stones))
        #expect(!Journal.isPending(in: folder.path))
        try #require(journal).write(to: URL(fileURLWithPath: folder.path + "/" + Journal.name))
        #expect(Journal.isPending(in: folder.path))
        try #require(trailBefore).write(to: URL(fileURLWithPath: folder.path + "/" + StoreLayout.auditTrail))
        let reopened = try Store.open(folder.path)
        #expect(!reopened.records(Household.self, inGrid: SampleCommunity.gridOne).contains { $0.id == RecordID("H-undone") })
        #expect(FileManager.default.fileExists(atPath: folder.path + "/" + stones), "the tombstone with its removal")
        #expect(FileManager.default.contents(atPath: folder.path + "/" + StoreLayout.auditTrail) == trailAfter, "and its audit entry")
        #expect(!Journal.isPending(in: folder.path))
        #expect(reopened.audit.verify().isIntact)
    }
}

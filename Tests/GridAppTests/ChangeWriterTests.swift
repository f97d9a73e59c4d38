import Foundation
import Testing
import GridModel
@testable import GridStore
@testable import GridApp
import TestSupport

/// The writer saves a form's records as one change, reports a write the disk did not confirm as
/// stored, and undoes a new record by leaving a tombstone (issue 11, points 2 and 4).
@Suite struct ChangeWriterTests {
    func newHousehold(_ id: String) -> Household {
        Household(meta: RecordMeta(id: RecordID(id), createdBy: SampleCommunity.admin, createdAt: SampleCommunity.now),
                  gridCode: SampleCommunity.gridOne, microGrid: nil,
                  address: Address(compound: "示例花园", building: "9栋", unit: "", room: "101"), residency: .rented)
    }

    @Test func aFormsRecordsAreAllSavedOrNoneIs() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let writer = ChangeWriter(store: sample.store)
        var household = try #require(sample.store.records(Household.self, inGrid: SampleCommunity.gridOne).first)
        household.notes = "第一条"
        // The second record breaks a rule: the first is not saved either.
        var broken = newHousehold("H-broken")
        broken.address.building = ""
        let refused = writer.save([.household(household), .household(broken)], at: SampleCommunity.now)
        #expect(refused.stored.isEmpty && !refused.isSaved)
        guard case .invalid? = refused.failure else { throw StoreError.readOnly(path: "expected a refusal") }
        #expect(sample.store.records(Household.self, inGrid: SampleCommunity.gridOne).first?.notes == "")
        let saved = writer.save([.household(household), .household(newHousehold("H-second"))], at: SampleCommunity.now)
        #expect(saved.isConfirmed && saved.stored.map(\.revision) == [household.meta.revision + 1, 1])
    }

    @Test func aSaveTheDiskDidNotConfirmIsReportedAsStored() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let writer = ChangeWriter(store: sample.store)
        var household = try #require(sample.store.records(Household.self, inGrid: SampleCommunity.gridOne).first)
        household.notes = "磁盘未确认"
        sample.store.writeFault = { path in path == household.filePath ? .notConfirmed(path: path) : nil }
        let outcome = writer.save([.household(household)], at: SampleCommunity.now)
        sample.store.writeFault = nil
        #expect(outcome.isSaved && !outcome.isConfirmed && outcome.failure?.isNotConfirmed == true)
        #expect(outcome.stored.map(\.revision) == [household.meta.revision + 1], "stored, so the form is not saved twice")
        // Saving on from what was stored is not a conflict with itself.
        guard case .household(var stored)? = outcome.stored.first else { throw StoreError.readOnly(path: "nothing stored") }
        stored.notes = "再改一次"
        let next = writer.save([.household(stored)], at: SampleCommunity.now)
        #expect(next.failure == nil && next.stored.count == 1)
    }

    @Test func undoingANewHouseholdLeavesATombstoneAndARemoveEntryInOneChange() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let writer = ChangeWriter(store: sample.store)
        let before = DashboardLoaderForTests.data(sample.store)
        let saved = writer.save([.household(newHousehold("H-undone"))], at: SampleCommunity.now)
        let step = UndoStep(saved: saved.stored, before: before)
        let entries = sample.store.audit.allEntries().count
        var journaled: [String] = []
        sample.store.writeFault = { path in
            if Journal.isPending(in: folder.path) { journaled.append(path) }
            return nil
        }
        try writer.undo(step, at: SampleCommunity.now)
        #expect(journaled == [StoreLayout.households(SampleCommunity.gridOne), StoreLayout.tombstones(SampleCommunity.gridOne), StoreLayout.auditHead],
                "the file and the tombstone written under one journal: \(journaled)")
        #expect(try sample.store.tombstones(inGrid: SampleCommunity.gridOne).map(\.id) == [RecordID("H-undone")])
        #expect(sample.store.audit.allEntries().dropFirst(entries).map(\.action) == [.remove])
        #expect(!sample.store.records(Household.self, inGrid: SampleCommunity.gridOne).contains { $0.id == RecordID("H-undone") })
    }
}

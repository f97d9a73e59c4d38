import Foundation
import Testing
import GridModel
@testable import GridStore
import TestSupport

/// What data entry needs from the store: new case numbers, taking a record back, drafts.
@Suite struct EntryStoreTests {
    func newCase(_ id: String, by worker: RecordID = SampleCommunity.admin) -> DisputeCase {
        DisputeCase(meta: RecordMeta(id: RecordID(id), createdBy: worker, createdAt: SampleCommunity.now), number: "JF2026-?",
                    title: "噪音扰民", category: .neighbours, parties: [Party(name: "甲方")], gridCode: SampleCommunity.gridTwo,
                    source: .patrol, matterClass: .smallMatter, raisedOn: Day(year: 2026, month: 9, day: 21) ?? Day(dayNumber: 0))
    }

    @Test func newCasesTakeTheNextNumberEvenFromTwoCopiesOfTheProgram() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let other = try Store.open(folder.path, unsecuredActor: SampleCommunity.workerTwo)
        let first = try sample.store.saveNewCase(newCase("C-new-1"), at: SampleCommunity.now)
        // The second copy opened before the first case was saved, in another grid's file.
        let second = try other.saveNewCase(newCase("C-new-2", by: SampleCommunity.workerTwo), at: SampleCommunity.now)
        #expect(first.number == "JF2026-00002" && second.number == "JF2026-00003")
        let reopened = try Store.open(folder.path)
        #expect(Set(reopened.allRecords(DisputeCase.self).map(\.number)) == ["JF2026-00001", "JF2026-00002", "JF2026-00003"])
    }

    @Test func aRecordIsTakenBackOnlyAtItsRevisionAndAHouseholdKeepsItsResidents() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let household = try #require(sample.store.records(Household.self, inGrid: SampleCommunity.gridOne).first)
        #expect(throws: StoreError.self, "its resident still refers to it") { try sample.store.remove(household) }

        var resident = try #require(sample.store.records(Resident.self, inGrid: SampleCommunity.gridOne).first)
        let stale = resident
        resident.notes = "已搬走"
        resident = try sample.store.save(resident, at: SampleCommunity.now)
        #expect(throws: StoreError.self, "someone changed it since") { try sample.store.remove(stale) }
        try sample.store.remove(resident)
        try sample.store.remove(household)
        let reopened = try Store.open(folder.path)
        #expect(reopened.records(Household.self, inGrid: SampleCommunity.gridOne).isEmpty)
        #expect(reopened.records(Resident.self, inGrid: SampleCommunity.gridOne).isEmpty)
        #expect(reopened.problems.isEmpty)
    }

    @Test func draftsAreKeptPrivatelyAndNeverReadAsData() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        let drafts = DraftFolder(dataFolder: folder.path)
        try drafts.write(Data("{\"draft\":1}".utf8), for: RecordID("W-../admin"))
        #expect(drafts.read(for: RecordID("W-../admin")) == Data("{\"draft\":1}".utf8))
        #expect(folder.allFiles().contains("drafts/W-___admin.json"), "a worker id cannot lead out of the folder")
        var info = stat()
        stat(folder.path + "/drafts/W-___admin.json", &info)
        #expect(info.st_mode & 0o077 == 0, "drafts hold personal data: only the owner may read them")
        let store = try Store.open(folder.path)
        #expect(store.problems.isEmpty && store.checkEveryFile().isEmpty)
        drafts.setAside(for: RecordID("W-../admin"))
        #expect(drafts.read(for: RecordID("W-../admin")) == nil && folder.allFiles().contains("drafts/W-___admin.json.unreadable"))
    }
}

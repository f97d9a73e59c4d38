import Foundation
import Testing
import GridModel
@testable import GridStore
import TestSupport

/// Several records, one change: all of it lands or none of it, and a change on disk that the disk
/// did not confirm is still reported as stored (issue 11, points 2 and 3).
@Suite struct TransactionTests {
    static let raised = Day(year: 2026, month: 9, day: 21) ?? Day(dayNumber: 0)

    /// A patrol in grid one with a finding, and the new case it opened.
    func patrolAndCase() -> (PatrolLog, DisputeCase) {
        let meta = { (id: String) in RecordMeta(id: RecordID(id), createdBy: SampleCommunity.admin, createdAt: SampleCommunity.now) }
        let patrol = PatrolLog(meta: meta("L-new"), gridCode: SampleCommunity.gridOne, workerID: SampleCommunity.workerTwo, kind: .routine,
                               start: SampleCommunity.now.addingTimeInterval(-3600), end: SampleCommunity.now,
                               findings: [Finding(kind: .dispute, text: "楼道堆物引发争执", caseID: RecordID("C-new"))])
        let disputeCase = DisputeCase(meta: meta("C-new"), number: "JF2026-?", title: "楼道堆物", category: .neighbours,
                                      parties: [Party(name: "甲方")], gridCode: SampleCommunity.gridOne, source: .patrol,
                                      matterClass: .smallMatter, raisedOn: Self.raised, patrolID: patrol.id)
        return (patrol, disputeCase)
    }

    func bytes(_ folder: TemporaryFolder, _ path: String) -> Data? {
        FileManager.default.contents(atPath: folder.path + "/" + path)
    }

    @Test func aCaseAndTheFindingThatOpenedItAreSavedTogether() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let entries = sample.store.audit.allEntries().count
        let (patrol, disputeCase) = patrolAndCase()
        let committed = try sample.store.transaction(at: SampleCommunity.now) { (change: StoreTransaction) throws(StoreError) -> DisputeCase in
            _ = try change.save(patrol)
            return try change.saveNewCase(disputeCase)
        }
        #expect(committed.notConfirmed == nil)
        let stored = committed.value
        #expect(stored.number == "JF2026-00002" && stored.meta.revision == 1)
        let added = sample.store.audit.allEntries().dropFirst(entries)
        #expect(added.map(\.action) == [.create, .create] && added.map(\.kind) == [.patrolLog, .disputeCase])
        #expect(sample.store.audit.verify().isIntact)
        let reopened = try Store.open(folder.path)
        #expect(reopened.allRecords(PatrolLog.self).contains { $0.id == patrol.id })
        #expect(reopened.allRecords(DisputeCase.self).contains { $0.id == disputeCase.id && $0.number == "JF2026-00002" })
    }

    @Test func aChangeWhoseSecondFileFailsLeavesTheFirstAsItWasAndNoAuditEntry() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        var household = try #require(sample.store.records(Household.self, inGrid: SampleCommunity.gridOne).first)
        let (patrol, disputeCase) = patrolAndCase()
        let householdsBefore = try #require(bytes(folder, household.filePath))
        let casesBefore = try #require(bytes(folder, disputeCase.filePath))
        let trailBefore = try #require(bytes(folder, StoreLayout.auditTrail))
        // Files are written households first, cases last: the case file's write fails, as a full disk would.
        var attempted: [String] = []
        sample.store.writeFault = { path in
            attempted.append(path)
            return path == disputeCase.filePath ? .io(.write, path: path, code: ENOSPC) : nil
        }
        household.notes = "同一次修改"
        func saveAll() throws(StoreError) -> Committed<Void> {
            try sample.store.transaction(at: SampleCommunity.now) { (change: StoreTransaction) throws(StoreError) in
                _ = try change.save(household)
                _ = try change.save(patrol)
                _ = try change.saveNewCase(disputeCase)
            }
        }
        #expect { try saveAll() } throws: { error in
            guard let error = error as? StoreError, case .io(_, _, ENOSPC) = error else { return false }
            return true
        }
        #expect(attempted.contains(household.filePath) && attempted.contains(patrol.filePath), "the first files were written: \(attempted)")
        #expect(bytes(folder, household.filePath) == householdsBefore, "the household file is put back")
        #expect(bytes(folder, patrol.filePath) == nil, "the patrol file the change created is gone")
        #expect(bytes(folder, disputeCase.filePath) == casesBefore)
        #expect(bytes(folder, StoreLayout.auditTrail) == trailBefore, "no audit entry for a change not made")
        #expect(!Journal.isPending(in: folder.path))
        // Memory follows the disk: the store still holds the household as it was, and a retry lands whole.
        sample.store.writeFault = nil
        #expect(sample.store.records(Household.self, inGrid: SampleCommunity.gridOne).first?.notes == "")
        #expect(try saveAll().notConfirmed == nil, "a retry lands whole")
        #expect(try Store.open(folder.path).allRecords(DisputeCase.self).count == 2)
        #expect(sample.store.audit.verify().isIntact)
    }

    @Test func aWriteTheDiskDidNotConfirmIsReportedAsStored() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        var household = try #require(sample.store.records(Household.self, inGrid: SampleCommunity.gridOne).first)
        let entries = sample.store.audit.allEntries().count
        sample.store.writeFault = { path in path == household.filePath ? .notConfirmed(path: path) : nil }
        household.notes = "磁盘未确认"
        let committed = try sample.store.transaction(at: SampleCommunity.now) { (change: StoreTransaction) throws(StoreError) -> Household in
            try change.save(household)
        }
        #expect(committed.notConfirmed?.isNotConfirmed == true, "said so")
        #expect(committed.value.meta.revision == household.meta.revision + 1, "and stored, at its new revision")
        #expect(try Store.open(folder.path).records(Household.self, inGrid: SampleCommunity.gridOne).first?.notes == "磁盘未确认")
        #expect(sample.store.audit.allEntries().count == entries + 1, "audited with it")
        #expect(!Journal.isPending(in: folder.path), "kept, not put back")
        // The next edit starts from what was stored: no false conflict with itself.
        sample.store.writeFault = nil
        var again = committed.value
        again.notes = "再改一次"
        again = try sample.store.save(again)
        // The single-record API says the same by its error, after writing.
        again.notes = "第三次"
        sample.store.writeFault = { _ in .notConfirmed(path: "x") }
        #expect { try sample.store.save(again) } throws: { error in (error as? StoreError)?.isNotConfirmed == true }
        sample.store.writeFault = nil
        #expect(sample.store.records(Household.self, inGrid: SampleCommunity.gridOne).first?.notes == "第三次")
    }

    @Test func aBatchInsertIsOneChangeAcrossFiles() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let households = [SampleCommunity.gridOne, SampleCommunity.gridTwo].enumerated().map { index, grid in
            Household(meta: RecordMeta(id: RecordID("H-batch-\(index)"), createdBy: SampleCommunity.admin, createdAt: SampleCommunity.now),
                      gridCode: grid, microGrid: nil, address: Address(compound: "示例花园", building: "2\(index)栋", unit: "", room: "101"),
                      residency: .rented)
        }
        let second = households[1].filePath
        let firstBefore = bytes(folder, households[0].filePath)
        let trailBefore = bytes(folder, StoreLayout.auditTrail)
        sample.store.writeFault = { path in path == second ? .io(.write, path: path, code: ENOSPC) : nil }
        #expect(throws: StoreError.self) { try sample.store.insertNew(households, at: SampleCommunity.now) }
        #expect(bytes(folder, households[0].filePath) == firstBefore, "the first grid's file is put back")
        #expect(bytes(folder, StoreLayout.auditTrail) == trailBefore)
        sample.store.writeFault = nil
        try sample.store.insertNew(households, at: SampleCommunity.now)
        let imports = sample.store.audit.allEntries().filter { $0.action == .importRecords }
        #expect(imports.count == 2 && Set(imports.compactMap(\.record)) == Set(households.map(\.filePath)))
        #expect(try Store.open(folder.path).allRecords(Household.self).filter { $0.id.rawValue.hasPrefix("H-batch") }.count == 2)
    }

    @Test func everyWriteOfDataGoesThroughTheJournal() throws {
        // Each change is journaled: a writer killed after its files are replaced leaves a journal
        // that puts back every file of it, sealing and manifest included.
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        var seen: [String] = []
        sample.store.writeFault = { path in
            if Journal.isPending(in: folder.path) { seen.append(path) }
            return nil
        }
        let (patrol, disputeCase) = patrolAndCase()
        _ = try sample.store.save(patrol, at: SampleCommunity.now)
        _ = try sample.store.saveNewCase(disputeCase, at: SampleCommunity.now)
        let admin = try #require(sample.store.workers.first { $0.id == SampleCommunity.admin })
        _ = try sample.store.setUpCommunity(communityPassphrase: SecurityTests.community, admin: admin, login: "admin",
                                            passphrase: SecurityTests.adminPassphrase, at: SampleCommunity.now)
        #expect(seen.contains(patrol.filePath) && seen.contains(disputeCase.filePath))
        #expect(seen.contains(StoreLayout.residents(SampleCommunity.gridOne)), "sealing rewrites files inside a journal: \(seen)")
        let sealed = sample.store.audit.allEntries().filter { $0.action == .sealed }
        #expect(!sealed.isEmpty && sample.store.audit.verify().isIntact)
    }
}

/// A failure a test reports in words.
enum StoreErrorForTests: Error {
    case unexpected(String)
}

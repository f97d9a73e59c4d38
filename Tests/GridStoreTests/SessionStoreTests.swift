import Foundation
import Testing
import GridModel
@testable import GridStore
import TestSupport

/// A store opened by a login, and saves that change nothing (issue 10, points 3 and 15).
extension SecurityTests {
    @Test func anAccountDisabledFromAnotherCopyIsRefusedAtItsNextWrite() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (adminStore, _) = try securedSample(folder)
        let session = try Store.logIn(folder: folder.path, login: "yi", passphrase: "yi-passphrase")
        let open = try Store.open(folder.path, session: session)
        var household = try #require(open.records(Household.self, inGrid: SampleCommunity.gridOne).first)
        household.notes = "第一次"
        household = try open.save(household)
        #expect(household.meta.revision == 2, "the session writes while its account is enabled")
        #expect(open.audit.history(of: household.id.rawValue).last?.actor == SampleCommunity.workerTwo.rawValue, "as its own worker")

        try adminStore.setAccount("yi", disabled: true)
        household.notes = "第二次"
        do {
            _ = try open.save(household)
            Issue.record("a disabled account's open session saved")
        } catch {
            guard case .refused(let refusal) = error, case .accountDisabled = refusal else { throw error }
            #expect(refusal.message(in: .zh).contains("已被停用"))
        }
        let resident = try #require(open.records(Resident.self, inGrid: SampleCommunity.gridOne).first)
        #expect(throws: StoreError.self, "nor may it reveal numbers") { try open.recordReveal(of: ["idNumber"], in: resident) }
        #expect(try Store.open(folder.path, key: session.key).records(Household.self, inGrid: SampleCommunity.gridOne).first?.notes == "第一次")

        try adminStore.setAccount("yi", disabled: false)
        #expect(try open.save(household).notes == "第二次", "enabled again, it writes again")
    }

    @Test func savingARecordUnchangedWritesNothingAndAuditsNothing() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (store, _) = try securedSample(folder)
        let household = try #require(store.records(Household.self, inGrid: SampleCommunity.gridOne).first)
        let path = folder.path + "/" + household.filePath
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let entries = store.audit.allEntries().count
        let saved = try store.save(household)
        #expect(saved.meta.revision == household.meta.revision, "no new revision")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "the file is not rewritten")
        #expect(store.audit.allEntries().count == entries, "no empty audit entry")
        var changed = household
        changed.notes = "有改动"
        #expect(try store.save(changed).meta.revision == household.meta.revision + 1)
        #expect(store.audit.allEntries().count == entries + 1)
    }

    @Test func savingOverSomeoneElsesVersionIsAuditedAsSuch() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (store, _) = try securedSample(folder)
        var household = try #require(store.records(Household.self, inGrid: SampleCommunity.gridOne).first)
        household.notes = "覆盖"
        _ = try store.save(household, overwriting: true)
        let last = try #require(store.audit.allEntries().last)
        #expect(last.action == .overwrite && last.record == household.id.rawValue && last.fields == ["notes"])
        #expect(store.audit.verify().isIntact)
    }

    @Test func aNewWorkerAndTheirAccountLandTogetherOrNotAtAll() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (store, _) = try securedSample(folder)
        func worker(_ id: String) -> Worker {
            Worker(meta: RecordMeta(id: RecordID(id), createdBy: SampleCommunity.admin, createdAt: SampleCommunity.now),
                   name: "新网格员", role: .gridWorker, gridCodes: [SampleCommunity.gridOne], phone: nil)
        }
        let entries = store.audit.allEntries().count
        // A login already taken, or not a login at all: neither the worker nor an account is added.
        #expect(throws: AccountError.self) { try store.addWorker(worker("W-bing"), login: "yi", passphrase: "bing-passphrase") }
        #expect(throws: AccountError.self) { try store.addWorker(worker("W-bing"), login: "Bing!", passphrase: "bing-passphrase") }
        let reopened = try Store.open(folder.path, key: try Store.logIn(folder: folder.path, login: "admin", passphrase: Self.adminPassphrase).key)
        #expect(!reopened.workers.contains { $0.id == RecordID("W-bing") }, "no worker left without an account")
        // A grid worker may not add anyone.
        #expect(throws: AccountError.self) { try loggedIn(folder, as: "yi", "yi-passphrase").addWorker(worker("W-bing"), login: "bing", passphrase: "bing-passphrase") }

        try store.addWorker(worker("W-bing"), login: "bing", passphrase: "bing-passphrase")
        let session = try Store.logIn(folder: folder.path, login: "bing", passphrase: "bing-passphrase")
        #expect(session.workerID == RecordID("W-bing"))
        let added = Array(store.audit.allEntries().dropFirst(entries + 2).map(\.action).prefix(2))
        #expect(added == [.create, .accountAdded], "both audited, after the two login entries of the checks above: \(added)")
        #expect(store.audit.verify().isIntact)
    }
}

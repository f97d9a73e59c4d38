import Foundation
import Testing
import GridModel
@testable import GridStore
import TestSupport

/// The session writes: no API takes "who" from its caller (issue 11, point 1).
extension SecurityTests {
    @Test func aSupervisorsSessionCannotWriteByAnyAPI() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (admin, _) = try securedSample(folder)
        let du = try loggedIn(folder, as: "du", "du-passphrase")
        #expect(du.writerID == RecordID("W-du") && du.sessionLogin == "du")
        var household = try #require(du.records(Household.self, inGrid: SampleCommunity.gridOne).first)
        household.notes = "督导想改"
        let householdsBefore = FileManager.default.contents(atPath: folder.path + "/" + household.filePath)
        let entries = admin.audit.allEntries().count
        func refused(_ body: () throws -> Void) -> Bool {
            do { try body() } catch let error as StoreError {
                if case .refused = error { return true }
                return false
            } catch let error as AccountError {
                if case .refused = error { return true }
                return false
            } catch {
                return false
            }
            return false
        }
        let newHousehold = Household(meta: RecordMeta(id: RecordID("H-du"), createdBy: RecordID("W-du"), createdAt: SampleCommunity.now),
                                     gridCode: SampleCommunity.gridOne, microGrid: nil,
                                     address: Address(compound: "示例花园", building: "8栋", unit: "", room: "101"), residency: .rented)
        var newCase = SampleCommunity.openCase()
        newCase.meta = RecordMeta(id: RecordID("C-du"), createdBy: RecordID("W-du"), createdAt: SampleCommunity.now)
        #expect(refused { _ = try du.save(household) }, "save")
        #expect(refused { _ = try du.saveNewCase(newCase) }, "saveNewCase")
        #expect(refused { try du.remove(household) }, "remove")
        #expect(refused { try du.insertNew([newHousehold]) }, "insertNew")
        #expect(refused { _ = try du.transaction { (change: StoreTransaction) throws(StoreError) in _ = try change.save(newHousehold) } }, "transaction")
        #expect(refused { try du.addAccount(login: "duer", for: RecordID("W-du"), passphrase: "another-passphrase") }, "addAccount")
        #expect(refused { try du.setAccount("yi", disabled: true) }, "setAccount")
        #expect(refused { try du.changePassphrase(login: "yi", to: "taken-over-passphrase") }, "someone else's passphrase")
        let worker = Worker(meta: RecordMeta(id: RecordID("W-new"), createdBy: RecordID("W-du"), createdAt: SampleCommunity.now),
                            name: "新人", role: .admin, gridCodes: [], phone: nil)
        #expect(refused { try du.addWorker(worker, login: "newadmin", passphrase: "new-admin-passphrase") }, "addWorker")
        #expect(FileManager.default.contents(atPath: folder.path + "/" + household.filePath) == householdsBefore)
        #expect(admin.audit.allEntries().count == entries, "nothing refused was audited")
        #expect(try admin.accounts().map(\.login) == ["admin", "yi", "du"])
        // Their own passphrase is theirs to change, and is audited as theirs.
        try du.changePassphrase(login: "du", to: "du-new-passphrase")
        #expect(admin.audit.allEntries().last?.actor == "W-du")
    }

    @Test func onlyALoginWritesInASecuredFolderAndAStoreOpenedToReadNeverWrites() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (admin, session) = try securedSample(folder)
        #expect { try Store.open(folder.path, unsecuredActor: SampleCommunity.admin) } throws: { error in
            guard let error = error as? StoreError, case .secured = error else { return false }
            return error.message(in: .en).contains("only a login")
        }
        let reader = try Store.open(folder.path, key: session.key)
        #expect(reader.writerID == nil)
        var household = try #require(reader.records(Household.self, inGrid: SampleCommunity.gridOne).first)
        household.notes = "只读"
        func isReadOnly(_ error: any Error) -> Bool {
            if let error = error as? StoreError, case .readOnly = error { return true }
            if let error = error as? AccountError, case .store(.readOnly) = error { return true }
            return false
        }
        #expect { try reader.save(household) } throws: { isReadOnly($0) }
        #expect { try reader.remove(household) } throws: { isReadOnly($0) }
        #expect { try reader.insertNew([household]) } throws: { isReadOnly($0) }
        #expect { try reader.recordReveal(of: ["phone"], in: household) } throws: { isReadOnly($0) }
        #expect { try reader.setAccount("yi", disabled: true) } throws: { isReadOnly($0) }
        #expect { try reader.sealPlainPersonalData(everyFile: true) } throws: { isReadOnly($0) }
        #expect(admin.records(Household.self, inGrid: SampleCommunity.gridOne).first?.notes == "")
    }

    @Test func aRecordAndACaseStepAreAlwaysInTheWritersName() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (_, _) = try securedSample(folder)
        let yi = try loggedIn(folder, as: "yi", "yi-passphrase")
        // A new record named as someone else's is stored as the writer's.
        let household = Household(meta: RecordMeta(id: RecordID("H-yi"), createdBy: SampleCommunity.admin, createdAt: SampleCommunity.now),
                                  gridCode: SampleCommunity.gridOne, microGrid: nil,
                                  address: Address(compound: "示例花园", building: "7栋", unit: "", room: "101"), residency: .rented)
        let saved = try yi.save(household, at: SampleCommunity.now)
        #expect(saved.meta.createdBy == SampleCommunity.workerTwo && saved.meta.updatedBy == SampleCommunity.workerTwo)
        // A case step in another worker's name is refused; in one's own it is saved.
        var disputeCase = try #require(yi.allRecords(DisputeCase.self).first)
        var forged = disputeCase
        try forged.addNote("替管理员记一笔", by: SampleCommunity.admin, at: SampleCommunity.now.addingTimeInterval(60))
        #expect { try yi.save(forged) } throws: { error in
            guard let error = error as? StoreError, case .invalid(_, let violations) = error else { return false }
            return violations.map(\.problem) == [.notTheSavingWorker]
        }
        try disputeCase.addNote("本人记录", by: SampleCommunity.workerTwo, at: SampleCommunity.now.addingTimeInterval(60))
        #expect(try yi.save(disputeCase).timeline.last?.by == SampleCommunity.workerTwo)
    }

    @Test func aStoreOpenedForAnActorStopsWritingOnceTheCommunityIsSetUp() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let other = try Store.open(folder.path, unsecuredActor: SampleCommunity.workerTwo)
        var household = try #require(other.records(Household.self, inGrid: SampleCommunity.gridOne).first)
        household.notes = "设置账号之前"
        household = try other.save(household)
        #expect(other.audit.history(of: household.id.rawValue).last?.actor == SampleCommunity.workerTwo.rawValue, "written as the actor named")
        let admin = try #require(sample.store.workers.first { $0.id == SampleCommunity.admin })
        _ = try sample.store.setUpCommunity(communityPassphrase: Self.community, admin: admin, login: "admin",
                                            passphrase: Self.adminPassphrase, at: SampleCommunity.now)
        household.notes = "设置账号之后"
        #expect { try other.save(household) } throws: { error in
            guard let error = error as? StoreError, case .secured = error else { return false }
            return true
        }
        #expect(sample.store.writerID == SampleCommunity.admin && sample.store.sessionLogin == "admin", "setUpCommunity names the first admin, who writes on")
        #expect(try sample.store.save(household).notes == "设置账号之后")
    }
}

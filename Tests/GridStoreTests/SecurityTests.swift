import Foundation
import Testing
import GridModel
@testable import GridStore
import TestSupport

/// Accounts, roles, the audit trail and sealed personal data, at the storage layer.
@Suite(.serialized) struct SecurityTests {
    static let adminPassphrase = "admin-passphrase-1"
    static let community = "community-passphrase"

    /// The sample community, set up with accounts: `admin` (W-admin), `yi` (W-two, grids one
    /// and two), and `du`, a supervisor.
    func securedSample(_ folder: TemporaryFolder) throws -> (Store, Session) {
        let sample = try SampleCommunity(at: folder.path)
        let store = sample.store
        let admin = try #require(store.workers.first { $0.id == SampleCommunity.admin })
        let session = try store.setUpCommunity(communityPassphrase: Self.community, admin: admin, login: "admin",
                                               passphrase: Self.adminPassphrase, at: SampleCommunity.now)
        _ = try store.save(Worker(meta: RecordMeta(id: RecordID("W-du"), createdBy: SampleCommunity.admin, createdAt: SampleCommunity.now),
                                  name: "督导丙", role: .supervisor, gridCodes: [], phone: "13900001111"))
        try store.addAccount(login: "yi", for: SampleCommunity.workerTwo, passphrase: "yi-passphrase")
        try store.addAccount(login: "du", for: RecordID("W-du"), passphrase: "du-passphrase")
        return (store, session)
    }

    /// A store that writes as `login`, as one opened by that login would.
    func loggedIn(_ folder: TemporaryFolder, as login: String, _ passphrase: String) throws -> Store {
        try Store.open(folder.path, session: try Store.logIn(folder: folder.path, login: login, passphrase: passphrase))
    }

    @Test func passphrasesAreKeptAsSaltedScryptHashesOfFullCost() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (store, _) = try securedSample(folder)
        let accounts = try store.accounts()
        #expect(accounts.map(\.login) == ["admin", "yi", "du"])
        for account in accounts {
            #expect(account.passphrase.algorithm == "scrypt" && account.passphrase.cost.n >= 1 << 15)
        }
        let text = try String(contentsOfFile: folder.path + "/accounts.json", encoding: .utf8)
        #expect(!text.contains(Self.adminPassphrase) && !text.contains("yi-passphrase") && !text.contains(Self.community))
        // The same passphrase twice gives two different hashes (a fresh salt each time).
        let (first, _) = try PassphraseHash.make("same words here")
        let (second, _) = try PassphraseHash.make("same words here")
        #expect(first.verifier != second.verifier && first.salt != second.salt)
        #expect(try first.check("same words here") != nil)
        #expect(try first.check("same words hers") == nil)
        #expect(try (Self.mode(folder.path + "/accounts.json")) == 0o600)
    }

    @Test func fiveWrongPassphrasesLockTheAccountForFiveMinutes() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try securedSample(folder)
        let start = SampleCommunity.now.addingTimeInterval(3600)
        for attempt in 1...4 {
            do {
                _ = try Store.logIn(folder: folder.path, login: "yi", passphrase: "wrong-\(attempt)", at: start)
                Issue.record("a wrong passphrase was accepted")
            } catch {
                guard case .wrongPassphrase(_, let left) = error else { throw error }
                #expect(left == 5 - attempt)
            }
        }
        let unknownAnswer = Result { () throws(AccountError) -> Session in
            try Store.logIn(folder: folder.path, login: "nobody-here", passphrase: "wrong-0", at: start)
        }.errorMessage
        do {
            _ = try Store.logIn(folder: folder.path, login: "yi", passphrase: "wrong-5", at: start)
            Issue.record("the fifth wrong passphrase did not lock the account")
        } catch {
            // Locked, but told in the words any wrong passphrase or unknown login gets.
            guard case .wrongPassphrase = error else { throw error }
            #expect(error.message(in: .en) == unknownAnswer)
            #expect(!error.message(in: .en).contains("wrong-5"))
        }
        let locked = try #require(try AccountBook.read(folder.path).accounts.first { $0.login == "yi" })
        #expect(locked.lockedUntil == Timestamp.wholeSeconds(start) + Account.lockout)
        // Locked: even the right passphrase is refused, until the five minutes are up, after as
        // much work and in the same words as a wrong one, so a guess cannot be confirmed.
        let before = PassphraseHash.derivationsOnThisThread
        let duringLockout = Result { () throws(AccountError) -> Session in
            try Store.logIn(folder: folder.path, login: "yi", passphrase: "yi-passphrase", at: start + 299)
        }.errorMessage
        #expect(duringLockout == unknownAnswer)
        #expect(PassphraseHash.derivationsOnThisThread - before == 1)
        let session = try Store.logIn(folder: folder.path, login: "yi", passphrase: "yi-passphrase", at: start + 301)
        #expect(session.workerID == SampleCommunity.workerTwo)
        // A good login clears the count: four more wrong ones do not lock it again.
        for _ in 1...4 { _ = try? Store.logIn(folder: folder.path, login: "yi", passphrase: "nope-nope", at: start + 400) }
        #expect(try Store.logIn(folder: folder.path, login: "yi", passphrase: "yi-passphrase", at: start + 401).login == "yi")
        let actions = AuditTrail(dataFolder: folder.path).allEntries().map(\.action)
        // Four, the fifth, the unknown login, the right one during the lockout, four more.
        #expect(actions.filter { $0 == .loginFailed }.count == 11 && actions.contains(.lockedOut))
    }

    /// Which logins exist is not told to a guesser: an unknown one costs the same scrypt, gets the
    /// same words as a wrong passphrase, and is audited too, without what was typed.
    @Test func anUnknownLoginIsAnsweredAsAWrongPassphraseAfterAsMuchWork() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try securedSample(folder)
        func answer(_ login: String, _ passphrase: String) -> (en: String, zh: String, scrypts: Int) {
            let before = PassphraseHash.derivationsOnThisThread
            let outcome = Result { () throws(AccountError) -> Session in try Store.logIn(folder: folder.path, login: login, passphrase: passphrase) }
            guard case .failure(let error) = outcome else { return ("logged in", "", 0) }
            return (error.message(in: .en), error.message(in: .zh), PassphraseHash.derivationsOnThisThread - before)
        }
        let unknown = answer("nobody", "typed-here-1")
        let wrong = answer("yi", "typed-here-2")
        #expect(unknown.en == wrong.en && unknown.zh == wrong.zh, "\(unknown) \(wrong)")
        #expect(unknown.scrypts == 1 && wrong.scrypts == 1)
        let entries = AuditTrail(dataFolder: folder.path).allEntries().suffix(2)
        #expect(entries.map(\.action) == [.loginFailed, .loginFailed])
        #expect(entries.first?.actor == Store.unknownActor && entries.first?.fields == [])
        #expect(entries.last?.fields == ["yi"])
        let trail = try String(contentsOfFile: folder.path + "/" + StoreLayout.auditTrail, encoding: .utf8)
        #expect(!trail.contains("nobody") && !trail.contains("typed-here"))
        #expect(AuditTrail(dataFolder: folder.path).verify().isIntact)
    }

    /// A login whose outcome cannot be written to the audit trail is refused, with one message
    /// whether the passphrase was right or wrong, and counts nothing it could not record.
    @Test func aLoginThatCannotBeRecordedIsRefusedAlikeRightOrWrong() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try securedSample(folder)
        let trail = folder.path + "/" + StoreLayout.auditTrail
        let accounts = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + StoreLayout.accounts))
        try FileManager.default.moveItem(atPath: trail, toPath: trail + ".aside")
        try FileManager.default.createDirectory(atPath: trail, withIntermediateDirectories: false)
        var answers: [String] = []
        for passphrase in ["yi-passphrase", "wrong-one-1"] {
            do {
                _ = try Store.logIn(folder: folder.path, login: "yi", passphrase: passphrase)
                Issue.record("a login that could not be recorded was let in")
            } catch {
                guard case .loginNotRecorded = error else { throw error }
                answers.append(error.message(in: .en) + error.message(in: .zh))
            }
        }
        #expect(answers.count == 2 && answers[0] == answers[1])
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + StoreLayout.accounts)) == accounts, "no try counted unrecorded")
        try FileManager.default.removeItem(atPath: trail)
        try FileManager.default.moveItem(atPath: trail + ".aside", toPath: trail)
        #expect(try Store.logIn(folder: folder.path, login: "yi", passphrase: "yi-passphrase").login == "yi")
    }

    @Test func disabledAccountsAndUnknownLoginsAreRefused() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (store, _) = try securedSample(folder)
        try store.setAccount("yi", disabled: true)
        #expect { try Store.logIn(folder: folder.path, login: "yi", passphrase: "yi-passphrase") } throws: { error in
            guard let error = error as? AccountError, case .disabled = error else { return false }
            return true
        }
        // An unknown login is answered as a wrong passphrase is, after as much work (issue 15).
        #expect { try Store.logIn(folder: folder.path, login: "nobody", passphrase: "whatever1") } throws: { error in
            guard let error = error as? AccountError, case .wrongPassphrase = error else { return false }
            return true
        }
        // The last admin cannot be disabled, and only an admin manages accounts.
        #expect { try store.setAccount("admin", disabled: true) } throws: { error in
            guard let error = error as? AccountError, case .lastAdmin = error else { return false }
            return true
        }
        let du = try loggedIn(folder, as: "du", "du-passphrase")
        #expect { try du.addAccount(login: "new1", for: RecordID("W-du"), passphrase: "new-passphrase") } throws: { error in
            guard let error = error as? AccountError, case .refused(.adminOnly) = error else { return false }
            return true
        }
        try store.setAccount("yi", disabled: false)
        // Anyone changes their own passphrase; the old one stops working and the key still opens.
        try loggedIn(folder, as: "yi", "yi-passphrase").changePassphrase(login: "yi", to: "yi-new-passphrase")
        #expect(throws: AccountError.self) { try Store.logIn(folder: folder.path, login: "yi", passphrase: "yi-passphrase") }
        let session = try Store.logIn(folder: folder.path, login: "yi", passphrase: "yi-new-passphrase")
        #expect(try Store.open(folder.path, key: session.key).allRecords(Resident.self).count == 2)
    }

    @Test func rolesAreRefusedByTheStoreItself() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (store, _) = try securedSample(folder)
        var household = try #require(store.allRecords(Household.self).first)
        household.notes = "督导想改"
        let du = try loggedIn(folder, as: "du", "du-passphrase")
        // A supervisor reads but cannot write.
        #expect { try du.save(household) } throws: { error in
            guard let error = error as? StoreError, case .refused(.readOnly) = error else { return false }
            return error.message(in: .en).contains("supervisor")
        }
        // A grid worker cannot change a grid they do not look after, nor the list of workers.
        try store.setAccount("du", disabled: false)
        let outsider = Worker(meta: RecordMeta(id: RecordID("W-three"), createdBy: SampleCommunity.admin, createdAt: SampleCommunity.now),
                              name: "网格员丙", role: .gridWorker, gridCodes: [SampleCommunity.gridTwo], phone: nil)
        _ = try store.save(outsider)
        try store.addAccount(login: "bing", for: outsider.id, passphrase: "bing-passphrase")
        let bing = try loggedIn(folder, as: "bing", "bing-passphrase")
        #expect(household.gridCode == SampleCommunity.gridOne)
        #expect { try bing.save(household) } throws: { error in
            guard let error = error as? StoreError, case .refused(.outsideOwnGrids(_, let grid, let own)) = error else { return false }
            return grid == SampleCommunity.gridOne && own == [SampleCommunity.gridTwo] && error.message(in: .zh).contains("不能修改网格 420303001001001")
        }
        var renamed = outsider
        renamed.name = "网格员丙丙"
        #expect { try bing.save(renamed) } throws: { error in
            guard let error = error as? StoreError, case .refused(.adminOnly) = error else { return false }
            return true
        }
        #expect { try du.remove(household) } throws: { error in
            guard let error = error as? StoreError, case .refused = error else { return false }
            return true
        }
        // Without a login no one writes here, not even under a name on the list.
        #expect { try Store.open(folder.path, unsecuredActor: SampleCommunity.admin) } throws: { error in
            guard let error = error as? StoreError, case .secured = error else { return false }
            return true
        }
        // Nothing refused reached the disk; the grid's own worker and the admin may write.
        #expect(try Store.open(folder.path, key: Store.logIn(folder: folder.path, login: "admin", passphrase: Self.adminPassphrase).key)
            .allRecords(Household.self).first?.notes == "")
        household.notes = "乙修改"
        household = try loggedIn(folder, as: "yi", "yi-passphrase").save(household)
        household.notes = "管理员修改"
        _ = try store.save(household)
    }

    @Test func personalDataIsSealedOnDiskAndNeedsTheKeyToOpen() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        // The scan finds plain numbers, so its silence below means something.
        #expect(PlainNumberScan.files(under: folder.path).contains { $0.hasPrefix("grids/420303001001001/residents.json") })
        let admin = try #require(sample.store.workers.first { $0.id == SampleCommunity.admin })
        let session = try sample.store.setUpCommunity(communityPassphrase: Self.community, admin: admin, login: "admin",
                                                      passphrase: Self.adminPassphrase, at: SampleCommunity.now)
        var resident = try #require(sample.store.allRecords(Resident.self).first)
        resident.phone = "13812345678"
        _ = try sample.store.save(resident)
        #expect(PlainNumberScan.files(under: folder.path) == [])
        let text = try String(contentsOfFile: folder.path + "/grids/420303001001001/residents.json", encoding: .utf8)
        #expect(text.contains("\"idNumber\" : \"enc1:") && text.contains("\"name\" : \"居民1\""))
        // Without the key the folder does not open; with another community's key neither.
        #expect { try Store.open(folder.path) } throws: { error in
            guard let error = error as? StoreError, case .needsLogin = error else { return false }
            return true
        }
        let other = TemporaryFolder()
        defer { other.remove() }
        let otherSample = try SampleCommunity(at: other.path)
        let otherAdmin = try #require(otherSample.store.workers.first { $0.id == SampleCommunity.admin })
        let otherSession = try otherSample.store.setUpCommunity(communityPassphrase: "another-community", admin: otherAdmin, login: "admin",
                                                                passphrase: Self.adminPassphrase)
        #expect(throws: StoreError.self) { try Store.open(folder.path, key: otherSession.key) }
        // With the key, the numbers read back whole, and search by last digits finds them.
        let reopened = try Store.open(folder.path, key: session.key)
        let read = try #require(reopened.allRecords(Resident.self).first { $0.id == resident.id })
        #expect(read.phone == "13812345678" && read.idNumber == resident.idNumber)
        #expect(reopened.checkEveryFile().isEmpty)
    }

    @Test func theAuditTrailNamesEveryChangeAndReveal() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (store, _) = try securedSample(folder)
        var resident = try #require(store.allRecords(Resident.self).first)
        resident.phone = "13812345678"
        resident.notes = "改了电话"
        resident = try loggedIn(folder, as: "yi", "yi-passphrase").save(resident)
        try loggedIn(folder, as: "du", "du-passphrase").recordReveal(of: ["phone"], in: resident)
        let history = store.audit.history(of: resident.id.rawValue)
        #expect(history.map(\.action) == [.create, .update, .reveal])
        #expect(history[1].fields == ["notes", "phone"] && history[1].actor == "W-two")
        #expect(history.last?.actor == "W-du" && history.last?.fields == ["phone"])
        #expect(PlainNumberScan.files(under: folder.path + "/audit") == [])
        #expect(store.audit.verify().isIntact)
    }

    @Test func tamperingWithTheAuditTrailIsFoundAndNamed() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (store, _) = try securedSample(folder)
        var household = try #require(store.allRecords(Household.self).first)
        for note in ["一", "二", "三", "四"] {
            household.notes = note
            household = try store.save(household)
        }
        let path = folder.path + "/audit/trail.jsonl"
        let original = try String(contentsOfFile: path, encoding: .utf8)
        var lines = original.split(separator: "\n").map(String.init)
        let report = store.audit.verify()
        #expect(report.isIntact && report.entries == lines.count && lines.count >= 8)
        func verify(_ changed: [String]) throws -> [AuditFinding] {
            try (changed.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
            return AuditTrail(dataFolder: folder.path).verify().findings
        }
        // One entry edited: who did it.
        var edited = lines
        edited[4] = edited[4].replacingOccurrences(of: "\"actor\":\"W-admin\"", with: "\"actor\":\"W-two\"")
        #expect(edited[4] != lines[4])
        #expect(try verify(edited) == [.edited(line: 5, sequence: 5)])
        // One entry deleted.
        var deleted = lines
        deleted.remove(at: 3)
        #expect(try verify(deleted) == [.removed(first: 4, last: 4)])
        // Two entries swapped.
        var swapped = lines
        swapped.swapAt(5, 6)
        #expect(try verify(swapped) == [.outOfOrder(line: 6, sequence: 7, expected: 6), .outOfOrder(line: 7, sequence: 6, expected: 7)])
        // The last entry cut off: the head still counts it.
        lines.removeLast()
        #expect(try verify(lines) == [.removed(first: lines.count + 1, last: lines.count + 1)])
        // Messages say which line, in both languages.
        #expect(AuditFinding.edited(line: 5, sequence: 5).message(in: .en) == "line 5 (entry 5) was edited")
        #expect(AuditFinding.removed(first: 4, last: 4).message(in: .zh) == "第 4 条被删除了")
        try original.write(toFile: path, atomically: false, encoding: .utf8)
        #expect(AuditTrail(dataFolder: folder.path).verify().isIntact)
    }

    @Test func anAppendAfterACrashCutsTheTornLineAndKeepsTheChain() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (store, _) = try securedSample(folder)
        let path = folder.path + "/audit/trail.jsonl"
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("{\"action\":\"upd".utf8))
        try handle.close()
        #expect(store.audit.verify().findings.contains { if case .incompleteLastLine = $0 { return true } else { return false } })
        var household = try #require(store.allRecords(Household.self).first)
        household.notes = "断电之后"
        _ = try store.save(household)
        #expect(store.audit.verify().isIntact)
    }

    @Test func rolesAreReadFromDiskAndAnUnreadableListRefusesEveryone() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (store, session) = try securedSample(folder)
        let other = try Store.open(folder.path, session: session)
        let yiStore = try loggedIn(folder, as: "yi", "yi-passphrase")
        var household = try #require(store.allRecords(Household.self).first)
        // Another copy makes 网格员乙 a supervisor; this copy, opened before, applies it at once.
        var yi = try #require(other.workers.first { $0.id == SampleCommunity.workerTwo })
        yi.role = .supervisor
        _ = try other.save(yi)
        household.notes = "角色已改"
        #expect(throws: StoreError.self) { try yiStore.save(household) }
        // A list of workers that cannot be read lets no one write (it never fails open).
        try "{ broken".write(toFile: folder.path + "/workers.json", atomically: true, encoding: .utf8)
        #expect(throws: StoreError.self) { try store.save(household) }
        #expect(throws: AccountError.self) { try Store.logIn(folder: folder.path, login: "admin", passphrase: Self.adminPassphrase) }
    }

    @Test func aWorkerWhoHasLeftCannotLogIn() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (store, _) = try securedSample(folder)
        var yi = try #require(store.workers.first { $0.id == SampleCommunity.workerTwo })
        yi.active = false
        _ = try store.save(yi)
        #expect { try Store.logIn(folder: folder.path, login: "yi", passphrase: "yi-passphrase") } throws: { error in
            guard let error = error as? AccountError, case .disabled = error else { return false }
            return true
        }
        // A login typed wrong is not repeated (it may be a passphrase in the wrong field).
        #expect { try Store.logIn(folder: folder.path, login: "my-secret-words", passphrase: "x") } throws: { error in
            !String(describing: error).contains("my-secret-words")
        }
    }

    @Test func draftsAreSealedWithAPrefixAndAlwaysReadBack() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (_, session) = try securedSample(folder)
        let drafts = DraftFolder(dataFolder: folder.path, key: session.key)
        let worker = RecordID("W-two")
        // A random nonce starts with "{" one time in 256: every draft must still read back.
        for index in 0..<300 {
            let draft = Data("{\"idNumber\":\"11010519491231002X\",\"n\":\(index)}".utf8)
            try drafts.write(draft, for: worker)
            #expect(drafts.read(for: worker) == draft)
        }
        let onDisk = try #require(FileManager.default.contents(atPath: folder.path + "/drafts/W-two.json"))
        #expect(onDisk.starts(with: Data("enc1:".utf8)) && PlainNumberScan.files(under: folder.path) == [])
    }

    @Test func aSetUpCommunityWithoutItsTrailIsReported() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try securedSample(folder)
        try FileManager.default.removeItem(atPath: folder.path + "/audit")
        #expect(AuditTrail(dataFolder: folder.path).verify().findings == [.headMissing])
    }

    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }
}

private extension Result where Failure == AccountError {
    /// The English message of a refused login, or a note that it was let in.
    var errorMessage: String {
        if case .failure(let error) = self { return error.message(in: .en) }
        return "logged in"
    }
}

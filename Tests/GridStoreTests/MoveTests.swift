import Foundation
import Testing
import GridModel
@testable import GridStore
import TestSupport

/// Records that follow people (issue 14, point 3): a household to another grid or micro-grid, a
/// resident to another household, a patrol into another month. One change across both files, the
/// same id, its history kept, a `move` entry naming where from and where to, no tombstone.
@Suite struct MoveTests {
    static let one = SampleCommunity.gridOne
    static let two = SampleCommunity.gridTwo
    static let later = SampleCommunity.now.addingTimeInterval(3600)

    func household(_ store: Store, _ id: String) throws -> Household {
        try #require(store.allRecords(Household.self).first { $0.id == RecordID(id) })
    }

    func resident(_ store: Store, _ id: String) throws -> Resident {
        try #require(store.allRecords(Resident.self).first { $0.id == RecordID(id) })
    }

    /// The ids each data file of the folder holds, read afresh from disk.
    func idsByFile(_ folder: String) throws -> [String: [String]] {
        let store = try Store.open(folder)
        var files: [String: [String]] = [:]
        for path in store.filePaths(of: .household) { files[path] = try store.load(Household.self, path).map(\.id.rawValue) }
        for path in store.filePaths(of: .resident) { files[path] = try store.load(Resident.self, path).map(\.id.rawValue) }
        for path in store.filePaths(of: .patrolLog) { files[path] = try store.load(PatrolLog.self, path).map(\.id.rawValue) }
        return files
    }

    func moves(_ store: Store) -> [AuditEntry] { store.audit.allEntries().filter { $0.action == .move } }

    @Test func aHouseholdMovesToAnotherGridWithItsResidentsKeepingIdsAndHistory() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try SampleCommunity(at: folder.path).store
        var moving = try household(store, "H-1")
        moving.gridCode = Self.two
        let moved = try store.save(moving, at: Self.later)
        #expect(moved.meta.revision == 2 && moved.meta.createdAt == SampleCommunity.now && moved.meta.id == RecordID("H-1"))

        let files = try idsByFile(folder.path)
        #expect(files[StoreLayout.households(Self.one)] == [])
        #expect(files[StoreLayout.households(Self.two)] == ["H-2", "H-1"])
        #expect(files[StoreLayout.residents(Self.one)] == [], "the resident went along")
        #expect(files[StoreLayout.residents(Self.two)] == ["P-2", "P-1"])
        let reopened = try Store.open(folder.path, unsecuredActor: SampleCommunity.admin)
        let person = try resident(reopened, "P-1")
        #expect(person.gridCode == Self.two && person.householdID == RecordID("H-1") && person.meta.revision == 2)

        let entries = moves(store)
        #expect(entries.map(\.record) == ["H-1", "P-1"])
        #expect(entries.first?.fields == ["gridCode", "from=\(Self.one.rawValue)", "to=\(Self.two.rawValue)"])
        #expect(entries.last?.fields == ["gridCode", "from=\(Self.one.rawValue)/H-1", "to=\(Self.two.rawValue)/H-1"])
        #expect(store.audit.history(of: "H-1").map(\.action) == [.create, .move], "the history follows the id")
        #expect(store.audit.verify().isIntact)
        #expect(try store.tombstones(inGrid: Self.one).isEmpty, "a move is no removal")
        #expect(reopened.checkEverything().isEmpty, "\(reopened.checkEverything())")

        // And back again: no tombstone stands in the way, and the residents come back too.
        var back = try household(reopened, "H-1")
        back.gridCode = Self.one
        _ = try reopened.save(back, at: Self.later.addingTimeInterval(60))
        let again = try idsByFile(folder.path)
        #expect(again[StoreLayout.households(Self.one)] == ["H-1"] && again[StoreLayout.residents(Self.one)] == ["P-1"])
        #expect(try resident(Store.open(folder.path), "P-1").meta.revision == 3)
    }

    /// Memory learns a change while the journal waits for the disk; a move whose files then
    /// cannot be put in place leaves the household where it was, in memory too.
    @Test func aMoveThatFailsLeavesTheHouseholdWhereItWasForTheNextSave() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try SampleCommunity(at: folder.path).store
        var moving = try household(store, "H-1")
        moving.gridCode = Self.two
        let target = StoreLayout.residents(Self.two)
        store.writeFault = { path in path == target ? .io(.write, path: path, code: ENOSPC) : nil }
        #expect(throws: StoreError.self) { try store.save(moving, at: Self.later) }
        store.writeFault = nil
        #expect(try idsByFile(folder.path)[StoreLayout.households(Self.one)] == ["H-1"])

        // The same move again, as the worker would retry it: found where it is, it lands.
        let moved = try store.save(moving, at: Self.later)
        #expect(moved.meta.revision == 2 && moved.gridCode == Self.two)
        #expect(try idsByFile(folder.path)[StoreLayout.households(Self.two)] == ["H-2", "H-1"])
    }

    @Test func theOldGridsPatrolsStillNameTheHouseholdTheyVisitedThere() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try SampleCommunity(at: folder.path).store
        let start = SampleCommunity.now.addingTimeInterval(-7200)
        _ = try store.save(PatrolLog(meta: RecordMeta(id: RecordID("L-1"), createdBy: SampleCommunity.admin, createdAt: start),
                                     gridCode: Self.one, workerID: SampleCommunity.workerTwo, kind: .homeVisit, start: start,
                                     end: start.addingTimeInterval(1800), householdIDs: [RecordID("H-1")]), at: SampleCommunity.now)
        _ = try store.save(try household(store, "H-1").with { $0.gridCode = Self.two }, at: Self.later)
        let reopened = try Store.open(folder.path, unsecuredActor: SampleCommunity.admin)
        #expect(reopened.householdsMovedAway() == [Self.one: [RecordID("H-1")]])
        #expect(reopened.checkEverything().isEmpty, "\(reopened.checkEverything())")
        #expect(reopened.checkReferences().isEmpty, "\(reopened.checkReferences())")
        // A household that never was in the grid is still a broken reference.
        var log = try #require(reopened.allRecords(PatrolLog.self).first)
        log.householdIDs.append(RecordID("H-2"))
        _ = try reopened.save(log, at: Self.later)
        #expect(try Store.open(folder.path).checkEverything().count == 1)
    }

    @Test func aHouseholdMovesToAMicroGridOnFileOnly() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try SampleCommunity(at: folder.path).store
        var grid = try #require(store.grids.first { $0.code == Self.one })
        grid.microGrids = [MicroGrid(number: 1, headName: "楼长甲", headPhone: nil, buildings: ["1栋"])]
        _ = try store.save(grid, at: Self.later)
        var moving = try household(store, "H-1")
        moving.microGrid = 7
        #expect { try store.save(moving, at: Self.later) } throws: { error in
            guard case StoreError.invalid(.household, let violations) = error else { return false }
            return violations == [RuleViolation("microGrid", .noSuchPlace)]
        }
        moving.microGrid = 1
        _ = try store.save(moving, at: Self.later)
        #expect(moves(store).last?.fields == ["microGrid", "from=\(Self.one.rawValue)", "to=\(Self.one.rawValue)/1"])
        #expect(try idsByFile(folder.path)[StoreLayout.households(Self.one)] == ["H-1"])
    }

    @Test func aResidentMovesToAHouseholdOfAnotherGridWithANewRelation() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try SampleCommunity(at: folder.path).store
        var moving = try resident(store, "P-1")
        moving.householdID = RecordID("H-2")
        moving.gridCode = Self.two
        moving.relation = .spouse
        _ = try store.save(moving, at: Self.later)
        let files = try idsByFile(folder.path)
        #expect(files[StoreLayout.residents(Self.one)] == [] && files[StoreLayout.residents(Self.two)] == ["P-2", "P-1"])
        #expect(files[StoreLayout.households(Self.one)] == ["H-1"], "the household it left stays")
        #expect(moves(store).last?.fields == ["gridCode", "householdID", "relation", "from=\(Self.one.rawValue)/H-1", "to=\(Self.two.rawValue)/H-2"])
        #expect(store.audit.history(of: "P-1").map(\.action) == [.create, .move])
    }

    @Test func aResidentMovesWithinTheGridAsAMoveNotAnEdit() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try SampleCommunity(at: folder.path).store
        let flat = Household(meta: RecordMeta(id: RecordID("H-new"), createdBy: SampleCommunity.admin, createdAt: Self.later), gridCode: Self.one,
                             microGrid: nil, address: Address(compound: "示例花园", building: "8栋", unit: "2单元", room: "302"), residency: .rented)
        _ = try store.save(flat, at: Self.later)
        var moving = try resident(store, "P-1")
        moving.householdID = flat.id
        _ = try store.save(moving, at: Self.later)
        #expect(moves(store).last?.fields == ["householdID", "from=\(Self.one.rawValue)/H-1", "to=\(Self.one.rawValue)/H-new"])
    }

    @Test func aResidentCannotMoveToAHouseholdThatIsNotOnFile() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try SampleCommunity(at: folder.path).store
        let before = try idsByFile(folder.path)
        let entries = store.audit.allEntries().count
        var moving = try resident(store, "P-1")
        moving.householdID = RecordID("H-gone")
        moving.gridCode = Self.two
        #expect { try store.save(moving, at: Self.later) } throws: { error in
            guard case StoreError.invalid(.resident, let violations) = error else { return false }
            return violations == [RuleViolation("householdID", .noSuchPlace)]
                && (error as? StoreError)?.message(in: .en).contains("the target is not on file") == true
        }
        // A household named in the wrong grid is as missing: H-1 is in grid one, not two.
        moving.householdID = RecordID("H-1")
        #expect(throws: StoreError.self) { try store.save(moving, at: Self.later) }
        #expect(try idsByFile(folder.path) == before && store.audit.allEntries().count == entries)
    }

    @Test func aHouseholdCannotMoveToAGridThatIsNotOnFile() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try SampleCommunity(at: folder.path).store
        var moving = try household(store, "H-1")
        moving.gridCode = GridCode("420303001001009")
        #expect { try store.save(moving, at: Self.later) } throws: { error in
            guard case StoreError.invalid(.household, let violations) = error else { return false }
            return violations == [RuleViolation("gridCode", .noSuchPlace)]
        }
        #expect(try idsByFile(folder.path)[StoreLayout.households(Self.one)] == ["H-1"])
    }

    @Test func aGridWorkerMovesOnlyBetweenGridsTheyMayChange() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let admin = try SampleCommunity(at: folder.path).store
        _ = try admin.save(Worker(meta: RecordMeta(id: RecordID("W-three"), createdBy: SampleCommunity.admin, createdAt: Self.later),
                                  name: "网格员丙", role: .gridWorker, gridCodes: [Self.one], phone: nil), at: Self.later)
        let before = try idsByFile(folder.path)
        let worker = try Store.open(folder.path, unsecuredActor: RecordID("W-three"))
        var out = try household(worker, "H-1")
        out.gridCode = Self.two
        var into = try household(worker, "H-2")
        into.gridCode = Self.one
        for attempt in [out, into] {
            #expect { try worker.save(attempt, at: Self.later) } throws: { error in
                guard case StoreError.refused(.outsideOwnGrids(_, let grid, _)) = error else { return false }
                return grid == Self.two
            }
        }
        var person = try resident(worker, "P-2")
        person.householdID = RecordID("H-1")
        person.gridCode = Self.one
        #expect(throws: StoreError.self, "taking someone out of another worker's grid") { try worker.save(person, at: Self.later) }
        // A supervisor moves nothing.
        _ = try admin.save(Worker(meta: RecordMeta(id: RecordID("W-sup"), createdBy: SampleCommunity.admin, createdAt: Self.later),
                                  name: "督导丁", role: .supervisor, gridCodes: [], phone: nil), at: Self.later)
        let supervisor = try Store.open(folder.path, unsecuredActor: RecordID("W-sup"))
        #expect { try supervisor.save(out, at: Self.later) } throws: { error in
            guard case StoreError.refused(.readOnly) = error else { return false }
            return true
        }
        #expect(try idsByFile(folder.path) == before)
    }

    @Test func aPatrolMovesToAnotherMonthButNotToAnotherGrid() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try SampleCommunity(at: folder.path).store
        let start = SampleCommunity.now.addingTimeInterval(-7200)
        var patrol = try store.save(PatrolLog(meta: RecordMeta(id: RecordID("L-1"), createdBy: SampleCommunity.admin, createdAt: start),
                                              gridCode: Self.one, workerID: SampleCommunity.workerTwo, kind: .routine, start: start,
                                              end: start.addingTimeInterval(1800), householdIDs: [RecordID("H-1")]), at: SampleCommunity.now)
        let september = StoreLayout.patrols(Self.one, start: start)
        #expect(september.hasSuffix("2026-09.json"))
        patrol.start = start.addingTimeInterval(-40 * 86_400)
        patrol.end = patrol.start.addingTimeInterval(1800)
        let august = StoreLayout.patrols(Self.one, start: patrol.start)
        #expect(august.hasSuffix("2026-08.json"))
        var elsewhere = patrol
        elsewhere.gridCode = Self.two
        elsewhere.householdIDs = [RecordID("H-2")]
        #expect { try store.save(elsewhere, at: Self.later) } throws: { error in
            guard case StoreError.invalid(.patrolLog, let violations) = error else { return false }
            return violations == [RuleViolation("gridCode", .changeNotAllowed)]
        }
        let moved = try store.save(patrol, at: Self.later)
        #expect(moved.meta.revision == 2)
        let files = try idsByFile(folder.path)
        #expect(files[september] == [] && files[august] == ["L-1"])
        #expect(moves(store).last?.fields == ["end", "start", "from=\(Self.one.rawValue)/2026-09", "to=\(Self.one.rawValue)/2026-08"])
        #expect(store.audit.history(of: "L-1").map(\.action) == [.create, .move])
    }

    @Test func aMoveWhoseSecondFileFailsLeavesBothFilesAsTheyWere() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try SampleCommunity(at: folder.path).store
        let before = try idsByFile(folder.path)
        let entries = store.audit.allEntries().count
        // Whichever file of the change is written last among the residents files fails: one of them may be in place already.
        store.writeFault = { $0 == StoreLayout.residents(Self.two) ? .io(.write, path: $0, code: ENOSPC) : nil }
        var moving = try household(store, "H-1")
        moving.gridCode = Self.two
        #expect(throws: StoreError.self) { try store.save(moving, at: Self.later) }
        store.writeFault = nil
        #expect(try idsByFile(folder.path) == before)
        #expect(store.audit.allEntries().count == entries)
        #expect(try household(Store.open(folder.path), "H-1").gridCode == Self.one)
        // Memory follows the disk: the same move, tried again, succeeds.
        _ = try store.save(try household(store, "H-1").with { $0.gridCode = Self.two }, at: Self.later)
        #expect(try idsByFile(folder.path)[StoreLayout.households(Self.two)] == ["H-2", "H-1"])
    }
}

extension Household {
    /// A copy changed by `change`, for one-line edits in tests.
    func with(_ change: (inout Household) -> Void) -> Household {
        var copy = self
        change(&copy)
        return copy
    }
}

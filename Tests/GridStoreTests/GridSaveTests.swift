import Foundation
import Testing
import GridModel
@testable import GridStore
import TestSupport

/// Grids added and changed through the store (issue 13, part 1): a new grid makes its folder,
/// its code lies in the community and is free, its worker is a grid worker on file, and a change
/// of worker changes the worker's list of grids in the same change.
@Suite struct GridSaveTests {
    static let gridThree = GridCode("420303001001003")

    static func grid(_ id: String, _ code: GridCode, worker: RecordID? = nil) -> Grid {
        Grid(meta: RecordMeta(id: RecordID(id), createdBy: SampleCommunity.admin, createdAt: SampleCommunity.now), code: code,
             name: "第三网格", kind: code.kind, districtName: "张湾区", streetName: "汉江路街道", communityName: "示例社区",
             workerID: worker, headName: "格长3", microGrids: [MicroGrid(number: 1, headName: "楼栋长", headPhone: nil, buildings: ["5栋", "6栋"])])
    }

    static func worker(_ id: String, role: WorkerRole = .gridWorker, grids: [GridCode] = []) -> Worker {
        Worker(meta: RecordMeta(id: RecordID(id), createdBy: SampleCommunity.admin, createdAt: SampleCommunity.now),
               name: "网格员丙", role: role, gridCodes: grids, phone: nil)
    }

    /// The violations a refused save names, or an issue when it was not refused for breaking rules.
    static func violations(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> [RuleViolation] {
        do {
            try body()
            Issue.record("saved", sourceLocation: sourceLocation)
        } catch StoreError.invalid(_, let violations) {
            return violations
        } catch {
            Issue.record("refused otherwise: \(error)", sourceLocation: sourceLocation)
        }
        return []
    }

    @Test func aNewGridLandsInAFolderOfItsOwnWithItsAuditEntry() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try SampleCommunity(at: folder.path).store
        let entries = store.audit.allEntries().count
        let saved = try store.save(Self.grid("G-3", Self.gridThree), at: SampleCommunity.now)
        #expect(saved.meta.revision == 1)
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: folder.path + "/grids/420303001001003", isDirectory: &isFolder) && isFolder.boolValue)
        #expect(FileManager.default.fileExists(atPath: folder.path + "/grids/420303001001003/grid.json"))
        let added = store.audit.allEntries().dropFirst(entries)
        #expect(added.map(\.action) == [.create] && added.first?.kind == .grid && added.first?.record == "G-3")
        #expect(store.grids.map(\.code) == [SampleCommunity.gridOne, SampleCommunity.gridTwo, Self.gridThree], "the open store shows it at once")
        #expect(store.summary().count(of: .grid) == 3, "and counts it")
        let reopened = try Store.open(folder.path)
        #expect(reopened.grids.last?.microGrids.first?.buildings == ["5栋", "6栋"])
        #expect(reopened.checkEverything().isEmpty)
    }

    @Test func aCodeTakenOrOutsideTheCommunityIsRefusedAndNothingWritten() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try SampleCommunity(at: folder.path).store
        let entries = store.audit.allEntries().count
        let taken = Self.violations { _ = try store.save(Self.grid("G-3", SampleCommunity.gridOne)) }
        #expect(taken == [RuleViolation("code", .gridCodeTaken)])
        let elsewhere = GridCode("420303001002001")
        #expect(Self.violations { _ = try store.save(Self.grid("G-3", elsewhere)) } == [RuleViolation("code", .outsideArea(areaCode: "420303001001"))])
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/grids/420303001002001"))
        #expect(store.audit.allEntries().count == entries && store.grids.count == 2)
        #expect(try Store.open(folder.path).records(Household.self, inGrid: SampleCommunity.gridOne).count == 1, "grid one is as it was")
    }

    @Test func aGridKeepsItsCode() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try SampleCommunity(at: folder.path).store
        var grid = try #require(store.grids.first)
        grid.code = Self.gridThree
        #expect(Self.violations { _ = try store.save(grid) } == [RuleViolation("code", .gridCodeFixed)])
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/grids/420303001001003"))
    }

    @Test func aGridsWorkerIsAGridWorkerOnFile() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try SampleCommunity(at: folder.path).store
        #expect(Self.violations { _ = try store.save(Self.grid("G-3", Self.gridThree, worker: RecordID("W-nobody"))) }
                == [RuleViolation("workerID", .noSuchWorker(RecordID("W-nobody")))])
        #expect(Self.violations { _ = try store.save(Self.grid("G-3", Self.gridThree, worker: SampleCommunity.admin)) }
                == [RuleViolation("workerID", .notAGridWorker(role: .admin))])
        _ = try store.save(Self.grid("G-3", Self.gridThree, worker: SampleCommunity.workerTwo))
        #expect(store.workers.first { $0.id == SampleCommunity.workerTwo }?.gridCodes.contains(Self.gridThree) == true,
                "a new grid's worker gains it in the same change")
    }

    @Test func givingAGridToAnotherWorkerChangesBothSidesInOneChange() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try SampleCommunity(at: folder.path).store
        _ = try store.save(Self.worker("W-three"))
        let entries = store.audit.allEntries().count
        var grid = try #require(store.grids.first)
        grid.workerID = RecordID("W-three")
        _ = try store.save(grid)
        let workers = try Store.open(folder.path).workers
        #expect(workers.first { $0.id == RecordID("W-three") }?.gridCodes == [SampleCommunity.gridOne])
        #expect(workers.first { $0.id == SampleCommunity.workerTwo }?.gridCodes == [SampleCommunity.gridTwo], "the old worker loses it")
        let added = Array(store.audit.allEntries().dropFirst(entries))
        #expect(added.map(\.record) == ["G-1", "W-two", "W-three"] && Set(added.map(\.at)).count == 1, "one change: \(added.map(\.record))")

        // Only the worker changing moves anything: a new name leaves the workers alone.
        let before = store.audit.allEntries().count
        grid = try #require(store.grids.first)
        grid.name = "第一网格（东）"
        _ = try store.save(grid)
        #expect(store.audit.allEntries().dropFirst(before).map(\.record) == ["G-1"])
        // To nobody: the worker loses it.
        grid = try #require(store.grids.first)
        grid.workerID = nil
        _ = try store.save(grid)
        #expect(store.workers.first { $0.id == RecordID("W-three") }?.gridCodes == [])
    }

    @Test func aChangeOfWorkerThatFailsLeavesBothSidesAsTheyWere() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try SampleCommunity(at: folder.path).store
        _ = try store.save(Self.worker("W-three"))
        var grid = try #require(store.grids.first)
        grid.workerID = RecordID("W-three")
        store.writeFault = { $0 == "workers.json" ? .io(.write, path: $0, code: ENOSPC) : nil }
        #expect(throws: StoreError.self) { _ = try store.save(grid) }
        store.writeFault = nil
        let reopened = try Store.open(folder.path)
        #expect(reopened.grids.first?.workerID == SampleCommunity.workerTwo)
        #expect(reopened.workers.first { $0.id == SampleCommunity.workerTwo }?.gridCodes == [SampleCommunity.gridOne, SampleCommunity.gridTwo])
        #expect(reopened.workers.first { $0.id == RecordID("W-three") }?.gridCodes == [])
    }

    @Test func aWorkerNamesOnlyGridsOnFile() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let store = try SampleCommunity(at: folder.path).store
        let missing = GridCode("420303001001009")
        #expect(Self.violations { _ = try store.save(Self.worker("W-three", grids: [SampleCommunity.gridOne, missing])) }
                == [RuleViolation(FieldPath("gridCodes").appending(index: 1), .noSuchGrid(missing))])
        #expect(!store.workers.contains { $0.id == RecordID("W-three") })
        // A grid and a worker naming it, saved in one change, land together.
        try store.transaction { (change: StoreTransaction) throws(StoreError) in
            _ = try change.save(Self.grid("G-3", Self.gridThree))
            _ = try change.save(Self.worker("W-three", grids: [Self.gridThree]))
        }.confirmed()
        #expect(store.workers.first { $0.id == RecordID("W-three") }?.gridCodes == [Self.gridThree])
    }

    @Test func checkNamesAWorkerWhoseGridIsNotOnFile() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        let workers = folder.path + "/workers.json"
        try JSONEdit.rewrite(workers, at: [.key("records"), .index(1), .key("gridCodes"), .index(1)], to: .text("420303001001009"))
        let problems = try Store.open(folder.path).checkEverything()
        #expect(problems.count == 1 && problems.first?.path == workers, "\(problems)")
        #expect(problems.first?.message.en.contains("refers to a grid that does not exist") == true)
        #expect(try Store.open(folder.path).checkReferences().map(\.message) == problems.map(\.message))
    }
}

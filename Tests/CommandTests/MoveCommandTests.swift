import Foundation
import Testing
import GridModel
import GridStore
import TestSupport

/// `gridwork move household|resident|patrol` as a user runs it, on the sample community set up
/// with accounts (issue 14, point 3).
@Suite(.serialized) struct MoveCommandTests {
    let gridwork = BuildProducts.executable("gridwork")
    static let admin = ["GRIDWORK_PASSPHRASE": "admin-pass-1"]
    static let one = SampleCommunity.gridOne.rawValue, two = SampleCommunity.gridTwo.rawValue

    func run(_ folder: TemporaryFolder, _ arguments: [String], environment: [String: String] = admin) throws -> CommandRun {
        try CommandRun(gridwork, arguments + ["--data", folder.path, "--lang", "en"], environment: environment)
    }

    @Test func anAdminMovesAHouseholdWithItsResidentsAndAWorkerIsToldWhyNot() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let start = SampleCommunity.now.addingTimeInterval(-7200)
        _ = try sample.store.save(PatrolLog(meta: RecordMeta(id: RecordID("L-1"), createdBy: SampleCommunity.admin, createdAt: start),
                                            gridCode: SampleCommunity.gridOne, workerID: SampleCommunity.workerTwo, kind: .routine,
                                            start: start, end: start.addingTimeInterval(1800)), at: SampleCommunity.now)
        let setUp = try CommandRun(gridwork, ["init", "--data", folder.path],
                                   environment: ["GRIDWORK_COMMUNITY_PASSPHRASE": "community-pass-1", "GRIDWORK_PASSPHRASE": "admin-pass-1"])
        try #require(setUp.status == 0, Comment(rawValue: setUp.errors))

        let moved = try run(folder, ["move", "household", "H-1", "--grid", Self.two])
        #expect(moved.status == 0 && moved.output == "Moved household H-1 from \(Self.one) to \(Self.two), with 1 resident.\n",
                "\(moved.output)\(moved.errors)")
        let history = try run(folder, ["audit", "show", "--record", "P-1"])
        #expect(history.output.contains("moved"), "the resident went along, audited: \(history.output)")
        #expect(try run(folder, ["check"]).status == 0)

        let nowhere = try run(folder, ["move", "resident", "P-2", "--household", "H-none"])
        #expect(nowhere.status == 1 && nowhere.errors.contains("the target is not on file"), "\(nowhere.errors)")
        let same = try run(folder, ["move", "resident", "P-2", "--household", "H-1", "--relation", "spouse"])
        #expect(same.status == 0 && same.output.contains("from \(Self.two)/H-2 to \(Self.two)/H-1"), "\(same.output)\(same.errors)")

        let patrol = try run(folder, ["move", "patrol", "L-1", "--day", "2026-08-15"])
        #expect(patrol.status == 0 && patrol.output == "Moved patrol log L-1 from \(Self.one)/2026-09 to \(Self.one)/2026-08.\n",
                "\(patrol.output)\(patrol.errors)")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/grids/\(Self.one)/patrols/2026-08.json"))

        let added = try run(folder, ["user", "add", "wang", "--name", "王网格员", "--grids", Self.one],
                            environment: Self.admin.merging(["GRIDWORK_NEW_PASSPHRASE": "worker-pass-1"]) { $1 })
        try #require(added.status == 0, Comment(rawValue: added.errors))
        let refused = try run(folder, ["move", "household", "H-2", "--grid", Self.one, "--user", "wang"],
                              environment: ["GRIDWORK_PASSPHRASE": "worker-pass-1"])
        #expect(refused.status == 1 && refused.errors.contains("cannot change records of grid \(Self.two)"), "\(refused.errors)")
        let records = try Store.open(folder.path, session: Store.logIn(folder: folder.path, login: "admin", passphrase: "admin-pass-1"))
        #expect(records.allRecords(Household.self).first { $0.id == RecordID("H-2") }?.gridCode == SampleCommunity.gridTwo)
    }
}

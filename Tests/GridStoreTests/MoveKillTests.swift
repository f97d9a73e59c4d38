import Foundation
import Testing
import GridModel
@testable import GridStore
import TestSupport

/// A real writer killed (SIGKILL) in the middle of a move, after each file of the change in turn
/// is in place: the move is committed in the journal before any file changes, so the next open
/// completes it, leaving the household and its resident in exactly one place, with their ids and
/// history, never half moved (issue 14, point 3).
@Suite(.serialized) struct MoveKillTests {
    let writer = BuildProducts.executable("StressWriter")

    /// Households of grid one and two, residents of both, and the audit trail's head: five files
    /// put in place, then the trail's entries.
    @Test(arguments: [1, 2, 3, 4, 5]) func aWriterKilledDuringAMoveLeavesTheRecordInExactlyOnePlace(pauseAfter: Int) throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        let entriesBefore = AuditTrail(dataFolder: folder.path).allEntries().count

        let run = try KilledRun(writer, ["move", folder.path, SampleCommunity.admin.rawValue, "H-1", SampleCommunity.gridTwo.rawValue, String(pauseAfter)],
                                until: "written \(pauseAfter) of")
        #expect(run.heard.contains("written \(pauseAfter) of 5"), "\(run.heard)")
        let journal = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + Journal.name))
        #expect(!journal.isEmpty, "the kill came with the move under way")

        // Opening plays the committed move again, whole.
        let store = try Store.open(folder.path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + Journal.name)).isEmpty)
        let grid = SampleCommunity.gridTwo
        var households: [String] = []
        var residents: [String] = []
        for path in store.filePaths(of: .household) {
            if try store.load(Household.self, path).contains(where: { $0.id == RecordID("H-1") }) { households.append(path) }
        }
        for path in store.filePaths(of: .resident) {
            if try store.load(Resident.self, path).contains(where: { $0.id == RecordID("P-1") }) { residents.append(path) }
        }
        #expect(households == [StoreLayout.households(grid)], "in exactly one households file")
        #expect(residents == [StoreLayout.residents(grid)], "and its resident in exactly one residents file, the same grid's")
        let household = try #require(store.allRecords(Household.self).first { $0.id == RecordID("H-1") })
        let resident = try #require(store.allRecords(Resident.self).first { $0.id == RecordID("P-1") })
        #expect(household.gridCode == grid && resident.gridCode == grid)
        #expect(household.meta.revision == 2 && resident.meta.revision == household.meta.revision)
        #expect(household.meta.createdAt == SampleCommunity.now, "the same record, not a new one")

        let trail = store.audit
        #expect(trail.verify().isIntact)
        #expect(trail.history(of: "H-1").map(\.action) == [.create, .move])
        #expect(trail.history(of: "P-1").map(\.action) == [.create, .move])
        #expect(trail.allEntries().count == entriesBefore + 2)
        #expect(try store.tombstones(inGrid: SampleCommunity.gridOne).isEmpty)
        #expect(store.checkEverything().isEmpty, "\(store.checkEverything())")
    }
}

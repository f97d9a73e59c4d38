import Foundation
import Testing
import GridIndex
import GridModel
@testable import GridStore
import TestSupport
@testable import GridApp

/// The dashboard's store client on a real folder: the duplicate-ID check goes through the index,
/// which follows what another copy of the program saves.
@Suite struct LiveStoreClientTests {
    @Test func aResidentOnFileInAnotherGridIsFoundThroughTheIndex() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let client = LiveStoreClient(store: sample.store)
        while client.prepareIndex() {}
        #expect(FileManager.default.fileExists(atPath: folder.path + "/" + SearchIndex.fileName))

        let onFile = try #require(sample.store.records(Resident.self, inGrid: SampleCommunity.gridTwo).first)
        var newcomer = SampleCommunity.resident(id: "P-new", household: "H-1", grid: SampleCommunity.gridOne, sequence: 40)
        newcomer.idNumber = onFile.idNumber?.lowercased()
        let outcome = client.save([.resident(newcomer)], overwriting: false, at: SampleCommunity.now)
        #expect(outcome.duplicate?.id == onFile.id && outcome.stored.isEmpty, "the resident in grid two is shown, nothing saved")

        // Another copy of the program gives someone in grid one a new number: the index follows.
        let other = try Store.open(folder.path, unsecuredActor: SampleCommunity.admin)
        var moved = try #require(other.records(Resident.self, inGrid: SampleCommunity.gridOne).first)
        let fresh = SampleCommunity.idNumber(birth: Day(year: 1950, month: 3, day: 1) ?? Day(dayNumber: 0), sequence: 77)
        moved.idNumber = fresh
        _ = try other.save(moved, at: SampleCommunity.now)
        var second = SampleCommunity.resident(id: "P-second", household: "H-2", grid: SampleCommunity.gridTwo, sequence: 41)
        second.idNumber = fresh
        #expect(client.save([.resident(second)], overwriting: false, at: SampleCommunity.now).duplicate?.id == moved.id)

        newcomer.idNumber = SampleCommunity.idNumber(birth: Day(year: 1950, month: 3, day: 1) ?? Day(dayNumber: 0), sequence: 88)
        let saved = client.save([.resident(newcomer)], overwriting: false, at: SampleCommunity.now)
        #expect(saved.duplicate == nil && saved.failure == nil && saved.stored.count == 1)
    }
}

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

    /// The duplicate-ID check runs while the folder is locked, so two copies saving the same
    /// person at once cannot both find the number free; a duplicate found there writes nothing.
    @Test func theDuplicateCheckRunsUnderTheFoldersLockAndStopsTheSave() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let onFile = try #require(sample.store.records(Resident.self, inGrid: SampleCommunity.gridTwo).first)
        let newcomer = SampleCommunity.resident(id: "P-new", household: "H-1", grid: SampleCommunity.gridOne, sequence: 40)
        let residentsFile = folder.path + "/" + StoreLayout.residents(SampleCommunity.gridOne)
        let before = try Data(contentsOf: URL(fileURLWithPath: residentsFile))
        var heldWhileChecking = false
        let outcome = ChangeWriter(store: sample.store).save([.resident(newcomer)], at: SampleCommunity.now) {
            let probe = open(folder.path + "/.lock", O_RDWR | O_CLOEXEC)
            defer { close(probe) }
            heldWhileChecking = flock(probe, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK
            return onFile
        }
        #expect(heldWhileChecking, "another copy could have saved between the check and the write")
        #expect(outcome.duplicate?.id == onFile.id && outcome.stored.isEmpty && outcome.failure == nil)
        #expect(try Data(contentsOf: URL(fileURLWithPath: residentsFile)) == before)
    }

    /// A new resident without an ID number whose name and birth date someone on file shares (in
    /// another grid) is not saved at once: the namesakes come back, masked, to be confirmed.
    @Test func aNamesakeInAnotherGridIsReportedUnlessTheWorkerSavesAnyway() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let client = LiveStoreClient(store: sample.store)
        while client.prepareIndex() {}
        let onFile = try #require(sample.store.records(Resident.self, inGrid: SampleCommunity.gridTwo).first)
        let number = try #require(onFile.idNumber)

        var newcomer = SampleCommunity.resident(id: "R-new", household: "H-1", grid: SampleCommunity.gridOne, sequence: 50)
        newcomer.name = onFile.name
        newcomer.idNumber = nil
        let warned = client.save([.resident(newcomer)], overwriting: false, at: SampleCommunity.now)
        #expect(warned.stored.isEmpty && warned.failure == nil && warned.duplicate == nil)
        let match = try #require(warned.namesakes.first)
        #expect(warned.namesakes.count == 1 && match.id == onFile.id && match.gridName == "第2网格" && match.address.contains("2栋"))
        #expect(match.maskedIDNumber == ResidentIDNumber.masked(number) && match.maskedIDNumber != number, "the number comes back masked")
        #expect(sample.store.records(Resident.self, inGrid: SampleCommunity.gridOne).allSatisfy { $0.id != newcomer.id }, "nothing was saved")

        var otherBirth = SampleCommunity.resident(id: "R-other", household: "H-1", grid: SampleCommunity.gridOne, sequence: 51)
        otherBirth.name = onFile.name
        otherBirth.idNumber = nil
        otherBirth.birthDate = onFile.birthDate.adding(days: 1)
        let born = client.save([.resident(otherBirth)], overwriting: false, at: SampleCommunity.now)
        #expect(born.namesakes.isEmpty && born.stored.count == 1, "another birth date: no namesake, saved")
        var withNumber = SampleCommunity.resident(id: "R-numbered", household: "H-1", grid: SampleCommunity.gridOne, sequence: 52)
        withNumber.name = onFile.name
        let numbered = client.save([.resident(withNumber)], overwriting: false, at: SampleCommunity.now)
        #expect(numbered.namesakes.isEmpty && numbered.stored.count == 1, "an ID number given: the duplicate-ID check alone decides")

        let anyway = client.save([.resident(newcomer)], overwriting: false, allowingNamesakes: true, at: SampleCommunity.now)
        #expect(anyway.namesakes.isEmpty && anyway.failure == nil && anyway.stored.count == 1, "confirmed: saved")
        var edited = try #require(sample.store.records(Resident.self, inGrid: SampleCommunity.gridOne).first { $0.id == newcomer.id })
        edited.notes = "改"
        #expect(client.save([.resident(edited)], overwriting: false, at: SampleCommunity.now).namesakes.isEmpty, "an edit is not warned about")
    }

    /// What the dashboard reads after a grid is saved holds it: the list and the overview's count.
    @Test func aNewGridIsInTheDataReadAfterItsSave() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let client = LiveStoreClient(store: sample.store)
        let code = GridCode("420303001001003")
        let grid = Grid(meta: RecordMeta(id: RecordID("G-" + code.rawValue), createdBy: SampleCommunity.admin, createdAt: SampleCommunity.now),
                        code: code, name: "第三网格", kind: .community, districtName: "张湾区", streetName: "汉江路街道",
                        communityName: "示例社区", workerID: SampleCommunity.workerTwo, headName: "", microGrids: [])
        let outcome = client.save([.grid(grid)], overwriting: false, at: SampleCommunity.now)
        #expect(outcome.failure == nil && outcome.stored.first?.revision == 1)
        let data = client.load(grid: nil, now: SampleCommunity.now)
        #expect(data.grids.map(\.code).last == code && data.overview.counts[.grid] == 3 && data.areaCode == "420303001001")
        #expect(data.workers[SampleCommunity.workerTwo]?.gridCodes.last == code, "its worker's list follows")
    }
}

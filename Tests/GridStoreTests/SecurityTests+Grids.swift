import Foundation
import Testing
import GridModel
@testable import GridStore
import TestSupport

/// Who may add and change grids, and a new worker's grids (issue 13, part 1).
extension SecurityTests {
    @Test func onlyTheAdminAddsOrChangesAGrid() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (store, _) = try securedSample(folder)
        let grid = GridSaveTests.grid("G-3", GridSaveTests.gridThree)
        for (login, passphrase) in [("yi", "yi-passphrase"), ("du", "du-passphrase")] {
            let other = try loggedIn(folder, as: login, passphrase)
            do {
                _ = try other.save(grid)
                Issue.record("\(login) added a grid")
            } catch {
                guard case .refused(let refusal) = error else { throw error }
                #expect(login == "du" ? refusal == .readOnly(worker: "督导丙") : refusal.message(in: .en).contains("only the community admin can change grids"))
            }
            var own = try #require(other.grids.first)
            own.name = "改名"
            #expect(throws: StoreError.self, "\(login) renames no grid, not even their own") { _ = try other.save(own) }
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/grids/420303001001003"))
        _ = try store.save(grid)
        #expect(try loggedIn(folder, as: "yi", "yi-passphrase").grids.count == 3)
    }

    @Test func aNewWorkerNamingAGridNotOnFileIsRefusedWithTheirAccount() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let (store, _) = try securedSample(folder)
        let entries = store.audit.allEntries().count
        let missing = GridCode("420303001001009")
        do {
            try store.addWorker(GridSaveTests.worker("W-bing", grids: [missing]), login: "bing", passphrase: "bing-passphrase")
            Issue.record("a worker was added with a grid that does not exist")
        } catch {
            #expect(error.message(in: .zh).contains("没有编码为 420303001001009 的网格"), "\(error.message(in: .zh))")
        }
        #expect(store.audit.allEntries().count == entries)
        #expect(try store.accounts().map(\.login) == ["admin", "yi", "du"], "no account either")
        try store.addWorker(GridSaveTests.worker("W-bing", grids: [SampleCommunity.gridTwo]), login: "bing", passphrase: "bing-passphrase")
        #expect(store.grids.first { $0.code == SampleCommunity.gridTwo }?.workerID == SampleCommunity.workerTwo,
                "a new worker helps in the grid; its worker stays")
    }
}

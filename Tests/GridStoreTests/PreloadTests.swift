import Foundation
import Testing
import GridModel
@testable import GridStore
import TestSupport

/// `Store.preload` reads a grid's files side by side and keeps them exactly as reading them one
/// by one would (issue 12: opening a grid and the first screen).
@Suite struct PreloadTests {
    @Test func aPreloadedGridIsWhatReadingItFileByFileGives() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        // A broken households file in grid two: the same problem, whichever way it is read.
        let broken = folder.path + "/grids/" + SampleCommunity.gridTwo.rawValue + "/households.json"
        let text = try String(contentsOfFile: broken, encoding: .utf8)
        try text.replacingOccurrences(of: "\"residency\"", with: "\"residence\" : 1, \"residency\"").write(toFile: broken, atomically: true, encoding: .utf8)

        let serial = try Store.open(folder.path)
        let parallel = try Store.open(folder.path)
        let paths = [SampleCommunity.gridOne, SampleCommunity.gridTwo].flatMap(parallel.filePaths(ofGrid:))
        #expect(paths.count >= 5, "\(paths)")
        let checksBefore = parallel.ruleChecks
        parallel.preload(paths)
        let checksAfterPreload = parallel.ruleChecks
        #expect(checksAfterPreload > checksBefore, "the broken file was checked again")
        let readable = paths.filter { !broken.hasSuffix($0) }
        #expect(readable.count == paths.count - 1 && readable.allSatisfy(parallel.holdsRecords(of:)), "the readable files are held")
        #expect(!paths.contains { serial.holdsRecords(of: $0) }, "opening alone holds none")
        for grid in [SampleCommunity.gridOne, SampleCommunity.gridTwo] {
            #expect(parallel.records(Household.self, inGrid: grid) == serial.records(Household.self, inGrid: grid))
            #expect(parallel.records(Resident.self, inGrid: grid) == serial.records(Resident.self, inGrid: grid))
            #expect(parallel.records(DisputeCase.self, inGrid: grid) == serial.records(DisputeCase.self, inGrid: grid))
        }
        #expect(parallel.ruleChecks == checksAfterPreload, "what was preloaded is not read again")
        #expect(parallel.records(Household.self, inGrid: SampleCommunity.gridTwo).isEmpty)
        #expect(parallel.problems.map { $0.formatted(in: .en) } == serial.problems.map { $0.formatted(in: .en) })
        #expect(parallel.problems.contains { $0.path == broken })
        // Preloading again reads nothing: every file is held as it is on disk, or known broken.
        parallel.preload(paths)
        #expect(parallel.ruleChecks == checksAfterPreload)
    }

    /// Opening a grid reads its households and residents once: the figures that follow them
    /// (residents due a visit join the households' visits) come from memory.
    @Test func aGridsSummaryAfterOpeningItReadsNoFileAgain() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        let store = try Store.open(folder.path)
        _ = store.summary()
        let before = store.fileReads
        let households = store.records(Household.self, inGrid: SampleCommunity.gridOne)
        let residents = store.records(Resident.self, inGrid: SampleCommunity.gridOne)
        #expect(!households.isEmpty && !residents.isEmpty)
        #expect(store.fileReads == before + 2)
        #expect(store.summary().count(of: .resident) == 2)
        #expect(store.fileReads == before + 2, "the summary took the residents from memory")
    }

    /// Reading a grid changes no figure, so the first screen's figures are not added up again
    /// from every file; a save does change them.
    @Test func readingAGridKeepsTheFiguresAndASaveChangesThem() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        let store = try Store.open(folder.path, unsecuredActor: SampleCommunity.admin)
        let households = store.summary().count(of: .household)
        let merges = store.summaryMerges
        store.preload(store.filePaths(ofGrid: SampleCommunity.gridOne))
        _ = store.records(Household.self, inGrid: SampleCommunity.gridOne)
        _ = store.records(Resident.self, inGrid: SampleCommunity.gridOne)
        #expect(store.summary().count(of: .household) == households)
        #expect(store.summaryMerges == merges, "nothing was added up again")
        _ = try store.save(Household(meta: .new(by: SampleCommunity.admin, at: SampleCommunity.now, prefix: "H"), gridCode: SampleCommunity.gridOne,
                                     microGrid: nil, address: Address(compound: "示例花园", building: "7栋", unit: "", room: "707"),
                                     residency: .rented))
        #expect(store.summary().count(of: .household) == households + 1)
        #expect(store.summaryMerges == merges + 1)
    }

    /// A save adds up again only its own grid's figures; every grid's, the whole folder's and
    /// the overview still come out as a store opened afresh finds them.
    @Test func aSaveInOneGridLeavesEveryFigureAsAFreshOpenFindsIt() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        let store = try Store.open(folder.path, unsecuredActor: SampleCommunity.admin)
        let today = Day(SampleCommunity.now, in: .chinaStandard)
        let before = store.overview(today: today)
        #expect(before == Overview(store.summary(), today: today))
        #expect(store.summariesByGrid().count >= 2, "the sample has two grids with files")
        let otherGrid = try #require(store.summariesByGrid().keys.first { $0 != SampleCommunity.gridOne })
        let untouched = store.summariesByGrid()[otherGrid]
        _ = try store.save(Household(meta: .new(by: SampleCommunity.admin, at: SampleCommunity.now, prefix: "H"), gridCode: SampleCommunity.gridOne,
                                     microGrid: nil, address: Address(compound: "示例花园", building: "8栋", unit: "", room: "808"),
                                     residency: .rented))
        let fresh = try Store.open(folder.path, unsecuredActor: SampleCommunity.admin)
        #expect(store.summariesByGrid() == fresh.summariesByGrid())
        #expect(store.summariesByGrid()[otherGrid] == untouched)
        #expect(store.summary() == fresh.summary())
        let after = store.overview(today: today)
        #expect(after == Overview(fresh.summary(), today: today))
        #expect(after != before, "the overview counts the new household")
    }
}

/// A save reads each file it touches once, under the lock: the check that memory still matches
/// the file, the journal's copy of it and the reuse of its unchanged records share those bytes.
@Suite struct OneReadPerSaveTests {
    @Test func aSaveReadsTheFilesItTouchesOnce() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        let store = try Store.open(folder.path, unsecuredActor: SampleCommunity.admin)
        var household = try #require(store.records(Household.self, inGrid: SampleCommunity.gridOne).first)
        household.notes = "窗户漏雨，已报物业"
        let before = store.bytesReadUnderLock
        let saved = try store.save(household)
        // The households file and the list of workers (whose roles decide the save), once each.
        #expect(store.bytesReadUnderLock == before + 2)
        let history = store.audit.history(of: household.id.rawValue)
        #expect(history.last?.fields == ["notes"])
        let reopened = try Store.open(folder.path)
        #expect(reopened.records(Household.self, inGrid: SampleCommunity.gridOne).first { $0.id == household.id } == saved)

        // The bytes are not kept past the lock: the next save compares with the disk again.
        var again = saved
        again.notes = "已修好"
        _ = try store.save(again)
        #expect(store.bytesReadUnderLock == before + 4)
    }

    @Test func aFileSettledWhenReadIsTrustedByItsStampUntilItChanges() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        let store = try Store.open(folder.path, unsecuredActor: SampleCommunity.admin)
        // Every file counts as settled once read after its last change (the margin is 10 s).
        store.readEveryFileAgain(settledAfter: 0)
        var household = try #require(store.records(Household.self, inGrid: SampleCommunity.gridOne).first)
        household.notes = "窗户漏雨，已报物业"
        let before = store.bytesReadUnderLock
        let saved = try store.save(household)
        // Both files are trusted by their stamps and change times, and the households file's
        // bytes (for the records the save leaves as they were) are still those it was read from.
        #expect(store.bytesReadUnderLock == before)
        #expect(try Store.open(folder.path).records(Household.self, inGrid: SampleCommunity.gridOne).first { $0.id == household.id } == saved)

        // A file this store wrote has only just changed: the next save compares its bytes again.
        var again = saved
        again.notes = "已修好"
        _ = try store.save(again)
        #expect(store.bytesReadUnderLock == before + 1)
    }
}

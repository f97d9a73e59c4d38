import Foundation
import Testing
import GridModel
@testable import GridStore
import TestSupport

/// A file's rules are checked once per content, remembered by its stamp and content hash, not on
/// every read (issue 11, point 5).
@Suite struct CheckOnceTests {
    @Test func aFilesRulesAreCheckedOncePerContent() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        // Without the summary cache (none was written yet), opening reads and checks every file once.
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/" + StoreLayout.summaryCache))
        let store = try Store.open(folder.path, unsecuredActor: SampleCommunity.admin)
        let afterOpen = store.ruleChecks
        #expect(afterOpen >= 7, "grids, workers, households, residents and the case file: \(afterOpen)")
        // The records, read again after the summary let them go: the same bytes are not checked again.
        let household = try #require(store.records(Household.self, inGrid: SampleCommunity.gridOne).first)
        #expect(store.ruleChecks == afterOpen)
        // Touched: a new stamp, the same bytes: read again, not checked again.
        let path = folder.path + "/" + household.filePath
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(30)], ofItemAtPath: path)
        #expect(store.records(Household.self, inGrid: SampleCommunity.gridOne).count == 1)
        #expect(store.ruleChecks == afterOpen)
        // Changed bytes are checked, and a rule they break is found.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "\"residency\"", with: "\"residence\" : 1, \"residency\"").write(toFile: path, atomically: false, encoding: .utf8)
        #expect(store.records(Household.self, inGrid: SampleCommunity.gridOne).isEmpty)
        #expect(store.ruleChecks == afterOpen + 1 && store.problems.contains { $0.path == path })
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        #expect(store.records(Household.self, inGrid: SampleCommunity.gridOne).count == 1)
        let afterFix = store.ruleChecks
        #expect(afterFix == afterOpen + 2, "the mended file is checked again, since what passed last differed")
        // A save checks its record, not the whole file again; the bytes it wrote need no check.
        var edited = household
        edited.notes = "检查一次"
        _ = try store.save(edited)
        #expect(store.ruleChecks == afterFix)
        let reread = try Store.open(folder.path)
        #expect(reread.records(Household.self, inGrid: SampleCommunity.gridOne).first?.notes == "检查一次")
    }

    /// The content that passed is remembered in the summary cache: a later start opens a grid
    /// without checking its rules again, but checks bytes it has not seen pass.
    @Test func aLaterStartTrustsContentThatPassedAndChecksWhatChanged() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        _ = try Store.open(folder.path, unsecuredActor: SampleCommunity.admin)
        let later = try Store.open(folder.path, unsecuredActor: SampleCommunity.admin)
        let afterOpen = later.ruleChecks
        let households = later.records(Household.self, inGrid: SampleCommunity.gridOne)
        #expect(!households.isEmpty)
        #expect(later.ruleChecks == afterOpen, "the households file passed in the first start")
        // Changed by hand between starts: the new bytes are checked, and the rule they break found.
        let path = folder.path + "/" + households[0].filePath
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "\"residency\"", with: "\"residence\" : 1, \"residency\"").write(toFile: path, atomically: false, encoding: .utf8)
        let third = try Store.open(folder.path, unsecuredActor: SampleCommunity.admin)
        #expect(third.records(Household.self, inGrid: SampleCommunity.gridOne).isEmpty)
        #expect(third.problems.contains { $0.path == path })
    }

    @Test func contentHashesAreTheSameInEveryProcess() {
        // SHA-256's first eight bytes, not Swift's per-process seeded `Hasher`.
        let hash = ShardReader.contentHash(Data("gridwork".utf8))
        #expect(hash == 3_531_718_158_287_102_531, "the digest's first eight bytes, little-endian")
        #expect(hash == ShardReader.contentHash(Data("gridwork".utf8)))
        #expect(hash != ShardReader.contentHash(Data("gridworK".utf8)))
    }
}

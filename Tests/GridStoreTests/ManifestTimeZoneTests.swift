import Foundation
import Testing
import GridModel
@testable import GridStore
import TestSupport

/// The community's time zone in `gridwork.json`: optional, checked, and the zone the overview counts days in.
@Suite struct ManifestTimeZoneTests {
    func setZone(_ zone: String, in folder: String) throws {
        let path = folder + "/gridwork.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "\"name\" :", with: "\"timeZone\" : \"\(zone)\",\n  \"name\" :")
            .write(toFile: path, atomically: false, encoding: .utf8)
    }

    @Test func aManifestWithoutAZoneIsChinaStandardTimeAndIsWrittenWithoutOne() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        let text = try String(contentsOfFile: folder.path + "/gridwork.json", encoding: .utf8)
        #expect(!text.contains("timeZone"), "older gridwork reads what this one writes")
        let manifest = try Store.open(folder.path).manifest
        #expect(manifest.timeZone == nil && manifest.communityTimeZone.secondsFromGMT(for: Date()) == 8 * 3600)
    }

    @Test func anUnknownZoneIsReportedWhereItStands() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        try setZone("Asia/Beijing", in: folder.path)
        do {
            _ = try Store.open(folder.path)
            Issue.record("an unknown zone was accepted")
        } catch {
            guard case .fileHasProblems(let problem) = error else { throw error }
            #expect(problem.formatted(in: .en).contains("gridwork.json:4:") && problem.formatted(in: .en).contains("unknown time zone \"Asia/Beijing\""),
                    "\(problem.formatted(in: .en))")
        }
    }

    @Test func patrolsAreCountedOnTheCommunitysDays() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        // 02:00Z on 21 September is the 21st in China, still the 20th in New York.
        let start = Date(timeIntervalSince1970: Double((Day(year: 2026, month: 9, day: 21) ?? Day(dayNumber: 0)).dayNumber * 86_400 + 2 * 3600))
        let patrol = PatrolLog(meta: RecordMeta(id: RecordID("L-night"), createdBy: SampleCommunity.admin, createdAt: start),
                               gridCode: SampleCommunity.gridOne, workerID: SampleCommunity.workerTwo, kind: .routine,
                               start: start, end: start.addingTimeInterval(600))
        _ = try sample.store.save(patrol)
        let china = Day(start, in: .chinaStandard)
        #expect(try Store.open(folder.path).summary().patrolsPerDay == [china.dayNumber: 1])

        try setZone("America/New_York", in: folder.path)
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        let reopened = try Store.open(folder.path)
        #expect(reopened.summary().patrolsPerDay == [Day(start, in: newYork).dayNumber: 1], "the cached summary is not reused across zones")
        #expect(Day(start, in: newYork) != china)
    }
}

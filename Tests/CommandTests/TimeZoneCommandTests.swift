import Foundation
import Testing
import GridModel
import GridStore
import TestSupport

/// The commands on a machine whose clock is in another zone (`TZ`): "today" stays the community's.
@Suite(.serialized) struct TimeZoneCommandTests {
    let gridwork = BuildProducts.executable("gridwork")

    /// A zone whose date differs from China's right now: twelve hours behind UTC, or, in China's
    /// last hours of the day (when that zone has China's date), fourteen hours ahead.
    static func zoneOnAnotherDay() -> String {
        let now = Date()
        for name in ["Etc/GMT+12", "Etc/GMT-14"] {
            if let zone = TimeZone(identifier: name), Day(now, in: zone) != Day(now, in: .chinaStandard) { return name }
        }
        return "Etc/GMT+12"
    }

    @Test func theDemoEndsOnTodayInChina() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let zone = Self.zoneOnAnotherDay()
        let demo = try CommandRun(gridwork, ["demo", "--data", folder.path], environment: ["TZ": zone])
        #expect(demo.status == 0, "\(demo.errors)")
        let manifest = try String(contentsOfFile: folder.path + "/gridwork.json", encoding: .utf8)
        let china = Day(Date(), in: .chinaStandard)
        #expect(manifest.contains("--today \(china.iso)"), "TZ=\(zone): \(manifest)")
    }

    @Test func theOverviewCountsTodaysPatrols() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        let end = Date()
        let patrol = PatrolLog(meta: RecordMeta(id: RecordID("L-today"), createdBy: SampleCommunity.admin, createdAt: end),
                               gridCode: SampleCommunity.gridOne, workerID: SampleCommunity.workerTwo, kind: .routine,
                               start: end.addingTimeInterval(-60), end: end)
        _ = try sample.store.save(patrol)
        for zone in [Self.zoneOnAnotherDay(), "UTC", "America/New_York"] {
            let run = try CommandRun(gridwork, ["overview", "--data", folder.path, "--lang", "en"], environment: ["TZ": zone])
            #expect(run.status == 0, "\(run.errors)")
            let week = run.output.split(separator: "\n").first { $0.contains("this week") }
            #expect(week?.hasSuffix(" 1") == true, "TZ=\(zone): today's patrol counts this week:\n\(run.output)")
        }
    }
}

import Foundation
import Testing
import GridModel
@testable import GridStore
import TestSupport

/// `visit-schedule.json` (issue 14): optional, checked at open, and the schedule the summaries'
/// due figures are made under, so a changed schedule never leaves stale figures in the cache.
@Suite struct VisitScheduleTests {
    func writeSchedule(_ text: String, in folder: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + VisitScheduleFile.path))
    }

    /// The sample community with household H-1 last visited on `visited`.
    func community(at folder: String, visited: Day) throws -> SampleCommunity {
        let sample = try SampleCommunity(at: folder)
        var household = try #require(sample.store.records(Household.self, inGrid: SampleCommunity.gridOne).first)
        household.lastVisit = visited
        _ = try sample.store.save(household, at: SampleCommunity.now)
        return sample
    }

    @Test func withoutAFileTheStandardScheduleHolds() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        #expect(try Store.open(folder.path).visitSchedule == .standard)
        #expect(VisitSchedule.standard.interval(for: [.elderlyAlone, .migrant]) == 7)
        #expect(VisitSchedule.standard.interval(for: .emptyNestElderly) == 14 && VisitSchedule.standard.interval(for: .communityCorrection) == 30)
        #expect(VisitSchedule.standard.interval(for: .partyMember) == 90)
    }

    @Test func aChangedScheduleRecomputesTheCachedDueFigures() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let visited = Day(SampleCommunity.now, in: .chinaStandard).adding(days: -10)
        _ = try community(at: folder.path, visited: visited)
        let before = try Store.open(folder.path).summary()
        #expect(before.visitsDue == [visited.dayNumber + 8: 1] && before.taggedNeverVisited == 1)
        #expect(before.householdVisits == [visited.dayNumber: 1])

        // Same files, same stamps, another schedule: the cache (written by the open above) must not answer.
        try writeSchedule(#"{ "schema" : 1, "intervals" : { "elderlyAlone" : 30 } }"#, in: folder.path)
        let store = try Store.open(folder.path)
        #expect(store.visitSchedule.interval(for: .elderlyAlone) == 30 && store.visitSchedule.interval(for: .disabled) == 30)
        #expect(store.summary().visitsDue == [visited.dayNumber + 31: 1])
        #expect(try Store.open(folder.path).summary().visitsDue == [visited.dayNumber + 31: 1], "and the cache now says so")

        // null: the tag needs no scheduled visit, so nobody is due.
        try writeSchedule(#"{ "schema" : 1, "intervals" : { "elderlyAlone" : null } }"#, in: folder.path)
        let none = try Store.open(folder.path).summary()
        #expect(none.taggedResidents == 0 && none.visitsDue.isEmpty && none.taggedNeverVisited == 0)
    }

    @Test(arguments: [
        (#"{ "schema" : 1, "intervals" : { "elderly" : 7 } }"#, "unknown tag \"elderly\""),
        (#"{ "schema" : 1, "intervals" : { "migrant" : 0 } }"#, "days must be a whole number from 1 to 366"),
        (#"{ "schema" : 1, "intervals" : { "migrant" : 7.5 } }"#, "days must be a whole number from 1 to 366"),
        (#"{ "schema" : 1, "intervals" : { "migrant" : "7" } }"#, "days must be a whole number from 1 to 366"),
        (#"{ "schema" : 1, "weekly" : [] , "intervals" : {} }"#, "unknown key \"weekly\""),
        (#"{ "schema" : 2, "intervals" : {} }"#, "schema must be 1"),
        (#"{ "schema" : 1, "intervals" : { "migrant" : true } }"#, "days must be a whole number from 1 to 366"),
        (#"{ "schema" : 1, "intervals" : { "migrant" : 7, } }"#, "visit-schedule.json:1:"),
    ])
    func aMistakeIsRefusedWhereItStands(text: String, message: String) throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        _ = try SampleCommunity(at: folder.path)
        try writeSchedule(text, in: folder.path)
        do {
            _ = try Store.open(folder.path)
            Issue.record("a schedule with a mistake was accepted: \(text)")
        } catch {
            guard case .fileHasProblems(let problem) = error else { throw error }
            let formatted = problem.formatted(in: .en)
            #expect(formatted.contains(VisitScheduleFile.path + ":1:") && formatted.contains(message), "\(formatted)")
        }
    }

    @Test func residentsWhoMovedOutOrDiedLeaveTheCounts() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let sample = try SampleCommunity(at: folder.path)
        #expect(sample.store.summary().count(of: .resident) == 2 && sample.store.summary().taggedResidents == 2)
        var resident = try #require(sample.store.records(Resident.self, inGrid: SampleCommunity.gridOne).first)
        resident.status = .movedOut
        resident.leftOn = Day(SampleCommunity.now, in: .chinaStandard)
        _ = try sample.store.save(resident, at: SampleCommunity.now)
        let summary = try Store.open(folder.path).summary()
        #expect(summary.count(of: .resident) == 1 && summary.taggedResidents == 1 && summary.taggedNeverVisited == 1)
        let byGrid = try Store.open(folder.path).summariesByGrid()
        #expect(byGrid[SampleCommunity.gridOne]?.count(of: .resident) == 0 && byGrid[SampleCommunity.gridTwo]?.count(of: .resident) == 1)
    }
}

import Foundation
import Testing
@testable import GridModel

@Suite struct OverviewTests {
    let today = Day(year: 2026, month: 11, day: 22) ?? Day(dayNumber: 0) // a Sunday

    @Test func countsOpenOverdueAndSettledCases() throws {
        var open = Fixtures.newCase()
        try open.setDeadline(today.adding(days: -1), by: Fixtures.worker, at: Fixtures.later(open))
        var settled = try Fixtures.caseAt(.closed)
        settled.meta = Fixtures.meta("C-2")
        let overview = Overview(DataSummary(cases: [open, settled]), today: today)
        #expect(overview.openByStage == [.raised: 1])
        #expect(overview.overdueByLevel == [.grid: 1])
        #expect(overview.resolvedByLevel == [.grid: 1])
        #expect(overview.resolvedShare(at: .grid) == 1)
        #expect(overview.counts[.disputeCase] == 2)
    }

    @Test func patrolsThisWeekStartOnMonday() {
        var summary = DataSummary()
        summary.patrolsPerDay = ["2026-11-16": 2, "2026-11-15": 3, "2026-11-01": 4, "2026-10-31": 5, "2026-11-23": 9]
        let overview = Overview(summary, today: today)
        #expect(overview.patrolsThisWeek == 2)
        #expect(overview.patrolsThisMonth == 9)
    }

    @Test func taggedResidentsAreOverdueWhenTheirHouseholdWasNotVisitedInTime() {
        var summary = DataSummary()
        summary.taggedResidents = [
            TaggedResident(id: RecordID("P-1"), householdID: RecordID("H-1"), visitIntervalDays: 7),
            TaggedResident(id: RecordID("P-2"), householdID: RecordID("H-2"), visitIntervalDays: 7),
            TaggedResident(id: RecordID("P-3"), householdID: RecordID("H-3"), visitIntervalDays: 30),
        ]
        summary.lastVisits = ["H-1": today.adding(days: -7), "H-2": today.adding(days: -8)]
        let overview = Overview(summary, today: today)
        #expect(overview.taggedResidents == 3)
        #expect(overview.taggedResidentsOverdue == 2, "H-2 is a day late, H-3 was never visited")
    }
}

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
        let days = ["2026-11-16": 2, "2026-11-15": 3, "2026-11-01": 4, "2026-10-31": 5, "2026-11-23": 9]
        for (iso, count) in days { summary.patrolsPerDay[Day(iso: iso)?.dayNumber ?? 0] = count }
        let overview = Overview(summary, today: today)
        #expect(overview.patrolsThisWeek == 2)
        #expect(overview.patrolsThisMonth == 9)
    }

    @Test func taggedResidentsAreOverdueWhenTheirHouseholdWasNotVisitedInTime() {
        func household(_ id: String, visited: Day?) -> Household {
            Household(meta: Fixtures.meta(id), gridCode: Fixtures.grid, microGrid: nil,
                      address: Address(compound: "示例花园", building: "1栋", unit: "", room: "101"), residency: .ownerOccupied,
                      lastVisit: visited)
        }
        func resident(_ household: String, _ tags: [PopulationTag], status: ResidentStatus = .livingHere) -> Resident {
            var resident = Fixtures.resident(idNumber: nil)
            resident.householdID = RecordID(household)
            resident.tags = tags
            resident.status = status
            return resident
        }
        let households = [household("H-1", visited: today.adding(days: -7)), household("H-2", visited: today.adding(days: -8)),
                          household("H-3", visited: nil)]
        let residents = [resident("H-1", [.elderlyAlone]), resident("H-2", [.elderlyAlone, .partyMember]),
                         resident("H-3", [.disabled]), resident("H-3", [.partyMember]), resident("H-2", [.elderlyAlone], status: .movedOut)]
        // A community whose schedule leaves party members out (the standard one visits them quarterly).
        let schedule = VisitSchedule(intervals: [.elderlyAlone: 7, .disabled: 30])
        let summary = DataSummary(residents: residents, households: households, schedule: schedule)
        let overview = Overview(summary, today: today)
        #expect(overview.taggedResidents == 3, "party members need no schedule here, and people who moved out are not visited")
        #expect(overview.counts[.resident] == 4, "nor counted")
        #expect(Overview(DataSummary(residents: residents, households: households), today: today).taggedResidents == 4,
                "under the standard schedule the party member in H-3 is due too")
        #expect(overview.taggedResidentsOverdue == 2, "H-2 is a day late, H-3 was never visited; H-1 is due today")
        #expect(Overview(summary, today: today.adding(days: 1)).taggedResidentsOverdue == 3)
    }

    @Test func summariesSurviveTheirCompactEncoding() throws {
        var open = Fixtures.newCase()
        try open.setDeadline(today, by: Fixtures.worker, at: Fixtures.later(open))
        var summary = DataSummary(cases: [open, try Fixtures.caseAt(.closed)])
        summary.patrolsPerDay = [20_000: 3, 20_001: 1]
        summary.visitsDue = [20_050: 2]
        summary.taggedResidents = 5
        summary.taggedNeverVisited = 3
        let data = try JSONEncoder().encode(summary)
        #expect(try JSONDecoder().decode(DataSummary.self, from: data) == summary)
    }
}

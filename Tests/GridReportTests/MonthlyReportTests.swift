import Foundation
import Testing
import GridModel
import GridReport
import Spreadsheet

/// Every figure of the November 2026 report of `ReportFixture`, against the number worked out
/// by hand in the comments. The report is made on 2026-12-01, so `asOf` is 2026-11-30 and the
/// figures stand at 2026-12-01 00:00 Beijing time.
struct MonthlyReportTests {
    func report(today: String = "2026-12-01") throws -> MonthlyReport {
        let month = try #require(ReportFixture.november)
        return MonthlyReport(month: month, today: ReportFixture.day(today), areaName: "示例社区", records: try ReportFixture.records(),
                             auditHead: AuditHead(count: 42, hash: "abc123"))
    }

    @Test func householdsVisited() throws {
        let report = try report()
        let a = try #require(report.figures(of: ReportFixture.gridA)), b = try #require(report.figures(of: ReportFixture.gridB))
        // Grid A: HA1 (patrol 11-03, last visit 11-20), HA3 (patrol 11-30 23:30), HA4 (patrol at
        // 2026-10-31 23:30 UTC = 11-01 07:30 Beijing); not HA2 (last visit 10-25, patrol 12-01 00:30). 3 of 4.
        #expect(a.households == 4)
        #expect(a.householdsVisited == 3)
        // Grid B: HB1 (last visit 11-10); not HB2 (never), HB3 (10-20). 1 of 3.
        #expect(b.households == 3)
        #expect(b.householdsVisited == 1)
        // All: 4 of 7 = 57.142…% → 57.1%.
        #expect(report.total.households == 7)
        #expect(report.total.householdsVisited == 4)
        #expect(ReportShare.percent(4, of: 7) == "57.1%")
        #expect(ReportShare.percent(3, of: 4) == "75.0%")
    }

    @Test func taggedResidentsDueVisitedOverdue() throws {
        let report = try report()
        let a = try #require(report.figures(of: ReportFixture.gridA)), b = try #require(report.figures(of: ReportFixture.gridB))
        // RA1 (7 days; visits 11-03, 11-20; none before November): due, visited; 11-20 + 8 = 11-28 ≤ 11-30: overdue.
        // RA2 (30 days; last 10-25): 10-25 + 30 = 11-24 ≤ 11-30: due; not visited; 10-25 + 31 = 11-25 ≤ 11-30: overdue.
        // RA3 (90 days; 08-01, then 11-01 Beijing): 08-01 + 90 = 10-30: due; visited; 11-01 + 91 > 11-30: not overdue.
        // RA4 (party member: no schedule) and RA5 (moved out): not counted.
        // RA6 (90 days; only visit 11-30 23:30 Beijing): due (none before), visited, not overdue.
        #expect(a.visits == VisitCounts(due: 4, visited: 3, overdue: 2))
        #expect(a.visitsByTag[.elderlyAlone] == VisitCounts(due: 1, visited: 1, overdue: 1))
        #expect(a.visitsByTag[.emptyNestElderly] == VisitCounts(due: 1, visited: 0, overdue: 1))
        #expect(a.visitsByTag[.disabled] == VisitCounts(due: 1, visited: 0, overdue: 1))
        #expect(a.visitsByTag[.subsistenceAllowance] == VisitCounts(due: 1, visited: 1, overdue: 0))
        #expect(a.visitsByTag[.migrant] == VisitCounts(due: 1, visited: 1, overdue: 0))
        #expect(a.visitsByTag[.partyMember] == nil)
        // RB1 (30 days; only visit 11-10): due, visited, 11-10 + 31 = 12-11: not overdue.
        // RB2 (7 days; never visited): due, not visited, overdue. RB3 (away): not counted.
        // RB4 (90 days; last 10-20): 10-20 + 90 = 2027-01-18 > 11-30: not due, not visited, not overdue.
        #expect(b.visits == VisitCounts(due: 2, visited: 1, overdue: 1))
        #expect(b.visitsByTag[.leftBehindChild] == VisitCounts(due: 1, visited: 1, overdue: 0))
        #expect(b.visitsByTag[.severeMentalDisorder] == VisitCounts(due: 1, visited: 0, overdue: 1))
        #expect(b.visitsByTag[.subsistenceAllowance] == VisitCounts())
        #expect(report.total.visits == VisitCounts(due: 6, visited: 4, overdue: 3))
        #expect(report.total.visitsByTag[.subsistenceAllowance] == VisitCounts(due: 1, visited: 1, overdue: 0))
    }

    /// The community's schedule, not a fixed one: under the standard schedule party members are
    /// visited every 90 days, so RA4 (HA4: 08-01, then 11-01 Beijing) is due and visited.
    @Test func theCommunitysScheduleDecidesWhoIsDue() throws {
        var records = try ReportFixture.records()
        records.visitSchedule = .standard
        let month = try #require(ReportFixture.november)
        let report = MonthlyReport(month: month, today: ReportFixture.day("2026-12-01"), areaName: "示例社区", records: records,
                                   auditHead: AuditHead(count: 42, hash: "abc123"))
        let a = try #require(report.figures(of: ReportFixture.gridA))
        #expect(a.visitsByTag[.partyMember] == VisitCounts(due: 1, visited: 1, overdue: 0))
    }

    @Test func patrolsAndFindings() throws {
        let report = try report()
        let a = try #require(report.figures(of: ReportFixture.gridA)), b = try #require(report.figures(of: ReportFixture.gridB))
        // Grid A in November (Beijing): PA0 routine (11-01 07:30), PA1 home visit, PA2 hazard check (11-30 23:30);
        // not PA3 (12-01 00:30) nor PA4 (October).
        #expect(a.patrolsByKind == [.routine: 1, .homeVisit: 1, .hazardCheck: 1])
        #expect(a.patrols == 3)
        // PA1: a hazard and a dispute that opened CA1; PA2: a request.
        #expect(a.findingsByKind == [.hazard: 1, .dispute: 1, .request: 1])
        #expect(a.findingsOpeningCases == 1)
        // Grid B: PB1, a quarterly round with a dispute that opened CB1.
        #expect(b.patrolsByKind == [.quarterlyRound: 1])
        #expect(b.findingsByKind == [.dispute: 1])
        #expect(b.findingsOpeningCases == 1)
        #expect(report.total.patrols == 4)
        #expect(report.total.findings == 4)
        #expect(report.total.findingsOpeningCases == 2)
    }

    @Test func casesRaisedClosedOverdueByCategory() throws {
        let report = try report()
        let a = try #require(report.figures(of: ReportFixture.gridA)), b = try #require(report.figures(of: ReportFixture.gridB))
        // Raised in November: CA1, CA4, CA5. Closed in November: CA1, CA3, CA4 (23:00 on 11-30); not CA5
        // (12-01 00:30). Overdue at the end: CA2 (deadline 10-31), CA5 (11-28, still open then).
        #expect(a.cases == CaseCounts(raised: 3, closed: 3, overdue: 2))
        #expect(a.casesByCategory[.neighbours] == CaseCounts(raised: 1, closed: 2, overdue: 0))
        #expect(a.casesByCategory[.propertyManagement] == CaseCounts(raised: 0, closed: 0, overdue: 1))
        #expect(a.casesByCategory[.wages] == CaseCounts(raised: 1, closed: 1, overdue: 0))
        #expect(a.casesByCategory[.debt] == CaseCounts(raised: 1, closed: 0, overdue: 1))
        // Grid B: CB1 raised and closed; CB2 from September counts nothing; CB3 raised after the end is left out.
        #expect(b.cases == CaseCounts(raised: 1, closed: 1, overdue: 0))
        #expect(b.casesByCategory[.familyAndMarriage] == CaseCounts(raised: 1, closed: 1, overdue: 0))
        #expect(b.casesByCategory[.other] == nil)
        #expect(report.total.cases == CaseCounts(raised: 4, closed: 4, overdue: 2))
    }

    @Test func levelThatSettledThem() throws {
        let report = try report()
        let a = try #require(report.figures(of: ReportFixture.gridA)), b = try #require(report.figures(of: ReportFixture.gridB))
        // Closed in November, by level: CA1 grid, CA3 community, CA4 street. Settled by agreement:
        // CA1 (reached), CA3 (partial); CA4 was referred to court. In the grid: 1 of 2 = 50.0%.
        #expect(a.closedByLevel == [.grid: 1, .community: 1, .street: 1])
        #expect(a.settledByLevel == [.grid: 1, .community: 1])
        #expect(ReportShare.percent(a.settledByLevel[.grid] ?? 0, of: a.settled) == "50.0%")
        #expect(b.closedByLevel == [.grid: 1])
        #expect(b.settledByLevel == [.grid: 1])
        // All: settled 3, in the grid 2: 66.666…% → 66.7%.
        #expect(report.total.settledByLevel == [.grid: 2, .community: 1])
        #expect(ReportShare.percent(report.total.settledByLevel[.grid] ?? 0, of: report.total.settled) == "66.7%")
    }

    @Test func satisfactionAndFollowUps() throws {
        let report = try report()
        let a = try #require(report.figures(of: ReportFixture.gridA)), b = try #require(report.figures(of: ReportFixture.gridB))
        // Rated in November: CA1 satisfied, CA3 mostly, CA4 not (11-30 23:10). 2 of 3 = 66.7%.
        #expect(a.satisfaction == [.satisfied: 1, .mostlySatisfied: 1, .notSatisfied: 1])
        #expect(a.satisfiedOrMostly == 2)
        // Follow-ups in November: CA1 (11-21, note on 11-22: done), CA4 (11-29, nothing after: not done);
        // CA3's falls on 12-12.
        #expect(a.followUpsDue == 2)
        #expect(a.followUpsDone == 1)
        // CB1 satisfied, CB2 rated satisfied again on 11-05; follow-ups CB1 11-24 (not done), CB2 11-20 (note that day: done).
        #expect(b.satisfaction == [.satisfied: 2])
        #expect(b.followUpsDue == 2)
        #expect(b.followUpsDone == 1)
        // All: 5 rated, 4 satisfied or mostly = 80.0%.
        #expect(report.total.rated == 5)
        #expect(ReportShare.percent(report.total.satisfiedOrMostly, of: report.total.rated) == "80.0%")
        #expect(report.total.followUpsDue == 4)
        #expect(report.total.followUpsDone == 2)
    }

    /// While the month runs the figures stand at the end of today: a case raised or a visit
    /// recorded later does not count yet.
    @Test func aMonthUnderWayStandsAtToday() throws {
        let report = try report(today: "2026-11-15")
        let a = try #require(report.figures(of: ReportFixture.gridA))
        #expect(report.asOf == ReportFixture.day("2026-11-15"))
        // Raised by 11-15: CA1, CA4 (11-15); CA5 later. Closed by then: CA1, CA3. Overdue: CA2 only.
        #expect(a.cases == CaseCounts(raised: 2, closed: 2, overdue: 1))
        // Visited by 11-15: HA1 (patrol 11-03), HA4 (11-01); HA3's patrol is on 11-30.
        #expect(a.householdsVisited == 2)
        #expect(report.title(.en) == "示例社区 monthly report, 2026-11 (to 2026-11-15)")
    }

    @Test func monthsParseStrictly() {
        #expect(ReportMonth("2026-11")?.lastDay == ReportFixture.day("2026-11-30"))
        #expect(ReportMonth("2024-02")?.lastDay == ReportFixture.day("2024-02-29"))
        for bad in ["2026-13", "2026-1", "26-11", "2026/11", "2026-11-01", "", "２０２６-11", "2026-00"] {
            #expect(ReportMonth(bad) == nil, "\(bad)")
        }
    }

    @Test func sharesRoundHalfUpToOneDecimal() {
        #expect(ReportShare.percent(1, of: 8) == "12.5%")
        #expect(ReportShare.percent(1, of: 3) == "33.3%")
        #expect(ReportShare.percent(2, of: 3) == "66.7%")
        #expect(ReportShare.percent(1, of: 16) == "6.3%")
        #expect(ReportShare.percent(5, of: 5) == "100.0%")
        #expect(ReportShare.percent(0, of: 0) == "—")
    }

    @Test func theWorkbookHasAFigureARowAndTheAuditHead() throws {
        let report = try report()
        let sheet = try #require(report.workbook(.zh).sheets.first)
        #expect(sheet.header == ["指标", "合计", "第1网格", "第2网格"])
        let visited = try #require(sheet.rows.first { $0.first == .text("本月走访户数") })
        #expect(visited == [.text("本月走访户数"), .integer(4), .integer(3), .integer(1)])
        let share = try #require(sheet.rows.first { $0.first == .text("小事不出网格（网格化解占比）") })
        #expect(share == [.text("小事不出网格（网格化解占比）"), .text("66.7%"), .text("50.0%"), .text("100.0%")])
        #expect(sheet.rows.last == [.text("审计记录：第 42 条，摘要 abc123")])
        #expect(report.auditLine(.en) == "audit trail: 42 entries, head abc123")
    }

    /// A report on one grid has one column: the grid's, equal to the whole.
    @Test func oneGridIsOneColumn() throws {
        let month = try #require(ReportFixture.november)
        var records = try ReportFixture.records()
        records.grids = records.grids.filter { $0.code == ReportFixture.gridB }
        records.households = records.households.filter { $0.gridCode == ReportFixture.gridB }
        records.residents = records.residents.filter { $0.gridCode == ReportFixture.gridB }
        records.patrols = records.patrols.filter { $0.gridCode == ReportFixture.gridB }
        records.cases = records.cases.filter { $0.gridCode == ReportFixture.gridB }
        let report = MonthlyReport(month: month, today: ReportFixture.day("2026-12-01"), areaName: "第2网格", records: records)
        #expect(report.areaNames(.zh) == ["第2网格"])
        #expect(report.lines(.zh).allSatisfy { $0.isHeading || $0.values.count == 1 })
        #expect(report.total == report.figures(of: ReportFixture.gridB))
        #expect(report.auditLine(.zh) == "审计记录：无")
    }
}

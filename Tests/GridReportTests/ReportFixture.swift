import Foundation
import GridModel
import GridReport

/// A small made-up community, built by hand for November 2026, whose every monthly figure is
/// worked out in `MonthlyReportTests`'s comments. Times are Beijing time (UTC+8); the report is
/// made on 2026-12-01, so the figures stand at the end of 2026-11-30.
enum ReportFixture {
    static let zone = TimeZone.chinaStandard
    static let gridA = GridCode("420303001001001")
    static let gridB = GridCode("420303001001002")
    static let worker = RecordID("W-1")
    static let november = ReportMonth(year: 2026, month: 11)

    static func day(_ text: String) -> Day { Day(iso: text) ?? Day(dayNumber: 0) }

    /// `2026-11-03 09:00` on a Beijing clock.
    static func at(_ text: String) -> Date {
        let parts = text.split(separator: " ")
        let clock = parts[1].split(separator: ":").compactMap { Int($0) }
        return day(String(parts[0])).start(in: zone).addingTimeInterval(TimeInterval(clock[0] * 3600 + clock[1] * 60))
    }

    static func meta(_ id: String, _ time: String = "2026-01-01 08:00") -> RecordMeta {
        RecordMeta(id: RecordID(id), createdBy: worker, createdAt: at(time))
    }

    static let grids = [
        Grid(meta: meta("G-A"), code: gridA, name: "第1网格", kind: .community, districtName: "张湾区", streetName: "汉江路街道",
             communityName: "示例社区", workerID: worker, headName: "格长一", microGrids: []),
        Grid(meta: meta("G-B"), code: gridB, name: "第2网格", kind: .community, districtName: "张湾区", streetName: "汉江路街道",
             communityName: "示例社区", workerID: nil, headName: "格长二", microGrids: []),
    ]

    static func household(_ id: String, _ grid: GridCode, lastVisit: String?) -> Household {
        Household(meta: meta(id), gridCode: grid, microGrid: nil, address: Address(compound: "示例花园", building: id, unit: "1单元", room: "101"),
                  residency: .ownerOccupied, lastVisit: lastVisit.map(day))
    }

    static let households = [
        household("HA1", gridA, lastVisit: "2026-11-20"),
        household("HA2", gridA, lastVisit: "2026-10-25"),
        household("HA3", gridA, lastVisit: nil),
        household("HA4", gridA, lastVisit: "2026-08-01"),
        household("HB1", gridB, lastVisit: "2026-11-10"),
        household("HB2", gridB, lastVisit: nil),
        household("HB3", gridB, lastVisit: "2026-10-20"),
    ]

    static func resident(_ id: String, _ household: String, _ grid: GridCode, _ tags: [PopulationTag],
                         _ status: ResidentStatus = .livingHere) -> Resident {
        Resident(meta: meta(id), householdID: RecordID(household), gridCode: grid, name: "居民" + id, gender: .female,
                 birthDate: day("1950-01-01"), idNumber: nil, phone: nil, relation: .head, status: status, tags: tags)
    }

    static let residents = [
        resident("RA1", "HA1", gridA, [.elderlyAlone]),
        resident("RA2", "HA2", gridA, [.emptyNestElderly, .disabled]),
        resident("RA3", "HA4", gridA, [.subsistenceAllowance]),
        resident("RA4", "HA4", gridA, [.partyMember]),
        resident("RA5", "HA3", gridA, [.elderlyAlone], .movedOut),
        resident("RA6", "HA3", gridA, [.migrant]),
        resident("RB1", "HB1", gridB, [.leftBehindChild]),
        resident("RB2", "HB2", gridB, [.severeMentalDisorder]),
        resident("RB3", "HB1", gridB, [.emptyNestElderly], .away),
        resident("RB4", "HB3", gridB, [.subsistenceAllowance]),
    ]

    static func patrol(_ id: String, _ grid: GridCode, _ kind: PatrolKind, _ start: Date, _ households: [String],
                       _ findings: [Finding] = []) -> PatrolLog {
        PatrolLog(meta: meta(id), gridCode: grid, workerID: worker, kind: kind, start: start, end: start.addingTimeInterval(1800),
                  householdIDs: households.map { RecordID($0) }, findings: findings)
    }

    static let patrols = [
        // 2026-10-31 23:30 UTC: still October in UTC, already 2026-11-01 07:30 in Beijing.
        patrol("PA0", gridA, .routine, Date(timeIntervalSince1970: 1_793_489_400), ["HA4"]),
        patrol("PA1", gridA, .homeVisit, at("2026-11-03 09:00"), ["HA1"],
               [Finding(kind: .hazard, text: "电动车楼道充电"), Finding(kind: .dispute, text: "邻里噪音", caseID: RecordID("CA1"))]),
        patrol("PA2", gridA, .hazardCheck, at("2026-11-30 23:30"), ["HA3"], [Finding(kind: .request, text: "希望加装扶手")]),
        // December in Beijing: outside the month, and after the figures' end.
        patrol("PA3", gridA, .hazardCheck, at("2026-12-01 00:30"), ["HA2"], [Finding(kind: .hazard, text: "消防通道堵塞")]),
        patrol("PA4", gridA, .saturdayReception, at("2026-10-10 10:00"), [], [Finding(kind: .dispute, text: "楼道堆物", caseID: RecordID("CA3"))]),
        patrol("PB1", gridB, .quarterlyRound, at("2026-11-14 10:00"), [], [Finding(kind: .dispute, text: "家庭矛盾", caseID: RecordID("CB1"))]),
    ]

    static func newCase(_ id: String, _ grid: GridCode, _ category: CaseCategory, raised: String) -> DisputeCase {
        DisputeCase(meta: meta(id, raised + " 08:00"), number: "JF2026-" + id, title: "案件" + id, category: category,
                    parties: [Party(name: "当事人")], gridCode: grid, source: .resident, matterClass: .smallMatter, raisedOn: day(raised))
    }

    static func cases() throws -> [DisputeCase] {
        // CA1: raised, closed in the grid by agreement and rated in November; follow-up 11-21 done by the note of 11-22.
        var ca1 = newCase("CA1", gridA, .neighbours, raised: "2026-11-03")
        try ca1.advance(to: .heard, note: "听取", by: worker, at: at("2026-11-04 09:00"))
        try ca1.setDeadline(day("2026-11-20"), by: worker, at: at("2026-11-04 09:10"))
        try ca1.advance(to: .handled, note: "办理", by: worker, at: at("2026-11-05 09:00"))
        try ca1.recordOutcome(.agreementReached, agreement: "互谅", by: worker, at: at("2026-11-06 09:00"))
        try ca1.advance(to: .evaluated, note: "评事", by: worker, at: at("2026-11-06 10:00"))
        try ca1.close(note: "结案", by: worker, at: at("2026-11-07 09:00"))
        try ca1.recordSatisfaction(.satisfied, followUp: day("2026-11-21"), by: worker, at: at("2026-11-07 09:30"))
        try ca1.addNote("回访当事人，表示满意", by: worker, at: at("2026-11-22 15:00"))

        // CA2: raised in October, at the community, open past its deadline of 10-31.
        var ca2 = newCase("CA2", gridA, .propertyManagement, raised: "2026-10-05")
        try ca2.setDeadline(day("2026-10-31"), by: worker, at: at("2026-10-05 09:00"))
        try ca2.advance(to: .heard, note: "听取", by: worker, at: at("2026-10-06 09:00"))
        try ca2.escalate(reason: "涉及物业公司", by: worker, at: at("2026-10-10 09:00"))

        // CA3: raised in October, closed in November at the community with a partial agreement;
        // rated mostly satisfied in November, its follow-up falls in December.
        var ca3 = newCase("CA3", gridA, .neighbours, raised: "2026-10-10")
        try ca3.advance(to: .heard, note: "听取", by: worker, at: at("2026-10-11 09:00"))
        try ca3.escalate(reason: "需社区议事", by: worker, at: at("2026-10-12 09:00"))
        try ca3.setDeadline(day("2026-11-01"), by: worker, at: at("2026-10-12 09:10"))
        try ca3.advance(to: .deliberated, note: "议事", by: worker, at: at("2026-10-20 09:00"))
        try ca3.advance(to: .decided, note: "定事", by: worker, at: at("2026-10-25 09:00"))
        try ca3.advance(to: .handled, note: "办事", by: worker, at: at("2026-11-02 09:00"))
        try ca3.recordOutcome(.partial, agreement: "部分达成", by: worker, at: at("2026-11-10 09:00"))
        try ca3.advance(to: .evaluated, note: "评事", by: worker, at: at("2026-11-10 10:00"))
        try ca3.close(note: "结案", by: worker, at: at("2026-11-12 09:00"))
        try ca3.recordSatisfaction(.mostlySatisfied, followUp: day("2026-12-12"), by: worker, at: at("2026-11-12 09:30"))

        // CA4: raised in November, closed at 23:00 on 11-30 at the street, referred to court (not
        // settled); rated not satisfied at 23:10 with a follow-up on 11-29 that nothing records as done.
        var ca4 = newCase("CA4", gridA, .wages, raised: "2026-11-15")
        try ca4.advance(to: .heard, note: "听取", by: worker, at: at("2026-11-16 09:00"))
        try ca4.escalate(reason: "涉及企业", by: worker, at: at("2026-11-16 10:00"))
        try ca4.escalate(reason: "跨社区", by: worker, at: at("2026-11-17 09:00"))
        try ca4.advance(to: .handled, note: "办事", by: worker, at: at("2026-11-18 09:00"))
        try ca4.recordOutcome(.referredToCourt, agreement: nil, by: worker, at: at("2026-11-26 09:00"))
        try ca4.advance(to: .evaluated, note: "评事", by: worker, at: at("2026-11-26 10:00"))
        try ca4.close(note: "结案", by: worker, at: at("2026-11-30 23:00"))
        try ca4.recordSatisfaction(.notSatisfied, followUp: day("2026-11-29"), by: worker, at: at("2026-11-30 23:10"))

        // CA5: raised in November, deadline 11-28, closed only at 00:30 on 12-01: at the month's
        // end it was open and overdue.
        var ca5 = newCase("CA5", gridA, .debt, raised: "2026-11-20")
        try ca5.advance(to: .heard, note: "听取", by: worker, at: at("2026-11-21 09:00"))
        try ca5.setDeadline(day("2026-11-28"), by: worker, at: at("2026-11-21 09:10"))
        try ca5.advance(to: .handled, note: "办事", by: worker, at: at("2026-11-22 09:00"))
        try ca5.recordOutcome(.agreementReached, agreement: "分期还款", by: worker, at: at("2026-11-25 09:00"))
        try ca5.advance(to: .evaluated, note: "评事", by: worker, at: at("2026-11-25 10:00"))
        try ca5.close(note: "结案", by: worker, at: at("2026-12-01 00:30"))

        // CB1: raised and closed in the grid in November, rated satisfied; follow-up 11-24 not done.
        var cb1 = newCase("CB1", gridB, .familyAndMarriage, raised: "2026-11-14")
        try cb1.advance(to: .heard, note: "听取", by: worker, at: at("2026-11-14 10:00"))
        try cb1.advance(to: .handled, note: "办事", by: worker, at: at("2026-11-15 09:00"))
        try cb1.recordOutcome(.agreementReached, agreement: "和好", by: worker, at: at("2026-11-16 09:00"))
        try cb1.advance(to: .evaluated, note: "评事", by: worker, at: at("2026-11-16 10:00"))
        try cb1.close(note: "结案", by: worker, at: at("2026-11-17 09:00"))
        try cb1.recordSatisfaction(.satisfied, followUp: day("2026-11-24"), by: worker, at: at("2026-11-17 09:30"))

        // CB2: closed in September; rated again on 11-05 with a follow-up on 11-20, done by the note that day.
        var cb2 = newCase("CB2", gridB, .neighbours, raised: "2026-09-01")
        try cb2.advance(to: .heard, note: "听取", by: worker, at: at("2026-09-02 09:00"))
        try cb2.advance(to: .handled, note: "办事", by: worker, at: at("2026-09-03 09:00"))
        try cb2.recordOutcome(.agreementReached, agreement: "协商一致", by: worker, at: at("2026-09-10 09:00"))
        try cb2.advance(to: .evaluated, note: "评事", by: worker, at: at("2026-09-10 10:00"))
        try cb2.close(note: "结案", by: worker, at: at("2026-09-20 09:00"))
        try cb2.recordSatisfaction(.satisfied, followUp: day("2026-10-01"), by: worker, at: at("2026-09-20 09:30"))
        try cb2.recordSatisfaction(.satisfied, followUp: day("2026-11-20"), by: worker, at: at("2026-11-05 09:00"))
        try cb2.addNote("电话回访确认问题已解决", by: worker, at: at("2026-11-20 16:00"))

        // CB3: raised on 12-01, after the figures' end: counted nowhere.
        let cb3 = newCase("CB3", gridB, .other, raised: "2026-12-01")
        return [ca1, ca2, ca3, ca4, ca5, cb1, cb2, cb3]
    }

    /// The schedule the figures were worked out by hand under (7, 30 or 90 days; party members
    /// and veterans none), set as a community's `visit-schedule.json` would.
    static let schedule = VisitSchedule(intervals: [
        .elderlyAlone: 7, .communityCorrection: 7, .severeMentalDisorder: 7,
        .emptyNestElderly: 30, .leftBehindChild: 30, .disabled: 30,
        .subsistenceAllowance: 90, .migrant: 90,
    ])

    static func records() throws -> ReportRecords {
        var records = ReportRecords(grids: grids, households: households, residents: residents, patrols: patrols, cases: try cases(), timeZone: zone)
        records.visitSchedule = schedule
        return records
    }
}

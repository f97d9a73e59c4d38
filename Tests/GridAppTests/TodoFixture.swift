import Foundation
import GridModel
@testable import GridApp

/// A small folder with known due dates for the to-do screen, on 2026-11-22 (a Sunday) at 10:00:
///
/// | who | tag (interval) | household, last visit | due | on 11-22 |
/// |---|---|---|---|---|
/// | 甲老人 | 独居老人 (7) | H-a, 11-10 | 11-17 | 5 days late |
/// | 乙老人 | 空巢老人 (14) | H-b, 11-08 | 11-22 | due today |
/// | 丙居民 | 残疾人 (30) | H-c, 11-01 | 12-01 | not due |
/// | 丁居民 | 低保 (30) | H-d, never | — | never visited |
/// | 戊老人 | 独居老人, deceased | H-c | — | not listed |
/// | 己老人 | 独居老人, moved out | H-c | — | not listed |
/// | 庚老人 | 独居老人 (7), grid two | H-e, never | — | someone else's grid |
///
/// Cases: K-1 past its deadline (11-20), K-2 without one, K-3 assigned to the worker within its
/// deadline, K-4 assigned to someone else within its deadline (not listed), K-5 closed with a
/// follow-up due 11-20, K-6 closed with a follow-up due 11-20 made on 11-21 (not listed).
enum TodoFixture {
    static let china = TimeZone.chinaStandard
    static let today = day(11, 22)
    static let gridOne = GridCode("420303001005001"), gridTwo = GridCode("420303001005002")
    static let admin = RecordID("W-admin"), worker = RecordID("W-1"), other = RecordID("W-2")

    static func day(_ month: Int, _ number: Int) -> Day { Day(year: 2026, month: month, day: number) ?? Day(dayNumber: 0) }
    static func at(_ month: Int, _ number: Int, _ hour: Int) -> Date { day(month, number).start(in: china).addingTimeInterval(Double(hour * 3600)) }
    static let now = at(11, 22, 10)
    static func meta(_ id: String) -> RecordMeta { RecordMeta(id: RecordID(id), createdBy: admin, createdAt: at(9, 1, 9)) }

    static func household(_ id: String, _ grid: GridCode, building: String, room: String, visited: Day?) -> Household {
        Household(meta: meta(id), gridCode: grid, microGrid: nil, address: Address(compound: "测试小区", building: building, unit: "1单元", room: room),
                  residency: .ownerOccupied, lastVisit: visited)
    }

    static func resident(_ id: String, _ household: String, _ grid: GridCode, _ name: String, _ tags: [PopulationTag],
                         status: ResidentStatus = .livingHere) -> Resident {
        Resident(meta: meta(id), householdID: RecordID(household), gridCode: grid, name: name, gender: .female,
                 birthDate: day(1, 1).adding(days: -365 * 80), idNumber: nil, phone: nil, relation: .head, status: status, tags: tags)
    }

    static let households = [
        household("H-a", gridOne, building: "1栋", room: "101", visited: day(11, 10)),
        household("H-b", gridOne, building: "1栋", room: "102", visited: day(11, 8)),
        household("H-c", gridOne, building: "2栋", room: "201", visited: day(11, 1)),
        household("H-d", gridOne, building: "2栋", room: "202", visited: nil),
        household("H-e", gridTwo, building: "9栋", room: "901", visited: nil),
    ]

    static let residents = [
        resident("R-a", "H-a", gridOne, "甲老人", [.elderlyAlone]),
        resident("R-b", "H-b", gridOne, "乙老人", [.emptyNestElderly]),
        resident("R-c", "H-c", gridOne, "丙居民", [.disabled]),
        resident("R-d", "H-d", gridOne, "丁居民", [.subsistenceAllowance]),
        resident("R-x", "H-c", gridOne, "戊老人", [.elderlyAlone], status: .deceased),
        resident("R-y", "H-c", gridOne, "己老人", [.elderlyAlone], status: .movedOut),
        resident("R-e", "H-e", gridTwo, "庚老人", [.elderlyAlone]),
    ]

    static func cases() throws -> [DisputeCase] {
        func newCase(_ id: String, _ title: String, raised: Day) -> DisputeCase {
            DisputeCase(meta: RecordMeta(id: RecordID(id), createdBy: worker, createdAt: raised.start(in: china)),
                        number: "JF2026-0000" + id.suffix(1), title: title, category: .neighbours,
                        parties: [Party(name: "测试甲", role: "申请人")], gridCode: gridOne, source: .resident, matterClass: .smallMatter,
                        raisedOn: raised, note: "")
        }
        var late = newCase("K-1", "楼道堆物纠纷", raised: day(11, 1))
        try late.setDeadline(day(11, 20), by: worker, at: at(11, 1, 11))
        let undated = newCase("K-2", "停车位争议", raised: day(11, 5))
        var mine = newCase("K-3", "噪音扰民", raised: day(11, 6))
        try mine.assign(to: worker, by: admin, at: at(11, 6, 11))
        try mine.setDeadline(day(12, 6), by: worker, at: at(11, 6, 12))
        var theirs = newCase("K-4", "漏水维修", raised: day(11, 7))
        try theirs.assign(to: other, by: admin, at: at(11, 7, 11))
        try theirs.setDeadline(day(12, 7), by: other, at: at(11, 7, 12))
        func settled(_ id: String, _ title: String) throws -> DisputeCase {
            var item = newCase(id, title, raised: day(10, 1))
            try item.advance(to: .heard, note: "听取诉求", by: worker, at: at(10, 2, 9))
            try item.advance(to: .handled, note: "协调", by: worker, at: at(10, 3, 9))
            try item.recordOutcome(.agreementReached, agreement: "双方和解", by: worker, at: at(10, 4, 9))
            try item.advance(to: .evaluated, note: "评价", by: worker, at: at(10, 5, 9))
            try item.recordSatisfaction(.satisfied, followUp: day(11, 20), by: worker, at: at(10, 5, 10))
            try item.close(note: "结案", by: worker, at: at(10, 6, 9))
            return item
        }
        let followUp = try settled("K-5", "宠物扰邻")
        var visited = try settled("K-6", "晾衣纠纷")
        try visited.addNote("回访：双方满意", by: worker, at: at(11, 21, 15))
        return [late, undated, mine, theirs, followUp, visited]
    }

    static func data(schedule: VisitSchedule = .standard) throws -> DashboardData {
        let workers = [
            Worker(meta: meta("W-admin"), name: "管理员", role: .admin, gridCodes: [], phone: nil),
            Worker(meta: meta("W-1"), name: "网格员甲", role: .gridWorker, gridCodes: [gridOne], phone: nil),
            Worker(meta: meta("W-2"), name: "网格员乙", role: .gridWorker, gridCodes: [gridTwo], phone: nil),
        ]
        let grids = [gridOne, gridTwo].enumerated().map { index, code in
            Grid(meta: meta("G-\(index + 1)"), code: code, name: "测试\(index + 1)网格", kind: .community, districtName: "张湾区",
                 streetName: "汉江路街道", communityName: "测试社区", workerID: index == 0 ? worker : other, headName: "", microGrids: [])
        }
        let cases = try cases()
        var byGrid: [GridCode: DataSummary] = [:]
        for code in [gridOne, gridTwo] {
            let own = households.filter { $0.gridCode == code }
            var summary = DataSummary(households: own)
            summary.merge(DataSummary(residents: residents.filter { $0.gridCode == code }, households: own, schedule: schedule))
            summary.merge(DataSummary(cases: cases.filter { $0.gridCode == code }))
            byGrid[code] = summary
        }
        var whole = DataSummary()
        for summary in byGrid.values { whole.merge(summary) }
        var data = DashboardData(areaName: "测试社区", today: today, overview: Overview(whole, today: today), grids: grids, workers: workers,
                                 households: households, residents: residents, patrols: [], cases: cases, loadedGrid: nil,
                                 unreadableFiles: 0, timeZone: china, areaCode: "420303001005")
        data.visitSchedule = schedule
        data.gridSummaries = byGrid
        return data
    }

    /// The state of `actor` just logged in at 10:00 on the fixture's day.
    static func state(as actor: RecordID = worker, width: Int = 80, height: Int = 24, language: Language = .zh,
                      schedule: VisitSchedule = .standard) throws -> AppState {
        AppState(data: try data(schedule: schedule), language: language, themeName: "default", width: width, height: height,
                 actor: actor, login: "test", clock: now)
    }
}

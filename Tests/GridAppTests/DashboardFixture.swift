import Foundation
import GridModel
@testable import GridApp

/// A small community built by hand for reducer and render tests: Chinese and Latin names, a long
/// address, an overdue case and a closed one. The only ID number is the standard's own example.
enum DashboardFixture {
    static let china = TimeZone.chinaStandard
    static let today = Day(year: 2026, month: 11, day: 22) ?? Day(dayNumber: 0)
    static let gridOne = GridCode("420303001005001")
    static let gridTwo = GridCode("420303001005002")
    static let admin = RecordID("W-admin"), li = RecordID("W-1"), zhang = RecordID("W-2")

    /// 2026-11-dd hh:mm in China Standard Time.
    static func at(_ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        (Day(year: 2026, month: month, day: day) ?? today).start(in: china).addingTimeInterval(Double(hour * 3600 + minute * 60))
    }

    static func meta(_ id: String) -> RecordMeta { RecordMeta(id: RecordID(id), createdBy: admin, createdAt: at(9, 1, 9)) }

    static func data(language: Language = .zh) throws -> DashboardData {
        let workers = [
            Worker(meta: meta("W-admin"), name: "刘书记", role: .admin, gridCodes: [], phone: nil),
            Worker(meta: meta("W-1"), name: "李春梅", role: .gridWorker, gridCodes: [gridOne, gridTwo], phone: nil),
            Worker(meta: meta("W-2"), name: "Zhang Wei", role: .gridWorker, gridCodes: [gridTwo], phone: nil),
        ]
        let grids = [
            Grid(meta: meta("G-1"), code: gridOne, name: "第一网格", kind: .community, districtName: "张湾区", streetName: "汉江路街道",
                 communityName: "幸福里社区", workerID: li, headName: "陈大伯",
                 microGrids: [MicroGrid(number: 1, headName: "陈大伯", headPhone: nil, buildings: ["1栋", "2栋"])]),
            Grid(meta: meta("G-2"), code: gridTwo, name: "第二网格", kind: .community, districtName: "张湾区", streetName: "汉江路街道",
                 communityName: "幸福里社区", workerID: zhang, headName: "Wang Fang", microGrids: []),
        ]
        let households = [
            Household(meta: meta("H-1"), gridCode: gridOne, microGrid: 1, address: Address(compound: "清潭花园", building: "1栋", unit: "1单元", room: "101"),
                      residency: .ownerOccupied, lastVisit: Day(year: 2026, month: 11, day: 20)),
            Household(meta: meta("H-2"), gridCode: gridOne, microGrid: 1, address: Address(compound: "清潭花园", building: "2栋", unit: "3单元", room: "1502"),
                      residency: .rented, tags: ["出租房屋"], notes: "租户为外来务工人员"),
            Household(meta: meta("H-3"), gridCode: gridTwo, microGrid: nil,
                      address: Address(compound: "幸福里小区这是一个很长的小区名称", building: "8栋", unit: "2单元", room: "602"), residency: .vacant),
        ]
        let residents = [
            Resident(meta: meta("P-1"), householdID: RecordID("H-1"), gridCode: gridOne, name: "王秀英", gender: .female,
                     birthDate: Day(year: 1949, month: 12, day: 31) ?? today, idNumber: "11010519491231002X", phone: "13800000000",
                     relation: .head, tags: [.elderlyAlone]),
            Resident(meta: meta("P-2"), householdID: RecordID("H-2"), gridCode: gridOne, name: "Li Ming", gender: .male,
                     birthDate: Day(year: 1990, month: 5, day: 1) ?? today, idNumber: nil, phone: nil, relation: .head, tags: [.migrant]),
            Resident(meta: meta("P-3"), householdID: RecordID("H-2"), gridCode: gridOne, name: "陈晓", gender: .female,
                     birthDate: Day(year: 2015, month: 3, day: 9) ?? today, idNumber: nil, phone: nil, relation: .child),
        ]
        let patrols = [
            PatrolLog(meta: meta("L-1"), gridCode: gridOne, workerID: li, kind: .homeVisit, start: at(11, 20, 9, 30), end: at(11, 20, 10, 15),
                      householdIDs: [RecordID("H-1")], notes: "看望独居老人，身体状况良好"),
            PatrolLog(meta: meta("L-2"), gridCode: gridOne, workerID: li, kind: .hazardCheck, start: at(11, 18, 14), end: at(11, 18, 15),
                      findings: [Finding(kind: .hazard, text: "楼道内电动车充电", householdID: RecordID("H-2"))]),
            PatrolLog(meta: meta("L-3"), gridCode: gridTwo, workerID: zhang, kind: .saturdayReception, start: at(11, 21, 9), end: at(11, 21, 11, 30),
                      findings: [Finding(kind: .dispute, text: "邻居装修噪音扰民", caseID: RecordID("C-2"))]),
        ]
        let cases = try makeCases()
        var summary = DataSummary(households: households)
        summary.merge(DataSummary(residents: residents, households: households))
        summary.merge(DataSummary(patrols: patrols, timeZone: china))
        summary.merge(DataSummary(cases: cases))
        summary.merge(DataSummary(count: grids.count, of: .grid))
        summary.merge(DataSummary(count: workers.count, of: .worker))
        return DashboardData(areaName: "幸福里社区", today: today, overview: Overview(summary, today: today), grids: grids, workers: workers,
                             households: households, residents: residents, patrols: patrols, cases: cases, loadedGrid: nil,
                             unreadableFiles: 0, timeZone: china, areaCode: "420303001005")
    }

    static func makeCases() throws -> [DisputeCase] {
        func newCase(_ id: String, _ number: String, _ title: String, _ category: CaseCategory, grid: GridCode, raised: Date,
                     source: CaseSource = .resident, parties: [Party]) -> DisputeCase {
            DisputeCase(meta: RecordMeta(id: RecordID(id), createdBy: li, createdAt: raised), number: number, title: title, category: category,
                        parties: parties, gridCode: grid, source: source, matterClass: .smallMatter, raisedOn: Day(raised, in: china), note: "居民来电反映")
        }
        var leak = newCase("C-1", "JF2026-00001", "楼上漏水引发邻里矛盾", .neighbours, grid: gridOne, raised: at(11, 2, 9),
                           parties: [Party(name: "王秀英", residentID: RecordID("P-1"), role: "申请人"), Party(name: "赵某", role: "被申请人")])
        try leak.advance(to: .heard, note: "网格员上门听取双方诉求", by: li, at: at(11, 3, 10))
        try leak.setDeadline(Day(year: 2026, month: 11, day: 15) ?? today, by: li, at: at(11, 3, 10, 5))

        let noise = newCase("C-2", "JF2026-00002", "装修噪音扰民", .neighbours, grid: gridTwo, raised: at(11, 21, 11), source: .saturdayReception,
                            parties: [Party(name: "孙某", role: "申请人"), Party(name: "Li Ming", residentID: RecordID("P-2"), role: "被申请人")])

        var fee = newCase("C-3", "JF2026-00003", "物业费收取争议", .propertyManagement, grid: gridOne, raised: at(10, 12, 15),
                          parties: [Party(name: "业主代表", role: "申请人"), Party(name: "某物业服务公司", role: "被申请人")])
        try fee.advance(to: .heard, note: "收集业主意见", by: li, at: at(10, 13, 9))
        try fee.escalate(reason: "涉及全体业主，上报社区", by: li, at: at(10, 14, 9))
        try fee.advance(to: .deliberated, note: "社区召开议事会", by: admin, at: at(10, 20, 19))
        try fee.advance(to: .decided, note: "业主投票通过收费方案", by: admin, at: at(10, 28, 20))

        var wages = newCase("C-4", "JF2026-00004", "拖欠装修工人工资", .wages, grid: gridOne, raised: at(9, 5, 10),
                            parties: [Party(name: "装修工人", role: "申请人"), Party(name: "某装饰公司", role: "被申请人")])
        try wages.assign(to: li, by: admin, at: at(9, 5, 11))
        try wages.advance(to: .heard, note: "核实欠薪情况", by: li, at: at(9, 6, 9))
        try wages.advance(to: .handled, note: "约谈公司负责人", by: li, at: at(9, 10, 14))
        try wages.recordOutcome(.agreementReached, agreement: "乙方于十五日内付清工资", by: li, at: at(9, 12, 16))
        try wages.advance(to: .evaluated, note: "回访工人", by: li, at: at(9, 20, 10))
        try wages.recordSatisfaction(.satisfied, followUp: Day(year: 2026, month: 12, day: 20), by: li, at: at(9, 20, 10, 30))
        try wages.close(note: "结案", by: li, at: at(9, 21, 9))
        return [leak, noise, fee, wages]
    }

    static func state(_ width: Int = 80, _ height: Int = 24, language: Language = .zh) throws -> AppState {
        AppState(data: try data(), language: language, themeName: "default", width: width, height: height)
    }

    /// The fixture's records in a district of 25 grids (23 of them empty), grid one read.
    static func district() throws -> DashboardData {
        var data = try data()
        data.grids += (3...25).map { number in
            Grid(meta: meta("G-\(number)"), code: GridCode("420303001005" + String(number + 100).suffix(3)), name: "第\(number)网格",
                 kind: .community, districtName: "张湾区", streetName: "汉江路街道", communityName: "幸福里社区", workerID: nil, headName: "", microGrids: [])
        }
        data.loadedGrid = gridOne
        return data
    }

    /// 李春梅 at work on screen `screen` at 10:00 on the fixture's day.
    static func working(on screen: Character) throws -> AppState {
        var state = try state()
        state.actor = li
        state.clock = at(11, 22, 10)
        _ = AppReducer.reduce(&state, .key(.character(screen)))
        return state
    }
}

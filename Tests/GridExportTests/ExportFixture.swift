import Foundation
import GridExport
import GridModel
import GridStore
import TestSupport

/// A small made-up community for export tests: two grids, a household in each, three
/// residents, a patrol whose finding opened a case, and the workers of each role. The numbers
/// are synthetic (area 420399 is assigned to no county, phones are 1380000xxxx).
enum ExportFixture {
    static let now = SampleCommunity.now
    static let gridOne = SampleCommunity.gridOne
    static let gridTwo = SampleCommunity.gridTwo
    static let zone = TimeZone.chinaStandard

    static func meta(_ id: String) -> RecordMeta { RecordMeta(id: RecordID(id), createdBy: RecordID("W-admin"), createdAt: now) }
    static func day(_ text: String) -> Day { Day(iso: text) ?? Day(dayNumber: 0) }

    static let admin = Worker(meta: meta("W-admin"), name: "管理员甲", role: .admin, gridCodes: [], phone: nil)
    static let gridWorker = Worker(meta: meta("W-one"), name: "网格员乙", role: .gridWorker, gridCodes: [gridOne], phone: nil)
    static let supervisor = Worker(meta: meta("W-sup"), name: "督导丙", role: .supervisor, gridCodes: [], phone: nil)

    static let grids = [
        Grid(meta: meta("G-1"), code: gridOne, name: "第1网格", kind: .community, districtName: "张湾区", streetName: "汉江路街道",
             communityName: "示例社区", workerID: gridWorker.id, headName: "格长一", microGrids: []),
        Grid(meta: meta("G-2"), code: gridTwo, name: "第2网格", kind: .community, districtName: "张湾区", streetName: "汉江路街道",
             communityName: "示例社区", workerID: nil, headName: "格长二", microGrids: []),
    ]

    static let households = [
        Household(meta: meta("H-1"), gridCode: gridOne, microGrid: 2,
                  address: Address(compound: "示例花园", building: "3栋", unit: "2单元", room: "501"), residency: .rented,
                  tags: ["出租房屋", "自定标签"], lastVisit: day("2026-09-01"), pairedVolunteer: "志愿者丁", notes: "=cmd|' /C calc'!A0"),
        Household(meta: meta("H-2"), gridCode: gridTwo, microGrid: nil,
                  address: Address(compound: "示例村", building: "二组", unit: "", room: "8号"), residency: .ownerOccupied),
    ]

    static let headID = SampleCommunity.idNumber(birth: day("1950-03-01"), sequence: 1)
    static let residents = [
        Resident(meta: meta("P-1"), householdID: RecordID("H-1"), gridCode: gridOne, name: "居民甲", gender: .male,
                 birthDate: day("1950-03-01"), idNumber: headID, phone: "13800000001", relation: .head,
                 tags: [.elderlyAlone, .partyMember], notes: "第一行\n第二行"),
        Resident(meta: meta("P-2"), householdID: RecordID("H-1"), gridCode: gridOne, name: "居民乙", gender: .female,
                 birthDate: day("1952-07-09"), idNumber: nil, phone: "13800000002", relation: .spouse),
        Resident(meta: meta("P-3"), householdID: RecordID("H-2"), gridCode: gridTwo, name: "居民丙", gender: .female,
                 birthDate: day("1980-01-02"), idNumber: SampleCommunity.idNumber(birth: day("1980-01-02"), sequence: 4), phone: nil,
                 relation: .head, status: .away),
    ]

    static var disputeCase: DisputeCase {
        var made = DisputeCase(meta: meta("C-1"), number: "JF2026-00007", title: "楼道堆物引发邻里矛盾", category: .neighbours,
                               parties: [Party(name: "居民甲", residentID: RecordID("P-1"), role: "申请人"), Party(name: "某物业公司", role: "被申请人")],
                               gridCode: gridOne, source: .patrol, matterClass: .smallMatter, raisedOn: day("2026-09-15"))
        try? made.setDeadline(day("2026-10-15"), by: admin.id, at: now)
        try? made.assign(to: gridWorker.id, by: admin.id, at: now)
        return made
    }

    /// 2026-09-14 09:30 to 11:05 in Beijing (01:30 UTC).
    static let patrol = PatrolLog(meta: meta("L-1"), gridCode: gridOne, workerID: gridWorker.id, kind: .homeVisit,
                                  start: Date(timeIntervalSince1970: 1_789_349_400), end: Date(timeIntervalSince1970: 1_789_355_100),
                                  householdIDs: [RecordID("H-1")],
                                  findings: [Finding(kind: .hazard, text: "电动车楼道充电", householdID: RecordID("H-1"), caseID: RecordID("C-1")),
                                             Finding(kind: .request, text: "希望加装扶手")])

    static var source: ExportSource {
        ExportSource(households: households, residents: residents, patrols: [patrol], cases: [disputeCase], grids: grids,
                     workers: [admin, gridWorker, supervisor], timeZone: zone)
    }
}

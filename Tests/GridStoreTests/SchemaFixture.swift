import Foundation
import Testing
import GridModel
@testable import GridStore
import TestSupport

/// A small community whose files hold every kind of file and every optional field gridwork
/// writes (a time zone, phones, micro-grids, findings that opened a case, a case worked to its
/// end, a tombstone), with ID and phone numbers in plain text; `secure` sets it up with accounts,
/// which seals them. Phone numbers are 1000000000x, which no one has.
enum SchemaFixture {
    static let now = SampleCommunity.now
    static let grid = SampleCommunity.gridOne
    static let admin = SampleCommunity.admin
    static let workerTwo = SampleCommunity.workerTwo
    static let communityPassphrase = "schema-community"
    static let adminPassphrase = "schema-admin-passphrase"
    static let locked = "locked"

    static func hoursAgo(_ hours: Double) -> Date { now.addingTimeInterval(-hours * 3600) }

    static func meta(_ id: String, hoursAgo hours: Double = 24 * 30) -> RecordMeta {
        RecordMeta(id: RecordID(id), createdBy: admin, createdAt: hoursAgo(hours))
    }

    /// Writes the plain community into `folder` and returns its store (writing as the admin).
    @discardableResult
    static func makePlain(at folder: String) throws -> Store {
        var manifest = Manifest(name: "示例社区", areaCode: "420303001001", createdAt: hoursAgo(24 * 60))
        manifest.generator = "schema tests"
        manifest.timeZone = "Asia/Shanghai"
        let store = try Store.create(folder, manifest: manifest, unsecuredActor: admin)
        _ = try store.save(Worker(meta: meta("W-admin"), name: "管理员甲", role: .admin, gridCodes: [], phone: nil), at: now)
        // A worker names only grids on file: grid one is added to 网格员乙's list as they become its worker, grid two after it is saved.
        _ = try store.save(Worker(meta: meta("W-two"), name: "网格员乙", role: .gridWorker, gridCodes: [], phone: "10000000001"), at: now)
        _ = try store.save(Worker(meta: meta("W-du"), name: "督导丙", role: .supervisor, gridCodes: [], phone: nil, active: false), at: now)
        let micro = [MicroGrid(number: 1, headName: "楼栋长丁", headPhone: "10000000002", buildings: ["1栋", "2栋"]),
                     MicroGrid(number: 2, headName: "楼栋长戊", headPhone: nil, buildings: [])]
        _ = try store.save(Grid(meta: meta("G-1"), code: grid, name: "第1网格", kind: .community, districtName: "张湾区",
                                streetName: "汉江路街道", communityName: "示例社区", workerID: workerTwo, headName: "格长1",
                                microGrids: micro), at: now)
        _ = try store.save(Grid(meta: meta("G-2"), code: SampleCommunity.gridTwo, name: "第2网格", kind: .community, districtName: "张湾区",
                                streetName: "汉江路街道", communityName: "示例社区", workerID: nil, headName: "", microGrids: []), at: now)
        if var two = store.workers.first(where: { $0.id == workerTwo }) {
            two.gridCodes.append(SampleCommunity.gridTwo)
            _ = try store.save(two, at: now)
        }
        _ = try store.save(Household(meta: meta("H-1"), gridCode: grid, microGrid: 1,
                                     address: Address(compound: "示例花园", building: "1栋", unit: "1单元", room: "101"),
                                     residency: .rented, tags: ["出租房屋", "本社区自定标签"], lastVisit: Day(hoursAgo(48), in: .chinaStandard),
                                     pairedVolunteer: "志愿者己", notes: "第一行\n第二行"), at: now)
        _ = try store.save(Household(meta: meta("H-2"), gridCode: SampleCommunity.gridTwo, microGrid: nil,
                                     address: Address(compound: "三组", building: "12号", unit: "", room: ""), residency: .vacant), at: now)
        var head = SampleCommunity.resident(id: "R-1", household: "H-1", grid: grid, sequence: 1)
        head.phone = "10000000003"
        head.tags = [.elderlyAlone, .partyMember]
        head.notes = "独居，每周走访"
        _ = try store.save(head, at: now)
        let child = Resident(meta: meta("R-2"), householdID: RecordID("H-1"), gridCode: grid, name: "居民二", gender: .female,
                             birthDate: Day(year: 2025, month: 6, day: 1) ?? Day(dayNumber: 0), idNumber: nil, phone: nil,
                             relation: .child, status: .livingHere)
        _ = try store.save(child, at: now)
        let patrol = PatrolLog(meta: meta("L-1", hoursAgo: 72), gridCode: grid, workerID: workerTwo, kind: .homeVisit,
                               start: hoursAgo(73), end: hoursAgo(72), householdIDs: [RecordID("H-1")],
                               findings: [Finding(kind: .dispute, text: "楼上漏水", householdID: RecordID("H-1"), caseID: RecordID("C-1")),
                                          Finding(kind: .hazard, text: "楼道内电动车充电")],
                               notes: "入户走访")
        _ = try store.save(patrol, at: now)
        _ = try store.save(try workedCase(), at: now)
        // A household saved and taken away again leaves a tombstone.
        let undone = try store.save(Household(meta: meta("H-undone"), gridCode: grid, microGrid: nil,
                                              address: Address(compound: "示例花园", building: "9栋", unit: "", room: "901"),
                                              residency: .ownerOccupied), at: now)
        try store.remove(undone, at: now)
        // The community's own visit schedule: one tag more often than the standard, one not at all.
        let schedule = #"{ "intervals" : { "elderlyAlone" : 5, "partyMember" : null }, "schema" : 1 }"#
        try Data(schedule.utf8).write(to: URL(fileURLWithPath: folder + "/" + VisitScheduleFile.path))
        return store
    }

    /// A case taken through every kind of step to closed, then given a note.
    static func workedCase() throws -> DisputeCase {
        var disputeCase = DisputeCase(meta: meta("C-1", hoursAgo: 72), number: "JF2026-00001", title: "楼上漏水引发邻里矛盾",
                                      category: .neighbours, parties: [Party(name: "居民甲", residentID: RecordID("R-1"), role: "申请人"),
                                                                      Party(name: "某物业公司", role: "被申请人")],
                                      gridCode: grid, source: .patrol, matterClass: .smallMatter,
                                      raisedOn: Day(hoursAgo(72), in: .chinaStandard), patrolID: RecordID("L-1"), notes: "巡查发现",
                                      note: "入户时居民反映")
        let by = admin
        try disputeCase.advance(to: .heard, note: "听取双方诉求", by: by, at: hoursAgo(70))
        try disputeCase.assign(to: workerTwo, by: by, at: hoursAgo(69))
        try disputeCase.setDeadline(Day(now, in: .chinaStandard).adding(days: 14), by: by, at: hoursAgo(68))
        try disputeCase.escalate(reason: "需物业公司参与", by: by, at: hoursAgo(67))
        try disputeCase.advance(to: .deliberated, note: "社区议事", by: by, at: hoursAgo(60))
        try disputeCase.advance(to: .decided, note: "民主定事", by: by, at: hoursAgo(50))
        try disputeCase.advance(to: .handled, note: "协同办事", by: by, at: hoursAgo(40))
        try disputeCase.recordOutcome(.agreementReached, agreement: "物业公司负责维修，费用由楼上住户承担。", by: by, at: hoursAgo(30))
        try disputeCase.advance(to: .evaluated, note: "群众评事", by: by, at: hoursAgo(20))
        try disputeCase.recordSatisfaction(.satisfied, followUp: Day(now, in: .chinaStandard).adding(days: 30), by: by, at: hoursAgo(10))
        try disputeCase.close(note: "结案", by: by, at: hoursAgo(5))
        try disputeCase.addNote("回访时居民表示满意", by: by, at: hoursAgo(1))
        return disputeCase
    }

    /// `makePlain`, then set up with accounts (sealing every number), a second login, and a
    /// third locked out by wrong passphrases. Returns the admin's session.
    @discardableResult
    static func makeSecured(at folder: String) throws -> Session {
        let store = try makePlain(at: folder)
        let admin = try #require(store.workers.first { $0.id == SchemaFixture.admin })
        let session = try store.setUpCommunity(communityPassphrase: communityPassphrase, admin: admin, login: "admin",
                                               passphrase: adminPassphrase, at: now)
        try store.addAccount(login: "yi", for: workerTwo, passphrase: "yi-passphrase", at: now)
        try store.addAccount(login: locked, for: RecordID("W-du"), passphrase: "du-passphrase", at: now)
        for _ in 0..<Account.allowedFailures {
            _ = try? Store.logIn(folder: folder, login: locked, passphrase: "not-the-passphrase", at: now)
        }
        return session
    }

    /// Everything gridwork says is wrong with `folder`: a login that fails, a folder that does not
    /// open, every problem `gridwork check` finds, and what `gridwork audit verify` finds.
    static func storeComplaints(_ folder: String) -> [String] {
        var found: [String] = []
        var key: PersonalDataKey?
        if Store.isSecured(folder) {
            do {
                key = try Store.logIn(folder: folder, login: "admin", passphrase: adminPassphrase, at: now).key
            } catch {
                found.append("login: " + error.message(in: .en))
            }
        }
        do {
            found += try Store.open(folder, key: key).checkEverything().map { $0.formatted(in: .en) }
        } catch {
            found.append("open: " + error.message(in: .en))
        }
        found += AuditTrail(dataFolder: folder).verify().findings.map { "audit: " + $0.message(in: .en) }
        return found
    }
}

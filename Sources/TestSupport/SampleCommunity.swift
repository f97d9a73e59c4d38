import Foundation
import GridModel
import GridStore

/// A tiny community built by hand for store and process tests: two grids, two workers,
/// a household with a resident in each grid, and one open case.
public struct SampleCommunity {
    public static let now = Date(timeIntervalSince1970: 1_790_000_000) // 2026-09-21, in the past
    public static let gridOne = GridCode("420303001001001")
    public static let gridTwo = GridCode("420303001001002")
    public static let admin = RecordID("W-admin")
    public static let workerTwo = RecordID("W-two")

    public let store: Store

    public init(at folder: String) throws {
        store = try Store.create(folder, manifest: Manifest(name: "示例社区", areaCode: "420303001001", createdAt: Self.now),
                                 unsecuredActor: Self.admin)
        let meta = { (id: String) in RecordMeta(id: RecordID(id), createdBy: Self.admin, createdAt: Self.now) }
        _ = try store.save(Worker(meta: meta("W-admin"), name: "管理员甲", role: .admin, gridCodes: [], phone: nil), at: Self.now)
        // Saving each grid with its worker adds the grid to the worker's list (a worker may name
        // only grids on file), so 网格员乙 ends up with both.
        _ = try store.save(Worker(meta: meta("W-two"), name: "网格员乙", role: .gridWorker, gridCodes: [], phone: nil), at: Self.now)
        for (index, code) in [Self.gridOne, Self.gridTwo].enumerated() {
            _ = try store.save(Grid(meta: meta("G-\(index + 1)"), code: code, name: "第\(index + 1)网格", kind: .community,
                                    districtName: "张湾区", streetName: "汉江路街道", communityName: "示例社区",
                                    workerID: Self.workerTwo, headName: "格长\(index + 1)", microGrids: []), at: Self.now)
            _ = try store.save(Household(meta: meta("H-\(index + 1)"), gridCode: code, microGrid: nil,
                                         address: Address(compound: "示例花园", building: "\(index + 1)栋", unit: "1单元", room: "101"),
                                         residency: .ownerOccupied), at: Self.now)
            _ = try store.save(Self.resident(id: "P-\(index + 1)", household: "H-\(index + 1)", grid: code, sequence: 1 + index * 2),
                               at: Self.now)
        }
        _ = try store.save(Self.openCase(), at: Self.now)
    }

    /// The passphrases `setUp()` gives the community and its admin (`admin`).
    public static let communityPassphrase = "community-passphrase"
    public static let adminPassphrase = "admin-passphrase"

    /// Sets the community up (accounts, sealed numbers, signed audit entries from here on) with
    /// `admin` as the admin's login; the store then writes as the admin.
    @discardableResult
    public func setUp() throws -> Session {
        guard let admin = store.workers.first(where: { $0.id == Self.admin }) else { throw StoreError.recordMissing(kind: .worker, path: "workers.json") }
        return try store.setUpCommunity(communityPassphrase: Self.communityPassphrase, admin: admin, login: "admin",
                                        passphrase: Self.adminPassphrase, at: Self.now)
    }

    /// A resident whose ID number is valid (area 420399, which is assigned to no county).
    public static func resident(id: String, household: String, grid: GridCode, sequence: Int) -> Resident {
        let birth = Day(year: 1950, month: 3, day: 1) ?? Day(dayNumber: 0)
        let gender: Gender = sequence % 2 == 1 ? .male : .female
        return Resident(meta: RecordMeta(id: RecordID(id), createdBy: admin, createdAt: now), householdID: RecordID(household),
                        gridCode: grid, name: "居民\(sequence)", gender: gender, birthDate: birth,
                        idNumber: idNumber(birth: birth, sequence: sequence), phone: nil, relation: .head,
                        tags: [.elderlyAlone])
    }

    public static func idNumber(birth: Day, sequence: Int) -> String {
        let sequenceText = String(sequence % 1000)
        let body = "420399" + birth.iso.replacingOccurrences(of: "-", with: "")
            + String(repeating: "0", count: 3 - sequenceText.count) + sequenceText
        return body + String(ResidentIDNumber.checkCharacter(for: body.compactMap(\.wholeNumberValue)))
    }

    public static func openCase() -> DisputeCase {
        DisputeCase(meta: RecordMeta(id: RecordID("C-1"), createdBy: admin, createdAt: now), number: "JF2026-00001",
                    title: "楼上漏水引发邻里矛盾", category: .neighbours, parties: [Party(name: "甲方"), Party(name: "乙方")],
                    gridCode: gridOne, source: .resident, matterClass: .smallMatter,
                    raisedOn: Day(now, in: .chinaStandard))
    }
}

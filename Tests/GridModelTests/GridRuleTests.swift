import Foundation
import Testing
@testable import GridModel

/// Grids, micro-grids and their buildings (issue 13, part 1): the rules of one grid, and those
/// that need the rest of the folder (its area, the codes taken, the workers).
@Suite struct GridRuleTests {
    static func grid(_ micros: [MicroGrid], code: GridCode = Fixtures.grid, worker: RecordID? = nil) -> Grid {
        Grid(meta: Fixtures.meta("G-1"), code: code, name: "第四网格", kind: code.kind, districtName: "张湾区", streetName: "汉江路街道",
             communityName: "某社区", workerID: worker, headName: "某格长", microGrids: micros)
    }

    static func worker(_ id: String, _ role: WorkerRole, grids: [GridCode] = [], active: Bool = true) -> Worker {
        Worker(meta: Fixtures.meta(id), name: "某人", role: role, gridCodes: grids, phone: nil, active: active)
    }

    @Test func aMicroGridNamesEachBuildingOnceAndNoneBlank() {
        let micro = MicroGrid(number: 1, headName: "某楼长", headPhone: nil, buildings: ["1栋", "2栋", "1栋", " "])
        let violations = Self.grid([micro]).violations(in: Fixtures.context)
        #expect(violations == [RuleViolation(FieldPath("microGrids").appending(index: 0).appending("buildings").appending(index: 2), .listedTwice("1栋")),
                               RuleViolation(FieldPath("microGrids").appending(index: 0).appending("buildings").appending(index: 3), .required)])
        #expect(violations[0].message(in: .zh) == "楼栋（microGrids[0].buildings[2]）：“1栋”重复列出，每个名称只写一次")
        #expect(violations[0].message(in: .en) == "buildings (microGrids[0].buildings[2]): \"1栋\" is listed twice; name each once")
        #expect(MicroGrid(number: 1, headName: "某楼长", headPhone: "13800000000", buildings: ["1栋", "2栋"]).violations().isEmpty)
    }

    @Test func aMicroGridOnItsOwnNamesItsFieldsPlainly() {
        let micro = MicroGrid(number: 0, headName: "", headPhone: "123", buildings: ["1栋", "1栋"])
        #expect(micro.violations().map(\.field.description) == ["number", "headName", "headPhone", "buildings[1]"])
    }

    /// Files written by the demo before the fix list a building once per household: they still read.
    @Test func readingAMicroGridKeepsEachBuildingOnce() throws {
        let json = #"{"number":1,"headName":"某楼长","buildings":["1栋","1栋","2栋","1栋"]}"#
        let micro = try JSONDecoder().decode(MicroGrid.self, from: Data(json.utf8))
        #expect(micro.buildings == ["1栋", "2栋"] && micro.headPhone == nil)
        #expect(micro.violations().isEmpty)
    }

    @Test func buildingsAreTypedOnOneLineWithChineseOrLatinSeparators() {
        #expect(MicroGrid.buildingNames("1栋、2栋，3栋; 4栋 ,A 座；") == ["1栋", "2栋", "3栋", "4栋", "A 座"])
        #expect(MicroGrid.buildingNames("  ") == [])
        #expect(MicroGrid.buildingNames("1栋、1栋") == ["1栋", "1栋"], "repeats are kept for the rule to name")
    }

    @Test func aGridKeepsItsCode() {
        let before = Self.grid([])
        var after = before
        after.code = GridCode("420303001002005")
        #expect(after.violations(replacing: before) == [RuleViolation("code", .gridCodeFixed)])
        after.code = before.code
        after.name = "新名称"
        #expect(after.violations(replacing: before).isEmpty)
    }

    @Test func theNextMicroGridNumberFollowsTheHighest() {
        #expect(Self.grid([]).nextMicroGridNumber == 1)
        let micros = [3, 1].map { MicroGrid(number: $0, headName: "某楼长", headPhone: nil, buildings: []) }
        #expect(Self.grid(micros).nextMicroGridNumber == 4)
    }

    @Test func aNewGridsCodeLiesInTheAreaAndIsFree() {
        let area = "420303001002", taken: Set = [GridCode("420303001002001")]
        #expect(GridPlacement.violations(ofNewCode: GridCode("420303001002002"), areaCode: area, taken: taken).isEmpty)
        #expect(GridPlacement.violations(ofNewCode: GridCode("420303001002001"), areaCode: area, taken: taken) == [RuleViolation("code", .gridCodeTaken)])
        #expect(GridPlacement.violations(ofNewCode: GridCode("420303001003001"), areaCode: area, taken: taken)
                == [RuleViolation("code", .outsideArea(areaCode: area))])
        #expect(GridPlacement.violations(ofNewCode: GridCode("42030300100200"), areaCode: area, taken: taken) == [RuleViolation("code", .gridCodeFormat)])
        #expect(GridPlacement.violations(ofNewCode: GridCode("420303002201001"), areaCode: "420303", taken: taken).isEmpty, "a district's folder")
        let message = RuleViolation("code", .outsideArea(areaCode: area)).message(in: .zh)
        #expect(message == "网格编码（code）：不在本数据所属的地区内：编码应以 420303001002 开头")
    }

    @Test func aGridsWorkerIsAnActiveGridWorkerOnFile() {
        let workers = [Self.worker("W-1", .gridWorker), Self.worker("W-admin", .admin), Self.worker("W-left", .gridWorker, active: false)]
        #expect(GridPlacement.violations(ofWorker: nil, among: workers).isEmpty)
        #expect(GridPlacement.violations(ofWorker: RecordID("W-1"), among: workers).isEmpty)
        #expect(GridPlacement.violations(ofWorker: RecordID("W-9"), among: workers) == [RuleViolation("workerID", .noSuchWorker(RecordID("W-9")))])
        #expect(GridPlacement.violations(ofWorker: RecordID("W-admin"), among: workers) == [RuleViolation("workerID", .notAGridWorker(role: .admin))])
        #expect(GridPlacement.violations(ofWorker: RecordID("W-left"), among: workers) == [RuleViolation("workerID", .workerInactive)])
        #expect(RuleViolation("workerID", .notAGridWorker(role: .admin)).message(in: .en) == "grid worker (workerID): must be a grid worker, not a community admin")
    }

    @Test func aWorkersNewGridsMustBeOnFile() {
        let codes = [GridCode("420303001002001"), GridCode("420303001002009")]
        let onFile: (GridCode) -> Bool = { $0 == codes[0] }
        #expect(GridPlacement.violations(ofGridCodes: codes, added: Set(codes), onFile: onFile)
                == [RuleViolation(FieldPath("gridCodes").appending(index: 1), .noSuchGrid(codes[1]))])
        #expect(GridPlacement.violations(ofGridCodes: codes, added: [codes[0]], onFile: onFile).isEmpty, "one named before is left alone")
    }

    @Test func aNewGridTakesItsPlaceNamesFromItsNeighbours() {
        var other = Self.grid([], code: GridCode("420303001002001"))
        other.communityName = "幸福里社区"
        let same = GridPlacement.names(for: GridCode("420303001002009"), grids: [other], areaName: "幸福里社区", areaCode: "420303001002")
        #expect(same.district == "张湾区" && same.street == "汉江路街道" && same.community == "幸福里社区")
        let first = GridPlacement.names(for: GridCode("420303001002001"), grids: [], areaName: "新社区", areaCode: "420303001002")
        #expect(first.district.isEmpty && first.street.isEmpty && first.community == "新社区", "a new community's first grid")
        let otherStreet = GridPlacement.names(for: GridCode("420303002201001"), grids: [other], areaName: "张湾区", areaCode: "420303")
        #expect(otherStreet.district == "张湾区" && otherStreet.street.isEmpty && otherStreet.community.isEmpty)
    }

    @Test func aNewWorkerGainsTheGridAndTheOldOneLosesIt() {
        let code = Fixtures.grid
        let workers = [Self.worker("W-1", .gridWorker, grids: [code]), Self.worker("W-2", .gridWorker),
                       Self.worker("W-3", .gridWorker, grids: [code])]
        let changed = GridAssignment.reassigned(code, from: RecordID("W-1"), to: RecordID("W-2"), among: workers)
        #expect(changed.map(\.id.rawValue) == ["W-1", "W-2"] && changed[0].gridCodes.isEmpty && changed[1].gridCodes == [code])
        #expect(GridAssignment.reassigned(code, from: RecordID("W-1"), to: RecordID("W-1"), among: workers).isEmpty)
        #expect(GridAssignment.reassigned(code, from: nil, to: RecordID("W-3"), among: workers).isEmpty, "W-3 holds it already")
        #expect(GridAssignment.reassigned(code, from: RecordID("W-3"), to: nil, among: workers).map(\.gridCodes) == [[]])
    }

    @Test func onlyAnAdminChangesGrids() {
        #expect(AccessPolicy.refusalToChangeGrids(for: Self.worker("W-admin", .admin)) == nil)
        #expect(AccessPolicy.refusalToChangeGrids(for: Self.worker("W-1", .gridWorker))?.message(in: .zh) == "只有社区管理员可以修改网格；某人 不是管理员。")
        #expect(AccessPolicy.refusalToChangeGrids(for: Self.worker("W-s", .supervisor)) == .readOnly(worker: "某人"))
        #expect(AccessPolicy.refusalToChangeGrids(for: nil) == .notActive(worker: "?"))
    }
}

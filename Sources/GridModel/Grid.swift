import Foundation

/// A grid (网格): the area one grid worker owns, divided into micro-grids with volunteer heads.
public struct Grid: Record, Hashable {
    public static let kind = RecordKind.grid

    public var meta: RecordMeta
    public var code: GridCode
    public var name: String
    public var kind: GridKind
    public var districtName: String
    public var streetName: String
    public var communityName: String
    /// The grid worker who owns it.
    public var workerID: RecordID?
    /// 一格一长: the grid's volunteer head.
    public var headName: String
    public var microGrids: [MicroGrid]

    public init(meta: RecordMeta, code: GridCode, name: String, kind: GridKind, districtName: String,
                streetName: String, communityName: String, workerID: RecordID?, headName: String,
                microGrids: [MicroGrid]) {
        self.meta = meta
        self.code = code
        self.name = name
        self.kind = kind
        self.districtName = districtName
        self.streetName = streetName
        self.communityName = communityName
        self.workerID = workerID
        self.headName = headName
        self.microGrids = microGrids
    }

    /// The code names the grid's folder (`grids/<code>`), where all its records live.
    public func violations(replacing previous: Grid) -> [RuleViolation] {
        previous.code == code ? [] : [RuleViolation("code", .gridCodeFixed)]
    }

    /// The number a new micro-grid is offered: one past the highest.
    public var nextMicroGridNumber: Int { (microGrids.map(\.number).max() ?? 0) + 1 }

    /// "1包50户" in a community, "1包15户" in a village.
    public var householdsPerMicroGridHead: Int { kind == .village ? 15 : 50 }

    public func violations(in context: ValidationContext) -> [RuleViolation] {
        var check = RuleCheck(context)
        check.meta(meta)
        check.gridCode(code, "code")
        if code.isWellFormed && kind != code.kind { check.add("kind", .gridKindMismatch(expected: code.kind)) }
        check.required(name, "name", maxLength: 40)
        check.required(districtName, "districtName", maxLength: 40)
        check.required(streetName, "streetName", maxLength: 40)
        check.required(communityName, "communityName", maxLength: 40)
        check.optional(headName, "headName", maxLength: 40)
        var numbers = Set<Int>()
        for (index, micro) in microGrids.enumerated() {
            let path = FieldPath("microGrids").appending(index: index)
            if !numbers.insert(micro.number).inserted { check.add(path.appending("number"), .duplicate) }
            for violation in micro.violations() { check.add(violation.field.prefixed(by: path), violation.problem) }
        }
        return check.violations
    }
}

/// A micro-grid (小网格): about 50 households in a community, 15 in a village, with a volunteer head.
public struct MicroGrid: Codable, Hashable, Sendable {
    public var number: Int
    public var headName: String
    public var headPhone: String?
    /// The buildings it covers, each named once.
    public var buildings: [String]

    public init(number: Int, headName: String, headPhone: String?, buildings: [String]) {
        self.number = number
        self.headName = headName
        self.headPhone = headPhone
        self.buildings = buildings
    }

    private enum CodingKeys: String, CodingKey {
        case number, headName, headPhone, buildings
    }

    /// Reads each building once: gridwork's demo generator once listed a building for every
    /// household in it ("1栋" fifty times), and those folders must still open and pass the rules.
    /// The next save of the grid writes the list tidy.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        number = try container.decode(Int.self, forKey: .number)
        headName = try container.decode(String.self, forKey: .headName)
        headPhone = try container.decodeIfPresent(String.self, forKey: .headPhone)
        var seen = Set<String>()
        buildings = try container.decode([String].self, forKey: .buildings).filter { seen.insert($0).inserted }
    }

    /// The rules a micro-grid keeps on its own, its fields named as in the micro-grid (`headName`,
    /// `buildings[2]`); a grid places them under `microGrids[i]`. Numbers are unique within the
    /// grid, which the grid checks.
    public func violations() -> [RuleViolation] {
        var check = RuleCheck(ValidationContext.reading)
        if !(1...9_999).contains(number) { check.add("number", .outOfRange) }
        check.required(headName, "headName", maxLength: 40)
        check.mobile(headPhone, "headPhone")
        var seen = Set<String>()
        for (index, building) in buildings.enumerated() {
            let path = FieldPath("buildings").appending(index: index)
            check.required(building, path, maxLength: 40)
            if !seen.insert(building).inserted { check.add(path, .listedTwice(building)) }
        }
        return check.violations
    }

    /// The building names typed as one line: separated by 、 , ， ; ； or a line break, each
    /// trimmed, empty ones dropped. Repeats are kept, for the rules to name.
    public static func buildingNames(_ text: String) -> [String] {
        text.split(whereSeparator: { "、,，;；\n".contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}

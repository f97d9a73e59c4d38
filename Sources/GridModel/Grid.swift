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
            check.required(micro.headName, path.appending("headName"), maxLength: 40)
            check.mobile(micro.headPhone, path.appending("headPhone"))
        }
        return check.violations
    }
}

/// A micro-grid (小网格): about 50 households in a community, 15 in a village, with a volunteer head.
public struct MicroGrid: Codable, Hashable, Sendable {
    public var number: Int
    public var headName: String
    public var headPhone: String?
    public var buildings: [String]

    public init(number: Int, headName: String, headPhone: String?, buildings: [String]) {
        self.number = number
        self.headName = headName
        self.headPhone = headPhone
        self.buildings = buildings
    }
}

/// A household (户): a dwelling and the people registered at it.
public struct Household: Record, Hashable {
    public static let kind = RecordKind.household

    public var meta: RecordMeta
    public var gridCode: GridCode
    public var microGrid: Int?
    public var address: Address
    public var residency: Residency
    public var tags: [String]
    public var lastVisit: Day?
    public var pairedVolunteer: String?
    public var notes: String

    public init(meta: RecordMeta, gridCode: GridCode, microGrid: Int?, address: Address, residency: Residency,
                tags: [String] = [], lastVisit: Day? = nil, pairedVolunteer: String? = nil, notes: String = "") {
        self.meta = meta
        self.gridCode = gridCode
        self.microGrid = microGrid
        self.address = address
        self.residency = residency
        self.tags = tags
        self.lastVisit = lastVisit
        self.pairedVolunteer = pairedVolunteer
        self.notes = notes
    }

    public func violations(in context: ValidationContext) -> [RuleViolation] {
        var check = RuleCheck(context)
        check.meta(meta)
        check.gridCode(gridCode, "gridCode")
        check.required(address.compound, FieldPath("address").appending("compound"), maxLength: 60)
        check.required(address.building, FieldPath("address").appending("building"), maxLength: 20)
        check.optional(address.unit, FieldPath("address").appending("unit"), maxLength: 20)
        // Village households are known by group and house number and have no room.
        check.optional(address.room, FieldPath("address").appending("room"), maxLength: 20)
        check.plausible(lastVisit, "lastVisit")
        check.optional(pairedVolunteer, "pairedVolunteer", maxLength: 40)
        check.optional(notes, "notes", maxLength: 2000)
        return check.violations
    }
}

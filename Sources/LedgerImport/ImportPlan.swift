import GridModel

/// What importing a ledger would do: the records to add and to change, what stays as it is,
/// and every problem. Nothing is written while `problems` holds anything.
public struct ImportPlan: Sendable {
    public var newHouseholds: [Household] = []
    public var changedHouseholds: [Household] = []
    public var newResidents: [Resident] = []
    public var changedResidents: [Resident] = []
    /// Households and residents on file that the ledger matched and would leave as they are.
    public var unchangedHouseholds = 0
    public var unchangedResidents = 0
    /// Rows passed over because their person is on file (`--on-duplicate skip`).
    public var skippedRows = 0
    /// Rows holding a person (blank rows are not counted).
    public var rows = 0
    public var problems: [ImportProblem] = []
    /// Columns with data that no field takes, and columns left out on purpose.
    public var unknownColumns: [String] = []
    public var ignoredColumns: [String] = []
    /// The grids the rows go to.
    public var grids: [GridCode] = []

    public init() {}

    public var isClean: Bool { problems.isEmpty }
    public var changesAnything: Bool {
        !(newHouseholds.isEmpty && changedHouseholds.isEmpty && newResidents.isEmpty && changedResidents.isEmpty)
    }

    /// The counts for the audit entry: how many of each, never a name or a number.
    public var auditFields: [String] {
        ["rows=\(rows)", "householdsAdded=\(newHouseholds.count)", "householdsUpdated=\(changedHouseholds.count)",
         "residentsAdded=\(newResidents.count)", "residentsUpdated=\(changedResidents.count)", "residentsSkipped=\(skippedRows)"]
    }
}

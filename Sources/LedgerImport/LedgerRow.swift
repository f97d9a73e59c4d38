import GridModel

/// One person's row of a ledger, read: its values as the model takes them, or nil where the
/// cell is empty. `broken` rows had a problem and add nothing to the counts.
struct LedgerRow {
    /// As a spreadsheet program numbers it.
    let number: Int
    var broken = false
    var grid: GridCode?
    var address = Address(compound: "", building: "", unit: "", room: "")
    var residency: Residency?
    var householdTags: [String] = []
    var headName = ""
    var relation: Relation?
    var name = ""
    var gender: Gender?
    var birthDate: Day?
    /// Whether the cells were written at all: one that could not be read is a problem already,
    /// and is not also reported as missing.
    var genderWritten = false
    var birthDateWritten = false
    /// Upper-case, as stored; nil when the cell is empty.
    var idNumber: String?
    /// When `idNumber` is a valid number: what it says.
    var parsedID: ResidentIDNumber?
    var phone: String?
    /// Nil when the cell is empty (an update then keeps the tags on file).
    var tags: [PopulationTag]?
    var status: ResidentStatus?
    /// The day a resident moved out or died, for those statuses.
    var leftOn: Day?
    var notes = ""
    /// The resident on file with this row's ID number, when the row updates them.
    var updating: Resident?
    var skipped = false

    var key: HouseholdKey? { grid.map { HouseholdKey(grid: $0, address: address) } }
}

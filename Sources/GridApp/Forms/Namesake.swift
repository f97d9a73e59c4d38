import GridModel

/// A resident on file with the same name and birth date as a new one being registered without an
/// ID number: what the warning shows, masked before it reaches the screen (the form keeps no
/// number, so neither a draft nor a redraw can show one in full).
public struct Namesake: Hashable, Sendable {
    public let id: RecordID
    public let name: String
    public let birthDate: Day
    public let gridName: String
    public let address: String
    /// `4203**********123X`, nil when they have none on file.
    public let maskedIDNumber: String?
    /// `138****5678`, nil when they have none on file.
    public let maskedPhone: String?

    public init(_ resident: Resident, gridName: String, address: String) {
        id = resident.id
        name = resident.name
        birthDate = resident.birthDate
        self.gridName = gridName
        self.address = address
        maskedIDNumber = resident.idNumber.map(ResidentIDNumber.masked)
        maskedPhone = resident.phone.map(MobileNumber.masked)
    }
}

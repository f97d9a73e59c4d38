import GridStore
import Spreadsheet

/// An export made ready: the sheet to write, and whose numbers it holds in full (empty unless
/// revealing), for the audit trail.
public struct ExportTable: Hashable, Sendable {
    public let sheet: Sheet
    public let revealed: [RevealedNumbers]

    public init(sheet: Sheet, revealed: [RevealedNumbers]) {
        self.sheet = sheet
        self.revealed = revealed
    }

    public var rowCount: Int { sheet.rows.count }
}

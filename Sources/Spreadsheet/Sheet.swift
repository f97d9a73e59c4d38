/// One table of a spreadsheet: a name (the tab's), a header row and rows of typed cells.
///
/// Pure data, with nothing of gridwork's records: the export and the monthly report build
/// sheets, and `CSVWriter` and `XLSXWriter` turn them into files.
public struct Sheet: Hashable, Sendable {
    /// The tab's name. `XLSXWriter` makes it one Excel accepts (see `XLSXWriter.sheetNames`).
    public var name: String
    /// Column titles, written in bold as the first row (frozen in a workbook).
    public var header: [String]
    /// The rows below the header. A row may be shorter than the header: the rest is empty.
    public var rows: [[SheetCell]]

    public init(name: String, header: [String], rows: [[SheetCell]] = []) {
        self.name = name
        self.header = header
        self.rows = rows
    }

    /// How many columns the widest row (or the header) has.
    public var columnCount: Int { rows.reduce(header.count) { max($0, $1.count) } }
}

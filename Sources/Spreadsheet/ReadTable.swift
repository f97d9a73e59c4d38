/// A table read from a spreadsheet file, as text: `rows[i]` is the row a spreadsheet program
/// numbers `i + 1`, so a message can name the row a person sees. Rows the file leaves out (an
/// XLSX skips empty ones) are here as empty rows; a row may be shorter than the widest one.
public struct ReadTable: Sendable, Equatable {
    public var rows: [[String]]
    /// How a CSV file's bytes were read; nil for a workbook.
    public var encoding: CSVEncoding?
    /// The sheet a workbook's rows came from; nil for a CSV file.
    public var sheet: String?

    public init(rows: [[String]], encoding: CSVEncoding? = nil, sheet: String? = nil) {
        self.rows = rows
        self.encoding = encoding
        self.sheet = sheet
    }

    /// The text at a row and column, empty where the row is short.
    public func cell(_ row: Int, _ column: Int) -> String {
        guard rows.indices.contains(row), rows[row].indices.contains(column) else { return "" }
        return rows[row][column]
    }
}

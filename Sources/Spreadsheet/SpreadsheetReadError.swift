/// Why a spreadsheet file could not be read. The words are left to the caller, which speaks
/// the interface's language; each case carries what a message needs to say where.
public enum SpreadsheetReadError: Error, Hashable, Sendable {
    /// The bytes are neither UTF-8 nor GB18030 (or not the encoding asked for).
    case undecodable(encoding: CSVEncoding?)
    /// A quoted field opened on `row` is never closed.
    case unterminatedQuote(row: Int)
    /// Not a zip archive, or one without the parts of a workbook.
    case notAWorkbook(reason: String)
    /// A part of the workbook (`xl/worksheets/sheet1.xml`) could not be read or parsed.
    case damagedPart(path: String, reason: String)
    /// No sheet of that name; the names there are.
    case noSuchSheet(name: String, available: [String])
    /// A part bigger than a ledger could need (a zip bomb, or not a ledger).
    case tooLarge(path: String)
}

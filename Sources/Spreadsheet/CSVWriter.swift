import Foundation

/// Writes a `Sheet` as CSV the way Excel opens it: UTF-8 with a byte order mark (without it,
/// Excel on a Chinese Windows reads the file as GBK and shows mojibake), fields separated by
/// commas and quoted as RFC 4180 says, lines ended with CRLF.
///
/// **Formula injection.** A spreadsheet program takes a field that starts with `=`, `+`, `-`
/// or `@` (and, in some, a tab or carriage return) for a formula, so a resident's note typed as
/// `=HYPERLINK(…)` would run when an office worker opens the export. Following OWASP's advice
/// ("CSV Injection"), such a text field gets a leading apostrophe, which spreadsheets show as
/// text, and is quoted. Only text cells are guarded: numbers and dates are written by this
/// writer and cannot start a formula. The apostrophe is visible to a program reading the CSV
/// (Python's csv module, an importer), which is the price of the file being safe to open.
public enum CSVWriter {
    /// The UTF-8 byte order mark, EF BB BF.
    public static let byteOrderMark = Data([0xEF, 0xBB, 0xBF])

    /// The first characters that make a spreadsheet read a field as a formula (OWASP's list).
    /// (`\r\n` is one `Character` in Swift, so it is listed beside `\r`.)
    static let formulaStarters: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "\r\n"]

    /// The whole file: the byte order mark, the header, then every row, each line ended by CRLF.
    public static func data(_ sheet: Sheet) -> Data {
        var text = ""
        text.reserveCapacity(64 * (sheet.rows.count + 1))
        let width = sheet.columnCount
        append(sheet.header.map(SheetCell.text), width: width, to: &text)
        for row in sheet.rows { append(row, width: width, to: &text) }
        return byteOrderMark + Data(text.utf8)
    }

    /// One line: each field as `field(_:)` writes it, the header's width at least so every line
    /// has the same number of fields (some programs refuse ragged CSV).
    static func append(_ row: [SheetCell], width: Int, to text: inout String) {
        for (index, cell) in row.enumerated() {
            if index > 0 { text += "," }
            text += field(cell)
        }
        // Empty fields up to the width: n fields take n - 1 commas.
        if row.count < width { text += String(repeating: ",", count: width - max(row.count, 1)) }
        text += "\r\n"
    }

    /// One field: guarded against formula injection when it is text, then quoted when it holds
    /// a comma, a quote, a line break or the guard's apostrophe, quotes doubled inside.
    public static func field(_ cell: SheetCell) -> String {
        var value = cell.plainText
        var mustQuote = false
        if case .text = cell, let first = value.first, formulaStarters.contains(first) {
            value = "'" + value
            mustQuote = true
        }
        if mustQuote || value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }
}

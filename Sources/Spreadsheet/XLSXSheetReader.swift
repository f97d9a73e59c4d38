import Foundation

/// One worksheet part (`xl/worksheets/sheet1.xml`): its cells as text, placed by their
/// references (`B3` is row 3, column 2), so rows and columns the file leaves out stay empty.
final class XLSXSheetReader: XLSXXMLHandler {
    private let strings: [String]
    private let styles: XLSXStylesReader.Styles
    private let uses1904: Bool
    private var rows: [[String]] = []
    private var row: [String] = []
    private var rowIndex = -1
    private var column = -1
    private var cellType = ""
    private var cellStyle = 0
    private var value = ""
    private var inlineText = ""
    private var collecting: Collecting = .nothing
    private var phoneticDepth = 0
    private var inCell = false

    private enum Collecting { case nothing, value, inline }

    /// Rows past this are refused as not a ledger (a sheet's last possible row is 1,048,576).
    static let largestRow = 1_048_576

    private init(strings: [String], styles: XLSXStylesReader.Styles, uses1904: Bool) {
        self.strings = strings
        self.styles = styles
        self.uses1904 = uses1904
    }

    static func parse(_ data: Data, path: String, strings: [String], styles: XLSXStylesReader.Styles,
                      uses1904: Bool) throws(SpreadsheetReadError) -> [[String]] {
        let handler = XLSXSheetReader(strings: strings, styles: styles, uses1904: uses1904)
        try handler.run(data, path: path)
        // Trailing empty rows (formatted but blank) are not part of the table.
        while let last = handler.rows.last, last.allSatisfy(\.isEmpty) { handler.rows.removeLast() }
        return handler.rows
    }

    override func start(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "row":
            let number = attributes["r"].flatMap { Int($0) }
            rowIndex = number.map { min($0, Self.largestRow) - 1 } ?? rowIndex + 1
            row = []
            column = -1
        case "c":
            inCell = true
            column = attributes["r"].flatMap(Self.columnIndex) ?? column + 1
            cellType = attributes["t"] ?? "n"
            cellStyle = attributes["s"].flatMap { Int($0) } ?? 0
            value = ""
            inlineText = ""
        case "v" where inCell:
            collecting = .value
        case "t" where inCell && phoneticDepth == 0:
            collecting = .inline
        case "rPh":
            phoneticDepth += 1
        default:
            break
        }
    }

    override func end(_ name: String) {
        switch name {
        case "v", "t":
            collecting = .nothing
        case "rPh":
            phoneticDepth -= 1
        case "c":
            inCell = false
            let text = cellText()
            guard column >= 0, column < 16_384, !text.isEmpty else { return }
            if row.count <= column { row += Array(repeating: "", count: column + 1 - row.count) }
            row[column] = text
        case "row":
            guard rowIndex >= 0 else { return }
            if rows.count <= rowIndex { rows += Array(repeating: [], count: rowIndex + 1 - rows.count) }
            rows[rowIndex] = row
        default:
            break
        }
    }

    override func text(_ string: String) {
        switch collecting {
        case .value: value += string
        case .inline: inlineText += string
        case .nothing: break
        }
    }

    /// The cell as a person sees it.
    private func cellText() -> String {
        switch cellType {
        case "s":
            return Int(value.trimmingCharacters(in: .whitespaces)).flatMap { strings.indices.contains($0) ? strings[$0] : nil } ?? ""
        case "inlineStr":
            return inlineText
        case "str", "e", "d":
            return value
        case "b":
            return value == "1" ? "TRUE" : value == "0" ? "FALSE" : value
        default:
            return number(value.trimmingCharacters(in: .whitespaces))
        }
    }

    /// A number cell: a date when its style shows one, else the digits as written, with an
    /// exponent (`1.3800138E10`) written out when the value is a whole number.
    private func number(_ raw: String) -> String {
        guard !raw.isEmpty, let number = Double(raw) else { return raw }
        if styles.isDate.indices.contains(cellStyle), styles.isDate[cellStyle], let date = ExcelSerialDate.text(number, uses1904: uses1904) {
            return date
        }
        if raw.contains(where: { $0 == "E" || $0 == "e" }), number == number.rounded(), abs(number) < 1e18 {
            return String(Int64(number))
        }
        return raw
    }

    /// `B3` → 1 (zero-based column); nil for a reference without letters. Past the last
    /// column (`XFD`) the number stops growing, so a long run of letters cannot overflow it.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65 && scalar.value <= 90 || scalar.value >= 97 && scalar.value <= 122 else { break }
            index = min(index, 1 << 20) * 26 + Int((scalar.value & 0x1F))
            letters += 1
        }
        return letters == 0 ? nil : index - 1
    }
}

import TerminalUI

/// Column widths for a workbook, from what the columns hold. Excel measures a width in
/// characters of the default font's digit; a Chinese character takes about two of them, as it
/// takes two terminal columns, so the terminal's display width is the measure.
enum ColumnWidths {
    /// Room for the filter button the header gets, and a little air.
    static let padding = 2.0
    static let least = 6.0
    /// Long notes are cut off visually rather than making a column a screen wide; the cell
    /// still holds all of its text.
    static let most = 60.0

    static func of(_ sheet: Sheet) -> [Double] {
        var widths = sheet.header.map { width(of: $0) + 1 }
        for row in sheet.rows {
            for (index, cell) in row.enumerated() {
                let measured = width(of: cell)
                if index < widths.count {
                    widths[index] = max(widths[index], measured)
                } else {
                    widths.append(measured)
                }
            }
        }
        return widths.map { min(most, max(least, $0 + padding)) }
    }

    /// The display width of the cell's longest line, as a workbook shows it.
    static func width(of cell: SheetCell) -> Double {
        switch cell {
        case .text(let text): return width(of: text)
        case .integer(let number): return Double(String(number).count)
        case .date: return 10
        case .dateTime: return 16
        case .empty: return 0
        }
    }

    static func width(of text: String) -> Double {
        Double(text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { DisplayWidth.of($0) }.max() ?? 0)
    }
}

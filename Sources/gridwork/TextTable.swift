import TerminalUI

/// Lines up columns of text that mixes Chinese and Latin letters, by display width.
struct TextTable {
    var rows: [[String]] = []

    mutating func add(_ cells: String...) { rows.append(cells) }

    func rendered() -> String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? Self.width($0[column]) : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - Self.width(cell) + 2)
            }.joined()
        }.joined(separator: "\n")
    }

    /// Columns a terminal gives the text, measured per grapheme.
    static func width(_ text: String) -> Int { DisplayWidth.of(text) }
}

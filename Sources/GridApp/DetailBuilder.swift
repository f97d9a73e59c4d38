import GridModel
import TerminalUI

/// What the detail pane shows for the selected record. ID and phone numbers appear masked only.
struct DetailBuilder {
    let data: DashboardData
    let language: Language
    /// Residents whose numbers are shown in full; everyone else's are masked.
    var revealed: Set<RecordID> = []
    var strings: UIStrings { UIStrings.forLanguage(language) }

    func lines(for screen: ScreenID, at index: Int) -> [DetailLine] {
        screen.feature.detail(self, at: index)
    }

    // MARK: Pieces

    func label(_ key: String) -> String { FieldNames.label(key, in: language) }

    func field(_ key: String, _ value: String) -> DetailLine {
        let name = label(key)
        return DetailLine(name + "  " + value, indent: DisplayWidth.of(name) + 2)
    }

    /// Rows with their columns lined up by display width.
    func table(_ rows: [[String]]) -> [DetailLine] {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? DisplayWidth.of($0[column]) : 0 }.max() ?? 0 }
        return rows.map { row in
            DetailLine("  " + row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : DisplayWidth.padded(cell, to: widths[column]) + "  "
            }.joined())
        }
    }
}

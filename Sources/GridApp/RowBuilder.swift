import GridModel
import TerminalUI

/// The list rows and columns of each screen, in the interface language (see `DashboardScreen`).
enum RowBuilder {
    static func rows(for screen: ScreenID, _ data: DashboardData, _ language: Language) -> [Row] {
        screen.feature.rows(data, language)
    }

    /// Each screen's columns. On a narrow screen the ones of lowest priority give way first, so what
    /// tells rows apart stays: a case's number and title, a patrol's time and finding, the end of
    /// an address (its room).
    static func columns(for screen: ScreenID, _ language: Language) -> [ListColumn] {
        let titles = UIStrings.forLanguage(language).columns[screen] ?? []
        // A fixed column is never narrower than its title ("人数" fits 4 columns, "People" needs 6).
        return zip(titles, screen.feature.columnLayout).map { title, column in
            ListColumn(title, width: column.width.map { max($0, DisplayWidth.of(title)) }, priority: column.priority,
                       minWidth: column.minWidth, keepsEnd: column.keepsEnd)
        }
    }
}

import GridModel
import TerminalUI

/// One screen of the dashboard, as a value: its list's rows and columns, the detail of a row,
/// and the record a row stands for. Each lives in its folder under `Screens/` with the forms it
/// opens; a new screen is one such folder and its case in `ScreenID.feature`.
protocol DashboardScreen {
    /// The rows of the list, built from the records in `language`.
    static func rows(_ data: DashboardData, _ language: Language) -> [Row]
    /// How the columns share the width, in the order of the titles in `UIStrings.columns`.
    static var columnLayout: [ColumnLayout] { get }
    /// What the detail pane shows for row `index`.
    static func detail(_ builder: DetailBuilder, at index: Int) -> [DetailLine]
    /// The record row `row` stands for, with a title for its history; nil when it is no record.
    static func record(at row: Int, in data: DashboardData) -> (id: RecordID, title: String)?
}

/// How one column of a screen's list takes its share of the width.
struct ColumnLayout {
    /// Columns wide, or nil for the rest of the width.
    let width: Int?
    /// Lower priorities give way first on a narrow screen.
    let priority: Int
    /// The least width of the rest-of-the-width column before it gives way.
    var minWidth = 1
    /// Cut at the start rather than the end (an address keeps its room).
    var keepsEnd = false
}

extension ScreenID {
    /// The screen's feature: the one place a screen is registered.
    var feature: any DashboardScreen.Type {
        switch self {
        case .todo: TodoScreen.self
        case .overview: OverviewScreen.self
        case .grids: GridsScreen.self
        case .households: HouseholdsScreen.self
        case .patrols: PatrolsScreen.self
        case .cases: CasesScreen.self
        }
    }
}

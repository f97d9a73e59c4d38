import GridModel
import TerminalUI

/// One line of a list: its cells, the text a filter searches, and the grid it belongs to.
public struct Row: Hashable, Sendable {
    public let cells: [String]
    /// Lower-cased words a filter matches: names, addresses, titles, numbers.
    public let search: String
    public let gridCode: GridCode?
    /// Drawn in this role when not selected (overdue cases in `.danger`).
    public let role: StyleRole

    public init(cells: [String], search: String, gridCode: GridCode? = nil, role: StyleRole = .normal) {
        self.cells = cells
        self.search = search.lowercased()
        self.gridCode = gridCode
        self.role = role
    }
}

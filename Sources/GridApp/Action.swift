import GridModel
import TerminalUI

/// What can happen to the dashboard: a key, a new terminal size, data read from disk.
public enum Action: Sendable {
    case key(Key)
    case resized(width: Int, height: Int)
    case loaded(DashboardData)
    case themeChanged(String)
    case failed(String)
    /// A case was saved; the overview's figures as they now stand.
    case saved(DisputeCase, Overview)
    /// Saving failed; the form stays open with everything typed.
    case saveFailed(String)
}

/// What the reducer asks the outside world to do.
public enum Effect: Hashable, Sendable {
    /// Read one grid's households, patrols and cases (a district is read one grid at a time).
    case load(GridCode)
    case applyTheme(String)
    /// Save a case whose workflow step has been applied.
    case save(DisputeCase)
    case quit
}

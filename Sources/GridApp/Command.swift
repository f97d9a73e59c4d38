/// What a key binding asks for.
public enum Command: Hashable, Sendable {
    case moveDown, moveUp, pageDown, pageUp, first, last
    case nextPane, previousPane, paneLeft, paneRight
    case screen(ScreenID)
    case open, back
    case filter, commandLine, help, quit
    /// A new record of the screen's kind: grid, household, patrol log, case.
    case newRecord
    /// Edit the selected record (with the detail pane focused: on the households screen the selected
    /// resident, on the grids screen the selected micro-grid).
    case edit
    /// Add a micro-grid to the selected grid.
    case addMicroGrid
    /// Register a resident in the selected household.
    case addResident
    /// Log a visit to the selected household.
    case logVisit
    /// Add a finding to the selected patrol log.
    case addFinding
    /// Open a case from the selected finding, resident or household.
    case openCase
    /// Take back the last change saved in this session.
    case undo
    /// Show the selected resident's ID and phone numbers in full (written to the audit trail).
    case reveal
    /// The audit trail's entries about the selected record.
    case history
    /// Move the selected household to another grid or micro-grid, or the resident picked in the
    /// detail pane to another household (see `MoveForm`).
    case moveRecord
    /// Lock the screen: the same worker unlocks, or someone else logs in.
    case lock
    /// A workflow step on the selected case.
    case caseAction(CaseAction)
}

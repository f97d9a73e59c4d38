import GridModel
import TerminalUI

/// What can happen to the dashboard: a key, a new terminal size, data read from disk.
public enum Action: Sendable {
    case key(Key)
    case resized(width: Int, height: Int)
    case loaded(DashboardData)
    case themeChanged(String)
    case failed(String)
    /// A form's records were saved (as stored, revisions raised); the data read again after.
    case saved([RecordChange], DashboardData)
    /// Saving failed; the form stays open with everything typed.
    case saveFailed(String)
    /// The last change was taken back; the data read again after.
    case undone(DashboardData)
    /// Taking the last change back failed (someone changed the record since); the data read again.
    case undoFailed(String, DashboardData)
    /// The resident being registered is already on file (found on disk, perhaps in another grid):
    /// the data holding them, to show them instead.
    case duplicate(Resident, DashboardData)
    /// A form kept as a draft when the program last stopped, offered back.
    case draftRestored(RecordForm)
}

/// What the reducer asks the outside world to do.
public enum Effect: Hashable, Sendable {
    /// Read one grid's households, patrols and cases (a district is read one grid at a time).
    case load(GridCode)
    case applyTheme(String)
    /// Save records a form produced, in this order.
    case save([RecordChange])
    /// Take back the last saved change.
    case undo(UndoStep)
    case quit
}

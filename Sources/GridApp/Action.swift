import Foundation
import GridExport
import GridIndex
import GridModel
import GridStore
import TerminalUI

/// What can happen to the dashboard: a key, a new terminal size, data read from disk.
public enum Action: Sendable {
    case key(Key)
    case resized(width: Int, height: Int)
    case loaded(DashboardData)
    case themeChanged(String)
    case failed(String)
    /// A save finished, whatever came of it; the data read again after.
    case saveFinished(SaveOutcome, DashboardData)
    /// A form's records were saved (as stored, revisions raised); the data read again after.
    case saved([RecordChange], DashboardData)
    /// Saving failed; the form stays open with everything typed.
    case saveFailed(String)
    /// Saving found the form's record changed by someone else: the data read again, to offer
    /// their version beside the form's.
    case staleSave(DashboardData)
    /// The last change was taken back; the data read again after.
    case undone(DashboardData)
    /// Taking the last change back failed (someone changed the record since); the data read again.
    case undoFailed(String, DashboardData)
    /// The resident being registered is already on file (found on disk, perhaps in another grid):
    /// the data holding them, to show them instead.
    case duplicate(Resident, DashboardData)
    /// The new resident being registered without an ID number has namesakes on file (same name
    /// and birth date, perhaps in another grid): nothing was saved, the worker is asked.
    case namesakes([Namesake], DashboardData)
    /// A form kept as a draft when the program last stopped, offered back.
    case draftRestored(RecordForm)
    /// Time passes with no key (the run loop's clock; tests pass their own): may lock the screen.
    case tick(Date)
    /// The login screen's passphrase was right for `Session`'s worker: the same one goes on, or
    /// someone else takes over (see `Effect.keepDraft`).
    case authenticated(Session)
    /// The open form was kept as the last worker's draft (or could not be: `kept` false), before
    /// `Session`'s worker takes over.
    case draftKept(for: Session, kept: Bool)
    /// The dashboard is unlocked for `worker` (the same one, or a switch whose drafts are in place).
    case unlocked(worker: RecordID, login: String)
    /// The login screen's passphrase was wrong, or the account is locked or disabled.
    case unlockFailed(String)
    /// The reveal was written to the audit trail: show this resident's numbers in full.
    case revealed(RecordID)
    case historyLoaded(HistoryPanel)
    /// A piece of the search index was brought up to date; more is left when `moreToDo`.
    case indexPrepared(moreToDo: Bool)
    /// The search index's matches for what was typed after `/` (a district's whole folder).
    case searched(query: String, hits: [SearchHit])
    case accountsLoaded(AccountsPanel)
    /// The accounts read for `:users`.
    case accountsRead([Account])
    /// An account change was made.
    case accountChanged(AccountChange)
    /// An account change was refused or failed: the message says why.
    case accountChangeFailed(String)
    /// `:export` wrote its file.
    case exported(ExportJob.Outcome)
    /// The store refused a write because this session's account was disabled since it logged in:
    /// the screen locks (an open form waits) and the message says why.
    case sessionRevoked(String)
}

extension Action {
    /// The lock for a session whose account was disabled (or whose worker was marked as having
    /// left) since it logged in, when `error` says so; nil for any other error.
    public static func endingSession(after error: any Error, language: Language) -> Action? {
        switch error {
        case StoreError.refused(let refusal) where refusal.endsSession,
             AccountError.refused(let refusal) where refusal.endsSession:
            return .sessionRevoked(refusal.message(in: language))
        default:
            return nil
        }
    }
}

/// What the reducer asks the outside world to do.
public enum Effect: Hashable, Sendable {
    /// Read one grid's households, patrols and cases (a district is read one grid at a time).
    case load(GridCode)
    case applyTheme(String)
    /// Save records a form produced, in this order.
    case save([RecordChange])
    /// Save a form's records over someone else's newer version, as the worker chose (audited so).
    case saveOver([RecordChange])
    /// Save a new resident although namesakes are on file, as the worker chose after the warning.
    case saveAllowingNamesakes([RecordChange])
    /// Take back the last saved change.
    case undo(UndoStep)
    /// Check a passphrase typed on the login screen.
    case unlock(login: String, passphrase: String)
    /// The same worker logged in again: go on writing under their (new) session.
    case resumeSession(Session)
    /// Someone else logged in: keep the last worker's open form as their draft first.
    case keepDraft(for: Session)
    /// Write as `Session`'s worker from now on, with their drafts.
    case beginSession(Session)
    /// Offer back the draft the worker left, if any.
    case restoreDraft
    /// Write the reveal of a resident's numbers to the audit trail, then show them.
    case reveal(Resident)
    /// Read the audit trail's entries about one record.
    case loadHistory(RecordID, title: String)
    /// Read a household's whole story (its record, its residents, visits and cases) from `grid`'s
    /// files, its cases also from the other grids read when every grid is (a community).
    case loadStory(RecordID, grid: GridCode, title: String)
    /// Bring a piece of the search index up to date in the background.
    case prepareIndex
    /// Look up what was typed in the search index of the whole folder, for matches of `kinds`.
    case search(String, kinds: Set<SearchHit.Kind>)
    /// Read the accounts for `:users`.
    case loadAccounts
    /// Read the data shown again because the day changed: "today", overdue counts and new cases' year follow it.
    case refresh
    case changeAccount(AccountChange)
    /// Write the list on screen to a file (`:export`).
    case export(ExportJob)
    case quit
}

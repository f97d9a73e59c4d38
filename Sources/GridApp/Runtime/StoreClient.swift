import Foundation
import GridExport
import GridIndex
import GridModel
import GridStore

/// What the dashboard asks of the data folder. The runtime calls it on its effect queue, one
/// call at a time, never on the input thread; tests give the runtime a fake.
public protocol StoreClient: AnyObject, Sendable {
    /// The records of `grid` (every grid when nil), with "today" worked out from `now` in the community's zone.
    func load(grid: GridCode?, now: Date) -> DashboardData
    /// Saves a form's records as one change; a resident whose ID number is already on file
    /// anywhere in the folder is not saved but reported.
    func save(_ changes: [RecordChange], overwriting: Bool, at instant: Date) -> SaveOutcome
    /// `save`, first looking for residents on file with the name and birth date of a new resident
    /// who has no ID number (unless `allowingNamesakes`: the worker saw them and saves anyway);
    /// any found are reported and nothing is saved.
    func save(_ changes: [RecordChange], overwriting: Bool, allowingNamesakes: Bool, at instant: Date) -> SaveOutcome
    /// What happened to household `id` of `grid`: its record's and its residents' changes, its
    /// visits and its cases (those of the grids in `caseGrids`), newest first; nil when it is gone.
    func story(ofHousehold id: RecordID, in grid: GridCode, caseGrids: [GridCode]?) -> HouseholdStory?
    /// Takes back a saved change.
    func undo(_ step: UndoStep, at instant: Date) throws(StoreError)
    /// Checks a passphrase (scrypt: slow on purpose).
    func logIn(login: String, passphrase: String, at instant: Date) throws(AccountError) -> Session
    /// Writes as `session`'s worker from now on.
    func begin(_ session: Session)
    /// Writes to the audit trail that `fields` of `resident` were shown in full.
    func recordReveal(of fields: [String], in resident: Resident, at instant: Date) throws(StoreError)
    func accounts() throws(AccountError) -> [Account]
    func change(_ change: AccountChange, at instant: Date) throws(AccountError)
    /// The audit trail's entries about one record.
    func history(of id: RecordID) -> [AuditEntry]
    /// Brings a piece of the derived data (the search index) up to date, so later work does not
    /// wait for it; true while more is left.
    func prepareIndex() -> Bool
    /// Writes an export as the worker logged in (their role decides what goes in), writing a
    /// reveal to the audit trail first.
    func export(_ job: ExportJob, at instant: Date) throws(ExportError) -> ExportJob.Outcome
    /// Matches of `text` of `kinds` in every grid, from the search index.
    func search(_ text: String, kinds: Set<SearchHit.Kind>, limit: Int) throws(IndexError) -> [SearchHit]
}

extension StoreClient {
    /// A client with no namesake check saves as `save(_:overwriting:at:)` does.
    public func save(_ changes: [RecordChange], overwriting: Bool, allowingNamesakes: Bool, at instant: Date) -> SaveOutcome {
        save(changes, overwriting: overwriting, at: instant)
    }

    /// A client that keeps no records tells no story.
    public func story(ofHousehold id: RecordID, in grid: GridCode, caseGrids: [GridCode]?) -> HouseholdStory? { nil }
}

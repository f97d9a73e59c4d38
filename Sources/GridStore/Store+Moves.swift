import Foundation
import GridModel

/// Moves: a household to another grid or micro-grid, a resident to another household, a patrol
/// into another month. A move is an ordinary save of the record with its new place (the form or
/// command changes `gridCode`, `microGrid`, `householdID` or `start`); the store notices that the
/// place changed and, when that changes the file the record lives in, takes it out of the old file
/// and puts it into the new one in the same change.
///
/// How a move appears on disk and in the journal (and so to a later sync, see SYNC.md):
///
/// - It is one journaled change (`Journal`): one record in the journal holds both files' new
///   bytes (and the residents files of both grids when a household takes its residents along)
///   and one `move` audit entry per record moved; once it is durable, the files are replaced. A
///   crash before that leaves both files as they were; after it, the next open completes the
///   move. The record is never in both files, nor in neither.
/// - The record keeps its id, its `createdBy`/`createdAt`, and gets the next revision, based on
///   the revision it had in the old file: to a hub it is an update of the same record whose grid
///   (partition) changed, never a delete and an unrelated create.
/// - No tombstone is written in the old grid: tombstones mean "removed, id never to be reused",
///   and one would make a later move back refused (`removedBefore`) and would read, to a laptop
///   syncing the old grid, as a deletion. A laptop that holds only the old grid learns from the
///   hub that the record left its partition (the record's new version names its new grid).
/// - The `move` entry names the fields changed, then `from=PLACE` and `to=PLACE` (`StoredRecord.place`:
///   `GRID`, `GRID/MICRO-GRID`, `GRID/HOUSEHOLD-ID`, `GRID/YYYY-MM`), so the history panel of the
///   record (by id, whatever file it is in now) shows every earlier version and the move.
///
/// Refused: a worker moving a record out of, or into, a grid they may not change (`AccessPolicy`,
/// both sides), a target grid, micro-grid or household not on file (`noSuchPlace`), and a patrol
/// moved to another grid (a patrol happened where it happened; only its date moves). Cases keep
/// their year (their number is of that year) and grids their code: `cannotMove`.
extension Store {
    /// Where a record saved to `path` is on file now when that is another file: that file, the
    /// record there, and what the file holds without it. Nil for a record new or already in `path`.
    func departure<R: StoredRecord>(of record: R, to path: String, from origin: String?,
                                    in change: PendingChange) throws(StoreError) -> (path: String, record: R, remaining: [R])? {
        guard let previousPath = origin ?? locations[record.id], previousPath != path else { return nil }
        guard record.place != nil else { throw .cannotMove(kind: R.kind, from: previousPath, to: path) }
        let onFile = try staged(R.self, previousPath, in: change)
        guard let current = onFile.first(where: { $0.id == record.id }) else {
            // Moved on by someone else since it was read: say where it was looked for.
            throw .recordMissing(kind: R.kind, path: previousPath)
        }
        return (previousPath, current, onFile.filter { $0.id != record.id })
    }

    /// Refuses a move the worker may not make or whose target is not on file.
    func checkMove<R: StoredRecord>(_ record: R, from previous: R, in change: PendingChange) throws(StoreError) {
        // Taking a record out of a grid is changing that grid's records too.
        try checkRole(change.actor, changing: [previous])
        if let household = record as? Household {
            guard let grid = try staged(Grid.self, StoreLayout.grid(household.gridCode), in: change).first else {
                throw .invalid(kind: .household, violations: [RuleViolation("gridCode", .noSuchPlace)])
            }
            if let number = household.microGrid, !grid.microGrids.contains(where: { $0.number == number }) {
                throw .invalid(kind: .household, violations: [RuleViolation("microGrid", .noSuchPlace)])
            }
        } else if let resident = record as? Resident {
            let households = try staged(Household.self, StoreLayout.households(resident.gridCode), in: change)
            if !households.contains(where: { $0.id == resident.householdID }) {
                throw .invalid(kind: .resident, violations: [RuleViolation("householdID", .noSuchPlace)])
            }
        } else if let patrol = record as? PatrolLog, let before = previous as? PatrolLog, before.gridCode != patrol.gridCode {
            throw .invalid(kind: .patrolLog, violations: [RuleViolation("gridCode", .changeNotAllowed)])
        }
    }

    /// The audit event of a move: the fields changed, then where from and where to.
    static func moveEvent<R: StoredRecord>(_ record: R, from previous: R, fields: [String]) -> AuditTrail.Event {
        AuditTrail.Event(.move, kind: R.kind, record: record.id.rawValue,
                         fields: fields + ["from=" + (previous.place ?? ""), "to=" + (record.place ?? "")])
    }

    /// A household that moved to another grid takes its residents (kept in the grid's residents
    /// file) along, each moved and audited in the same change, including those who have left.
    func carryResidents(of household: Household, from grid: GridCode, in change: inout PendingChange) throws(StoreError) {
        let oldFile = StoreLayout.residents(grid)
        for var resident in try staged(Resident.self, oldFile, in: change) where resident.householdID == household.id {
            resident.gridCode = household.gridCode
            _ = try prepareSave(resident, from: oldFile, into: &change)
        }
    }
}

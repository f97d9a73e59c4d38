import Foundation
import GridModel
import GridStore

/// Writes what forms produce to the data folder, as the store's writer (the worker logged in):
/// the records of one form as one change, new cases numbered under the lock, and undo steps taken back.
public struct ChangeWriter {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// Saves every change as one transaction (a new case and the finding that opened it land
    /// together or not at all) and says what happened: see `SaveOutcome`. A change that changed
    /// nothing on file is left out of `stored`.
    /// `duplicateOf`, when given, is asked under the folder's lock before anything is written: a
    /// resident it names is already on file (perhaps saved by another copy a moment ago), and the
    /// save becomes that outcome instead.
    public func save(_ changes: [RecordChange], at instant: Date, overwriting: Bool = false,
                     duplicateOf: (() -> Resident?)? = nil) -> SaveOutcome {
        var duplicate: Resident?
        do {
            let committed = try store.transaction(at: instant) { (transaction: StoreTransaction) throws(StoreError) -> [RecordChange] in
                if let found = duplicateOf?() {
                    duplicate = found
                    throw .invalid(kind: .resident, violations: [RuleViolation(FieldPath([.key("idNumber")]), .duplicate)])
                }
                var stored: [RecordChange] = []
                for change in changes {
                    let result = try saveOne(change, in: transaction, overwriting: overwriting)
                    if result.revision != change.revision { stored.append(result) }
                }
                return stored
            }
            // Not confirmed by the disk is still on disk: reported as stored, with the warning.
            return SaveOutcome(stored: committed.value, failure: committed.notConfirmed)
        } catch {
            if let duplicate { return SaveOutcome(stored: [], duplicate: duplicate) }
            return SaveOutcome(stored: [], failure: error)
        }
    }

    private func saveOne(_ change: RecordChange, in transaction: StoreTransaction, overwriting: Bool = false) throws(StoreError) -> RecordChange {
        switch change {
        case .household(let record): return .household(try transaction.save(record, overwriting: overwriting))
        case .resident(let record): return .resident(try transaction.save(record, overwriting: overwriting))
        case .patrol(let record): return .patrol(try transaction.save(record, overwriting: overwriting))
        // A change of worker changes the workers' lists of grids in the same change (see `Store.prepareSave`).
        case .grid(let record): return .grid(try transaction.save(record, overwriting: overwriting))
        case .disputeCase(let record):
            // A new case gets its number while the folder is locked.
            return .disputeCase(record.meta.revision == 0 ? try transaction.saveNewCase(record)
                                                          : try transaction.save(record, overwriting: overwriting))
        }
    }

    /// Takes back a saved change as one transaction: created records removed (each leaving a
    /// tombstone), changed ones put back, last first.
    public func undo(_ step: UndoStep, at instant: Date) throws(StoreError) {
        try store.transaction(at: instant) { (transaction: StoreTransaction) throws(StoreError) in
            for item in step.items.reversed() {
                switch item {
                case .restore(let previous): _ = try saveOne(previous, in: transaction)
                case .remove(.household(let record)): try transaction.remove(record)
                case .remove(.resident(let record)): try transaction.remove(record)
                case .remove(.patrol(let record)): try transaction.remove(record)
                // Neither cases nor grids are taken away; `UndoStep` never asks to.
                case .remove(.disputeCase), .remove(.grid): break
                }
            }
        }.confirmed()
    }

    /// A resident anywhere in the folder (not only the grid being shown) with this ID number,
    /// other than `except`.
    public func resident(withIDNumber number: String, except: RecordID) -> Resident? {
        let wanted = number.uppercased()
        return store.allRecords(Resident.self).first { $0.idNumber == wanted && $0.id != except }
    }
}

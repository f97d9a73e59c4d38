import Foundation
import GridModel
import GridStore

/// Writes what forms produce to the data folder: records in order, new cases numbered under the
/// lock, and undo steps taken back.
public struct ChangeWriter {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// Saves each change in order and returns them as stored (revisions raised, case numbers given),
    /// with the error that stopped the rest, if any: what was stored before it stays stored. A
    /// change that changed nothing on file is left out.
    public func save(_ changes: [RecordChange], by worker: RecordID, at instant: Date,
                     overwriting: Bool = false) -> (stored: [RecordChange], failure: StoreError?) {
        var stored: [RecordChange] = []
        do {
            for change in changes {
                let result = try saveOne(change, by: worker, at: instant, overwriting: overwriting)
                if result.revision != change.revision { stored.append(result) }
            }
        } catch {
            return (stored, error)
        }
        return (stored, nil)
    }

    private func saveOne(_ change: RecordChange, by worker: RecordID, at instant: Date, overwriting: Bool = false) throws(StoreError) -> RecordChange {
        switch change {
        case .household(let record): return .household(try store.save(record, by: worker, at: instant, overwriting: overwriting))
        case .resident(let record): return .resident(try store.save(record, by: worker, at: instant, overwriting: overwriting))
        case .patrol(let record): return .patrol(try store.save(record, by: worker, at: instant, overwriting: overwriting))
        case .disputeCase(let record):
            // A new case gets its number while the folder is locked.
            return .disputeCase(record.meta.revision == 0 ? try store.saveNewCase(record, by: worker, at: instant)
                                                          : try store.save(record, by: worker, at: instant, overwriting: overwriting))
        }
    }

    /// Takes back a saved change: created records removed, changed ones put back, last first.
    public func undo(_ step: UndoStep, by worker: RecordID, at instant: Date) throws(StoreError) {
        for item in step.items.reversed() {
            switch item {
            case .restore(let previous): _ = try saveOne(previous, by: worker, at: instant)
            case .remove(.household(let record)): try store.remove(record, by: worker)
            case .remove(.resident(let record)): try store.remove(record, by: worker)
            case .remove(.patrol(let record)): try store.remove(record, by: worker)
            case .remove(.disputeCase): break
            }
        }
    }

    /// A resident anywhere in the folder (not only the grid being shown) with this ID number,
    /// other than `except`.
    public func resident(withIDNumber number: String, except: RecordID) -> Resident? {
        let wanted = number.uppercased()
        return store.allRecords(Resident.self).first { $0.idNumber == wanted && $0.id != except }
    }
}

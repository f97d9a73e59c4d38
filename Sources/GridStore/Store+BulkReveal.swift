import Foundation
import GridModel

extension Store {
    /// Writes to the audit trail, as one change, that this store's writer exported the numbers
    /// of `reveals` in full (`gridwork export --reveal`): one `reveal` entry per record, like the
    /// dashboard's `x`, so each record's history says who took its numbers and when. An admin's
    /// alone, checked here under the lock as every write is checked, not only by the caller.
    public func recordBulkReveal(_ reveals: [RevealedNumbers], at instant: Date = Date()) throws(StoreError) {
        guard !reveals.isEmpty else { return }
        try holdingLock { () throws(StoreError) in
            let writer = try checkWriter()
            // The role as the list of workers on disk has it now, as `checkRole` judges writes; only a
            // folder without accounts and without workers (being set up) has no roles to check.
            let staff = key == nil && workers.isEmpty ? [] : try load(Worker.self, StoreLayout.workers, verifying: true)
            if !(staff.isEmpty && key == nil), let refusal = AccessPolicy.refusalToRevealInExport(for: staff.first { $0.id == writer }) {
                throw .refused(refusal)
            }
            var change = PendingChange(actor: writer, instant: instant)
            change.events = reveals.map { AuditTrail.Event(.reveal, kind: $0.kind, record: $0.record.rawValue, fields: $0.fields) }
            try apply(change)
        }
    }
}

import Foundation
import GridModel

/// The records of one change, handed to the body of `Store.transaction`: each save or removal is
/// checked as it is added (access, rules, revision, case number), and nothing is written until the
/// body returns. Only valid inside that body.
public final class StoreTransaction {
    private let store: Store
    var pending: PendingChange
    var isOpen = true

    init(store: Store, pending: PendingChange) {
        self.store = store
        self.pending = pending
    }

    /// The worker the change is written by.
    public var actor: RecordID { pending.actor }

    /// Adds saving `record` (see `Store.save`); returns it as it will be stored.
    public func save<R: StoredRecord>(_ record: R, overwriting: Bool = false) throws(StoreError) -> R {
        try checkOpen()
        return try store.prepareSave(record, overwriting: overwriting, into: &pending)
    }

    /// Adds a new case under the next free number of its year (see `Store.saveNewCase`).
    public func saveNewCase(_ disputeCase: DisputeCase) throws(StoreError) -> DisputeCase {
        try checkOpen()
        return try store.prepareNewCase(disputeCase, into: &pending)
    }

    /// Adds many records of one kind at once, an import's: each checked as `save` checks it, but
    /// none with an audit entry of its own; `note` adds the one entry that records the batch.
    /// Returns them as they will be stored, in the order given.
    public func saveBatch<R: StoredRecord>(_ records: [R]) throws(StoreError) -> [R] {
        try checkOpen()
        return try store.prepareBatch(records, into: &pending)
    }

    /// Adds an audit entry to the change, written with it (a batch's one entry).
    public func note(_ event: AuditTrail.Event) throws(StoreError) {
        try checkOpen()
        pending.events.append(event)
    }

    /// Told after each file of the change is written, while the change is being written.
    public var onFileWritten: ((_ written: Int, _ total: Int) -> Void)? {
        get { pending.fileWritten }
        set { pending.fileWritten = newValue }
    }

    /// Adds taking `record` away (see `Store.remove`).
    public func remove<R: StoredRecord & GridScoped>(_ record: R) throws(StoreError) {
        try checkOpen()
        try store.prepareRemoval(record, into: &pending)
    }

    /// A transaction kept past its body no longer holds the lock: it must not add anything.
    private func checkOpen() throws(StoreError) {
        if !isOpen { throw .readOnly(path: store.folder) }
    }
}

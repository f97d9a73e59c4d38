import Foundation
import GridModel

/// One change being put together under the folder's lock: what each file it touches will hold,
/// the account book if it changes, and the audit events. `Store.apply` writes it all through one
/// journal, so it lands whole or not at all.
struct PendingChange {
    /// Who makes the change: the store's writer, checked under the lock.
    let actor: RecordID
    /// In whole seconds, as files and the audit trail keep it.
    let instant: Date
    /// False for big imports: the files are written but not kept in memory.
    var keep: Bool
    /// Every record of every file is encoded and sealed afresh, none of their bytes on file
    /// reused (sealing numbers a file holds in plain text).
    var encodesEveryRecord = false
    var records = RecordsByFile()
    var book: AccountBook?
    /// The whole public key file, when the change adds a key.
    var publicKeys: AuditKeys?
    /// Each grid's whole list of tombstones, when the change adds to it.
    var tombstones: [GridCode: [Tombstone]] = [:]
    var events: [AuditTrail.Event] = []
    /// Records staged in this change as `RecordCoding` encoded them alone, by kind and id
    /// (`ShardEncoder.key`), with their revision.
    var encoded: [String: (revision: Int, bytes: Data)] = [:]
    /// Told after each file of the change is written (files written, files in all, the audit
    /// trail's head among them): an import shows it.
    var fileWritten: ((_ written: Int, _ total: Int) -> Void)?

    init(actor: RecordID, instant: Date, keep: Bool = true) {
        self.actor = actor
        self.instant = Timestamp.wholeSeconds(instant)
        self.keep = keep
    }
}

import Foundation
import GridModel

/// What is left of a record taken away (an undone creation): its kind, id and grid, the revision
/// it had, and who removed it when. Undo, the audit trail and a later sync outbox (which carries
/// "the whole new record or a tombstone", see SYNC.md) all see that it existed and is gone, and
/// its id is never handed out again.
public struct Tombstone: Codable, Hashable, Sendable {
    public let kind: RecordKind
    public let id: RecordID
    public let gridCode: GridCode
    /// The revision on file when it was removed: the base a sync hub compares against.
    public let revision: Int
    public let removedBy: RecordID
    public let removedAt: Date

    public init(kind: RecordKind, id: RecordID, gridCode: GridCode, revision: Int, removedBy: RecordID, removedAt: Date) {
        self.kind = kind
        self.id = id
        self.gridCode = gridCode
        self.revision = revision
        self.removedBy = removedBy
        self.removedAt = removedAt
    }
}

/// One grid's tombstones on disk (`tombstones/<grid code>.json`).
struct TombstoneFile: Codable {
    var schema: Int
    var tombstones: [Tombstone]
}

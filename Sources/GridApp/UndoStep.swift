import GridModel

/// One saved change as it can be taken back: records it created are removed, records it changed
/// are put back as they were. A workflow step (a timeline entry), a new case or a new grid is
/// never undone.
public struct UndoStep: Hashable, Sendable {
    public enum Item: Hashable, Sendable {
        case remove(RecordChange)
        case restore(RecordChange)
    }

    public let items: [Item]
    /// Why this change stays, when it cannot be undone.
    public let isUndoable: Bool
    /// The change added a grid: its folder stays (the message says to edit it instead).
    public let addedGrid: Bool

    /// The step that undoes saving `saved`, each record's earlier version looked up in `before`.
    init(saved: [RecordChange], before: DashboardData) {
        var items: [Item] = []
        var undoable = true
        var addedGrid = false
        for change in saved {
            let previous = before.record(like: change)
            // A grid is never taken away again; an edit of one is put back (its worker's lists follow).
            if case .grid = change, previous == nil {
                addedGrid = true
                undoable = false
                continue
            }
            if case .disputeCase(let now) = change {
                // Cases are never taken away and their timeline never shrinks: only a change of
                // description (title, parties...) can be undone.
                guard case .disputeCase(let old)? = previous, old.timeline == now.timeline else { undoable = false; continue }
            }
            items.append(previous.map { .restore($0.withRevision(change.revision)) } ?? .remove(change))
        }
        self.items = items
        isUndoable = undoable && !items.isEmpty
        self.addedGrid = addedGrid
    }

    private init(items: [Item], isUndoable: Bool, addedGrid: Bool) {
        self.items = items
        self.isUndoable = isUndoable
        self.addedGrid = addedGrid
    }

    /// This step once `undone` (a later one) has been taken back: a record it put back now has
    /// the next revision, so this step must expect that one.
    func rebased(after undone: UndoStep) -> UndoStep {
        var revisions: [RecordID: Int] = [:]
        for case .restore(let record) in undone.items { revisions[record.id] = record.revision + 1 }
        return UndoStep(items: items.map { item in
            switch item {
            case .remove(let record): return revisions[record.id].map { .remove(record.withRevision($0)) } ?? item
            case .restore(let record): return revisions[record.id].map { .restore(record.withRevision($0)) } ?? item
            }
        }, isUndoable: isUndoable, addedGrid: addedGrid)
    }
}

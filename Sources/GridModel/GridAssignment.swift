/// A grid's worker is named twice: by the grid (`Grid.workerID`) and in the worker's own list
/// (`Worker.gridCodes`), which decides what they may change. A change of worker changes both,
/// in one change, so the two never disagree.
public enum GridAssignment {
    /// The workers whose lists change when `grid`'s worker goes from `old` to `new`: the new one
    /// gains the grid, the old one loses it. Others keep theirs (a second worker may help in a
    /// grid without being its worker).
    public static func reassigned(_ grid: GridCode, from old: RecordID?, to new: RecordID?, among workers: [Worker]) -> [Worker] {
        guard old != new else { return [] }
        var changed: [Worker] = []
        for var worker in workers {
            if worker.id == new, !worker.gridCodes.contains(grid) {
                worker.gridCodes.append(grid)
                changed.append(worker)
            } else if worker.id == old, worker.gridCodes.contains(grid) {
                worker.gridCodes.removeAll { $0 == grid }
                changed.append(worker)
            }
        }
        return changed
    }
}

import Foundation
import GridModel

/// The rules that span files within one grid: what a record points to must exist (a resident's
/// household, the households a patrol visited, its worker, a case's patrol). Shared by
/// `Store.checkReferences` and the streaming `Store.checkEverything`, so both say the same.
struct ReferenceRules: Sendable {
    let workerIDs: Set<RecordID>
    /// The grids with a file of their own (read or not): what a worker's list of grids may name.
    let gridCodes: Set<GridCode>
    /// The ids of the grid's readable households and patrol logs.
    var households: Set<RecordID> = []
    /// Households that moved from this grid to another (`Store.householdsMovedAway`): the grid's
    /// earlier patrols still name them, rightly, as the households they visited here.
    var movedAway: Set<RecordID> = []
    var patrols: Set<RecordID> = []
    /// False when one of the grid's households (or patrols) files could not be read: every
    /// reference into it would look broken, so none is checked.
    var householdsReadable = true
    var patrolsReadable = true

    init(workerIDs: Set<RecordID>, gridCodes: Set<GridCode>) {
        self.workerIDs = workerIDs
        self.gridCodes = gridCodes
    }

    static func missing(_ what: LocalizedText) -> LocalizedText {
        LocalizedText(zh: "找不到所指的" + what.zh, en: "refers to a " + what.en + " that does not exist")
    }
    static let household = LocalizedText(zh: "户（应在同一网格）", en: "household (in the same grid)")
    static let worker = LocalizedText(zh: "工作人员", en: "worker")
    static let patrol = LocalizedText(zh: "巡查记录（应在同一网格）", en: "patrol log (in the same grid)")
    static let grid = LocalizedText(zh: "网格", en: "grid")

    func worker(_ worker: Worker) -> [(FieldPath, LocalizedText)] {
        worker.gridCodes.enumerated().compactMap { index, code in
            gridCodes.contains(code) ? nil : (FieldPath("gridCodes").appending(index: index), Self.missing(Self.grid))
        }
    }

    func grid(_ grid: Grid) -> [(FieldPath, LocalizedText)] {
        grid.workerID.map { workerIDs.contains($0) ? [] : [(FieldPath("workerID"), Self.missing(Self.worker))] } ?? []
    }

    func resident(_ resident: Resident) -> [(FieldPath, LocalizedText)] {
        householdsReadable && !households.contains(resident.householdID) ? [(FieldPath("householdID"), Self.missing(Self.household))] : []
    }

    func patrol(_ log: PatrolLog) -> [(FieldPath, LocalizedText)] {
        var found: [(FieldPath, LocalizedText)] = workerIDs.contains(log.workerID) ? [] : [(FieldPath("workerID"), Self.missing(Self.worker))]
        for (index, id) in log.householdIDs.enumerated() where householdsReadable && !households.contains(id) && !movedAway.contains(id) {
            found.append((FieldPath("householdIDs").appending(index: index), Self.missing(Self.household)))
        }
        return found
    }

    func disputeCase(_ disputeCase: DisputeCase) -> [(FieldPath, LocalizedText)] {
        guard let id = disputeCase.patrolID, patrolsReadable, !patrols.contains(id) else { return [] }
        return [(FieldPath("patrolID"), Self.missing(Self.patrol))]
    }

    /// The rules for records of type `R` (none for households, which point nowhere checked).
    func rules<R: StoredRecord>(for type: R.Type) -> (R) -> [(FieldPath, LocalizedText)] {
        switch R.self {
        case is Grid.Type: return { ($0 as? Grid).map(grid) ?? [] }
        case is Worker.Type: return { ($0 as? Worker).map(worker) ?? [] }
        case is Resident.Type: return { ($0 as? Resident).map(resident) ?? [] }
        case is PatrolLog.Type: return { ($0 as? PatrolLog).map(patrol) ?? [] }
        case is DisputeCase.Type: return { ($0 as? DisputeCase).map(disputeCase) ?? [] }
        default: return { _ in [] }
        }
    }
}

/// What the reference rules found in one readable file: every record's id in order (for the
/// folder-wide check that ids are unique), and each broken reference with its record's index.
struct ReferenceFindings: Sendable {
    var ids: [RecordID] = []
    var found: [Finding] = []

    struct Finding: Sendable {
        let index: Int
        let field: FieldPath
        let message: LocalizedText
    }

    init() {}

    init<R: StoredRecord>(_ records: [R], rules: (R) -> [(FieldPath, LocalizedText)]) {
        ids.reserveCapacity(records.count)
        for (index, record) in records.enumerated() {
            ids.append(record.id)
            for (field, message) in rules(record) { found.append(Finding(index: index, field: field, message: message)) }
        }
    }
}

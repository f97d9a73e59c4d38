import GridModel

/// One record as a form left it, ready to save (or, for an undo, to put back or take away).
public enum RecordChange: Hashable, Sendable {
    case household(Household)
    case resident(Resident)
    case patrol(PatrolLog)
    case disputeCase(DisputeCase)
    /// A grid, with its micro-grids (a micro-grid form saves its grid).
    case grid(Grid)

    public var id: RecordID {
        switch self {
        case .household(let record): return record.id
        case .resident(let record): return record.id
        case .patrol(let record): return record.id
        case .disputeCase(let record): return record.id
        case .grid(let record): return record.id
        }
    }

    public var revision: Int {
        switch self {
        case .household(let record): return record.meta.revision
        case .resident(let record): return record.meta.revision
        case .patrol(let record): return record.meta.revision
        case .disputeCase(let record): return record.meta.revision
        case .grid(let record): return record.meta.revision
        }
    }

    /// The screen that lists this kind of record.
    var screen: ScreenID {
        switch self {
        case .household, .resident: return .households
        case .patrol: return .patrols
        case .disputeCase: return .cases
        case .grid: return .grids
        }
    }

    /// The same record carrying `revision`, so putting an old version back is not refused as stale.
    func withRevision(_ revision: Int) -> RecordChange {
        switch self {
        case .household(var record): record.meta.revision = revision; return .household(record)
        case .resident(var record): record.meta.revision = revision; return .resident(record)
        case .patrol(var record): record.meta.revision = revision; return .patrol(record)
        case .disputeCase(var record): record.meta.revision = revision; return .disputeCase(record)
        case .grid(var record): record.meta.revision = revision; return .grid(record)
        }
    }
}

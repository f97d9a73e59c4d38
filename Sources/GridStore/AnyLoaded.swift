import GridModel

/// One file read off the store's thread, whatever kind of record it holds, so the files of a
/// grid (households, residents, patrols, cases) can be read side by side (`Store.preload`).
enum AnyLoaded: Sendable {
    case grids(Result<ShardReader.Loaded<Grid>, ShardProblems>)
    case workers(Result<ShardReader.Loaded<Worker>, ShardProblems>)
    case households(Result<ShardReader.Loaded<Household>, ShardProblems>)
    case residents(Result<ShardReader.Loaded<Resident>, ShardProblems>)
    case patrols(Result<ShardReader.Loaded<PatrolLog>, ShardProblems>)
    case cases(Result<ShardReader.Loaded<DisputeCase>, ShardProblems>)

    static func read(_ kind: RecordKind, _ path: String, with reader: ShardReader, rulesCheckedFor checked: Int?) -> AnyLoaded {
        switch kind {
        case .grid: .grids(reader.read(Grid.self, path, rulesCheckedFor: checked))
        case .worker: .workers(reader.read(Worker.self, path, rulesCheckedFor: checked))
        case .household: .households(reader.read(Household.self, path, rulesCheckedFor: checked))
        case .resident: .residents(reader.read(Resident.self, path, rulesCheckedFor: checked))
        case .patrolLog: .patrols(reader.read(PatrolLog.self, path, rulesCheckedFor: checked))
        case .disputeCase: .cases(reader.read(DisputeCase.self, path, rulesCheckedFor: checked))
        }
    }
}

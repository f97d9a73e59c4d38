/// The kinds of record, as named in files, statistics and messages.
public enum RecordKind: String, CaseIterable, Codable, Hashable, Sendable {
    case grid
    case worker
    case household
    case resident
    case patrolLog
    case disputeCase

    public func name(_ language: Language) -> String {
        switch self {
        case .grid: return language == .zh ? "网格" : "grids"
        case .worker: return language == .zh ? "工作人员" : "workers"
        case .household: return language == .zh ? "户" : "households"
        case .resident: return language == .zh ? "居民" : "residents"
        case .patrolLog: return language == .zh ? "巡查记录" : "patrol logs"
        case .disputeCase: return language == .zh ? "矛盾纠纷" : "dispute cases"
        }
    }
}

/// What a worker may do.
public enum WorkerRole: String, CaseIterable, Codable, Hashable, Sendable {
    case gridWorker
    case admin
    case supervisor

    public func name(_ language: Language) -> String {
        switch self {
        case .gridWorker: return language == .zh ? "网格员" : "grid worker"
        case .admin: return language == .zh ? "社区管理员" : "community admin"
        case .supervisor: return language == .zh ? "督导（只读）" : "supervisor (read-only)"
        }
    }
}

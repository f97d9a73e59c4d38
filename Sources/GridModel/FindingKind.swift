/// What a patrol found.
public enum FindingKind: String, CaseIterable, Codable, Hashable, Sendable {
    case hazard
    case request
    case dispute

    public func name(_ language: Language) -> String {
        switch self {
        case .hazard: return language == .zh ? "安全隐患" : "hazard"
        case .request: return language == .zh ? "居民诉求" : "request"
        case .dispute: return language == .zh ? "矛盾纠纷" : "dispute"
        }
    }
}

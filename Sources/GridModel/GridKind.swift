/// A grid lies in a city community or in a village; the community part of its code tells which.
public enum GridKind: String, CaseIterable, Codable, Hashable, Sendable {
    case community
    case village

    public func name(_ language: Language) -> String {
        switch self {
        case .community: return language == .zh ? "社区" : "community"
        case .village: return language == .zh ? "村" : "village"
        }
    }
}

/// How a dwelling is occupied.
public enum Residency: String, CaseIterable, Codable, Hashable, Sendable {
    case ownerOccupied
    case rented
    case vacant

    public func name(_ language: Language) -> String {
        switch self {
        case .ownerOccupied: return language == .zh ? "自住" : "owner-occupied"
        case .rented: return language == .zh ? "出租" : "rented"
        case .vacant: return language == .zh ? "空置" : "vacant"
        }
    }
}

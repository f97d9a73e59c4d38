/// Whether a resident still lives at the address.
public enum ResidentStatus: String, CaseIterable, Codable, Hashable, Sendable {
    case livingHere
    case away
    case movedOut
    case deceased

    /// Moved out or deceased: the resident no longer counts in the household.
    public var hasLeft: Bool { self == .movedOut || self == .deceased }
    /// Whether the resident still counts among the people of the area: one who moved out or died
    /// stays on file and findable, but leaves every count and every list of visits due.
    public var isCounted: Bool { !hasLeft }

    public func name(_ language: Language) -> String {
        switch self {
        case .livingHere: return language == .zh ? "在住" : "living here"
        case .away: return language == .zh ? "外出" : "away"
        case .movedOut: return language == .zh ? "迁出" : "moved out"
        case .deceased: return language == .zh ? "已故" : "deceased"
        }
    }
}

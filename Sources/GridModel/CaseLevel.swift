/// Who is handling a case. "小事不出网格，大事不出社区": a case escalates one level at a time.
public enum CaseLevel: String, CaseIterable, Codable, Hashable, Comparable, Sendable {
    case grid
    case community
    case street
    case district

    /// The level above, or nil at the top.
    public var above: CaseLevel? {
        switch self {
        case .grid: return .community
        case .community: return .street
        case .street: return .district
        case .district: return nil
        }
    }

    public static func < (lhs: CaseLevel, rhs: CaseLevel) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }

    public func name(_ language: Language) -> String {
        switch self {
        case .grid: return language == .zh ? "网格" : "grid"
        case .community: return language == .zh ? "社区" : "community"
        case .street: return language == .zh ? "街道" : "street"
        case .district: return language == .zh ? "区" : "district"
        }
    }
}

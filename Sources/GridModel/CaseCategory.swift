/// The kind of dispute.
public enum CaseCategory: String, CaseIterable, Codable, Hashable, Sendable {
    case neighbours
    case familyAndMarriage
    case propertyManagement
    case wages
    case housingAndLand
    case debt
    case damages
    case other

    public func name(_ language: Language) -> String {
        switch self {
        case .neighbours: return language == .zh ? "邻里纠纷" : "neighbours"
        case .familyAndMarriage: return language == .zh ? "婚姻家庭" : "family and marriage"
        case .propertyManagement: return language == .zh ? "物业纠纷" : "property management"
        case .wages: return language == .zh ? "劳资纠纷" : "wages"
        case .housingAndLand: return language == .zh ? "房屋土地" : "housing and land"
        case .debt: return language == .zh ? "债务纠纷" : "debt"
        case .damages: return language == .zh ? "损害赔偿" : "damages"
        case .other: return language == .zh ? "其他" : "other"
        }
    }
}

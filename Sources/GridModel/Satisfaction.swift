/// The resident's rating of the result.
public enum Satisfaction: String, CaseIterable, Codable, Hashable, Sendable {
    case satisfied
    case mostlySatisfied
    case notSatisfied

    public func name(_ language: Language) -> String {
        switch self {
        case .satisfied: return language == .zh ? "满意" : "satisfied"
        case .mostlySatisfied: return language == .zh ? "基本满意" : "mostly satisfied"
        case .notSatisfied: return language == .zh ? "不满意" : "not satisfied"
        }
    }
}

/// How a mediation ended.
public enum Outcome: String, CaseIterable, Codable, Hashable, Sendable {
    case agreementReached
    case partial
    case failed
    case referredToCourt
    case referredToDepartment

    public func name(_ language: Language) -> String {
        switch self {
        case .agreementReached: return language == .zh ? "调解成功" : "agreement reached"
        case .partial: return language == .zh ? "部分达成" : "partial agreement"
        case .failed: return language == .zh ? "调解不成" : "failed"
        case .referredToCourt: return language == .zh ? "转诉讼" : "referred to court"
        case .referredToDepartment: return language == .zh ? "转相关部门" : "referred to a department"
        }
    }
}

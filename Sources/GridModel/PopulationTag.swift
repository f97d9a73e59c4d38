/// Special-population tags. Tagged people need visits on a schedule (`VisitSchedule`); the to-do list shows who is due.
public enum PopulationTag: String, CaseIterable, Codable, Hashable, Sendable {
    case elderlyAlone           // 独居老人
    case emptyNestElderly       // 空巢老人
    case leftBehindChild        // 留守儿童
    case disabled               // 残疾人
    case subsistenceAllowance   // 低保
    case veteran                // 退役军人
    case partyMember            // 党员
    case migrant                // 流动人口
    case communityCorrection    // 社区矫正
    case severeMentalDisorder   // 严重精神障碍

    public func name(_ language: Language) -> String {
        switch self {
        case .elderlyAlone: return language == .zh ? "独居老人" : "elderly living alone"
        case .emptyNestElderly: return language == .zh ? "空巢老人" : "empty-nest elderly"
        case .leftBehindChild: return language == .zh ? "留守儿童" : "left-behind child"
        case .disabled: return language == .zh ? "残疾人" : "disabled"
        case .subsistenceAllowance: return language == .zh ? "低保" : "subsistence allowance"
        case .veteran: return language == .zh ? "退役军人" : "veteran"
        case .partyMember: return language == .zh ? "党员" : "party member"
        case .migrant: return language == .zh ? "流动人口" : "migrant"
        case .communityCorrection: return language == .zh ? "社区矫正" : "under community correction"
        case .severeMentalDisorder: return language == .zh ? "严重精神障碍" : "severe mental disorder"
        }
    }
}

/// What a patrol log records.
public enum PatrolKind: String, CaseIterable, Codable, Hashable, Sendable {
    case routine
    case homeVisit
    case hazardCheck
    case saturdayReception
    case quarterlyRound

    public func name(_ language: Language) -> String {
        switch self {
        case .routine: return language == .zh ? "日常巡查" : "routine patrol"
        case .homeVisit: return language == .zh ? "入户走访" : "home visit"
        case .hazardCheck: return language == .zh ? "安全隐患排查" : "hazard check"
        case .saturdayReception: return language == .zh ? "逢六说事" : "Saturday reception"
        case .quarterlyRound: return language == .zh ? "季度敲门" : "quarterly door-knocking"
        }
    }
}

/// How a case came to the grid worker.
public enum CaseSource: String, CaseIterable, Codable, Hashable, Sendable {
    case resident
    case patrol
    case saturdayReception
    case hotline

    public func name(_ language: Language) -> String {
        switch self {
        case .resident: return language == .zh ? "居民反映" : "raised by a resident"
        case .patrol: return language == .zh ? "巡查发现" : "found on patrol"
        case .saturdayReception: return language == .zh ? "逢六说事" : "Saturday reception"
        case .hotline: return language == .zh ? "热线转办" : "hotline"
        }
    }
}
